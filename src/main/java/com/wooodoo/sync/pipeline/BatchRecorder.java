package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.observability.SyncMetrics;
import com.wooodoo.sync.orchestration.ActivityRecorder;
import com.wooodoo.sync.store.ConflictRow;
import com.wooodoo.sync.store.ConflictStore;
import com.wooodoo.sync.store.CreateIntentStore;
import com.wooodoo.sync.store.LinkStore;
import com.wooodoo.sync.store.SyncProgressStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records what a batch did, in one database transaction: the versions applied (idempotency
 * log), the links, the conflicts, the counters, the checkpoint and an activity entry. A sync's
 * batches are recorded in order on its {@link RecordingLane}, each while the next one is planned
 * and written. A crash before this commit leaves the checkpoint before the batch, which is then
 * planned again: records written meanwhile are found by their natural key and not created twice.
 */
@Component("batchRecorder")
public class BatchRecorder {

    private final SyncProgressStore progress;
    private final LinkStore links;
    private final ConflictStore conflicts;
    private final ActivityRecorder activity;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final CreateIntentStore intents;
    private final SyncMetrics metrics;

    public BatchRecorder(SyncProgressStore progress, LinkStore links, ConflictStore conflicts, ActivityRecorder activity,
                         TransactionTemplate tx, ObjectMapper json, CreateIntentStore intents, SyncMetrics metrics) {
        this.metrics = metrics;
        this.intents = intents;
        this.progress = progress;
        this.links = links;
        this.conflicts = conflicts;
        this.activity = activity;
        this.tx = tx;
        this.json = json;
    }

    /** Hands the batch over to be recorded once the batch before it has been; the sync goes on meanwhile. */
    public void record(Exchange exchange) {
        BatchWork work = BatchWork.batchOf(exchange);
        long began = exchange.getClock().getCreated();
        inOrder(work, work.failed(), System.currentTimeMillis() - began);
    }

    /**
     * Records the records written because a batch referred to them (an order's customer): their
     * versions and links, not the sync's counters (they are not records of the entity being synced).
     */
    public void recordReferenced(Exchange exchange) {
        recordReferenced(BatchWork.of(exchange));
    }

    void recordReferenced(BatchWork work) {
        SyncJob job = work.job();
        String entity = work.entity().id();
        tx.executeWithoutResult(status -> {
            logAndLink(work, work.failed());
            conflicts.closeEarlier(job.orgId(), entity, job.source().id(), job.target().id(),
                    work.applied().stream().map(a -> a.source().id()).toList(), job.syncId(), "applied",
                    "synced by sync " + job.syncId() + " (referred to by a record of it)");
            activity.record(job.orgId(), job.syncId(), null, "pipeline", "referenced records",
                    ActivityRecorder.Outcome.OK, Map.of("entityType", entity, "written", work.applied().size(),
                            "failed", work.failed().size()), null);
        });
    }

    /**
     * Records a failure of a read of the source that stops the sync (credentials refused): one
     * conflict for the sync, no record counted, after the batches before it were recorded.
     */
    void recordSourceFailure(SyncJob job, com.wooodoo.sync.connector.EntityType entity, ConflictType type,
                             String reason) {
        job.recording().drain();
        tx.executeWithoutResult(status -> {
            conflicts.insert(new ConflictRow(UUID.randomUUID(), job.orgId(), job.syncId(), type.name(), entity.id(),
                    job.source().id(), job.target().id(), null, null, reason, null, null, 1,
                    null, null, null, null, null, null));
            activity.record(job.orgId(), job.syncId(), null, "pipeline", "read source",
                    ActivityRecorder.Outcome.ERROR, Map.of("entityType", entity.id(), "conflict", type.name()), null);
        });
    }

    /** Records a batch none of whose records could be synced (after the dead-letter route). */
    public void recordFailedBatch(BatchWork work, List<BatchWork.Failed> failed) {
        inOrder(work, failed, null);
    }

