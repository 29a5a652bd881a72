package com.wooodoo.sync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.api.ApiTokens;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.OwnDatabase;
import com.wooodoo.sync.support.ServiceProcess;
import com.wooodoo.sync.support.Teardown;
import com.wooodoo.sync.support.Tenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An organisation's {@code rateLimit} holds across instances: two services on one database, each
 * running one of the organisation's syncs (customers on one, products on the other) at 40 requests
 * a minute, together send its shop and its Odoo no more than 40 in any 60 s (each instance's own
 * throttle alone would let 80 through), and both syncs end {@code done} with every record once.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class TwoInstancesRateLimitTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final int LIMIT = 40;
    private static final int CUSTOMERS = 7;
    private static final int PRODUCTS = 7;
    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final List<ServiceProcess> started = new ArrayList<>();
    private static OwnDatabase database;
    private static WooCommerceSimulator woo;
    private static OdooSimulator odoo;
    private static ScheduledExecutorService sampler;

    /** Requests answered so far by both simulators, read between two nanoTimes; every 20 ms. */
    private record Sample(long before, long requests, long after) {
    }

    private final List<Sample> samples = new CopyOnWriteArrayList<>();

    @AfterAll
    static void stopEverything() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        started.forEach(ServiceProcess::close);
        Teardown.closeAll(woo, odoo, database);
    }

    @Test
    void twoInstancesRunningOneOrganisationsSyncsSendNoMoreThanItsRateLimitInAnyMinute() {
        database = OwnDatabase.create("rate_two_" + RUN);
        woo = new WooCommerceSimulator(0, 77, "ck_test", "cs_test").start();
        odoo = new OdooSimulator(0, 77, "test", "admin", "odoo-password", "odoo-api-key").start();
        woo.seed(EntityType.CUSTOMERS, CUSTOMERS);
        woo.seed(EntityType.PRODUCTS, PRODUCTS);
        String orgId = "rate-" + RUN;
        String token = ApiTokens.generate();

        // both start at once: Flyway's lock lets one of them migrate, the other waits for it
        ServiceProcess first = start("node-1", orgId);
        ServiceProcess second = start("node-2", orgId);
        first.awaitReady(Duration.ofSeconds(90));
        second.awaitReady(Duration.ofSeconds(90));
        JdbcTemplate jdbc = database.jdbc();
        Tenants.register(jdbc, orgId, "Shared rate " + orgId, token, "shared-rate");

        woo.resetStats();
        odoo.resetStats();
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "request-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> {
            long before = System.nanoTime();
            long requests = requests();
            samples.add(new Sample(before, requests, System.nanoTime()));
        }, 0, 20, TimeUnit.MILLISECONDS);

        List<String> syncIds = new ArrayList<>();
        for (ServiceProcess via : List.of(first, second)) {
            String entities = via == first ? "[\"customers\"]" : "[\"products\"]";
            ApiClient.Answer answer = new ApiClient(via.port(), token, orgId, "shared-rate").post(
                    "{\"action\":\"start\",\"systems\":[\"woocommerce\",\"odoo\"],\"entityTypes\":" + entities
                            + ",\"syncConfig\":{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":1,\"rateLimit\":"
                            + LIMIT + "}}");
            assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
            syncIds.add(answer.json().get("syncId").asText());
        }
        await("both syncs end").atMost(Duration.ofSeconds(110)).pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM sync_orchestration WHERE status IN "
                        + "('done', 'partial', 'failed', 'cancelled')", Integer.class) == syncIds.size());
        sampler.shutdownNow();

        Set<Long> runners = new HashSet<>();
        for (String syncId : syncIds) {
            JsonNode report = new ApiClient(first.port(), token, orgId, "shared-rate")
                    .get(ApiClient.BASE + "/status?syncId=" + syncId).json();
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
            List<String> runs = jdbc.queryForList("SELECT details->>'runner' FROM sync_activity_log WHERE sync_id = ?::uuid "
                    + "AND action = 'run'", String.class, syncId);
            assertThat(runs).as("one run per sync").hasSize(1);
            runners.add(Long.parseLong(runs.get(0).substring(0, runs.get(0).indexOf('@'))));
        }
        assertThat(runners).as("each instance ran one of the syncs").containsExactlyInAnyOrder(first.pid(), second.pid());

        Map<String, Long> partners = odoo.records("res.partner").stream()
                .collect(Collectors.groupingBy(p -> p.path("email").asText().toLowerCase(), Collectors.counting()));
        assertThat(partners).hasSize(CUSTOMERS).allSatisfy((email, n) -> assertThat(n).as(email).isEqualTo(1L));
        Map<String, Long> products = odoo.records("product.product").stream()
                .collect(Collectors.groupingBy(p -> p.path("default_code").asText(), Collectors.counting()));
        assertThat(products).hasSize(PRODUCTS).allSatisfy((sku, n) -> assertThat(n).as(sku).isEqualTo(1L));

        long total = requests();
        assertThat(total).as("requests of both syncs, more than one minute's: %s %s", woo.stats(), odoo.stats())
                .isGreaterThan(LIMIT);
        assertThat(busiestMinute()).as("most requests within any 60 s (%s in all; by second: %s)", total, bySecond())
                .isLessThanOrEqualTo(LIMIT);
    }

    /**
     * The most requests answered within any 60 s: between two samples whose reads lie within 60 s,
     * the requests counted after the earlier read and up to the later one.
     */
    private long busiestMinute() {
        long most = 0;
        int start = 0;
        for (int end = 1; end < samples.size(); end++) {
            while (samples.get(end).after() - samples.get(start).before() > MINUTE.toNanos()) {
                start++;
            }
            most = Math.max(most, samples.get(end).requests() - samples.get(start).requests());
        }
        return most;
    }

    /** Requests answered in each second since sampling began, for a failure's message. */
    private Map<Long, Long> bySecond() {
        Map<Long, Long> counts = new java.util.TreeMap<>();
        long origin = samples.get(0).before();
        for (int i = 1; i < samples.size(); i++) {
            long added = samples.get(i).requests() - samples.get(i - 1).requests();
            if (added > 0) {
                counts.merge((samples.get(i).before() - origin) / 1_000_000_000L, added, Long::sum);
            }
        }
        return counts;
    }

    private static long requests() {
        return sum(woo.stats()) + sum(odoo.stats());
    }

    private static long sum(Map<String, Long> stats) {
        return stats.values().stream().mapToLong(Long::longValue).sum();
    }

    private static ServiceProcess start(String name, String orgId) {
        List<String> args = database.serviceArguments();
        // one worker each: the instance running one sync leaves the other sync to the other instance
        args.addAll(List.of("--wooodoo.pipeline.poll-ms=100", "--wooodoo.pipeline.workers=1",
                "--wooodoo.outbound.requests-per-minute-override=0", "--" + ServiceProcess.SHARED_RATE_LIMIT + "=true"));
        args.addAll(OwnDatabase.organisationArguments(orgId, woo.baseUrl(), odoo.baseUrl()));
        ServiceProcess process = ServiceProcess.start(name,
                Path.of("target", "reliability", "rate-" + RUN + "-" + name + ".log"), args);
        started.add(process);
        return process;
    }
}
