package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Syncs of one organisation that share an entity type run one after the other, whatever their
 * direction, in the order they were started; syncs of other entity types run alongside.
 */
class SharedEntityTypesTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";
    /** Slow enough (a pause between small batches) to be seen processing by a few polls. */
    private static final String SLOW = "{\"interBatchDelayMs\":150,\"mode\":\"full\",\"batchSize\":10}";
    /** Slower still: its ten batches are handed out over more than 5 s, longer than a small products sync. */
    private static final String SLOWER = "{\"interBatchDelayMs\":600,\"mode\":\"full\",\"batchSize\":10}";
    private static final Set<String> ENDED = Set.of("done", "partial", "failed", "cancelled");

    @Test
    void twoSyncsOfTheSameCustomersRunOneAfterTheOtherInTheOrderStarted() {
        woo.seed(EntityType.CUSTOMERS, 60);

        String first = startSync(WOO_TO_ODOO, "[\"customers\"]", SLOW);
        String second = startSync(WOO_TO_ODOO, "[\"customers\"]", SLOW);

        List<String> overlaps = new ArrayList<>();
        await("both end").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            // the second is read first: the first still running when read afterwards ran at both moments
            String b = status(second);
            String a = status(first);
            if (a.equals("processing") && b.equals("processing")) {
                overlaps.add(a + "/" + b);
            }
            if (!ENDED.contains(a) && !b.equals("queued")) {
                overlaps.add("second " + b + " while first " + a);
            }
            return ENDED.contains(a) && ENDED.contains(b);
        });

        assertThat(overlaps).as("never both processing, and the second waits for the first").isEmpty();
        JsonNode a = report(first);
        JsonNode b = report(second);
        assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("done");
        assertThat(b.get("status").asText()).as(b.toString()).isEqualTo("done");
        assertThat(instant(b, "startedAt")).as("the second starts once the first has finished")
                .isAfterOrEqualTo(instant(a, "finishedAt"));
        assertThat(odoo.records("res.partner")).hasSize(60);
    }

    @Test
    void theOppositeDirectionOfTheSameEntityTypeWaits() {
        woo.seed(EntityType.CUSTOMERS, 60);

        String there = startSync(WOO_TO_ODOO, "[\"customers\"]", SLOW);
        await("the first runs").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> status(there).equals("processing"));
        String back = startSync(ODOO_TO_WOO, "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");

        List<String> overlaps = new ArrayList<>();
        await("the first ends").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String b = status(back);
            String a = status(there);
            if (!b.equals("queued") && !ENDED.contains(a)) {
                overlaps.add("back " + b + " while there " + a);
            }
            return ENDED.contains(a);
        });
        assertThat(overlaps).as("the opposite direction stays queued while the first runs").isEmpty();

        JsonNode b = runToEnd(back, Duration.ofSeconds(60));
        JsonNode a = report(there);
        assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("done");
        assertThat(b.get("status").asText()).as(b.toString()).isIn("done", "partial");
        assertThat(instant(b, "startedAt")).isAfterOrEqualTo(instant(a, "finishedAt"));
    }

    @Test
    void aSyncOfAnotherEntityTypeRunsAtOnce() {
        woo.seed(EntityType.CUSTOMERS, 100);
        woo.seed(EntityType.PRODUCTS, 10);

        String customers = startSync(WOO_TO_ODOO, "[\"customers\"]", SLOWER);
        await("customers run").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> status(customers).equals("processing"));
        String products = startSync(WOO_TO_ODOO, "[\"products\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");

        JsonNode p = runToEnd(products, Duration.ofSeconds(60));
        assertThat(p.get("status").asText()).as(p.toString()).isEqualTo("done");
        assertThat(status(customers)).as("products ran while customers were still running").isEqualTo("processing");

        JsonNode c = runToEnd(customers, Duration.ofSeconds(90));
        assertThat(c.get("status").asText()).as(c.toString()).isEqualTo("done");
        assertThat(instant(p, "finishedAt")).isBefore(instant(c, "finishedAt"));
    }

    private JsonNode report(String syncId) {
        return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
    }

    private static Instant instant(JsonNode report, String field) {
        return Instant.parse(report.get(field).asText());
    }
}
