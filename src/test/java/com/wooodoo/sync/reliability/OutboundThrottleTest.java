package com.wooodoo.sync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sync's {@code rateLimit} holds for the requests WooCommerce and Odoo receive from one
 * organisation: with the override of the other sandbox tests switched off, a sync that needs
 * 40 requests at 30 a minute sends no more than 30 in any minute, and goes on afterwards.
 */
// as in production: each instance's throttle and the bucket shared by instances, which spreads a
// minute's requests over a minute and its arrival margin (the throttle alone let 31 arrive in 60 s)
@TestPropertySource(properties = {"wooodoo.outbound.requests-per-minute-override=0",
        "wooodoo.outbound.shared-rate-limit.enabled=true"})
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class OutboundThrottleTest extends SandboxTestBase {

    private static final int LIMIT = 30;
    private static final int CUSTOMERS = 12;
    private static final Duration MINUTE_LESS_MARGIN = Duration.ofMillis(59_500);

    /** (nanoTime, requests answered so far by both simulators), every 20 ms. */
    private record Sample(long nanos, long requests) {
    }

    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService sampler;

    @AfterEach
    void stopSampling() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    /** What the external systems see: every HTTP request, the login and look-ups on the side included. */
    @Test
    void aSyncLimitedTo30RequestsAMinuteSendsNoMoreThan30InAnyMinuteAndFinishesAfterwards() {
        runThrottledSync(kind -> true);
    }

    private void runThrottledSync(Predicate<String> counted) {
        woo.seed(EntityType.CUSTOMERS, CUSTOMERS);
        woo.resetStats();
        odoo.resetStats();
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "request-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> samples.add(new Sample(System.nanoTime(), requests(counted))), 0, 20,
                TimeUnit.MILLISECONDS);

        // 2 shop reads (count, page), Odoo's login and country look-up, and per batch of 1 a lookup, a
        // create and its read-back: 40 requests
        String syncId = startSync("[\"woocommerce\",\"odoo\"]", "[\"customers\"]",
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":1,\"rateLimit\":" + LIMIT + "}");

        await("the first request").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> requests(counted) > 0);
        await("the sync ends").atMost(Duration.ofSeconds(125)).pollInterval(Duration.ofMillis(250))
                .until(() -> Set.of("done", "partial", "failed").contains(status(syncId)));
        sampler.shutdownNow();

        JsonNode report = api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(odoo.count("res.partner")).isEqualTo(CUSTOMERS);
        long total = requests(counted);
        assertThat(total).as("requests of the whole sync: %s %s", woo.stats(), odoo.stats()).isGreaterThan(LIMIT);

        Sample first = samples.stream().filter(s -> s.requests() > 0).findFirst().orElseThrow();
        long inFirstMinute = samples.stream()
                .filter(s -> s.nanos() - first.nanos() <= MINUTE_LESS_MARGIN.toNanos())
                .mapToLong(Sample::requests).max().orElseThrow();
        assertThat(inFirstMinute).as("requests in the first minute (%s %s)", woo.stats(), odoo.stats())
                .isLessThanOrEqualTo(LIMIT)
                .isGreaterThanOrEqualTo(LIMIT - 5); // the throttle lets the sync use its minute
        assertThat(busiestWindow()).as("most requests within any 59.5 s").isLessThanOrEqualTo(LIMIT);
    }

    /** The most requests seen within any window of 59.5 s (sliding over the samples). */
    private long busiestWindow() {
        long most = 0;
        int start = 0;
        for (int end = 0; end < samples.size(); end++) {
            while (samples.get(end).nanos() - samples.get(start).nanos() > MINUTE_LESS_MARGIN.toNanos()) {
                start++;
            }
            long before = start == 0 ? 0 : samples.get(start - 1).requests();
            most = Math.max(most, samples.get(end).requests() - before);
        }
        return most;
    }

    private long requests(Predicate<String> counted) {
        return sum(woo.stats(), counted) + sum(odoo.stats(), counted);
    }

    private static long sum(Map<String, Long> stats, Predicate<String> counted) {
        return stats.entrySet().stream().filter(e -> counted.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }
}
