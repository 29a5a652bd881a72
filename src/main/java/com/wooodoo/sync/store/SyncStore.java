package com.wooodoo.sync.store;

import com.wooodoo.sync.store.SyncStatus.Transition;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads and changes rows of {@code sync_orchestration}, always within one organisation. */
@Repository
public class SyncStore {

    private static final String COLUMNS = """
            sync_id, org_id, status, paused_from, source_system, target_system, entity_types,
            sync_config::text AS sync_config, idempotency_key, created_by, total_records,
            processed_records, failed_records, skipped_records, batches_done, current_entity_type,
            failure_reason, created_at, started_at, updated_at, finished_at, not_before, wait_reason""";

    private static final RowMapper<SyncRow> ROW = (rs, n) -> {
        Array types = rs.getArray("entity_types");
        return new SyncRow(rs.getObject("sync_id", UUID.class), rs.getString("org_id"),
                rs.getString("status"), rs.getString("paused_from"), rs.getString("source_system"),
                rs.getString("target_system"), Arrays.asList((String[]) types.getArray()),
                rs.getString("sync_config"), rs.getString("idempotency_key"), rs.getString("created_by"),
                rs.getInt("total_records"), rs.getInt("processed_records"), rs.getInt("failed_records"),
                rs.getInt("skipped_records"), rs.getInt("batches_done"), rs.getString("current_entity_type"),
                rs.getString("failure_reason"), JdbcTimes.instant(rs, "created_at"),
                JdbcTimes.instant(rs, "started_at"), JdbcTimes.instant(rs, "updated_at"),
                JdbcTimes.instant(rs, "finished_at"), JdbcTimes.instant(rs, "not_before"), rs.getString("wait_reason"));
    };

    private final JdbcTemplate jdbc;

    public SyncStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a queued sync. Returns empty when the organisation already has a sync with the same
     * idempotency key (the caller then reads that one); throws {@link ActiveSyncLimitException}
     * when the organisation's limit of active syncs is reached.
     */
    public Optional<SyncRow> insertQueued(UUID syncId, String orgId, String source, String target,
                                          List<String> entityTypes, String syncConfigJson,
                                          String idempotencyKey, String createdBy) {
        try {
            List<SyncRow> rows = jdbc.query("""
                    INSERT INTO sync_orchestration (sync_id, org_id, status, source_system, target_system,
                                                    entity_types, sync_config, idempotency_key, created_by)
                    VALUES (?, ?, %s, ?, ?, string_to_array(?, ','), ?::jsonb, ?, ?)
                    ON CONFLICT (org_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                    RETURNING""".formatted(SyncStatus.QUEUED.sql()) + " " + COLUMNS,
                    ROW, syncId, orgId, source, target, String.join(",", entityTypes), syncConfigJson,
                    idempotencyKey, createdBy);
            return rows.stream().findFirst();
        } catch (DataAccessException e) {
            if (SqlStates.is(e, SqlStates.ACTIVE_SYNC_LIMIT)) {
                throw new ActiveSyncLimitException(e.getMostSpecificCause().getMessage(), e);
            }
            throw e;
        }
    }

    public Optional<SyncRow> findByIdempotencyKey(String orgId, String idempotencyKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_orchestration WHERE org_id = ? AND idempotency_key = ?",
                ROW, orgId, idempotencyKey).stream().findFirst();
    }

    public Optional<SyncRow> find(String orgId, UUID syncId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_orchestration WHERE org_id = ? AND sync_id = ?",
                ROW, orgId, syncId).stream().findFirst();
    }

    /** The oldest sync started by this actor (a schedule) that is still queued, processing or paused. */
    public Optional<SyncRow> findActiveStartedBy(String orgId, String actor) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_orchestration WHERE org_id = ? AND created_by = ? "
                + "AND " + SyncStatus.sqlCondition(SyncStatus.ACTIVE) + " ORDER BY created_at LIMIT 1", ROW, orgId, actor)
                .stream().findFirst();
    }

    /** A sync of any organisation, for the pipeline that runs it. */
    public Optional<SyncRow> findById(UUID syncId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_orchestration WHERE sync_id = ?", ROW, syncId)
                .stream().findFirst();
    }

    /** Moves a queued or processing sync to paused; empty when the sync was in another state. */
    public Optional<SyncRow> pause(String orgId, UUID syncId) {
        return update("""
                UPDATE sync_orchestration SET status = %s, paused_from = status, updated_at = now()
                 WHERE org_id = ? AND sync_id = ? AND %s
                RETURNING""".formatted(SyncStatus.PAUSED.sql(), Transition.PAUSE.sqlCondition()), orgId, syncId);
    }

    /** Moves a paused sync back to the state it was paused from; empty when it was not paused. */
    public Optional<SyncRow> resume(String orgId, UUID syncId) {
        return update("""
                UPDATE sync_orchestration SET status = paused_from, paused_from = NULL, updated_at = now()
                 WHERE org_id = ? AND sync_id = ? AND %s
                RETURNING""".formatted(Transition.RESUME.sqlCondition()), orgId, syncId);
    }

    /** Cancels a sync that is not in a final state; empty when it was already final. */
    public Optional<SyncRow> cancel(String orgId, UUID syncId) {
        return update("""
                UPDATE sync_orchestration
                   SET status = %s, paused_from = NULL, updated_at = now(), finished_at = now()
                 WHERE org_id = ? AND sync_id = ? AND %s
                RETURNING""".formatted(SyncStatus.CANCELLED.sql(), Transition.CANCEL.sqlCondition()), orgId, syncId);
    }

    /** Conflict counts of one sync by type: {@code [total, unresolved]}. */
    public Map<String, int[]> conflictCountsByType(String orgId, UUID syncId) {
        Map<String, int[]> counts = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT conflict_type, count(*) AS total, count(*) FILTER (WHERE resolution IS NULL) AS unresolved
                  FROM sync_conflict WHERE org_id = ? AND sync_id = ? GROUP BY conflict_type""",
                rs -> {
                    counts.put(rs.getString("conflict_type"), new int[] {rs.getInt("total"), rs.getInt("unresolved")});
                }, orgId, syncId);
        return counts;
    }

    private Optional<SyncRow> update(String sqlReturning, String orgId, UUID syncId) {
        return jdbc.query(sqlReturning + " " + COLUMNS, ROW, orgId, syncId).stream().findFirst();
    }
}
