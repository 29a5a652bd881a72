package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A WordPress/WooCommerce REST error ({@code WP_Error}): answered as
 * {@code {"code", "message", "data": {"status", ...}}}, or inside a batch answer as an item's
 * {@code error}.
 */
final class WooApiException extends RuntimeException {

    private final String code;
    private final int status;
    private final ObjectNode data = JsonNodeFactory.instance.objectNode();

    WooApiException(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        data.put("status", status);
    }

    WooApiException with(String key, JsonNode value) {
        data.set(key, value);
        return this;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", code);
        body.put("message", getMessage());
        body.set("data", data.deepCopy());
        return body;
    }

    /** WordPress's answer to a request argument that fails its schema ({@code rest_invalid_param}). */
    static WooApiException invalidParam(String param, String reason) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode params = f.objectNode().put(param, reason);
        ObjectNode detail = f.objectNode().put("code", "rest_invalid_param").put("message", reason);
        detail.putNull("data");
        return new WooApiException("rest_invalid_param", "Invalid parameter(s): " + param, 400)
                .with("params", params)
                .with("details", f.objectNode().set(param, detail));
    }

    static WooApiException noRoute() {
        return new WooApiException("rest_no_route", "No route was found matching the URL and request method", 404);
    }
}
