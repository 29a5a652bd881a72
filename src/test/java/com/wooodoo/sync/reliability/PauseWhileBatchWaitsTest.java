package com.wooodoo.sync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.HoldingOdooSimulator;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch waiting before it is tried again (here Odoo's {@code Retry-After: 30}, under the
 * 5 minutes a worker waits) sees a pause or a cancel within 2 s: the sync lets go of its worker
 * and no further request reaches WooCommerce or Odoo; the batch is neither recorded nor turned into
 * a conflict, and a resume syncs every record once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PauseWhileBatchWaitsTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String CONFIG = "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":10,\"maxRetries\":3}";
    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);
    private static final int READ_TIMEOUT_MS = 3_000;

    @Autowired
    private Connections connections;

    @Test
    void aPauseWhileABatchWaitsOutA30SecondRetryAfterIsTakenWithinTwoSecondsAndTheResumeEndsDone() {
        String syncId = startWithABatchWaiting30Seconds();

        long pausedAt = System.nanoTime();
        assertThat(api.post(action("pause", syncId)).status()).isEqualTo(200);
        await("the runner let the paused sync go").atMost(TWO_SECONDS).pollInterval(Duration.ofMillis(20))
                .until(() -> leaseReleased(syncId));
        assertThat(Duration.ofNanos(System.nanoTime() - pausedAt)).isLessThan(TWO_SECONDS);
        assertThat(status(syncId)).isEqualTo("paused");
        assertNoRequestReachesTheSimulators();
        assertThat(conflictCount(syncId)).as("the waiting batch was not dead-lettered").isZero();

        odoo.setFaults(Faults.NONE);
        api.post(action("resume", syncId));
        JsonNode report = runToEnd(syncId, Duration.ofSeconds(60));
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).as(report.toString()).isEqualTo(30);
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as(report.toString()).isZero();
        Map<String, Long> partners = partnersByEmail();
        assertThat(partners.entrySet()).as("partners created more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(partners.keySet()).isEqualTo(woo.customers().stream()
                .map(c -> c.get("email").asText().toLowerCase()).collect(Collectors.toSet()));
    }

    @Test
    void aCancelWhileABatchWaitsOutA30SecondRetryAfterIsTakenWithinTwoSeconds() {
        String syncId = startWithABatchWaiting30Seconds();

        long cancelledAt = System.nanoTime();
        assertThat(api.post(action("cancel", syncId)).status()).isEqualTo(200);
        await("the runner let the cancelled sync go").atMost(TWO_SECONDS).pollInterval(Duration.ofMillis(20))
                .until(() -> leaseReleased(syncId));
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(TWO_SECONDS);
        assertThat(status(syncId)).isEqualTo("cancelled");
        assertNoRequestReachesTheSimulators();
        assertThat(conflictCount(syncId)).as("the waiting batch was not dead-lettered").isZero();
        assertThat(odoo.records("res.partner")).isEmpty();
    }

    /**
     * A create whose answer never came may still be running in Odoo: the batch waits the read
     * timeout before it plans again. A pause cutting that wait short leaves the rest of it as the
     * sync's not-before, so a quick resume does not plan the records again (and create them twice).
     */
    @Test
    void aPauseCuttingTheSettleAfterACreateWithoutAnswerHoldsTheResumedSyncBackUntilTheSettleIsOver() {
        HoldingOdooSimulator holding = new HoldingOdooSimulator(0, 13, "test", "admin", "odoo-password", "odoo-api-key")
                .start();
        HoldingOdooSimulator.Hold hold = null;
        try {
            holding.seedShopAccounting(false);
            connections.register(orgId, new OdooSettings(URI.create(holding.baseUrl()), OdooSettings.Protocol.JSONRPC,
                    "test", "admin", "odoo-password", new HttpTimeouts(1_000, READ_TIMEOUT_MS)));
            woo.seed(EntityType.CUSTOMERS, 20);
            hold = holding.holdAnswer("res.partner", "create", 1);
            String syncId = startSync(WOO_TO_ODOO, "[\"customers\"]", CONFIG);
            HoldingOdooSimulator.Hold held = hold;
            await("Odoo ran the first create and holds its answer").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20)).until(held::isHolding);

            assertThat(api.post(action("pause", syncId)).status()).isEqualTo(200);
            await("the runner let the paused sync go").atMost(Duration.ofMillis(READ_TIMEOUT_MS).plus(TWO_SECONDS))
                    .pollInterval(Duration.ofMillis(20)).until(() -> leaseReleased(syncId));
            JsonNode paused = report(syncId);
            assertThat(paused.get("status").asText()).isEqualTo("paused");
            assertThat(paused.get("notBefore").isTextual()).as(paused.toString()).isTrue();
            Instant notBefore = Instant.parse(paused.get("notBefore").asText());
            assertThat(notBefore).as("what is left of the settle").isAfter(Instant.now())
                    .isBefore(Instant.now().plusMillis(READ_TIMEOUT_MS + 500));
            assertThat(paused.get("waitReason").asText()).contains("may still be running");
            hold.release();

            assertThat(api.post(action("resume", syncId)).status()).isEqualTo(200);
            Duration untilNotBefore = Duration.between(Instant.now(), notBefore).minusMillis(200);
            if (!untilNotBefore.isNegative()) {
                await("the resumed sync is not taken up before its not-before").during(untilNotBefore)
                        .atMost(untilNotBefore.plusSeconds(1)).pollInterval(Duration.ofMillis(20))
                        .until(() -> leaseReleased(syncId));
            }
            JsonNode done = runToEnd(syncId, Duration.ofSeconds(60));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
            assertThat(done.at("/queue/processed").asInt()).as(done.toString()).isEqualTo(20);
            Map<String, Long> partners = holding.records("res.partner").stream()
                    .collect(Collectors.groupingBy(p -> p.path("email").asText().toLowerCase(), Collectors.counting()));
            assertThat(partners.entrySet()).as("partners created more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
            assertThat(partners).hasSize(20);
        } finally {
            if (hold != null) {
                hold.release();
            }
            holding.close();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private JsonNode report(String syncId) {
        return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
    }

    /** A sync whose first batch met Odoo's 429 with Retry-After: 30, and now waits for it. */
    private String startWithABatchWaiting30Seconds() {
        woo.seed(EntityType.CUSTOMERS, 30);
        odoo.resetStats();
        odoo.setFaults(Faults.NONE.withRateLimit(1.0, 30));
        String syncId = startSync(WOO_TO_ODOO, "[\"customers\"]", CONFIG);
        await("Odoo answered the first batch 429").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> odoo.faultsAnswered() >= 1);
        assertThat(status(syncId)).isEqualTo("processing");
        return syncId;
    }

    /** For a second, neither simulator is asked anything more. */
    private void assertNoRequestReachesTheSimulators() {
        long before = requestsAnswered();
        await("no further request").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50)).until(() -> requestsAnswered() == before);
    }

    private static long requestsAnswered() {
        return woo.stats().values().stream().mapToLong(Long::longValue).sum() + woo.faultsAnswered()
                + odoo.stats().values().stream().mapToLong(Long::longValue).sum() + odoo.faultsAnswered();
    }

    private int conflictCount(String syncId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM sync_conflict WHERE sync_id = ?::uuid", Integer.class, syncId);
        return n == null ? 0 : n;
    }

    private boolean leaseReleased(String syncId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT lease_owner IS NULL FROM sync_orchestration WHERE sync_id = ?::uuid", Boolean.class, syncId));
    }

    private static String action(String action, String syncId) {
        return "{\"action\":\"" + action + "\",\"syncId\":\"" + syncId + "\"}";
    }

    private Map<String, Long> partnersByEmail() {
        return odoo.records("res.partner").stream()
                .collect(Collectors.groupingBy(p -> p.path("email").asText().toLowerCase(), Collectors.counting()));
    }
}
