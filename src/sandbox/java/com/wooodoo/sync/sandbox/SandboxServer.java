package com.wooodoo.sync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The common machinery of the simulators: a real HTTP server on loopback, fault injection, and
 * the admin calls under {@code /__sandbox/} ({@code GET|PUT faults}, {@code GET stats},
 * {@code POST reset}). Subclasses answer the system's own API in {@link #handleApi}.
 * Nothing in the product depends on this package; only the demo configuration and tests start it.
 */
public abstract class SandboxServer implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK's server writes a response's headers and its body in two sends; with Nagle's
        // algorithm on, a small body then waits for the client's delayed ACK of the headers (40 ms
        // on Linux) and every short answer takes that long. The JDK reads this setting once, when
        // its first server is created; one set on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String name;
    private final int requestedPort;
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private final AtomicLong faultsAnswered = new AtomicLong();
    private final AtomicInteger forcedFaults = new AtomicInteger();
    private final java.util.Queue<OneShot> oneShots = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Random faultRandom;
    private HttpServer server;
    private ExecutorService executor;

    /** @param port 0 for any free port */
    protected SandboxServer(String name, int port, long seed) {
        this.name = name;
        this.requestedPort = port;
        this.faultRandom = new Random(seed ^ 0x5DEECE66DL);
    }

    public synchronized SandboxServer start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 200);
        } catch (IOException e) {
            throw new IllegalStateException(name + " simulator cannot listen on port " + requestedPort + ": " + e.getMessage(), e);
        }
        executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, name + "-sandbox");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Faults faults() {
        return faults.get();
    }

    public void setFaults(Faults value) {
        faults.set(value);
    }

    /** A server error for the next call whose {@code METHOD path?query} contains {@code callPart}. */
    private record OneShot(String callPart) {
    }

    /**
     * The next call whose {@code METHOD path?query} contains {@code callPart} (such as
     * {@code "GET /wp-json/wc/v3/customers?page=1&per_page=1&"}) is answered with a server error,
     * once, whatever the faults set; given twice, the next two such calls.
     */
    public void failNextCall(String callPart) {
        oneShots.add(new OneShot(callPart));
    }

    /**
     * The next {@code count} API calls meet the first fault the faults set has a share of (timeout,
     * 429, server error, proxy page, in that order), whatever the random draw: a test of a fault
     * kind is sure to meet it, however few calls the sync makes.
     */
    public void faultNextCalls(int count) {
        forcedFaults.set(count);
    }

    /** One-shot failures not yet answered ({@link #failNextCall}). */
    public int oneShotFailuresLeft() {
        return oneShots.size();
    }

    /** API calls answered with a fault (down, held past the timeout, 429, server error, proxy page, refused credentials) so far. */
    public long faultsAnswered() {
        return faultsAnswered.get();
    }

    /** How many API calls were answered, by kind (see {@link #countAs}). */
    public Map<String, Long> stats() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        requestCounts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** API calls being answered right now, such as one held past the client's timeout. */
    public int callsInFlight() {
        return callsInFlight.get();
    }

    public void resetStats() {
        requestCounts.clear();
        faultsAnswered.set(0);
    }

    /** Counts one API call of a kind, such as {@code GET customers} or {@code execute_kw res.partner.create}. */
    protected void countAs(String kind) {
        requestCounts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Answers one call of the system's API (faults are applied before). */
    protected abstract void handleApi(HttpExchange exchange) throws IOException;

    /** Answers an authentication failure in the system's own shape. */
    protected abstract void answerAuthFailure(HttpExchange exchange) throws IOException;

    /** Answers a server error in the system's own shape. */
    protected abstract void answerServerError(HttpExchange exchange) throws IOException;

    /** Empties the simulator's data. */
    public abstract void reset();

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/__sandbox/")) {
                handleAdmin(exchange, path.substring("/__sandbox/".length()));
                return;
            }
            callsInFlight.incrementAndGet();
            try {
                answerApiCall(exchange);
            } finally {
                callsInFlight.decrementAndGet();
            }
        } catch (RuntimeException e) {
            sendJson(exchange, 500, Map.of("code", "sandbox_error", "message", String.valueOf(e.getMessage())));
        }
    }

    /** Applies the faults set, then answers the call (or not, as the faults say). */
    private void answerApiCall(HttpExchange exchange) throws IOException {
        if (oneShotMatches(exchange)) {
            faultsAnswered.incrementAndGet();
            answerServerError(exchange);
            return;
        }
        Faults current = faults.get();
        if (current.down()) {
            faultsAnswered.incrementAndGet();
            sendJson(exchange, 503, Map.of("code", "down", "message", name + " is down (simulated)",
                    "data", Map.of("status", 503)));
            return;
        }
        sleep(current.latencyMs());
        double draw;
        synchronized (faultRandom) {
            draw = faultRandom.nextDouble();
        }
        if (forcedFaults.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            draw = 0; // the first fault with a share
        }
        if (draw < current.timeoutShare()) {
            faultsAnswered.incrementAndGet();
            sleep(current.timeoutMs());
        }
        double second = draw - current.timeoutShare();
        if (second >= 0 && second < current.rateLimitShare()) {
            faultsAnswered.incrementAndGet();
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(current.retryAfterSeconds()));
            sendJson(exchange, 429, Map.of("code", "too_many_requests", "message", "Too many requests (simulated)",
                    "data", Map.of("status", 429)));
            return;
        }
        double third = second - current.rateLimitShare();
        if (third >= 0 && third < current.serverErrorShare()) {
            faultsAnswered.incrementAndGet();
            answerServerError(exchange);
            return;
        }
        double fourth = third - current.serverErrorShare();
        if (fourth >= 0 && fourth < current.proxyPageShare()) {
            faultsAnswered.incrementAndGet();
            answerProxyPage(exchange, fourth < current.proxyPageShare() / 2 ? 502 : 503);
            return;
        }
        if (current.authFailure()) {
            faultsAnswered.incrementAndGet();
            answerAuthFailure(exchange);
            return;
        }
        handleApi(exchange);
    }

    private boolean oneShotMatches(HttpExchange exchange) {
        if (oneShots.isEmpty()) {
            return false;
        }
        java.net.URI uri = exchange.getRequestURI();
        String call = exchange.getRequestMethod() + " " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        for (OneShot shot : oneShots) {
            if (call.contains(shot.callPart()) && oneShots.remove(shot)) {
                return true;
            }
        }
        return false;
    }

    private void handleAdmin(HttpExchange exchange, String action) throws IOException {
        String method = exchange.getRequestMethod();
        switch (action) {
            case "faults" -> {
                if ("PUT".equals(method) || "POST".equals(method)) {
                    setFaults(JSON.treeToValue(readJson(exchange), Faults.class));
                }
                sendJson(exchange, 200, faults.get());
            }
            case "stats" -> sendJson(exchange, 200, stats());
            case "reset" -> {
                reset();
                resetStats();
                setFaults(Faults.NONE);
                sendJson(exchange, 200, Map.of("reset", true));
            }
            default -> handleSandboxAction(exchange, action);
        }
    }

    /** Further admin calls of a simulator, such as seeding; 404 unless overridden. */
    protected void handleSandboxAction(HttpExchange exchange, String action) throws IOException {
        sendJson(exchange, 404, Map.of("message", "no sandbox action " + action));
    }

    protected static JsonNode readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        }
    }

    protected static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** What a reverse proxy sends when the system behind it fails: an HTML page, not the system's JSON. */
    private static void answerProxyPage(HttpExchange exchange, int status) throws IOException {
        String title = status + (status == 502 ? " Bad Gateway" : " Service Temporarily Unavailable");
        byte[] bytes = ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    protected static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
