package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the shape of two JSON documents: the same keys at every level and the same kinds of
 * values (object, array, string, number, boolean), values themselves aside. Each element of an
 * array must have the shape of some element of the expected array (an empty expected array
 * accepts anything). Where the expected value is null (a date or quantity WooCommerce leaves
 * unset), null or a string is accepted; where it is set, null is accepted only for a string (an
 * unset date).
 */
public final class JsonShape {

    private JsonShape() {
    }

    /** The differences, each with its path; empty when the shapes match. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare(expected, actual, "$", out);
        return out;
    }

    private static void compare(JsonNode expected, JsonNode actual, String path, List<String> out) {
        if (expected.isNull()) {
            if (!actual.isNull() && !actual.isTextual()) {
                out.add(path + ": expected null or a string, got " + kind(actual));
            }
            return;
        }
        if (actual.isNull()) {
            if (!expected.isTextual()) {
                out.add(path + ": expected " + kind(expected) + ", got null");
            }
            return;
        }
        if (!kind(expected).equals(kind(actual))) {
            out.add(path + ": expected " + kind(expected) + ", got " + kind(actual));
            return;
        }
        if (expected.isObject()) {
            Set<String> expectedKeys = keys(expected);
            Set<String> actualKeys = keys(actual);
            for (String key : expectedKeys) {
                if (!actualKeys.contains(key)) {
                    out.add(path + "." + key + ": missing");
                } else {
                    compare(expected.get(key), actual.get(key), path + "." + key, out);
                }
            }
            for (String key : actualKeys) {
                if (!expectedKeys.contains(key)) {
                    out.add(path + "." + key + ": not in the fixture");
                }
            }
        } else if (expected.isArray() && !expected.isEmpty()) {
            for (int i = 0; i < actual.size(); i++) {
                List<String> best = null;
                for (JsonNode candidate : expected) {
                    List<String> diff = new ArrayList<>();
                    compare(candidate, actual.get(i), path + "[" + i + "]", diff);
                    if (best == null || diff.size() < best.size()) {
                        best = diff;
                    }
                }
                out.addAll(best);
            }
        }
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.getNodeType().name().toLowerCase();
    }
}
