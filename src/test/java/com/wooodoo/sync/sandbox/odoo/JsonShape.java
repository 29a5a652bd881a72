package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Compares the shape of two JSON documents: the same keys, recursively, and the same kinds of
 * values (object, array, string, integer, number, boolean, null); the values themselves may differ.
 * Arrays whose elements all have one kind are lists: every element of the actual list must have
 * the shape of the expected one's first. Arrays of mixed kinds are tuples ({@code [id, "name"]},
 * {@code ["message", 401]}): compared element by element, the actual one may be longer (Odoo added
 * an element to {@code version_info} after 13.0).
 */
public final class JsonShape {

    private final boolean extraKeysAllowed;
    private final List<String> differences = new ArrayList<>();

    private JsonShape(boolean extraKeysAllowed) {
        this.extraKeysAllowed = extraKeysAllowed;
    }

    /** The differences of shape; empty when the shapes are the same. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        JsonShape shape = new JsonShape(false);
        shape.compare("$", expected, actual);
        return shape.differences;
    }

    /** As {@link #differences}, but the actual objects may have keys the expected ones do not. */
    public static List<String> differencesAllowingExtraKeys(JsonNode expected, JsonNode actual) {
        JsonShape shape = new JsonShape(true);
        shape.compare("$", expected, actual);
        return shape.differences;
    }

    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        return node.getNodeType().name().toLowerCase();
    }

    private void compare(String path, JsonNode expected, JsonNode actual) {
        boolean numbers = expected.isNumber() && actual != null && actual.isNumber() && !expected.isIntegralNumber();
        if (!numbers && !kind(expected).equals(kind(actual))) {
            differences.add(path + ": expected " + kind(expected) + ", got " + kind(actual));
            return;
        }
        if (expected.isObject()) {
            Set<String> keys = new HashSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            Set<String> actualKeys = new HashSet<>();
            actual.fieldNames().forEachRemaining(actualKeys::add);
            for (String key : keys) {
                if (!actualKeys.contains(key)) {
                    differences.add(path + "." + key + ": missing");
                } else {
                    compare(path + "." + key, expected.get(key), actual.get(key));
                }
            }
            if (!extraKeysAllowed) {
                actualKeys.stream().filter(k -> !keys.contains(k)).sorted().forEach(k -> differences.add(path + "." + k + ": unexpected"));
            }
        } else if (expected.isArray() && !expected.isEmpty()) {
            if (actual.isEmpty()) {
                differences.add(path + ": empty, expected elements like " + expected.get(0));
            } else if (isList(expected)) {
                for (int i = 0; i < actual.size(); i++) {
                    compare(path + "[" + i + "]", expected.get(0), actual.get(i));
                }
            } else if (actual.size() < expected.size()) {
                differences.add(path + ": " + actual.size() + " elements, expected at least " + expected.size());
            } else {
                for (int i = 0; i < expected.size(); i++) {
                    compare(path + "[" + i + "]", expected.get(i), actual.get(i));
                }
            }
        }
    }

    private static boolean isList(JsonNode array) {
        Set<String> kinds = new HashSet<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            kinds.add(kind(it.next()));
        }
        return kinds.size() == 1;
    }
}
