package com.wooodoo.sync.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The links between WooCommerce and Odoo records ({@code sync_record_link}), read and written in
 * the direction of a sync: the source system's ids to the target's.
 */
@Repository
public class LinkStore {

    /**
     * One link seen from a source system.
     *
     * @param appliedHash    hash of the source content last applied to the target in this direction
     * @param targetSeenHash hash of the target record's content as last seen in step (null: never)
     */
    public record Link(String sourceId, String targetId, String appliedHash, String targetSeenHash) {
    }

    private final JdbcTemplate jdbc;

    public LinkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The links of these source records, by source id. */
    public Map<String, Link> find(String orgId, String entityType, String sourceSystem, Collection<String> sourceIds) {
        Map<String, Link> links = new HashMap<>();
        if (sourceIds.isEmpty()) {
            return links;
        }
        Direction d = Direction.from(sourceSystem);
        jdbc.query(findSql(sourceSystem),
                rs -> {
                    links.put(rs.getString("source_id"), d.link(rs));
                },
                orgId, entityType, sourceIds.toArray(String[]::new));
        return links;
    }

    /** The target ids of these source records (for references of orders), by source id. */
    public Map<String, String> targetIds(String orgId, String entityType, String sourceSystem, Collection<String> sourceIds) {
        Map<String, String> ids = new HashMap<>();
        find(orgId, entityType, sourceSystem, sourceIds).forEach((k, v) -> ids.put(k, v.targetId()));
        return ids;
    }

    /** The link of a target record, seen from the source system of a sync, if it is linked. */
    public java.util.Optional<Link> findByTarget(String orgId, String entityType, String sourceSystem, String targetId) {
        Direction d = Direction.from(sourceSystem);
        return jdbc.query(d.select() + d.targetColumn + " = ?", (rs, n) -> d.link(rs), orgId, entityType, targetId)
                .stream().findFirst();
    }

    /** Of these target records, the ones already linked, with the source record each is linked to. */
    public Map<String, String> sourcesOfTargets(String orgId, String entityType, String sourceSystem,
                                                Collection<String> targetIds) {
        Map<String, String> sources = new HashMap<>();
        if (targetIds.isEmpty()) {
            return sources;
        }
        jdbc.query(sourcesOfTargetsSql(sourceSystem),
                rs -> {
                    sources.put(rs.getString("target_id"), rs.getString("source_id"));
                }, orgId, entityType, targetIds.toArray(String[]::new));
        return sources;
    }

    /** The statement of {@link #find}: organisation, entity type, source ids. */
    static String findSql(String sourceSystem) {
        Direction d = Direction.from(sourceSystem);
        return d.select() + d.sourceColumn + " = ANY (?)";
    }

    /** The statement of {@link #sourcesOfTargets}: organisation, entity type, target ids. */
    static String sourcesOfTargetsSql(String sourceSystem) {
        Direction d = Direction.from(sourceSystem);
        return "SELECT " + d.targetColumn + " AS target_id, " + d.sourceColumn + " AS source_id FROM sync_record_link "
                + "WHERE org_id = ? AND entity_type = ? AND " + d.targetColumn + " = ANY (?)";
    }

    /**
     * Forgets every link and incremental high-water mark of an organisation, for when its systems
     * were replaced by empty ones (the demo's simulators start empty on every start).
     */
    public void forgetOrganisation(String orgId) {
        jdbc.update("DELETE FROM sync_record_link WHERE org_id = ?", orgId);
        jdbc.update("DELETE FROM sync_watermark WHERE org_id = ?", orgId);
    }

    /** A link to record: the source record is now this target record, with the content applied. */
    public record LinkWrite(String sourceId, String targetId, String appliedHash, String targetSeenHash) {
    }

    /**
     * Records that the source record is now the target record, with the content applied; both
     * sides are in step: the source as read ({@code appliedHash}) and the target as read back
     * after the write ({@code targetSeenHash}; null when it could not be read back: then unknown).
     */
    public void upsert(String orgId, String entityType, String sourceSystem, String sourceId, String targetId,
                       String appliedHash, String targetSeenHash) {
        upsert(orgId, entityType, sourceSystem, List.of(new LinkWrite(sourceId, targetId, appliedHash, targetSeenHash)));
    }

