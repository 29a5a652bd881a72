package com.wooodoo.sync.store;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

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
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sync_conflict WHERE org_id = ?");
        List<Object> args = new ArrayList<>(List.of(query.orgId()));
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
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /**
     * Records the one resolution of an unresolved conflict. Empty when the conflict was resolved
     * already (also by a concurrent call: the database keeps the first).
     */
    public Optional<ConflictRow> resolve(String orgId, UUID conflictId, String resolution, String note,
                                         String resolvedBy, String outcome) {
        try {
            return jdbc.query("""
                    UPDATE sync_conflict
                       SET resolution = ?, resolution_note = ?, resolved_by = ?, resolved_at = now(),
                           resolution_outcome = ?
                     WHERE org_id = ? AND conflict_id = ? AND resolution IS NULL
                    RETURNING""" + " " + COLUMNS, ROW, resolution, note, resolvedBy, outcome, orgId, conflictId)
                    .stream().findFirst();
        } catch (DataAccessException e) {
            if (SqlStates.is(e, SqlStates.ALREADY_RESOLVED)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Moves the outcome of a resolution that is being carried out ({@code pending}) on to what it
     * came to ({@code applied}, {@code failed}), with its note; the resolution itself, who and when
     * stay as they were. Empty when the conflict's outcome is no longer pending.
     */
    public Optional<ConflictRow> completeOutcome(String orgId, UUID conflictId, String outcome, String note) {
        return jdbc.query("""
                UPDATE sync_conflict
                   SET resolution_outcome = ?, resolution_note = ?
                 WHERE org_id = ? AND conflict_id = ? AND resolution IS NOT NULL AND resolution_outcome = 'pending'
                RETURNING""" + " " + COLUMNS, ROW, outcome, note, orgId, conflictId).stream().findFirst();
    }
}
