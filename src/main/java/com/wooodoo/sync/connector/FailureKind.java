package com.wooodoo.sync.connector;

/** What kind of failure an external system reported, which decides what the pipeline does next. */
public enum FailureKind {
    /** 401/403 or the system's access-denied error: credentials must be fixed; never retried. */
    AUTHENTICATION,
    /** The system rejects the data (invalid e-mail, missing required field, ...). */
    VALIDATION,
    /** The natural key is taken (e-mail already registered, SKU used or being processed). */
    DUPLICATE,
    /** The record does not exist (any more). */
    NOT_FOUND,
    /** Worth retrying later: 429, 5xx, timeouts, connection refused. */
    TRANSIENT,
    /** The answer does not have the documented shape. */
    PROTOCOL
}
