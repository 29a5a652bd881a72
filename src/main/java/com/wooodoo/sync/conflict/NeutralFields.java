package com.wooodoo.sync.conflict;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.FieldType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the source data stored with a conflict (JSON) back into the neutral fields of a
 * {@link com.wooodoo.sync.connector.SyncRecord}, with the Java types the mapping gives each field
 * ({@code BigDecimal} for decimals, {@code Long} for whole numbers, text for references and
 * instants), so that connectors and {@link com.wooodoo.sync.pipeline.ContentHash} see them as the
 * pipeline saw the record.
 */
final class NeutralFields {

    private NeutralFields() {
    }

    static Map<String, Object> of(JsonNode data, List<FieldMapping> mapping) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (data == null || !data.isObject()) {
            return fields;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Optional<FieldMapping> field = mapping.stream().filter(f -> f.name().equals(entry.getKey())).findFirst();
            fields.put(entry.getKey(), field.map(f -> value(entry.getValue(), f)).orElseGet(() -> plain(entry.getValue())));
        }
        return fields;
    }

    private static Object value(JsonNode node, FieldMapping field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        FieldType type = field.type();
        return switch (type) {
            case TEXT, DATETIME, REFERENCE, CATEGORY -> node.isValueNode() ? node.asText() : node.toString();
            case DECIMAL -> node.isNumber() ? node.decimalValue()
                    : node.isTextual() && !node.asText().isBlank() ? decimalOrText(node.asText()) : plain(node);
            case INTEGER -> node.canConvertToExactIntegral() ? Long.valueOf(node.asLong()) : plain(node);
            case BOOLEAN -> node.isBoolean() ? Boolean.valueOf(node.asBoolean()) : plain(node);
            case LINES -> {
                if (!node.isArray()) {
                    yield plain(node);
                }
                List<Object> lines = new ArrayList<>();
                node.forEach(line -> lines.add(line.isObject() ? of(line, field.lineFields()) : plain(line)));
                yield lines;
            }
        };
    }

    private static Object decimalOrText(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** A value the mapping does not describe, in the neutral model's types. */
    private static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(plain(item)));
            return items;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
        return map;
    }
}
