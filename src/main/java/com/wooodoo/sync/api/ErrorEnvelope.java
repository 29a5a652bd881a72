package com.wooodoo.sync.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code {"success": false, "error": {"code", "message", "details"}}}. */
public final class ErrorEnvelope {
    private ErrorEnvelope() {
    }

    public static Map<String, Object> of(ErrorCode code, String message, List<FieldProblem> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        error.put("details", details);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", false);
        envelope.put("error", error);
        return envelope;
    }

    public static Map<String, Object> of(ApiException e) {
        return of(e.code(), e.getMessage(), e.details());
    }
}
