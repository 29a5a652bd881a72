package com.wooodoo.sync.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of an organisation's resolved, unresolved or all conflicts costs the page, not the
 * organisation's conflict count: no sort of every conflict, the rows read are the page's.
 */
class ConflictListingCostTest extends ApiTestBase {

    private static final int CONFLICTS = 20_000;
    private static final int PAGE = 51;

    @Autowired
    private ObjectMapper json;

    @ParameterizedTest
    @ValueSource(strings = {"resolved", "unresolved", "all"})
    void aPageReadsItsRowsAmongTwentyThousand(String state) throws Exception {
        String syncId = api.startSync();
        jdbc.update("""
                INSERT INTO sync_conflict (conflict_id, org_id, sync_id, conflict_type, entity_type, source_system,
                                           target_system, message, resolution, resolved_by, resolved_at,
                                           resolution_outcome, created_at)
                SELECT gen_random_uuid(), ?, ?::uuid, 'ValidationError', 'customers', 'woocommerce', 'odoo', 'x',
                       CASE WHEN i % 2 = 0 THEN 'reject' END, CASE WHEN i % 2 = 0 THEN 'alice' END,
                       CASE WHEN i % 2 = 0 THEN now() END, CASE WHEN i % 2 = 0 THEN 'kept-target' END,
                       now() - make_interval(secs => ? - i)
                  FROM generate_series(1, ?) AS i""", orgId, syncId, CONFLICTS, CONFLICTS);
        // as autovacuum does after so many rows: with no statistics at all the planner takes the
        // partial index of resolved conflicts for a few rows and sorts them
        jdbc.execute("ANALYZE sync_conflict");
        Optional<Boolean> resolved = switch (state) {
            case "resolved" -> Optional.of(true);
            case "unresolved" -> Optional.of(false);
            default -> Optional.empty();
        };
        ConflictQuery query = new ConflictQuery(orgId, Optional.empty(), resolved, Optional.empty(), Optional.empty(),
                PAGE);
        List<Object> args = new ArrayList<>();
        String sql = ConflictStore.pageSql(query, "SELECT conflict_id", args);

        String plan = jdbc.queryForObject("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, String.class, args.toArray());
        JsonNode root = json.readTree(plan).get(0).get("Plan");

        assertThat(plan).as("plan of a page of %s conflicts", state).doesNotContain("\"Sort\"");
        assertThat(rowsRead(root)).as("conflict rows read for a page of %d %s", PAGE, state).isLessThanOrEqualTo(PAGE);
        assertThat(jdbc.queryForList(sql, UUID.class, args.toArray())).hasSize(PAGE);
    }

    private static long rowsRead(JsonNode node) {
        long rows = 0;
        if ("sync_conflict".equals(node.path("Relation Name").asText())) {
            rows += node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong();
        }
        for (JsonNode child : node.path("Plans")) {
            rows += rowsRead(child);
        }
        return rows;
    }
}
