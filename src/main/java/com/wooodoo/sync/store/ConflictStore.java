package com.wooodoo.sync.store;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and resolves rows of {@code sync_conflict}, always within one organisation. */
@Repository
public class ConflictStore {

    private static final String COLUMNS = """
            conflict_id, org_id, sync_id, conflict_type, entity_type, source_system, target_system,
            source_record_id, target_record_id, message, source_data::text AS source_data,
            target_data::text AS target_data, attempts, resolution, resolution_note, resolved_by,
            resolved_at, resolution_outcome, created_at""";

    private static final RowMapper<ConflictRow> ROW = (rs, n) -> new ConflictRow(
            rs.getObject("conflict_id", UUID.class), rs.getString("org_id"), rs.getObject("sync_id", UUID.class),
            rs.getString("conflict_type"), rs.getString("entity_type"), rs.getString("source_system"),
            rs.getString("target_system"), rs.getString("source_record_id"), rs.getString("target_record_id"),
            rs.getString("message"), rs.getString("source_data"), rs.getString("target_data"),
            rs.getInt("attempts"), rs.getString("resolution"), rs.getString("resolution_note"),
            rs.getString("resolved_by"), JdbcTimes.instant(rs, "resolved_at"),
            rs.getString("resolution_outcome"), JdbcTimes.instant(rs, "created_at"));

    private final JdbcTemplate jdbc;

    public ConflictStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new conflict. */
    public ConflictRow insert(ConflictRow conflict) {
        return jdbc.queryForObject("""
                INSERT INTO sync_conflict (conflict_id, org_id, sync_id, conflict_type, entity_type, source_system,
                                           target_system, source_record_id, target_record_id, message,
                                           source_data, target_data, attempts, resolution, resolution_note,
                                           resolved_by, resolved_at, resolution_outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?)
                RETURNING""" + " " + COLUMNS, ROW,
                conflict.conflictId(), conflict.orgId(), conflict.syncId(), conflict.conflictType(),
                conflict.entityType(), conflict.sourceSystem(), conflict.targetSystem(), conflict.sourceRecordId(),
                conflict.targetRecordId(), conflict.message(), conflict.sourceDataJson(), conflict.targetDataJson(),
                conflict.attempts(), conflict.resolution(), conflict.resolutionNote(), conflict.resolvedBy(),
                JdbcTimes.timestamp(conflict.resolvedAt()), conflict.resolutionOutcome());
    }

    /**
     * Closes the open conflicts of these source records left by earlier syncs, because this sync
     * tried the records again: resolved {@code retry} by the pipeline, with the outcome of that
     * try ({@code applied} when the record is now synced, {@code failed} when it failed again and
     * a newer conflict stands for it). Answers how many were closed.
     */
    public int closeEarlier(String orgId, String entityType, String sourceSystem, String targetSystem,
                            Collection<String> sourceRecordIds, UUID syncId, String outcome, String note) {
        if (sourceRecordIds.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                UPDATE sync_conflict
                   SET resolution = 'retry', resolved_by = 'pipeline', resolved_at = now(),
                       resolution_outcome = ?, resolution_note = ?
                 WHERE org_id = ? AND entity_type = ? AND source_system = ? AND target_system = ?
                   AND source_record_id = ANY (?) AND resolution IS NULL AND sync_id <> ?""",
                outcome, note, orgId, entityType, sourceSystem, targetSystem, sourceRecordIds.toArray(String[]::new),
                syncId);
    }

    /** Whether this sync left a conflict of the entity type that still needs someone. */
    public boolean hasOpen(UUID syncId, String entityType) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM sync_conflict WHERE sync_id = ? "
                + "AND entity_type = ? AND resolution IS NULL)", Boolean.class, syncId, entityType));
    }

    public Optional<ConflictRow> find(String orgId, UUID conflictId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_conflict WHERE org_id = ? AND conflict_id = ?",
                ROW, orgId, conflictId).stream().findFirst();
    }

    public List<ConflictRow> page(ConflictQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = pageSql(query, "SELECT " + COLUMNS, args);
        return jdbc.query(sql, ROW, args.toArray());
    }

    /**
     * The statement of a page: its filters and order match an index (by sync; unresolved,
     * resolved or all of the organisation), so a page reads its rows, not every conflict.
     */
    static String pageSql(ConflictQuery query, String select, List<Object> args) {
        StringBuilder sql = new StringBuilder(select + " FROM sync_conflict WHERE org_id = ?");
        args.add(query.orgId());
        query.syncId().ifPresent(id -> {
            sql.append(" AND sync_id = ?");
            args.add(id);
        });
        query.resolved().ifPresent(resolved -> sql.append(resolved ? " AND resolution IS NOT NULL" : " AND resolution IS NULL"));
        query.conflictType().ifPresent(type -> {
            sql.append(" AND conflict_type = ?");
            args.add(type);
        });
        query.after().ifPresent(after -> {
            sql.append(" AND (created_at, conflict_id) > (?, ?)");
            args.add(JdbcTimes.timestamp(after.createdAt()));
            args.add(after.conflictId());
        });
        sql.append(" ORDER BY created_at, conflict_id LIMIT ?");
        args.add(query.limit());
        return sql.toString();
    }

    /**
     * Claims an unresolved conflict for a resolution being carried out, until {@code lease} has
     * passed: empty when it is resolved, or claimed by another resolution whose lease still runs.
     * A claim is not a resolution: listings still show the conflict unresolved, and a claim that
     * runs out (its holder died) leaves the conflict to be resolved again.
     */
    public Optional<ConflictRow> claim(String orgId, UUID conflictId, UUID token, Duration lease) {
        return jdbc.query("""
                UPDATE sync_conflict
                   SET claim_token = ?, claimed_until = now() + make_interval(secs => ?)
                 WHERE org_id = ? AND conflict_id = ? AND resolution IS NULL
                   AND (claimed_until IS NULL OR claimed_until < now())
                RETURNING""" + " " + COLUMNS, ROW, token, lease.toMillis() / 1000.0, orgId, conflictId)
                .stream().findFirst();
    }

    /** Gives up a claim that was not recorded (the resolution could not be carried out). */
    public void release(String orgId, UUID conflictId, UUID token) {
        jdbc.update("""
                UPDATE sync_conflict SET claim_token = NULL, claimed_until = NULL
                 WHERE org_id = ? AND conflict_id = ? AND claim_token = ?""", orgId, conflictId, token);
    }

    /**
     * Records the one resolution of an unresolved conflict, and ends its claim. {@code claimToken}
     * is the caller's claim, or null when it holds none (then a running claim of another
     * resolution keeps the conflict from it). Empty when the conflict was resolved already (also
     * by a concurrent call: the database keeps the first) or another resolution holds it.
     */
    public Optional<ConflictRow> resolve(String orgId, UUID conflictId, String resolution, String note,
                                         String resolvedBy, String outcome, UUID claimToken) {
        try {
            return jdbc.query("""
                    UPDATE sync_conflict
                       SET resolution = ?, resolution_note = ?, resolved_by = ?, resolved_at = now(),
                           resolution_outcome = ?, claim_token = NULL, claimed_until = NULL
                     WHERE org_id = ? AND conflict_id = ? AND resolution IS NULL
                       AND (claim_token IS NOT DISTINCT FROM ?::uuid OR claimed_until < now())
                    RETURNING""" + " " + COLUMNS, ROW, resolution, note, resolvedBy, outcome, orgId, conflictId,
                            claimToken)
                    .stream().findFirst();
        } catch (DataAccessException e) {
            if (SqlStates.is(e, SqlStates.ALREADY_RESOLVED)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
