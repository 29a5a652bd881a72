package com.wooodoo.sync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The WooCommerce simulator, able to hold back the answer of one REST call <em>after</em> running
 * it, as {@link HoldingOdooSimulator} does for Odoo: the call's effect is in the shop, its status
 * line is sent, but the body stays back until {@link Hold#release()}.
 */
public class HoldingWooCommerceSimulator extends WooCommerceSimulator {

    private static final String API_PREFIX = "/wp-json/wc/v3/";

    private final AtomicReference<Hold> armed = new AtomicReference<>();

    public HoldingWooCommerceSimulator(int port, long seed, String consumerKey, String consumerSecret) {
        super(port, seed, consumerKey, consumerSecret);
    }

    @Override
    public HoldingWooCommerceSimulator start() {
        super.start();
        return this;
    }

    /**
     * Holds the answer of the {@code nth} (1-based) call from now on with this method whose route
     * (the path after {@code /wp-json/wc/v3/}) matches {@code route}, a regular expression, e.g.
     * {@code holdAnswer("POST", "products/\\d+/variations/batch", 3)}.
     */
    public Hold holdAnswer(String method, String route, int nth) {
        Hold hold = new Hold(method, Pattern.compile(route), nth);
        armed.set(hold);
        return hold;
    }

    /** One armed hold. */
    public static final class Hold {
        private final String method;
        private final Pattern route;
        private final AtomicInteger countdown;
        private final CompletableFuture<String> held = new CompletableFuture<>();
        private volatile JsonNode heldBody;
        private final CountDownLatch released = new CountDownLatch(1);

        Hold(String method, Pattern route, int nth) {
            this.method = method;
            this.route = route;
            this.countdown = new AtomicInteger(nth);
        }

        /** Whether the call has run and its answer is being held. */
        public boolean isHolding() {
            return held.isDone();
        }

        /** The route of the call whose answer is held (once {@link #isHolding()}), e.g. {@code products/12/variations/batch}. */
        public String heldRoute() {
            return held.getNow(null);
        }

        /** The body of the call whose answer is held (once {@link #isHolding()}). */
        public JsonNode heldRequest() {
            return heldBody;
        }

        /** Lets the held answer go (to a client that may be dead by now). */
        public void release() {
            released.countDown();
        }

        private boolean matches(String method, String route) {
            return this.method.equalsIgnoreCase(method) && this.route.matcher(route).matches() && countdown.decrementAndGet() == 0;
        }
    }

    @Override
    protected void handleApi(HttpExchange exchange) throws IOException {
        Hold hold = armed.get();
        String path = exchange.getRequestURI().getPath();
        if (hold == null || hold.held.isDone() || !path.startsWith(API_PREFIX)) {
            super.handleApi(exchange);
            return;
        }
        String route = path.substring(API_PREFIX.length()).replaceAll("/+$", "");
        if (!hold.matches(exchange.getRequestMethod(), route)) {
            super.handleApi(exchange);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        OutputStream realBody = exchange.getResponseBody();
        ByteArrayOutputStream heldBody = new ByteArrayOutputStream();
        exchange.setStreams(new ByteArrayInputStream(body), heldBody);
        super.handleApi(exchange); // runs the call; the status line goes out, the body into heldBody
        hold.heldBody = parse(body);
        hold.held.complete(route);
        try {
            hold.released.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            realBody.write(heldBody.toByteArray());
            realBody.close();
        } catch (IOException clientGone) {
            // the client was killed meanwhile: that is the point
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
