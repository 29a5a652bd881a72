package com.wooodoo.sync.store;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code sync_conflict}, with its resolution trail. */
public record ConflictRow(UUID conflictId, String orgId, UUID syncId, String conflictType, String entityType,
                          String sourceSystem, String targetSystem, String sourceRecordId, String targetRecordId,
                          String message, String sourceDataJson, String targetDataJson, int attempts,
                          String resolution, String resolutionNote, String resolvedBy, Instant resolvedAt,
                          String resolutionOutcome, Instant createdAt) {

    public boolean isResolved() {
        return resolution != null;
    }
}
