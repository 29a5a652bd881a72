package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Odoo's error answers: the JSON-RPC envelope of {@code JsonRPCDispatcher.handle_error} (code 200
 * up to Odoo 18, 0 from 19; 100 for an expired session; 404 for an unknown route) and the JSON-2
 * body, which is {@code serialize_exception} alone.
 */
final class OdooErrorBodies {

    private OdooErrorBodies() {
    }

    static ObjectNode jsonRpc(JsonNode id, OdooError error, int serverVersion) {
        return envelope(id, serverVersion >= 19 ? 0 : 200, "Odoo Server Error", error.name(), error.getMessage(),
                OdooJson.toJson(error.arguments()), error.debug());
    }

    static ObjectNode sessionExpired(JsonNode id) {
        return envelope(id, 100, "Odoo Session Expired", "odoo.http.SessionExpiredException", "Session expired",
                OdooJson.toJson(java.util.List.of("Session expired")), "...");
    }

    static ObjectNode routeNotFound(JsonNode id) {
        return envelope(id, 404, "404: Not Found", "werkzeug.exceptions.NotFound",
                "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please "
                        + "check your spelling and try again.", OdooJson.NODES.arrayNode(), "...");
    }

    static ObjectNode json2(OdooError error) {
        ObjectNode body = OdooJson.NODES.objectNode();
        body.put("name", error.name());
        body.put("message", error.getMessage());
        body.set("arguments", OdooJson.toJson(error.arguments()));
        body.set("context", OdooJson.NODES.objectNode());
        body.put("debug", error.debug());
        return body;
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode envelope = OdooJson.NODES.objectNode();
        envelope.put("jsonrpc", "2.0");
        envelope.set("id", id);
        envelope.set("result", result);
        return envelope;
    }

    private static ObjectNode envelope(JsonNode id, int code, String message, String name, String detail,
                                       JsonNode arguments, String debug) {
        ObjectNode data = OdooJson.NODES.objectNode();
        data.put("name", name);
        data.put("debug", debug);
        data.put("message", detail);
        data.set("arguments", arguments);
        data.set("context", OdooJson.NODES.objectNode());
        ObjectNode error = OdooJson.NODES.objectNode();
        error.put("code", code);
        error.put("message", message);
        error.set("data", data);
        ObjectNode envelope = OdooJson.NODES.objectNode();
        envelope.put("jsonrpc", "2.0");
        envelope.set("id", id);
        envelope.set("error", error);
        return envelope;
    }
}
