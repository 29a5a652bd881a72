package com.wooodoo.sync.connector;

import java.time.Duration;
import java.util.Optional;

/**
 * A typed failure of a call to an external system. {@code code} is the system's own error code
 * ({@code registration-error-email-exists}, {@code odoo.exceptions.ValidationError}, ...) where it
 * gave one; messages never contain credentials.
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
                + (code == null ? "" : " [" + code + "]") + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "")
                + ": " + message, cause);
        this.system = system;
        this.kind = kind;
        this.code = code;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ConnectorException(ExternalSystem system, FailureKind kind, String code, int httpStatus, String message) {
        this(system, kind, code, httpStatus, message, null, null);
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

    /** What the system asked for in {@code Retry-After}, if anything. */
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
