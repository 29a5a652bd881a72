package com.wooodoo.sync.connector;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

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

        /** Its status line and headers sent only after this long (the body at once after them). */
        public Answer headersAfter(Duration delay) {
            return with(HEADERS_AFTER_MS, String.valueOf(delay.toMillis()));
        }

        /** Sent a byte at a time, {@code perByte} apart: slow enough never to trip a read timeout, yet endless. */
        public Answer dripped(Duration perByte) {
            return with(DRIP_MS, String.valueOf(perByte.toMillis()));
        }

        public Answer with(String header, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(header, value);
            return new Answer(status, all, body, repeat);
        }
    }

    /** A header of an answer that is sent without Content-Length (chunked), not as a header. */
    public static final String CHUNKED = "X-Scripted-Chunked";
    /** A header of an answer whose body is dripped (milliseconds between bytes), not sent as a header. */
    public static final String DRIP_MS = "X-Scripted-Drip-Ms";
    /** A header of an answer whose headers are held back (milliseconds), not sent as a header. */
    public static final String HEADERS_AFTER_MS = "X-Scripted-Headers-After-Ms";

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<String> requests = new ArrayList<>();
    private final List<String> queries = new ArrayList<>();
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
                    queries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
                }
                exchange.getRequestBody().readAllBytes();
                Answer answer = script.poll();
                if (answer == null) {
                    answer = Answer.of(500, "text/plain", "script exhausted");
                }
                boolean chunked = answer.headers().containsKey(CHUNKED);
                String dripMs = answer.headers().get(DRIP_MS);
                answer.headers().forEach((k, v) -> {
                    if (!k.equals(CHUNKED) && !k.equals(DRIP_MS) && !k.equals(HEADERS_AFTER_MS)) {
                        exchange.getResponseHeaders().set(k, v);
                    }
                });
                String headersAfterMs = answer.headers().get(HEADERS_AFTER_MS);
                if (headersAfterMs != null) {
                    pause(Long.parseLong(headersAfterMs));
                }
                long length = (long) answer.body().length * answer.repeat();
                exchange.sendResponseHeaders(answer.status(), length == 0 ? -1 : chunked ? 0 : length);
                if (length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < answer.repeat(); i++) {
                            if (dripMs == null) {
                                out.write(answer.body());
                            } else {
                                drip(out, answer.body(), Long.parseLong(dripMs));
                            }
                        }
                    } catch (IOException clientGaveUp) {
                        // a client that stops reading a too large answer closes the connection
                    }
                }
            }
        });
        // a dripped answer holds its thread for long: the next requests are answered on others
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "scripted-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    private static void drip(OutputStream out, byte[] body, long dripMs) throws IOException {
        for (byte b : body) {
            out.write(b);
            out.flush();
            pause(dripMs);
        }
    }

    /** The server's own pacing of an answer (what it simulates is a slow peer). */
    private static void pause(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
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

    /** The query strings of the requests, in order ("null" for none). */
    public List<String> queries() {
        synchronized (requests) {
            return List.copyOf(queries);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
