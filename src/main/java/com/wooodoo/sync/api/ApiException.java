package com.wooodoo.sync.api;

import java.util.List;
import java.util.Map;

/** A failure answered to the caller in the contract's error envelope. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldProblem> details;
    private final Map<String, String> headers;

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of(), Map.of());
    }

    public ApiException(ErrorCode code, String message, List<FieldProblem> details, Map<String, String> headers) {
        super(message);
        this.code = code;
        this.details = List.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, field + ": " + message,
                List.of(new FieldProblem(field, message)), Map.of());
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldProblem> details() {
        return details;
    }

    /** Extra response headers, such as {@code Retry-After} or {@code Allow}. */
    public Map<String, String> headers() {
        return headers;
    }
}
