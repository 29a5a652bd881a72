package com.wooodoo.sync.api;

import com.wooodoo.sync.support.ApiClient.Answer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends requests that {@link com.wooodoo.sync.support.ApiClient} cannot: any method, any set of
 * headers (a foreign Authorization scheme, a user id with a tab), a body without a declared length.
 */
final class HttpProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final int port;
    private final String method;
    private final String pathAndQuery;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private boolean chunked;

    private HttpProbe(int port, String method, String pathAndQuery) {
        this.port = port;
        this.method = method;
        this.pathAndQuery = pathAndQuery;
    }

    static HttpProbe request(int port, String method, String pathAndQuery) {
        return new HttpProbe(port, method, pathAndQuery);
    }

    HttpProbe header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The usual three headers of an authenticated call. */
    HttpProbe auth(String token, String orgId, String userId) {
        header("Authorization", "Bearer " + token);
        header("x-org-id", orgId);
        return userId == null ? this : header("x-user-id", userId);
    }

    HttpProbe body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    HttpProbe body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the body with chunked transfer encoding, so the server cannot know its length up front. */
    HttpProbe chunked() {
        this.chunked = true;
        return this;
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) as raw bytes over a
     * socket, for what no HTTP client library will send (control characters in a header), and
     * reads the HTTP/1.0 answer.
     */
    static Answer raw(int port, String head) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, split).split("\r\n");
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            return new Answer(status, response.substring(split + 4), HttpHeaders.of(headers, (name, value) -> true));
        } catch (IOException e) {
            throw new IllegalStateException("raw HTTP call failed", e);
        }
    }

    Answer send() {
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (chunked) {
            byte[] bytes = body;
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher);
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + method + " " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
