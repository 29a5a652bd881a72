package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * An API request as the simulator received it, for tests that check what a client sends.
 *
 * @param headers the request's {@code Authorization}, {@code X-Odoo-Database} and
 *                {@code Content-Type}, where sent (names in lower case)
 * @param body    the parsed JSON body, or null when it was not JSON
 */
public record RecordedRequest(String method, String path, String callKind, Map<String, String> headers, JsonNode body) {
}