    /** The batch is recorded, with the checkpoint after it, in its turn. */
    private void inOrder(BatchWork work, List<BatchWork.Failed> failed, Long durationMs) {
        SyncJob job = work.job();
        Checkpoint next;
        if (work.position() != null) {
            next = work.position().nextBatch();
        } else {
            next = job.checkpoint().nextBatch();
            job.moveTo(next);
        }
        job.recording().submit(work, () -> record(work, List.copyOf(failed), durationMs, next));
    }

    private void record(BatchWork work, List<BatchWork.Failed> failed, Long durationMs, Checkpoint next) {
        SyncJob job = work.job();
        String entity = work.entity().id();
        boolean dryRun = job.config().dryRun();
        int skipped = (int) failed.stream().filter(f -> f.type() == ConflictType.DuplicateKey).count();
        int processed = work.applied().size() + work.unchanged();
        tx.executeWithoutResult(status -> {
            if (!dryRun) {
                logAndLink(work, failed);
            }
            closeEarlierConflicts(work, failed);
            for (BatchWork.Failed f : failed) {
                conflicts.insert(conflict(job, work, f));
            }
            for (BatchWork.MismatchRetried m : work.mismatchesRetried()) {
                conflicts.insert(retriedMismatch(job, work, m));
            }
            SyncProgressStore.AfterBatch after = progress.addBatch(job.syncId(), job.runner(), processed,
                    failed.size() - skipped, skipped, entity, next.toJson());
            if (after == SyncProgressStore.AfterBatch.NOT_HELD) {
                // this runner lost the sync (its lease ran out and another took over): record nothing
                throw new IllegalStateException(job + " is no longer held by " + job.runner());
            }
            job.stillProcessing(after == SyncProgressStore.AfterBatch.PROCESSING);
            activity.record(job.orgId(), job.syncId(), null, "pipeline", dryRun ? "batch (dry run)" : "batch",
                    failed.isEmpty() ? ActivityRecorder.Outcome.OK : ActivityRecorder.Outcome.ERROR,
                    details(work, failed, next.page()), durationMs);
        });
        String direction = job.source().id() + "-to-" + job.target().id();
        if (!dryRun) {
            metrics.records(job.orgId(), entity, direction, SyncMetrics.Outcome.SYNCED, work.applied().size());
            metrics.records(job.orgId(), entity, direction, SyncMetrics.Outcome.UNCHANGED, work.unchanged());
            metrics.records(job.orgId(), entity, direction, SyncMetrics.Outcome.SKIPPED, skipped);
            metrics.records(job.orgId(), entity, direction, SyncMetrics.Outcome.FAILED, failed.size() - skipped);
        }
        if (durationMs != null) {
            metrics.batch(job.orgId(), entity, direction, java.time.Duration.ofMillis(durationMs));
        }
    }

    /**
     * One open conflict per record: what earlier syncs left open for the batch's records is closed,
     * as applied for the records synced now, as failed for those with a new conflict. In a dry
     * run nothing was applied, so only the superseded ones are closed.
     */
    private void closeEarlierConflicts(BatchWork work, List<BatchWork.Failed> failed) {
        SyncJob job = work.job();
        String entity = work.entity().id();
        if (!job.config().dryRun()) {
            List<String> synced = java.util.stream.Stream.concat(
                    work.applied().stream().map(a -> a.source().id()),
                    work.unchangedIds().stream()).toList();
            conflicts.closeEarlier(job.orgId(), entity, job.source().id(), job.target().id(), synced, job.syncId(),
                    "applied", "synced by sync " + job.syncId());
        }
        List<String> failedAgain = failed.stream().filter(f -> f.source() != null).map(f -> f.source().id()).toList();
        conflicts.closeEarlier(job.orgId(), entity, job.source().id(), job.target().id(), failedAgain, job.syncId(),
                "failed", "tried again by sync " + job.syncId() + ", which recorded a new conflict for it");
    }

    /**
     * The versions written (idempotency log) and the links of the records written, in the caller's
     * transaction; the batch's announced creates are settled with them.
     */
    private void logAndLink(BatchWork work, List<BatchWork.Failed> failed) {
        SyncJob job = work.job();
        String entity = work.entity().id();
        settleAnnouncedCreates(work, failed);
        progress.logApplied(job.orgId(), job.syncId(), entity, job.source().id(), job.target().id(),
                work.applied().stream().map(a -> new SyncProgressStore.AppliedVersion(a.source().id(), a.contentHash(),
                        a.targetId(), a.operation())).toList());
        links.upsert(job.orgId(), entity, job.source().id(), work.applied().stream()
                .map(a -> new LinkStore.LinkWrite(a.source().id(), a.targetId(), a.contentHash(), a.targetSeenHash()))
                .toList());
    }

