package com.wooodoo.sync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;

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

/**
 * The Odoo simulator, able to hold back the answer of one JSON-RPC call <em>after</em> running it:
 * the call's effect is in the database, its status line is sent, but the body stays back until
 * {@link Hold#release()}. The client is then stuck exactly between "the target did it" and "I know
 * the target did it" — the moment a crash hurts most.
 */
public class HoldingOdooSimulator extends OdooSimulator {

    private final AtomicReference<Hold> armed = new AtomicReference<>();

    public HoldingOdooSimulator(int port, long seed, String database, String login, String password, String apiKey) {
        super(port, seed, database, login, password, apiKey);
    }

    @Override
    public synchronized HoldingOdooSimulator start() {
        super.start();
        return this;
    }

    /**
     * Holds the answer of the {@code nth} (1-based) {@code execute_kw} call of {@code model.method}
     * from now on, e.g. {@code holdAnswer("res.partner", "create", 8)}.
     */
    public Hold holdAnswer(String model, String method, int nth) {
        Hold hold = new Hold(model + "." + method, nth);
        armed.set(hold);
        return hold;
    }

    /** One armed hold. */
    public static final class Hold {
        private final String kind;
        private final AtomicInteger countdown;
        private final CompletableFuture<JsonNode> held = new CompletableFuture<>();
        private final CountDownLatch released = new CountDownLatch(1);

        Hold(String kind, int nth) {
            this.kind = kind;
            this.countdown = new AtomicInteger(nth);
        }

        /** Whether the call has run and its answer is being held. */
        public boolean isHolding() {
            return held.isDone();
        }

        /** The request whose answer is held (once {@link #isHolding()}). */
        public JsonNode heldRequest() {
            return held.getNow(null);
        }

        /** Lets the held answer go (to a client that may be dead by now). */
        public void release() {
            released.countDown();
        }
    }

    @Override
    protected void handleApi(HttpExchange exchange) throws IOException {
        Hold hold = armed.get();
        if (hold == null || hold.held.isDone() || !"/jsonrpc".equals(exchange.getRequestURI().getPath())) {
            super.handleApi(exchange);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        JsonNode request = parse(body);
        boolean matches = request != null && hold.kind.equals(kindOf(request)) && hold.countdown.decrementAndGet() == 0;
        if (!matches) {
            exchange.setStreams(new ByteArrayInputStream(body), null);
            super.handleApi(exchange);
            return;
        }
        OutputStream realBody = exchange.getResponseBody();
        ByteArrayOutputStream heldBody = new ByteArrayOutputStream();
        exchange.setStreams(new ByteArrayInputStream(body), heldBody);
        super.handleApi(exchange); // runs the call; the status line goes out, the body into heldBody
        hold.held.complete(request);
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

    private static String kindOf(JsonNode request) {
        JsonNode params = request.path("params");
        if (!"object".equals(params.path("service").asText()) || !"execute_kw".equals(params.path("method").asText())) {
            return params.path("service").asText() + "." + params.path("method").asText();
        }
        JsonNode args = params.path("args");
        return args.path(3).asText() + "." + args.path(4).asText();
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
