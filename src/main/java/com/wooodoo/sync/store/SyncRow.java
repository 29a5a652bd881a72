package com.wooodoo.sync.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of {@code sync_orchestration}; {@code notBefore} is when it may be claimed again (null:
 * at once), {@code waitReason} why it waits until then.
 */
public record SyncRow(UUID syncId, String orgId, String status, String pausedFrom,
                      String sourceSystem, String targetSystem, List<String> entityTypes,
                      String syncConfigJson, String idempotencyKey, String createdBy,
                      int totalRecords, int processedRecords, int failedRecords, int skippedRecords,
                      int batchesDone, String currentEntityType, String failureReason,
                      Instant createdAt, Instant startedAt, Instant updatedAt, Instant finishedAt,
                      Instant notBefore, String waitReason) {
}
