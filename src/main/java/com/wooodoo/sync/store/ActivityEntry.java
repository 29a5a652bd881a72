package com.wooodoo.sync.store;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code sync_activity_log}. */
public record ActivityEntry(long entryId, String orgId, UUID syncId, UUID conflictId, String actor, String action,
                            String outcome, String detailsJson, Integer durationMs, Instant createdAt) {
}
