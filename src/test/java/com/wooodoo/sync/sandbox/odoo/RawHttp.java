package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a simulator, for tests of the simulator itself. */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    /** A status and a body (parsed when it is JSON, else null). */
    public record Answer(int status, String text, JsonNode json) {
    }

    public RawHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Answer post(String path, Object body, String... headers) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(text));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON-RPC call to {@code /jsonrpc}. */
    public Answer jsonRpc(String service, String method, Object... args) {
        return post("/jsonrpc", JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "call").put("id", 1)
                .set("params", JSON.createObjectNode().put("service", service).put("method", method)
                        .set("args", JSON.valueToTree(args))), "Content-Type", "application/json");
    }

    /** {@code execute_kw} as the simulator's user with the fixtures' credentials. */
    public Answer executeKw(String model, String method, Object args, Object kwargs) {
        return executeKwAs(OdooFixtures.PASSWORD, model, method, args, kwargs);
    }

    public Answer executeKwAs(String password, String model, String method, Object args, Object kwargs) {
        return jsonRpc("object", "execute_kw", OdooFixtures.DATABASE, 2, password, model, method, args, kwargs);
    }

    /** A JSON-2 call with the fixtures' API key. */
    public Answer json2(String model, String method, Object body) {
        return post("/json/2/" + model + "/" + method, body, "Authorization", "bearer " + OdooFixtures.API_KEY,
                "Content-Type", "application/json", "X-Odoo-Database", OdooFixtures.DATABASE);
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Answer(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
