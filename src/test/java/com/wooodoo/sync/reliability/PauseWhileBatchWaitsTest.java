package com.wooodoo.sync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
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

    // ---- helpers ---------------------------------------------------------------------------

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
