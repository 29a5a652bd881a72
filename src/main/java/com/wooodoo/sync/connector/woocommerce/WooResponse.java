package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** A successful (2xx) answer whose body is JSON. {@code headers} are looked up case-insensitively. */
record WooResponse(int status, Map<String, String> headers, JsonNode body) {

    String header(String name) {
        return headers.get(name);
    }
}
