package com.wooodoo.sync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Calls the running service over real HTTP, as the contract's clients do. */
public final class ApiClient {

    public static final String BASE = "/api/v1/integrations/sync/orchestrate";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String host;
    private final int port;
    private final String token;
    private final String orgId;
    private final String userId;

    public ApiClient(int port, String token, String orgId, String userId) {
        this("localhost", port, token, orgId, userId);
    }

    private ApiClient(String host, int port, String token, String orgId, String userId) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.orgId = orgId;
        this.userId = userId;
    }

    /** A client without token of Actuator's management port, which listens on 127.0.0.1 only. */
    public static ApiClient management(int managementPort) {
        return new ApiClient("127.0.0.1", managementPort, null, null, null);
    }

    public ApiClient as(String otherToken, String otherOrgId) {
        return new ApiClient(host, port, otherToken, otherOrgId, userId);
    }

    public ApiClient withUser(String otherUserId) {
        return new ApiClient(host, port, token, orgId, otherUserId);
    }

    /** POST a JSON body to the endpoint, with the given Content-Type (null: none). */
    public Answer post(String pathAndQuery, String body, String contentType) {
        HttpRequest.Builder request = request(pathAndQuery)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** POST raw bytes, as a client with a broken encoder would. */
    public Answer postBytes(String pathAndQuery, byte[] body, String contentType) {
        HttpRequest.Builder request = request(pathAndQuery).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public Answer post(String body) {
        return post(BASE, body, "application/json");
    }

    public Answer get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    public Answer method(String method, String pathAndQuery) {
        return send(request(pathAndQuery).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Starts a sync and returns its id, failing the test unless the answer is 202. */
    public String startSync(String systemsJson, String entityTypesJson) {
        Answer answer = post("{\"action\":\"start\",\"systems\":" + systemsJson + ",\"entityTypes\":" + entityTypesJson + "}");
        if (answer.status() != 202) {
            throw new AssertionError("start answered " + answer.status() + ": " + answer.raw());
        }
        return answer.json().get("syncId").asText();
    }

    public String startSync() {
        return startSync("[\"woocommerce\",\"odoo\"]", "[\"customers\"]");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        List<String> headers = new ArrayList<>();
        if (token != null) {
            headers.add("Authorization");
            headers.add("Bearer " + token);
        }
        if (orgId != null) {
            headers.add("x-org-id");
            headers.add(orgId);
        }
        if (userId != null) {
            headers.add("x-user-id");
            headers.add(userId);
        }
        return headers.isEmpty() ? builder : builder.headers(headers.toArray(String[]::new));
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer. */
    public record Answer(int status, String raw, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(raw);
            } catch (IOException e) {
                throw new AssertionError("answer is not JSON (HTTP " + status + "): " + raw, e);
            }
        }

        public String errorCode() {
            return json().path("error").path("code").asText(null);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
