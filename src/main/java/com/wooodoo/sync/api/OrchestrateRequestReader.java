package com.wooodoo.sync.api;

import com.wooodoo.sync.observability.LogContext;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an HTTP call of the orchestrate endpoint into an {@link OrchestrateRequest}: checks the
 * method, authenticates, counts the call against the organisation's inbound limit, and reads the
 * action and fields from the path, the query string and the JSON body (read as JSON whatever the
 * {@code Content-Type} says).
 */
@Component("orchestrateRequestReader")
public class OrchestrateRequestReader {

    public static final String BASE_PATH = "/api/v1/integrations/sync/orchestrate";
    public static final String REQUEST_PROPERTY = "orchestrateRequest";
    public static final String ACTION_PROPERTY = "orchestrateAction";

    private final ApiAuthenticator authenticator;
    private final InboundRateLimiter rateLimiter;
    private final ObjectMapper json;

    public OrchestrateRequestReader(ApiAuthenticator authenticator, InboundRateLimiter rateLimiter, ObjectMapper json) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.json = json.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public void read(Exchange exchange) {
        HttpServletRequest http = servletRequest(exchange);
        String method = http.getMethod();
        if (!"GET".equals(method) && !"POST".equals(method)) {
            throw methodNotAllowed(method + " is not supported: use POST, or GET for read-only actions", "GET, POST");
        }
        Caller caller = authenticator.authenticate(singleHeader(http, "Authorization"), singleHeader(http, "x-org-id"),
                singleHeader(http, "x-user-id"));
        LogContext.forCall(exchange, caller.orgId());
        rateLimiter.acquire(caller.orgId());

        Map<String, JsonNode> query = queryFields(http.getQueryString());
        Map<String, JsonNode> body = "POST".equals(method)
                ? bodyFields((byte[]) http.getAttribute(RequestBodyFilter.RAW_BODY_ATTRIBUTE)) : Map.of();
        if (!query.isEmpty() && !body.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR,
                    "give the fields either as query parameters or as a JSON body, not both");
        }
        boolean fromQuery = body.isEmpty();
        Map<String, JsonNode> fields = new LinkedHashMap<>(fromQuery ? query : body);

        OrchestrateAction action = action(pathAction(http), fields.remove("action"));
        if ("GET".equals(method) && !action.readOnly()) {
            throw methodNotAllowed("action '" + action.id() + "' changes state: use POST", "POST");
        }
        OrchestrateRequest request = new OrchestrateRequest(action, caller, RequestFields.of(fields, fromQuery));
        exchange.setProperty(REQUEST_PROPERTY, request);
        exchange.setProperty(ACTION_PROPERTY, action.id());
    }

    /** A header that must not be given twice: which of two organisations or tokens was meant is not guessed. */
    private static String singleHeader(HttpServletRequest http, String name) {
        List<String> values = java.util.Collections.list(http.getHeaders(name));
        if (values.size() > 1) {
            throw ApiException.invalid(name, "header given " + values.size() + " times; send it once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static HttpServletRequest servletRequest(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage message && message.getRequest() != null) {
            return message.getRequest();
        }
        throw new IllegalStateException("the orchestrate endpoint must be consumed with platform-http");
    }

    private static String pathAction(HttpServletRequest http) {
        String uri = http.getRequestURI();
        String rest = uri.length() > BASE_PATH.length() ? uri.substring(BASE_PATH.length()) : "";
        rest = rest.startsWith("/") ? rest.substring(1) : rest;
        return rest.isEmpty() ? null : URLDecoder.decode(rest, StandardCharsets.UTF_8);
    }

    private static OrchestrateAction action(String fromPath, JsonNode fromFields) {
        if (fromFields != null && !fromFields.isTextual() && !fromFields.isNull()) {
            throw ApiException.invalid("action", "must be a string");
        }
        String given = fromFields == null || fromFields.isNull() ? null : fromFields.asText();
        if (fromPath != null && given != null && !fromPath.equals(given)) {
            throw ApiException.invalid("action", "the path names '" + abbreviate(fromPath)
                    + "' but the request names '" + abbreviate(given) + "'");
        }
        String id = fromPath != null ? fromPath : given;
        if (id == null) {
            throw ApiException.invalid("action", "is required: one of " + String.join(", ", OrchestrateAction.ids()));
        }
        return OrchestrateAction.fromId(id).orElseThrow(() -> ApiException.invalid("action",
                "unknown action '" + abbreviate(id) + "'; expected one of " + String.join(", ", OrchestrateAction.ids())));
    }

    private Map<String, JsonNode> bodyFields(byte[] body) {
        if (body == null || new String(body, StandardCharsets.ISO_8859_1).isBlank()) {
            return Map.of();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiException.invalid("body", "must be JSON encoded as UTF-8");
        }
        JsonNode tree;
        try (JsonParser parser = json.getFactory().createParser(text)) {
            tree = json.readTree(parser);
            if (parser.nextToken() != null) {
                throw ApiException.invalid("body", "malformed JSON: unexpected content after the JSON object");
            }
        } catch (JsonParseException e) {
            throw ApiException.invalid("body", "malformed JSON: " + e.getOriginalMessage()
                    + location(e.getLocation()));
        } catch (IOException e) {
            throw ApiException.invalid("body", "malformed JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        tree.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    private static String location(com.fasterxml.jackson.core.JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static Map<String, JsonNode> queryFields(String query) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return fields;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("query", "malformed percent-encoding in '" + abbreviate(pair) + "'");
            }
            if (fields.containsKey(name)) {
                throw ApiException.invalid(abbreviate(name), "given more than once in the query string");
            }
            fields.put(name, TextNode.valueOf(value));
        }
        return fields;
    }

    private static ApiException methodNotAllowed(String message, String allow) {
        return new ApiException(ErrorCode.METHOD_NOT_ALLOWED, message, List.of(), Map.of("Allow", allow));
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }

}
