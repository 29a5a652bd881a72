package com.wooodoo.sync.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Creates announced before they are sent ({@code sync_create_intent}), for targets that cannot
 * find a record we created by its natural key: one left behind means the create may have
 * happened without its answer reaching us.
 */
@Repository
public class CreateIntentStore {

    private final JdbcTemplate jdbc;

    public CreateIntentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Announces creates of these source records; an earlier announcement keeps its (earlier) time. */
    public void announce(String orgId, String entityType, String sourceSystem, String targetSystem,
                         Collection<String> sourceIds, UUID syncId) {
        jdbc.update("""
                INSERT INTO sync_create_intent (org_id, entity_type, source_system, target_system, source_record_id, sync_id)
                SELECT ?, ?, ?, ?, id, ? FROM unnest(?::text[]) AS id
                ON CONFLICT DO NOTHING""", orgId, entityType, sourceSystem, targetSystem, syncId,
                sourceIds.toArray(String[]::new));
    }

    /** The announced creates of these source records that were never recorded, with when they were announced. */
    public Map<String, Instant> find(String orgId, String entityType, String sourceSystem, String targetSystem,
                                     Collection<String> sourceIds) {
        Map<String, Instant> found = new HashMap<>();
        if (sourceIds.isEmpty()) {
            return found;
        }
        jdbc.query("SELECT source_record_id, announced_at FROM sync_create_intent WHERE org_id = ? AND entity_type = ? "
                        + "AND source_system = ? AND target_system = ? AND source_record_id = ANY (?)",
                rs -> {
                    found.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }, orgId, entityType, sourceSystem, targetSystem, sourceIds.toArray(String[]::new));
        return found;
    }

    /** Forgets the announcements of these records, once what became of them is recorded. */
    public void clear(String orgId, String entityType, String sourceSystem, String targetSystem,
                      Collection<String> sourceIds) {
        if (sourceIds.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM sync_create_intent WHERE org_id = ? AND entity_type = ? AND source_system = ? "
                + "AND target_system = ? AND source_record_id = ANY (?)", orgId, entityType, sourceSystem, targetSystem,
                sourceIds.toArray(String[]::new));
    }
}
