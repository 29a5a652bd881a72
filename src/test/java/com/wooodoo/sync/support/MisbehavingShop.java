package com.wooodoo.sync.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shop that answers every call badly, in turn: {@code 429} with {@code Retry-After: 86400}; a
 * page whose body drips one byte every 200 ms; a page of 100 MB. For proving that such a shop
 * holds up no other organisation.
 */
public final class MisbehavingShop implements AutoCloseable {

    private static final long HUGE_PAGE_BYTES = 100L * 1024 * 1024;
    private static final byte[] CUSTOMER = ("{\"id\":1,\"email\":\"someone@example.com\",\"first_name\":\"Some\","
            + "\"last_name\":\"One\",\"billing\":{},\"shipping\":{}},").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicLong calls = new AtomicLong();

    public MisbehavingShop() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Calls answered (or being answered) so far. */
    public long calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            switch ((int) (calls.getAndIncrement() % 3)) {
                case 0 -> {
                    byte[] body = "{\"code\":\"too_many_requests\",\"message\":\"Slow down\",\"data\":{\"status\":429}}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Retry-After", "86400");
                    exchange.sendResponseHeaders(429, body.length);
                    exchange.getResponseBody().write(body);
                }
                case 1 -> drip(exchange);
                default -> huge(exchange);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up on the answer, as it should
        }
    }

    private static void drip(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("X-WP-Total", "1");
        exchange.getResponseHeaders().set("X-WP-TotalPages", "1");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        byte[] body = ("[" + new String(CUSTOMER, StandardCharsets.UTF_8).repeat(200)).getBytes(StandardCharsets.UTF_8);
        for (byte b : body) {
            out.write(b);
            out.flush();
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static void huge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("X-WP-Total", "1000000");
        exchange.getResponseHeaders().set("X-WP-TotalPages", "10000");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write('[');
        byte[] chunk = new byte[CUSTOMER.length * 1_000];
        for (int i = 0; i < 1_000; i++) {
            System.arraycopy(CUSTOMER, 0, chunk, i * CUSTOMER.length, CUSTOMER.length);
        }
        for (long sent = 0; sent < HUGE_PAGE_BYTES; sent += chunk.length) {
            out.write(chunk);
        }
        out.write("{}]".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
