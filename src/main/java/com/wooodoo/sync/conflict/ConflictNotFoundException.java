package com.wooodoo.sync.conflict;

import java.util.UUID;

/** No conflict with this id in the caller's organisation. */
public class ConflictNotFoundException extends RuntimeException {
    public ConflictNotFoundException(UUID conflictId) {
        super("conflict " + conflictId + " not found");
    }
}
