package com.wooodoo.sync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A batch that takes longer than the lease (a slow Odoo, retries, timeouts) must not let the sync
 * be claimed a second time while its runner is still working on it: one run, counters that add
 * up, each customer once. The lease is 1 s here and each Odoo call takes 0.7 s, so every batch
 * (a lookup and a create) outlasts it; in production the same happens with the default lease of
 * 60 s once a batch spends a minute in read timeouts (30 s) and back-off.
 */
@TestPropertySource(properties = "wooodoo.pipeline.lease-ms=1000")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SlowBatchLeaseTest extends SandboxTestBase {

    @Test
    void aBatchSlowerThanTheLeaseIsNotRunTwiceAtOnce() {
        woo.seed(EntityType.CUSTOMERS, 30);
        odoo.setFaults(Faults.NONE.withLatencyMs(700));

        String syncId = startSync("[\"woocommerce\",\"odoo\"]", "[\"customers\"]",
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":10}");
        await("sync ends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Set.of("done", "partial", "failed").contains(status(syncId)));
        odoo.setFaults(Faults.NONE);
        JsonNode report = api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();

        List<Map<String, Object>> runs = jdbc.queryForList("SELECT details->>'runner' AS runner, details->>'checkpoint' AS at "
                + "FROM sync_activity_log WHERE sync_id = ?::uuid AND action = 'run' ORDER BY entry_id", syncId);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(runs).as("runs of the sync (a second one means it was claimed again while running)").hasSize(1);
        soft.assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        soft.assertThat(report.at("/queue/processed").asInt()).as(report.toString()).isEqualTo(30);
        soft.assertThat(report.at("/progress/batchesDone").asInt()).as(report.toString()).isEqualTo(3);
        Map<String, Long> byEmail = odoo.records("res.partner").stream()
                .collect(Collectors.groupingBy(p -> p.path("email").asText().toLowerCase(), Collectors.counting()));
        soft.assertThat(byEmail.values()).as("partners per e-mail").allMatch(n -> n == 1);
        soft.assertThat(byEmail).hasSize(30);
        soft.assertAll();
    }
}