    /** {@link #upsert(String, String, String, String, String, String, String)} for a batch, in one statement. */
    public void upsert(String orgId, String entityType, String sourceSystem, List<LinkWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        Direction d = Direction.from(sourceSystem);
        boolean fromWoo = d == Direction.FROM_WOOCOMMERCE;
        // one row per source record, the last write of it winning: a statement may not upsert a row twice
        Map<String, LinkWrite> bySource = new java.util.LinkedHashMap<>();
        writes.forEach(w -> bySource.put(w.sourceId(), w));
        List<LinkWrite> rows = List.copyOf(bySource.values());
        jdbc.update("INSERT INTO sync_record_link (org_id, entity_type, woocommerce_id, odoo_id, " + d.hashColumn + ", "
                        + d.sourceSeenColumn + ", " + d.targetSeenColumn + ") "
                        + "SELECT ?, ?, v.woocommerce_id, v.odoo_id, v.applied_hash, v.applied_hash, v.target_seen_hash "
                        + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) "
                        + "AS v (woocommerce_id, odoo_id, applied_hash, target_seen_hash) "
                        + "ON CONFLICT (org_id, entity_type, woocommerce_id) DO UPDATE SET odoo_id = EXCLUDED.odoo_id, "
                        + d.hashColumn + " = EXCLUDED." + d.hashColumn + ", "
                        + d.sourceSeenColumn + " = EXCLUDED." + d.sourceSeenColumn + ", "
                        + d.targetSeenColumn + " = EXCLUDED." + d.targetSeenColumn + ", updated_at = now()",
                orgId, entityType,
                rows.stream().map(w -> fromWoo ? w.sourceId() : w.targetId()).toArray(String[]::new),
                rows.stream().map(w -> fromWoo ? w.targetId() : w.sourceId()).toArray(String[]::new),
                rows.stream().map(LinkWrite::appliedHash).toArray(String[]::new),
                rows.stream().map(LinkWrite::targetSeenHash).toArray(String[]::new));
    }

    /**
     * Records that a person kept the target as it is (a rejected conflict): the source version is
     * taken as applied and the target's content as in step, so neither is flagged again until one
     * of them changes. Nothing happens when the records are not linked.
     */
    public void keepTarget(String orgId, String entityType, String sourceSystem, String sourceId, String sourceHash,
                           String targetSeenHash) {
        Direction d = Direction.from(sourceSystem);
        jdbc.update("UPDATE sync_record_link SET " + d.hashColumn + " = ?, " + d.sourceSeenColumn + " = ?, "
                        + d.targetSeenColumn + " = COALESCE(?, " + d.targetSeenColumn + "), updated_at = now() "
                        + "WHERE org_id = ? AND entity_type = ? AND " + d.sourceColumn + " = ?",
                sourceHash, sourceHash, targetSeenHash, orgId, entityType, sourceId);
    }

    private enum Direction {
        FROM_WOOCOMMERCE("woocommerce_id", "odoo_id", "last_hash_to_odoo", "woocommerce_seen_hash", "odoo_seen_hash"),
        FROM_ODOO("odoo_id", "woocommerce_id", "last_hash_to_woocommerce", "odoo_seen_hash", "woocommerce_seen_hash");

        final String sourceColumn;
        final String targetColumn;
        final String hashColumn;
        final String sourceSeenColumn;
        final String targetSeenColumn;

        Direction(String sourceColumn, String targetColumn, String hashColumn, String sourceSeenColumn,
                  String targetSeenColumn) {
            this.sourceColumn = sourceColumn;
            this.targetColumn = targetColumn;
            this.hashColumn = hashColumn;
            this.sourceSeenColumn = sourceSeenColumn;
            this.targetSeenColumn = targetSeenColumn;
        }

        /** The select of links in this direction, up to the condition on the id column. */
        String select() {
            return "SELECT " + sourceColumn + " AS source_id, " + targetColumn + " AS target_id, " + hashColumn
                    + " AS applied_hash, " + targetSeenColumn + " AS target_seen_hash FROM sync_record_link "
                    + "WHERE org_id = ? AND entity_type = ? AND ";
        }

        Link link(java.sql.ResultSet rs) throws java.sql.SQLException {
            return new Link(rs.getString("source_id"), rs.getString("target_id"), rs.getString("applied_hash"),
                    rs.getString("target_seen_hash"));
        }

        static Direction from(String sourceSystem) {
            return "woocommerce".equals(sourceSystem) ? FROM_WOOCOMMERCE : FROM_ODOO;
        }
    }
}