    /**
     * Forgets the batch's announced creates, except of records given up on transient failures or
     * on refused credentials: their create may have happened without its answer reaching us.
     */
    private void settleAnnouncedCreates(BatchWork work, List<BatchWork.Failed> failed) {
        SyncJob job = work.job();
        if (!work.createsAnnounced()) {
            return;
        }
        List<BatchWork.Failed> unsure = failed.stream()
                .filter(f -> f.type() == ConflictType.RetryExhausted || f.type() == ConflictType.AuthError).toList();
        if (unsure.stream().anyMatch(f -> f.source() == null)) {
            return;
        }
        java.util.Set<String> mayExist = unsure.stream().map(f -> f.source().id()).collect(java.util.stream.Collectors.toSet());
        intents.clear(job.orgId(), work.entity().id(), job.source().id(), job.target().id(),
                work.records().stream().map(SyncRecord::id).filter(id -> !mayExist.contains(id)).toList());
    }

    private ConflictRow conflict(SyncJob job, BatchWork work, BatchWork.Failed failed) {
        boolean autoSkip = failed.type() == ConflictType.DuplicateKey;
        SyncRecord source = failed.source();
        return new ConflictRow(UUID.randomUUID(), job.orgId(), job.syncId(), failed.type().name(), work.entity().id(),
                job.source().id(), job.target().id(), source == null ? null : source.id(),
                failed.target() == null ? null : failed.target().id(), failed.reason(),
                source == null ? null : toJson(source.fields()),
                failed.target() == null ? null : toJson(failed.target().fields()), failed.attempts(),
                autoSkip ? "skip" : null, autoSkip ? "skipped automatically: the natural key is not unique" : null,
                autoSkip ? "pipeline" : null, autoSkip ? java.time.Instant.now() : null, autoSkip ? "skipped" : null, null);
    }

    /** A DataMismatch the pipeline retried on its own, resolved {@code retry} by the pipeline. */
    private ConflictRow retriedMismatch(SyncJob job, BatchWork work, BatchWork.MismatchRetried retried) {
        BatchWork.Failed first = retried.first();
        SyncRecord source = first.source();
        String note = retried.settled()
                ? "re-read and retried automatically: in step after " + retried.attempts() + " attempts"
                : "re-read and retried automatically " + retried.attempts() + " times; handed over as "
                + (retried.attempts() >= MismatchRetry.ATTEMPTS ? "RetryExhausted" : "another conflict");
        return new ConflictRow(UUID.randomUUID(), job.orgId(), job.syncId(), ConflictType.DataMismatch.name(),
                work.entity().id(), job.source().id(), job.target().id(), source.id(),
                first.target() == null ? null : first.target().id(), first.reason(), toJson(source.fields()),
                first.target() == null ? null : toJson(first.target().fields()), retried.attempts(),
                "retry", note, "pipeline", java.time.Instant.now(), retried.settled() ? "applied" : "failed", null);
    }

    private Map<String, Object> details(BatchWork work, List<BatchWork.Failed> failed, int page) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entityType", work.entity().id());
        details.put("page", page);
        details.put("batch", work.batchIndex());
        details.put("records", work.records().size());
        details.put("created", work.applied().stream().filter(a -> a.operation().equals("create")).count());
        details.put("updated", work.applied().stream().filter(a -> a.operation().equals("update")).count());
        details.put("unchanged", work.unchanged() - work.leftOut());
        if (work.leftOut() > 0) {
            details.put("leftOut", work.leftOut());
            StockPlanning.describeLeftOut(work, details);
        }
        details.put("conflicts", failed.size());
        if (!work.mismatchesRetried().isEmpty()) {
            details.put("dataMismatchesRetried", work.mismatchesRetried().size());
        }
        return details;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
