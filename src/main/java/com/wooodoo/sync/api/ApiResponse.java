package com.wooodoo.sync.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A successful answer: HTTP status, the fields after {@code "success": true}, and extra headers. */
public record ApiResponse(int status, Map<String, Object> body, Map<String, String> headers) {

    public static ApiResponse ok(Map<String, Object> fields) {
        return new ApiResponse(200, envelope(fields), Map.of());
    }

    public static ApiResponse accepted(Map<String, Object> fields) {
        return new ApiResponse(202, envelope(fields), Map.of());
    }

    private static Map<String, Object> envelope(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.putAll(fields);
        return body;
    }
}
