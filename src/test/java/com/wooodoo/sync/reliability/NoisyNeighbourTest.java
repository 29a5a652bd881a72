package com.wooodoo.sync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.connector.WooCommerceSettings;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.MisbehavingShop;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static com.wooodoo.sync.support.ApiClient.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One organisation's misbehaving shop holds up no other organisation. Organisation A's shop
 * answers {@code Retry-After: 86400}, bodies that drip a byte at a time and pages of 100 MB; A runs
 * five syncs and twenty resolutions at once, all at {@code rateLimit} 1. Meanwhile organisation
 * B's sync of 2,000 customers, at the contract's highest {@code rateLimit} (50), takes at most
 * 1.5 times as long as it took alone, and B's {@code status} answers within 100 ms at the 99th
 * percentile. The organisations' limits are their own here (no override), so B's sync takes about
 * a minute each time: a long run.
 */
@Tag("long")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestPropertySource(properties = "wooodoo.outbound.requests-per-minute-override=0")
class NoisyNeighbourTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";
    private static final String FAST = "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":200,\"rateLimit\":50}";
    private static final String NOISY = "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"rateLimit\":1,\"maxRetries\":5}";
    private static final int CUSTOMERS = 2_000;

    private static MisbehavingShop noisyShop;

    @Autowired
    private Connections connections;

    @BeforeAll
    static void startTheNoisyShop() {
        noisyShop = new MisbehavingShop();
    }

    @AfterAll
    static void stopTheNoisyShop() {
        noisyShop.close();
    }

    @Test
    void aNeighbourWhoseShopMisbehavesNeitherSlowsAnotherOrganisationsSyncNorItsStatus() throws Exception {
        woo.seed(EntityType.CUSTOMERS, CUSTOMERS);
        Duration alone = runAs(anotherOrganisationOnTheSimulators(), "alone").elapsed();

        String orgA = newOrgId();
        ApiClient a = api.as(issueToken(orgA), orgA);
        HttpTimeouts timeouts = new HttpTimeouts(2_000, 5_000);
        connections.register(orgA, new WooCommerceSettings(URI.create(noisyShop.baseUrl()), "ck_test", "cs_test", timeouts));
        connections.register(orgA, new OdooSettings(URI.create(odoo.baseUrl()), OdooSettings.Protocol.JSONRPC, "test",
                "admin", "odoo-password", timeouts));
        List<String> noisySyncs = new ArrayList<>();
        for (String[] sync : List.of(new String[] {WOO_TO_ODOO, "customers"}, new String[] {WOO_TO_ODOO, "products"},
                new String[] {WOO_TO_ODOO, "orders"}, new String[] {ODOO_TO_WOO, "customers"},
                new String[] {ODOO_TO_WOO, "products"})) {
            noisySyncs.add(start(a, sync[0], "[\"" + sync[1] + "\"]", NOISY));
        }
        ExecutorService resolvers = Executors.newFixedThreadPool(20);
        List<CompletableFuture<ApiClient.Answer>> resolutions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String conflictId = insertConflict(orgA, noisySyncs.get(0), "ValidationError");
            resolutions.add(CompletableFuture.supplyAsync(() -> a.post("{\"action\":\"resolve-conflict\",\"conflictId\":\""
                    + conflictId + "\",\"resolution\":\"retry\"}"), resolvers));
        }
        try {
            await("the noisy shop is called").atMost(Duration.ofSeconds(30)).until(() -> noisyShop.calls() >= 1);
            odoo.reset();
            Run beside = runAs(anotherOrganisationOnTheSimulators(), "beside the noisy neighbour");

            assertThat(beside.elapsed()).as("B's sync beside A (alone: %s)", alone)
                    .isLessThanOrEqualTo(Duration.ofMillis(alone.toMillis() * 3 / 2));
            assertThat(beside.statusP99()).as("B's status, 99th percentile of %d reads", beside.statusReads())
                    .isLessThan(Duration.ofMillis(100));
            for (String syncId : noisySyncs) {
                JsonNode report = a.get(BASE + "/status?syncId=" + syncId).json();
                assertThat(report.get("status").asText()).as("A's sync is waiting, not lost: " + report)
                        .isIn("queued", "processing", "failed");
            }
        } finally {
            for (String syncId : noisySyncs) {
                a.post("{\"action\":\"cancel\",\"syncId\":\"" + syncId + "\"}");
            }
            resolvers.shutdownNow();
        }
    }

    /** A sync's time from start to end, and how fast its status answered meanwhile. */
    private record Run(Duration elapsed, Duration statusP99, int statusReads) {
    }

    private static Run runAs(ApiClient b, String what) {
        long began = System.nanoTime();
        String syncId = start(b, WOO_TO_ODOO, "[\"customers\"]", FAST);
        List<Long> statusNanos = Collections.synchronizedList(new ArrayList<>());
        // polled within the API's own limit of 600 requests a minute per organisation
        await("B's sync " + what).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(150)).until(() -> {
            long asked = System.nanoTime();
            ApiClient.Answer answer = b.get(BASE + "/status?syncId=" + syncId);
            statusNanos.add(System.nanoTime() - asked);
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            JsonNode report = answer.json();
            return Set.of("done", "partial", "failed").contains(report.get("status").asText());
        });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        JsonNode report = b.get(BASE + "/status?syncId=" + syncId).json();
        assertThat(report.get("status").asText()).as(what + ": " + report).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).as(what + ": " + report).isEqualTo(CUSTOMERS);
        List<Long> sorted = new ArrayList<>(statusNanos);
        Collections.sort(sorted);
        Duration p99 = Duration.ofNanos(sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1)));
        System.out.printf("B's sync %s: %d ms, status p99 %d ms over %d reads%n", what, elapsed.toMillis(), p99.toMillis(),
                sorted.size());
        return new Run(elapsed, p99, sorted.size());
    }

    private static String start(ApiClient client, String systems, String entities, String config) {
        ApiClient.Answer answer = client.post("{\"action\":\"start\",\"systems\":" + systems + ",\"entityTypes\":" + entities
                + ",\"syncConfig\":" + config + "}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        return answer.json().get("syncId").asText();
    }
}
