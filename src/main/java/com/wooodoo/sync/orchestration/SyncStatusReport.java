package com.wooodoo.sync.orchestration;

import com.wooodoo.sync.store.SyncStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.store.SyncRow;
import com.wooodoo.sync.store.SyncStore;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code status} answer of a sync: lifecycle, progress, queue counters and conflicts. */
@Component
public class SyncStatusReport {

    private final SyncLifecycle lifecycle;
    private final SyncStore syncs;
    private final ObjectMapper json;
    private final Clock clock;

    public SyncStatusReport(SyncLifecycle lifecycle, SyncStore syncs, ObjectMapper json) {
        this.lifecycle = lifecycle;
        this.syncs = syncs;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    public Map<String, Object> of(String orgId, UUID syncId) {
        SyncRow sync = lifecycle.find(orgId, syncId);
        SyncStatus status = SyncStatus.fromId(sync.status());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("syncId", sync.syncId().toString());
        report.put("status", status.id());
        report.put("systems", List.of(sync.sourceSystem(), sync.targetSystem()));
        report.put("entityTypes", sync.entityTypes());
        report.put("syncConfig", syncConfig(sync));
        report.put("progress", progress(sync, status));
        report.put("queue", queue(sync));
        report.put("conflicts", conflicts(orgId, syncId));
        report.put("failureReason", sync.failureReason());
        report.put("createdAt", iso(sync.createdAt()));
        report.put("startedAt", iso(sync.startedAt()));
        report.put("updatedAt", iso(sync.updatedAt()));
        report.put("finishedAt", iso(sync.finishedAt()));
        boolean waits = !status.isFinal() && sync.notBefore() != null && sync.notBefore().isAfter(clock.instant());
        report.put("notBefore", waits ? iso(sync.notBefore()) : null);
        report.put("waitReason", waits ? sync.waitReason() : null);
        return report;
    }

    private Map<String, Object> syncConfig(SyncRow sync) {
        try {
            return SyncConfigJson.toMap(SyncConfigJson.fromJson(json.readTree(sync.syncConfigJson())));
        } catch (IOException e) {
            throw new UncheckedIOException("stored syncConfig of sync " + sync.syncId() + " is not JSON", e);
        }
    }

    private Map<String, Object> progress(SyncRow sync, SyncStatus status) {
        int handled = handled(sync);
        int percent;
        if (status == SyncStatus.DONE || status == SyncStatus.PARTIAL || status == SyncStatus.FAILED) {
            percent = 100;
        } else if (sync.totalRecords() == 0) {
            percent = 0;
        } else {
            percent = (int) Math.min(99, 100L * handled / sync.totalRecords());
        }
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("percentComplete", percent);
        progress.put("estimatedTimeRemainingMs", estimateRemainingMs(sync, status, handled));
        progress.put("currentEntityType", sync.currentEntityType());
        progress.put("batchesDone", sync.batchesDone());
        return progress;
    }

    /** From the rate measured so far; unknown (null) until the sync has handled a record. */
    private Long estimateRemainingMs(SyncRow sync, SyncStatus status, int handled) {
        if (status.isFinal()) {
            return 0L;
        }
        if (status != SyncStatus.PROCESSING || sync.startedAt() == null || handled == 0) {
            return null;
        }
        long elapsed = Duration.between(sync.startedAt(), clock.instant()).toMillis();
        int remaining = Math.max(0, sync.totalRecords() - handled);
        return Math.max(0, elapsed * remaining / handled);
    }

    private static Map<String, Object> queue(SyncRow sync) {
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("total", sync.totalRecords());
        queue.put("processed", sync.processedRecords());
        queue.put("failed", sync.failedRecords());
        queue.put("skipped", sync.skippedRecords());
        queue.put("pending", Math.max(0, sync.totalRecords() - handled(sync)));
        return queue;
    }

    private Map<String, Object> conflicts(String orgId, UUID syncId) {
        Map<String, int[]> byType = syncs.conflictCountsByType(orgId, syncId);
        int total = byType.values().stream().mapToInt(c -> c[0]).sum();
        int unresolved = byType.values().stream().mapToInt(c -> c[1]).sum();
        Map<String, Integer> totals = new LinkedHashMap<>();
        byType.forEach((type, counts) -> totals.put(type, counts[0]));
        Map<String, Object> conflicts = new LinkedHashMap<>();
        conflicts.put("count", unresolved);
        conflicts.put("totalConflicts", total);
        conflicts.put("unresolvedCount", unresolved);
        conflicts.put("byType", totals);
        return conflicts;
    }

    private static int handled(SyncRow sync) {
        return sync.processedRecords() + sync.failedRecords() + sync.skippedRecords();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
