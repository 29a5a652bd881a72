package com.wooodoo.sync.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.UUID;

/** The counters, checkpoint and outcome of a running sync, written by the runner that holds its lease. */
@Repository
public class SyncProgressStore {

    private final JdbcTemplate jdbc;

    public SyncProgressStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String status(UUID syncId) {
        return jdbc.queryForObject("SELECT status FROM sync_orchestration WHERE sync_id = ?", String.class, syncId);
    }

    public String checkpointJson(UUID syncId) {
        return jdbc.queryForObject("SELECT checkpoint::text FROM sync_orchestration WHERE sync_id = ?", String.class, syncId);
    }

    public void setTotal(UUID syncId, long total) {
        jdbc.update("UPDATE sync_orchestration SET total_records = ?, updated_at = now() WHERE sync_id = ?",
                (int) Math.min(Integer.MAX_VALUE, total), syncId);
    }

    /** What {@link #addBatch} found the sync to be, once the batch was added. */
    public enum AfterBatch {
        /** still processing under this runner's lease */
        PROCESSING,
        /** paused, cancelled or out of lease: the runner is to stop at its next check */
        STOPPING,
        /** no longer held by this runner: nothing was added */
        NOT_HELD
    }

    /**
     * Adds a batch's counts and moves the checkpoint on, when the runner still holds the sync; says
     * whether it may go on, so that the runner need not ask again before its next batch.
     */
    public AfterBatch addBatch(UUID syncId, String runner, int processed, int failed, int skipped, String entityType,
                               String checkpointJson) {
        return jdbc.query("""
                UPDATE sync_orchestration
                   SET processed_records = processed_records + ?, failed_records = failed_records + ?,
                       skipped_records = skipped_records + ?, batches_done = batches_done + 1,
                       current_entity_type = ?, checkpoint = ?::jsonb, updated_at = now()
                 WHERE sync_id = ? AND lease_owner = ?
                RETURNING status = %s AND lease_expires_at > now() AS processing""".formatted(SyncStatus.PROCESSING.sql()),
                (rs, n) -> rs.getBoolean("processing") ? AfterBatch.PROCESSING : AfterBatch.STOPPING,
                processed, failed, skipped, entityType, checkpointJson, syncId, runner)
                .stream().findFirst().orElse(AfterBatch.NOT_HELD);
    }

    public void moveCheckpoint(UUID syncId, String runner, String entityType, String checkpointJson) {
        jdbc.update("UPDATE sync_orchestration SET current_entity_type = ?, checkpoint = ?::jsonb, updated_at = now() "
                + "WHERE sync_id = ? AND lease_owner = ?", entityType, checkpointJson, syncId, runner);
    }

    /** Ends a processing sync as done, partial or failed; false when it is no longer processing (paused, cancelled). */
    public boolean finish(UUID syncId, String runner, SyncStatus outcome, String failureReason) {
        if (!outcome.isFinal() || outcome == SyncStatus.CANCELLED) {
            throw new IllegalArgumentException("a run ends done, partial or failed, not " + outcome);
        }
        // A run that read everything knows how many records there were: the total counted at its
        // start came from what the source claimed, which may be far too high (never more, then).
        boolean readEverything = outcome == SyncStatus.DONE || outcome == SyncStatus.PARTIAL;
        return jdbc.update("""
                UPDATE sync_orchestration
                   SET status = ?, failure_reason = ?, finished_at = now(), updated_at = now(),
                       lease_owner = NULL, lease_expires_at = NULL,
                       total_records = CASE WHEN ? THEN LEAST(total_records, processed_records + failed_records + skipped_records)
                                            ELSE total_records END
                 WHERE sync_id = ? AND lease_owner = ? AND %s""".formatted(SyncStatus.Transition.FINISH.sqlCondition()),
                outcome.id(), failureReason, readEverything, syncId, runner) == 1;
    }

    /** One record version applied to the target, for the idempotency log. */
    public record AppliedVersion(String sourceId, String contentHash, String targetId, String operation) {
    }

    /** Records what an applied record version was, once (a repeat is ignored: it was applied already). */
    public boolean logApplied(String orgId, UUID syncId, String entityType, String sourceSystem, String targetSystem,
                              String sourceId, String contentHash, String targetId, String operation) {
        return logApplied(orgId, syncId, entityType, sourceSystem, targetSystem,
                java.util.List.of(new AppliedVersion(sourceId, contentHash, targetId, operation))) == 1;
    }

    /**
     * Records the versions a batch applied, each once (repeats are ignored), in one statement;
     * answers how many were new.
     */
    public int logApplied(String orgId, UUID syncId, String entityType, String sourceSystem, String targetSystem,
                          java.util.List<AppliedVersion> versions) {
        if (versions.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                INSERT INTO sync_idempotency_log (org_id, sync_id, entity_type, source_system, target_system,
                                                  source_record_id, content_hash, target_record_id, operation)
                SELECT ?, ?, ?, ?, ?, v.source_id, v.content_hash, v.target_id, v.operation
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS v (source_id, content_hash, target_id, operation)
                ON CONFLICT (org_id, entity_type, source_system, target_system, source_record_id, content_hash) DO NOTHING""",
                orgId, syncId, entityType, sourceSystem, targetSystem,
                versions.stream().map(AppliedVersion::sourceId).toArray(String[]::new),
                versions.stream().map(AppliedVersion::contentHash).toArray(String[]::new),
                versions.stream().map(AppliedVersion::targetId).toArray(String[]::new),
                versions.stream().map(AppliedVersion::operation).toArray(String[]::new));
    }

    public java.util.Optional<java.time.Instant> watermark(String orgId, String entityType, String source, String target) {
        return jdbc.query("SELECT synced_until FROM sync_watermark WHERE org_id = ? AND entity_type = ? "
                        + "AND source_system = ? AND target_system = ?",
                (rs, n) -> rs.getTimestamp(1).toInstant(), orgId, entityType, source, target).stream().findFirst();
    }

    public void setWatermark(String orgId, String entityType, String source, String target, java.time.Instant until,
                             UUID syncId) {
        jdbc.update("""
                INSERT INTO sync_watermark (org_id, entity_type, source_system, target_system, synced_until, sync_id)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id, entity_type, source_system, target_system)
                DO UPDATE SET synced_until = EXCLUDED.synced_until, sync_id = EXCLUDED.sync_id""",
                orgId, entityType, source, target, java.sql.Timestamp.from(until), syncId);
    }
}
