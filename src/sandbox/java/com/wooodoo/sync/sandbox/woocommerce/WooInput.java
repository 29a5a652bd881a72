package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads request fields the way WooCommerce's setters take them (loosely typed, like PHP). */
final class WooInput {

    private static final Pattern LEADING_INTEGER = Pattern.compile("^-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("^-?\\d+(\\.\\d+)?$");
    /** A simplified WordPress {@code is_email()}: ASCII local part, a dotted domain, at least 6 characters. */
    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");

    private WooInput() {
    }

    /** The text at {@code field}; null when absent, "" for JSON null; numbers and booleans as PHP prints them. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            return "";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "1" : "";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        throw WooApiException.invalidParam(field, field + " is not of type string.");
    }

    static void copyText(JsonNode body, ObjectNode target, String field) {
        String value = text(body, field);
        if (value != null) {
            target.put(field, value.strip());
        }
    }

    /** Copies the given keys of a nested address object ({@code billing}, {@code shipping}). */
    static void copyObject(JsonNode body, ObjectNode target, String field, List<String> keys) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            throw WooApiException.invalidParam(field, field + " is not of type object.");
        }
        ObjectNode nested = (ObjectNode) target.get(field);
        for (String key : keys) {
            String text = text(value, key);
            if (text != null) {
                nested.put(key, text.strip());
            }
        }
    }

    /** Like {@code wc_format_decimal}: a decimal as given, "" for anything that is not a number. */
    static String decimal(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return DECIMAL.matcher(trimmed).matches() ? trimmed : "";
    }

    static BigDecimal money(String value) {
        return value == null || value.isEmpty() ? BigDecimal.ZERO : new BigDecimal(value);
    }

    static String money(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** PHP's {@code (int)} of a posted id or quantity; null when absent or JSON null. */
    static Long integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        String text = value.asText().strip();
        Matcher m = LEADING_INTEGER.matcher(text);
        return m.find() ? Long.parseLong(m.group()) : 0L;
    }

    static Boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.asText().strip().toLowerCase();
        return !(text.isEmpty() || text.equals("0") || text.equals("false") || text.equals("no"));
    }

    static boolean isEmail(String value) {
        return value != null && value.length() >= 6 && EMAIL.matcher(value).matches();
    }
}
