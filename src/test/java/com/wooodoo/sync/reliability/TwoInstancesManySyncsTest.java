package com.wooodoo.sync.reliability;

import com.wooodoo.sync.support.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.api.ApiTokens;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.OwnDatabase;
import com.wooodoo.sync.support.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service on one database share the work of many syncs (three organisations,
 * each with a shop and an Odoo of its own, customers and products): every sync ends {@code done},
 * each record reaches its target exactly once, both instances ran syncs, and no sync was run by
 * two at once (one run per sync, since nobody died).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TwoInstancesManySyncsTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final int CUSTOMERS = 600;
    private static final int PRODUCTS = 200;
    private static final List<ServiceProcess> started = new ArrayList<>();
    private static final List<AutoCloseable> simulators = new ArrayList<>();
    private static OwnDatabase database;

    private record Org(String id, WooCommerceSimulator woo, OdooSimulator odoo, String token) {
    }

    @AfterAll
    static void stopEverything() throws Exception {
        started.forEach(ServiceProcess::close);
        for (AutoCloseable simulator : simulators) {
            simulator.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void everySyncEndsDoneAndEveryRecordIsWrittenOnceThoughTwoInstancesShareTheWork() {
        database = OwnDatabase.create("two_" + RUN);

        List<Org> orgs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WooCommerceSimulator woo = new WooCommerceSimulator(0, 100 + i, "ck_test", "cs_test").start();
            OdooSimulator odoo = new OdooSimulator(0, 100 + i, "test", "admin", "odoo-password", "odoo-api-key").start();
            simulators.add(woo);
            simulators.add(odoo);
            woo.seed(EntityType.CUSTOMERS, CUSTOMERS);
            woo.seed(EntityType.PRODUCTS, PRODUCTS);
            // 150 ms an answer: a sync lasts seconds, longer than an instance takes to claim its first
            // sync (its claim timer starts 2 s after start-up), so neither instance does all the work
            // (at 30 ms, with 4 batches in flight and pages read ahead, 600 customers took 1.5 s)
            woo.setFaults(Faults.NONE.withLatencyMs(150));
            odoo.setFaults(Faults.NONE.withLatencyMs(150));
            orgs.add(new Org("two-" + RUN + "-" + i, woo, odoo, ApiTokens.generate()));
        }
        ServiceProcess first = start("node-1", orgs).awaitReady(Duration.ofSeconds(120));
        JdbcTemplate jdbc = database.jdbc();
        for (Org org : orgs) {
            Tenants.register(jdbc, org.id(), "Two instances " + org.id(), org.token(), "two-instances");
        }
        ServiceProcess second = start("node-2", orgs).awaitReady(Duration.ofSeconds(120));

        Map<String, Org> syncs = new LinkedHashMap<>();
        for (Org org : orgs) {
            for (String entities : List.of("[\"customers\"]", "[\"products\"]")) {
                ServiceProcess via = syncs.size() % 2 == 0 ? first : second;
                ApiClient.Answer answer = new ApiClient(via.port(), org.token(), org.id(), "two-instances").post(
                        "{\"action\":\"start\",\"systems\":[\"woocommerce\",\"odoo\"],\"entityTypes\":" + entities
                                + ",\"syncConfig\":{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":25}}");
                assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
                syncs.put(answer.json().get("syncId").asText(), org);
            }
        }
        await("every sync ends").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM sync_orchestration WHERE status IN "
                        + "('done', 'partial', 'failed', 'cancelled')", Integer.class) == syncs.size());

        Set<Long> runners = new HashSet<>();
        for (Map.Entry<String, Org> sync : syncs.entrySet()) {
            JsonNode report = new ApiClient(first.port(), sync.getValue().token(), sync.getValue().id(), "two-instances")
                    .get(ApiClient.BASE + "/status?syncId=" + sync.getKey()).json();
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
            List<String> runs = jdbc.queryForList("SELECT details->>'runner' FROM sync_activity_log WHERE sync_id = ?::uuid "
                    + "AND action = 'run'", String.class, sync.getKey());
            assertThat(runs).as("one run per sync: nobody died, so nobody took over").hasSize(1);
            runners.add(Long.parseLong(runs.get(0).substring(0, runs.get(0).indexOf('@'))));
        }
        assertThat(runners).as("both instances ran syncs").containsExactlyInAnyOrder(first.pid(), second.pid());

        for (Org org : orgs) {
            Map<String, Long> partners = org.odoo().records("res.partner").stream()
                    .collect(Collectors.groupingBy(p -> p.path("email").asText().toLowerCase(), Collectors.counting()));
            assertThat(partners).hasSize(CUSTOMERS).allSatisfy((email, n) -> assertThat(n).as(email).isEqualTo(1L));
            Map<String, Long> products = org.odoo().records("product.product").stream()
                    .collect(Collectors.groupingBy(p -> p.path("default_code").asText(), Collectors.counting()));
            assertThat(products).hasSize(PRODUCTS).allSatisfy((sku, n) -> assertThat(n).as(sku).isEqualTo(1L));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_idempotency_log WHERE org_id = ?", Integer.class,
                    org.id())).as("one applied version per record").isEqualTo(CUSTOMERS + PRODUCTS);
        }
    }

    private static ServiceProcess start(String name, List<Org> orgs) {
        List<String> args = database.serviceArguments();
        args.addAll(List.of("--wooodoo.pipeline.poll-ms=100", "--wooodoo.pipeline.workers=3",
                "--wooodoo.outbound.requests-per-minute-override=100000"));
        orgs.forEach(org -> args.addAll(OwnDatabase.organisationArguments(org.id(), org.woo().baseUrl(), org.odoo().baseUrl())));
        ServiceProcess process = ServiceProcess.start(name,
                java.nio.file.Path.of("target", "reliability", "two-" + RUN + "-" + name + ".log"), args);
        started.add(process);
        return process;
    }
}
