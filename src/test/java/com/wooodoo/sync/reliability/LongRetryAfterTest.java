package com.wooodoo.sync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code Retry-After} longer than a worker is held for ({@code wooodoo.pipeline.max-retry-after-ms},
 * 5 minutes by default) puts the sync back in the queue until then and frees the worker: with one
 * worker on this instance, another organisation's sync runs to its end meanwhile. Once the time has
 * come (set into the past here), the sync is claimed again and goes on from its checkpoint, nothing
 * written twice.
 */
@TestPropertySource(properties = {"wooodoo.pipeline.workers=1", "wooodoo.pipeline.workers-per-organisation=1"})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LongRetryAfterTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void odooAskingToWaitADayPutsTheSyncBackInTheQueueFreesTheWorkerAndItEndsDoneLater() {
        woo.seed(EntityType.CUSTOMERS, 60);
        String syncId = startSync(WOO_TO_ODOO, "[\"customers\"]",
                "{\"interBatchDelayMs\":300,\"mode\":\"full\",\"batchSize\":10,\"maxRetries\":3}");
        await("some batches recorded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> report(api, syncId).at("/progress/batchesDone").asInt() >= 2);
        odoo.setFaults(Faults.NONE.withRateLimit(1.0, 86_400));

        JsonNode waiting = awaitBackInTheQueue(syncId);
        odoo.setFaults(Faults.NONE);

        assertWaitsADay(waiting, "Odoo asked to wait 86400 s (Retry-After)");
        int processed = waiting.at("/queue/processed").asInt();
        assertThat(processed).as("the batches before were recorded, the failing one not: " + waiting)
                .isEqualTo(waiting.at("/progress/batchesDone").asInt() * 10).isBetween(20, 50);
        assertThat(requeueEntries(syncId)).singleElement().asString().contains("Odoo asked to wait 86400 s");
        assertNoPartnerTwice();

        runAnotherOrganisationsSyncToDoneWhileThisOneWaits(syncId);

        JsonNode done = claimAgainNow(syncId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.at("/queue/processed").asInt()).as(done.toString()).isEqualTo(60);
        assertThat(done.at("/queue/failed").asInt() + done.at("/queue/skipped").asInt()).isZero();
        assertThat(done.at("/conflicts/totalConflicts").asInt()).as(done.toString()).isZero();
        assertThat(done.get("notBefore").isNull()).isTrue();
        assertEveryShopCustomerOnceInOdoo();
    }

    @Test
    void theShopAskingToWaitADayForAPageReadPutsTheSyncBackInTheQueueAndItEndsDoneLater() {
        woo.seed(EntityType.CUSTOMERS, 1_000); // pages of 100, read two ahead of the batches in flight
        String syncId = startSync(WOO_TO_ODOO, "[\"customers\"]",
                "{\"interBatchDelayMs\":300,\"mode\":\"full\",\"batchSize\":50,\"maxRetries\":3}");
        await("a batch recorded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> report(api, syncId).at("/progress/batchesDone").asInt() >= 1);
        woo.setFaults(Faults.NONE.withRateLimit(1.0, 86_400));

        JsonNode waiting = awaitBackInTheQueue(syncId);
        woo.setFaults(Faults.NONE);

        assertWaitsADay(waiting, "WooCommerce asked to wait 86400 s (Retry-After) when reading page");
        int processed = waiting.at("/queue/processed").asInt();
        assertThat(processed).as(waiting.toString()).isEqualTo(waiting.at("/progress/batchesDone").asInt() * 50)
                .isBetween(50, 900);
        assertThat(odoo.records("res.partner")).as("what was written is what was recorded").hasSize(processed);
        assertThat(requeueEntries(syncId)).singleElement().asString().contains("WooCommerce asked to wait 86400 s");

        runAnotherOrganisationsSyncToDoneWhileThisOneWaits(syncId);

        JsonNode done = claimAgainNow(syncId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.at("/queue/processed").asInt()).as(done.toString()).isEqualTo(1_000);
        assertThat(done.at("/conflicts/totalConflicts").asInt()).as(done.toString()).isZero();
        assertEveryShopCustomerOnceInOdoo();
    }

    @Test
    void aSyncWaitingInTheQueueIsPausedResumedToTheQueueStillWaitingAndCancelled() {
        woo.seed(EntityType.CUSTOMERS, 10);
        woo.setFaults(Faults.NONE.withRateLimit(1.0, 86_400));
        String syncId = startSync(WOO_TO_ODOO, "[\"customers\"]",
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":10}");
        JsonNode waiting = awaitBackInTheQueue(syncId);
        woo.setFaults(Faults.NONE);
        String notBefore = waiting.get("notBefore").asText();

        assertThat(api.post(action("pause", syncId)).json().get("status").asText()).isEqualTo("paused");
        assertThat(api.post(action("resume", syncId)).json().get("status").asText()).isEqualTo("queued");
        JsonNode resumed = report(api, syncId);
        assertThat(resumed.get("notBefore").asText()).as("the wait still holds after the resume").isEqualTo(notBefore);
        assertThat(api.post(action("cancel", syncId)).json().get("status").asText()).isEqualTo("cancelled");
        assertThat(odoo.records("res.partner")).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private JsonNode awaitBackInTheQueue(String syncId) {
        await("the sync is back in the queue, its worker free").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    JsonNode report = report(api, syncId);
                    // queued with a not-before time: put back by its runner, not yet claimed at all
                    return "queued".equals(report.get("status").asText()) && report.get("notBefore").isTextual()
                            && leaseReleased(syncId);
                });
        return report(api, syncId);
    }

    private static void assertWaitsADay(JsonNode waiting, String reason) {
        assertThat(waiting.get("notBefore").isTextual()).as(waiting.toString()).isTrue();
        Instant notBefore = Instant.parse(waiting.get("notBefore").asText());
        Instant now = Instant.now();
        assertThat(notBefore).as(waiting.toString()).isBetween(now.plus(DAY).minusSeconds(60), now.plus(DAY));
        assertThat(waiting.get("waitReason").asText()).contains(reason).contains("waits in the queue until");
    }

    /**
     * Another organisation's sync, started while this one waits in the queue, is claimed by the one
     * worker of this instance and runs to done: the waiting sync holds no worker.
     */
    private void runAnotherOrganisationsSyncToDoneWhileThisOneWaits(String waitingSyncId) {
        woo.seed(EntityType.PRODUCTS, 15);
        ApiClient other = anotherOrganisationOnTheSimulators();
        String otherSync = other.startSync(WOO_TO_ODOO, "[\"products\"]");
        await("the other organisation's sync ends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Set.of("done", "partial", "failed").contains(report(other, otherSync).get("status").asText()));
        assertThat(report(other, otherSync).get("status").asText()).isEqualTo("done");
        assertThat(report(api, waitingSyncId).get("status").asText()).as("still waiting in the queue").isEqualTo("queued");
    }

    /** Time passes: the not-before is set into the past, and the sync is claimed again and runs to its end. */
    private JsonNode claimAgainNow(String syncId) {
        jdbc.update("UPDATE sync_orchestration SET not_before = now() - interval '1 second' WHERE sync_id = ?::uuid",
                syncId);
        return runToEnd(syncId, Duration.ofSeconds(60));
    }

    private List<String> requeueEntries(String syncId) {
        return jdbc.queryForList("SELECT details->>'reason' FROM sync_activity_log WHERE sync_id = ?::uuid "
                + "AND action = 'requeue'", String.class, syncId);
    }

    private boolean leaseReleased(String syncId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT lease_owner IS NULL FROM sync_orchestration WHERE sync_id = ?::uuid", Boolean.class, syncId));
    }

    private static JsonNode report(ApiClient client, String syncId) {
        return client.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
    }

    private static String action(String action, String syncId) {
        return "{\"action\":\"" + action + "\",\"syncId\":\"" + syncId + "\"}";
    }

    private void assertNoPartnerTwice() {
        assertThat(partnersByEmail().entrySet()).as("partners created more than once")
                .filteredOn(e -> e.getValue() > 1).isEmpty();
    }

    private void assertEveryShopCustomerOnceInOdoo() {
        Map<String, Long> partners = partnersByEmail();
        assertThat(partners.entrySet()).as("partners created more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(partners.keySet()).isEqualTo(woo.customers().stream()
                .map(c -> c.get("email").asText().toLowerCase()).collect(Collectors.toSet()));
    }

    private Map<String, Long> partnersByEmail() {
        return odoo.records("res.partner").stream()
                .collect(Collectors.groupingBy(p -> p.path("email").asText().toLowerCase(), Collectors.counting()));
    }
}
