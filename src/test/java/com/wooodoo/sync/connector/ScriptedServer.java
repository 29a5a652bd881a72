package com.wooodoo.sync.connector;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An HTTP server on loopback that answers each request with the next scripted answer, whatever it asks. */
public final class ScriptedServer implements AutoCloseable {

    /** One answer; {@code body} is sent as it is, {@code repeat} times over (to build large answers cheaply). */
    public record Answer(int status, Map<String, String> headers, byte[] body, int repeat) {

        public static Answer of(int status, String contentType, String body) {
            return new Answer(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), 1);
        }

        public static Answer json(int status, String body) {
            return of(status, "application/json; charset=UTF-8", body);
        }

        public static Answer html(int status, String body) {
            return of(status, "text/html; charset=UTF-8", body);
        }

        public Answer repeated(int times) {
            return new Answer(status, headers, body, times);
        }

        public Answer chunked() {
            return with(CHUNKED, "yes");
        }

        public Answer with(String header, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(header, value);
            return new Answer(status, all, body, repeat);
        }
    }

    /** A header of an answer that is sent without Content-Length (chunked), not as a header. */
    public static final String CHUNKED = "X-Scripted-Chunked";

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<String> requests = new ArrayList<>();
    private final HttpServer server;

    public ScriptedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                synchronized (requests) {
                    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                }
                exchange.getRequestBody().readAllBytes();
                Answer answer = script.poll();
                if (answer == null) {
                    answer = Answer.of(500, "text/plain", "script exhausted");
                }
                boolean chunked = answer.headers().containsKey(CHUNKED);
                answer.headers().forEach((k, v) -> {
                    if (!k.equals(CHUNKED)) {
                        exchange.getResponseHeaders().set(k, v);
                    }
                });
                long length = (long) answer.body().length * answer.repeat();
                exchange.sendResponseHeaders(answer.status(), length == 0 ? -1 : chunked ? 0 : length);
                if (length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < answer.repeat(); i++) {
                            out.write(answer.body());
                        }
                    } catch (IOException clientGaveUp) {
                        // a client that stops reading a too large answer closes the connection
                    }
                }
            }
        });
        server.start();
    }

    public ScriptedServer add(Answer answer) {
        script.add(answer);
        return this;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
