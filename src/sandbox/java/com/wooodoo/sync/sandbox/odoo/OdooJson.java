package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Conversions between JSON and the plain Java values rows are stored as. */
final class OdooJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OdooJson() {
    }

    /** A JSON value as Long, Double, String, Boolean, null or List of those. */
    static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(element -> values.add(toJava(element)));
            return values;
        }
        return node.toString();
    }

    /** A Java value (as {@link #toJava} gives, or a map of such) as JSON. */
    static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.booleanNode(false);
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Long || value instanceof Integer) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (value instanceof Collection<?> values) {
            ArrayNode array = NODES.arrayNode();
            values.forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
            return object;
        }
        return NODES.textNode(String.valueOf(value));
    }

    /** A list of record ids: Odoo takes a single id where it takes ids. */
    static List<Long> ids(JsonNode node) {
        List<Long> ids = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return ids;
        }
        if (node.isIntegralNumber()) {
            ids.add(node.asLong());
            return ids;
        }
        if (!node.isArray()) {
            throw OdooError.valueError("Invalid ids: " + node);
        }
        for (JsonNode id : node) {
            if (!id.isIntegralNumber()) {
                throw OdooError.valueError("Invalid id: " + id);
            }
            ids.add(id.asLong());
        }
        return ids;
    }
}
