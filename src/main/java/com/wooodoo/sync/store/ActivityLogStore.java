package com.wooodoo.sync.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Appends to and pages through the audit trail {@code sync_activity_log}. */
@Repository
public class ActivityLogStore {

    private static final RowMapper<ActivityEntry> ROW = (rs, n) -> new ActivityEntry(
            rs.getLong("entry_id"), rs.getString("org_id"), rs.getObject("sync_id", UUID.class),
            rs.getObject("conflict_id", UUID.class), rs.getString("actor"), rs.getString("action"),
            rs.getString("outcome"), rs.getString("details"), (Integer) rs.getObject("duration_ms"),
            JdbcTimes.instant(rs, "created_at"));

    private final JdbcTemplate jdbc;

    public ActivityLogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void append(String orgId, UUID syncId, UUID conflictId, String actor, String action, String outcome,
                       String detailsJson, Integer durationMs) {
        jdbc.update("""
                INSERT INTO sync_activity_log (org_id, sync_id, conflict_id, actor, action, outcome, details, duration_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""",
                orgId, syncId, conflictId, actor, action, outcome, detailsJson, durationMs);
    }

    /** Entries of one sync, oldest first, after the entry id {@code afterEntryId} (0 for the first page). */
    public List<ActivityEntry> page(String orgId, UUID syncId, long afterEntryId, int limit) {
        return jdbc.query("""
                SELECT entry_id, org_id, sync_id, conflict_id, actor, action, outcome, details::text AS details,
                       duration_ms, created_at
                  FROM sync_activity_log
                 WHERE org_id = ? AND sync_id = ? AND entry_id > ?
                 ORDER BY entry_id LIMIT ?""", ROW, orgId, syncId, afterEntryId, limit);
    }

    /**
     * Deletes up to {@code limit} entries created before {@code cutoff}, oldest first, in one
     * statement; answers how many.
     */
    public int deleteOlderThan(Instant cutoff, int limit) {
        return jdbc.update("""
                DELETE FROM sync_activity_log
                 WHERE entry_id IN (SELECT entry_id FROM sync_activity_log
                                     WHERE created_at < ? ORDER BY created_at LIMIT ?)""",
                JdbcTimes.timestamp(cutoff), limit);
    }
}
