package com.wooodoo.sync.store;

import com.wooodoo.sync.connector.FailureKind;

import java.util.Arrays;
import java.util.List;

/** How conflict detection classifies a record that could not be synced (the contract's table). */
public enum ConflictType {
    DataMismatch, DuplicateKey, ValidationError, AuthError, RetryExhausted;

    /** The conflict a failure of an external system leads to. */
    public static ConflictType forFailure(FailureKind kind) {
        return switch (kind) {
            case AUTHENTICATION -> AuthError;
            case VALIDATION, PROTOCOL -> ValidationError;
            case DUPLICATE -> DuplicateKey;
            case NOT_FOUND -> DataMismatch;
            case TRANSIENT -> RetryExhausted;
        };
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
