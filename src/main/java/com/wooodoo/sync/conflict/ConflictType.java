package com.wooodoo.sync.conflict;

import java.util.Arrays;
import java.util.List;

/** How conflict detection classifies a record that could not be synced (the contract's table). */
public enum ConflictType {
    DataMismatch, DuplicateKey, ValidationError, AuthError, RetryExhausted;

    public static List<String> ids() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
