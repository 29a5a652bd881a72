package com.wooodoo.sync.reliability;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sync whose next request waits for its organisation's rate limit (at {@code rateLimit} 1, up
 * to a minute) is paused and cancelled within 2 s: the request is withdrawn, the worker let go,
 * and nothing more reaches the shop or Odoo. The organisation's limit is its own here (no override).
 */
@TestPropertySource(properties = "wooodoo.outbound.requests-per-minute-override=0")
class PauseWhileThrottledTest extends SandboxTestBase {

    private static final String CONFIG = "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"rateLimit\":1}";

    @Test
    void aPauseAndACancelWhileARequestWaitsForTheRateLimitAreTakenWithinTwoSeconds() {
        woo.seed(EntityType.CUSTOMERS, 150);
        String syncId = startSync("[\"woocommerce\",\"odoo\"]", "[\"customers\"]", CONFIG);
        await("the first request went out; the next one waits a minute for the rate limit").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(() -> requestsSoFar() >= 1 && runnerHolds(syncId));

        long requestsBeforePause = requestsSoFar();
        api.post("{\"action\":\"pause\",\"syncId\":\"" + syncId + "\"}");
        await("the runner lets the paused sync go").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> !runnerHolds(syncId));
        assertThat(status(syncId)).isEqualTo("paused");

        api.post("{\"action\":\"resume\",\"syncId\":\"" + syncId + "\"}");
        await("the resumed sync is taken up again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> runnerHolds(syncId));
        api.post("{\"action\":\"cancel\",\"syncId\":\"" + syncId + "\"}");
        await("the runner lets the cancelled sync go").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> !runnerHolds(syncId));
        assertThat(status(syncId)).isEqualTo("cancelled");
        assertThat(requestsSoFar()).as("requests after the pause: the withdrawn ones never went out")
                .isEqualTo(requestsBeforePause);
    }

    private boolean runnerHolds(String syncId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT lease_owner IS NOT NULL FROM sync_orchestration WHERE sync_id = ?::uuid", Boolean.class, syncId));
    }

    private long requestsSoFar() {
        return woo.stats().values().stream().mapToLong(Long::longValue).sum()
                + odoo.stats().values().stream().mapToLong(Long::longValue).sum();
    }
}
