package com.wooodoo.sync.connector;

import java.time.Duration;
import java.util.Optional;

/**
 * A typed failure of a call to an external system. {@code code} is the system's own error code
 * ({@code registration-error-email-exists}, {@code odoo.exceptions.ValidationError}, ...) where it
 * gave one; messages never contain credentials (each connector masks them before anything is cut,
 * see {@link ExternalText}), and neither message nor code contains control characters: they are
 * escaped here, so no answer can forge a line of a log or of a conflict.
 */
public class ConnectorException extends RuntimeException {

    private final ExternalSystem system;
    private final FailureKind kind;
    private final String code;
    private final int httpStatus;
    private final Duration retryAfter;

    public ConnectorException(ExternalSystem system, FailureKind kind, String code, int httpStatus, String message,
                              Duration retryAfter, Throwable cause) {
        super(system + " " + kind.name().toLowerCase() + " failure"
                + (code == null ? "" : " [" + safe(code, 200) + "]") + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "")
                + ": " + safe(message, 4 * ExternalText.MAX_CHARS), cause);
        this.system = system;
        this.kind = kind;
        this.code = code == null ? null : safe(code, 200);
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter == null ? null : RetryAfterHeader.bounded(retryAfter);
    }

    public ConnectorException(ExternalSystem system, FailureKind kind, String code, int httpStatus, String message) {
        this(system, kind, code, httpStatus, message, null, null);
    }

    private static String safe(String text, int maxChars) {
        return ExternalText.cut(ExternalText.escapeControls(text), maxChars);
    }

    public ExternalSystem system() {
        return system;
    }

    public FailureKind kind() {
        return kind;
    }

    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** 0 when the failure came without an HTTP answer (timeout, refused connection, JSON-RPC error). */
    public int httpStatus() {
        return httpStatus;
    }

    /** What the system asked for in {@code Retry-After}, if anything (at most {@link RetryAfterHeader#LONGEST}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isTransient() {
        return kind == FailureKind.TRANSIENT;
    }

    /** The connector's failure among a failure and its causes. */
    public static java.util.Optional<ConnectorException> causeIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectorException c) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
