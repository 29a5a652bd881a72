package com.wooodoo.sync.reliability;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.pipeline.PipelineProperties;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One organisation's backlog does not take every worker: with 2 workers and at most 1 sync of an
 * organisation at once, organisation A's three long syncs hold one worker, and organisation B's
 * sync, started after them, is running by the next claim.
 */
@TestPropertySource(properties = {"wooodoo.pipeline.workers=2", "wooodoo.pipeline.workers-per-organisation=1",
        "wooodoo.pipeline.poll-ms=1000"})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkersSharedFairlyTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String SLOW = "{\"interBatchDelayMs\":500,\"mode\":\"full\",\"batchSize\":5}";
    /** Asking the status and the claim's own statements, on a machine that also compiles. */
    private static final Duration MARGIN = Duration.ofMillis(700);

    @Autowired
    private PipelineProperties pipeline;

    @Test
    void anOrganisationWithThreeLongSyncsHoldsOneOfTwoWorkersAndAnotherOrganisationsSyncRunsByTheNextClaim() {
        woo.seed(EntityType.CUSTOMERS, 40);
        woo.seed(EntityType.PRODUCTS, 40);
        woo.seedCustomerOrders(10);
        odoo.setFaults(Faults.NONE.withLatencyMs(250)); // every batch takes a second or more
        List<String> aSyncs = List.of(
                startSync(WOO_TO_ODOO, "[\"customers\"]", SLOW),
                startSync(WOO_TO_ODOO, "[\"products\"]", SLOW),
                startSync(WOO_TO_ODOO, "[\"orders\"]", SLOW));
        await("one of A's syncs runs").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> processing(orgId) == 1);
        await("A's other syncs stay queued over two claims").during(Duration.ofMillis(2 * pipeline.getPollMs()))
                .atMost(Duration.ofMillis(3 * pipeline.getPollMs())).pollInterval(Duration.ofMillis(50))
                .until(() -> processing(orgId) == 1);

        ApiClient other = anotherOrganisationOnTheSimulators();
        long startedAt = System.nanoTime();
        String bSync = other.startSync(WOO_TO_ODOO, "[\"customers\"]");

        await("B's sync is claimed within one poll of the claim route")
                .atMost(Duration.ofMillis(pipeline.getPollMs()).plus(MARGIN)).pollInterval(Duration.ofMillis(20))
                .until(() -> "processing".equals(statusOf(other, bSync)));
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt))
                .isLessThanOrEqualTo(Duration.ofMillis(pipeline.getPollMs()).plus(MARGIN));
        assertThat(processing(orgId)).as("A still holds one worker only").isEqualTo(1);
        assertThat(aSyncs.stream().filter(id -> status(id).equals("queued")).count())
                .as("A's other syncs wait").isEqualTo(2);
        odoo.setFaults(Faults.NONE);
    }

    private int processing(String org) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM sync_orchestration WHERE org_id = ? AND status = 'processing'",
                Integer.class, org);
        return n == null ? 0 : n;
    }

    private static String statusOf(ApiClient client, String syncId) {
        return client.get(ApiClient.BASE + "/status?syncId=" + syncId).json().get("status").asText();
    }
}
