package com.wooodoo.sync.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding a batch's links costs the batch, not the organisation's link count, so a sync stays
 * linear in its records. The organisation is new and the table not analysed since its links were
 * written: the planner's statistics know nothing of them, the case in which a look-up once read
 * every link of the organisation for each batch (a plan led by the other index's
 * {@code (org_id, entity_type)}).
 */
class LinkStoreLookupCostTest extends ApiTestBase {

    private static final int LINKS = 10_000;
    private static final String HASH = "a".repeat(64);

    @Autowired
    LinkStore links;
    @Autowired
    ObjectMapper json;

    @ParameterizedTest
    @ValueSource(strings = {"woocommerce", "odoo"})
    void aBatchOfFiftyReadsFiftyLinksAmongTenThousand(String sourceSystem) throws Exception {
        links.upsert(orgId, "customers", "woocommerce", IntStream.rangeClosed(1, LINKS)
                .mapToObj(i -> new LinkStore.LinkWrite("w" + i, "o" + i, HASH, HASH)).toList());
        String prefix = sourceSystem.equals("woocommerce") ? "w" : "o";
        String otherPrefix = sourceSystem.equals("woocommerce") ? "o" : "w";
        List<String> batch = IntStream.rangeClosed(5_001, 5_050).mapToObj(i -> prefix + i).toList();
        List<String> targets = IntStream.rangeClosed(7_001, 7_050).mapToObj(i -> otherPrefix + i).toList();

        assertThat(links.find(orgId, "customers", sourceSystem, batch)).hasSize(50)
                .containsEntry(prefix + 5001, new LinkStore.Link(prefix + 5001, otherPrefix + 5001,
                        sourceSystem.equals("woocommerce") ? HASH : null, HASH)); // written in the shop's direction
        assertThat(links.sourcesOfTargets(orgId, "customers", sourceSystem, targets)).hasSize(50)
                .containsEntry(otherPrefix + 7001, prefix + 7001);

        assertThat(rowsRead(LinkStore.findSql(sourceSystem), batch)).as("link rows read to find 50 links by source id")
                .isEqualTo(50);
        assertThat(rowsRead(LinkStore.sourcesOfTargetsSql(sourceSystem), targets))
                .as("link rows read to find 50 links by target id").isEqualTo(50);
    }

    /**
     * With statements prepared on the server (the driver's default after five runs), the benchmark
     * measured 12 ms per look-up of 50 links on a new database: a plan kept from when the table
     * was small. The service's statements are sent unnamed, so each is planned with its values.
     */
    @org.junit.jupiter.api.Test
    void theServicesStatementsAreNeverPreparedOnTheServer() throws Exception {
        try (java.sql.Connection connection = jdbc.getDataSource().getConnection()) {
            org.postgresql.PGConnection pg = connection.unwrap(org.postgresql.PGConnection.class);
            assertThat(pg.getPrepareThreshold()).as("statements the driver prepares on the server (0: none)").isZero();
        }
    }

    /** Rows the statement's scan of sync_record_link produced or removed by a filter, as executed. */
    private long rowsRead(String sql, List<String> ids) throws Exception {
        String plan = jdbc.queryForObject("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, String.class,
                orgId, "customers", ids.toArray(String[]::new));
        return scanRows(json.readTree(plan).get(0).get("Plan"));
    }

    private static long scanRows(JsonNode node) {
        long rows = 0;
        if ("sync_record_link".equals(node.path("Relation Name").asText())) {
            rows += node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong();
        }
        for (JsonNode child : node.path("Plans")) {
            rows += scanRows(child);
        }
        return rows;
    }
}
