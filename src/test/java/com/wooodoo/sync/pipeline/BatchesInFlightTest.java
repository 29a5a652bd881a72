package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches of one sync planned and written at once (wooodoo.pipeline.batches-in-flight, 4 here):
 * the target really answers several of them at the same time, they are recorded in the order they
 * were handed out, and batches sharing a record, or referring to one record, never write it twice.
 */
@TestPropertySource(properties = "wooodoo.pipeline.batches-in-flight=4")
class BatchesInFlightTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";

    @Test
    void aReadBackLooksUpTheNextPageToBeHandedOutSoItsBatchesMakeNoLookUpOfTheirOwn() {
        woo.seed(EntityType.CUSTOMERS, 1000);
        odoo.setFaults(Faults.NONE.withLatencyMs(30));
        odoo.clearRequests();

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}"),
                Duration.ofSeconds(120));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        List<JsonNode> partners = odoo.records("res.partner");
        assertThat(partners).hasSize(1000);
        assertThat(partners.stream().map(p -> p.get("email").asText().toLowerCase(Locale.ROOT)).distinct()).hasSize(1000);
        List<String> reads = odoo.requests().stream().filter(r -> r.callKind().equals("execute_kw res.partner.search_read"))
                .map(r -> r.body().path("params").path("args").toString()).toList();
        long byEmailOnly = reads.stream().filter(a -> a.contains("email_normalized") && !a.contains("[\"id\",\"in\"")).count();
        long readBacksWithEmails = reads.stream().filter(a -> a.contains("email_normalized") && a.contains("[\"id\",\"in\"")).count();
        // pages 1 and 2 are handed out at once (4 places, 2 batches a page): their first batches look up;
        // the later pages' batches wait for places, and the read-back of a batch done meanwhile looks them up
        assertThat(byEmailOnly).as("look-ups of their own, 10 pages: " + reads).isBetween(1L, 4L);
        assertThat(byEmailOnly + readBacksWithEmails).as("every page looked up once").isEqualTo(10L);
        assertThat(reads).as("20 read-backs and the look-ups of their own").hasSize(20 + (int) byEmailOnly);
    }

    /**
     * Orders of customers synced before and guests, many of one e-mail across batches: the batches
     * do not wait for each other (a guest's partner is found or made one batch at a time inside the
     * connector), and every e-mail still has one partner.
     */
    @Test
    void ordersOfSyncedCustomersAndOfGuestsSharingEmailsAreWrittenAtOnce() {
        odoo.seedShopAccounting(true);
        woo.seed(EntityType.CUSTOMERS, 30);
        woo.seed(EntityType.PRODUCTS, 20);
        woo.seedOrderMix(400, 17);
        JsonNode before = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\",\"products\"]",
                "{\"interBatchDelayMs\":0,\"mode\":\"full\"}"), Duration.ofSeconds(60));
        assertThat(before.get("status").asText()).isEqualTo("done");
        odoo.setFaults(Faults.NONE.withLatencyMs(50));
        AtomicInteger mostAtOnce = new AtomicInteger();

        String sync = startSync(WOO_TO_ODOO, "[\"orders\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");
        JsonNode report = runToEndCountingOdooCallsAtOnce(sync, mostAtOnce);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(mostAtOnce.get()).as("Odoo calls answered at once").isGreaterThanOrEqualTo(3);
        Map<String, Long> partnersByEmail = odoo.records("res.partner").stream().filter(p -> p.get("email").isTextual())
                .filter(p -> p.get("type").asText().equals("contact"))
                .collect(java.util.stream.Collectors.groupingBy(p -> p.get("email").asText().toLowerCase(Locale.ROOT),
                        java.util.stream.Collectors.counting()));
        assertThat(partnersByEmail).as("one partner per e-mail").allSatisfy((email, n) -> assertThat(n).as(email).isEqualTo(1L));
    }

    @Test
    void batchesAreWrittenAtOnceAndRecordedInTheOrderTheyWereHandedOut() {
        woo.seed(EntityType.CUSTOMERS, 400);
        odoo.setFaults(Faults.NONE.withLatencyMs(150));
        odoo.clearRequests();
        AtomicInteger mostAtOnce = new AtomicInteger();

        String sync = startSync(WOO_TO_ODOO, "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");
        JsonNode report = runToEndCountingOdooCallsAtOnce(sync, mostAtOnce);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(400);
        assertThat(mostAtOnce.get()).as("Odoo calls answered at once").isGreaterThanOrEqualTo(3);
        List<JsonNode> partners = odoo.records("res.partner");
        assertThat(partners).hasSize(400);
        assertThat(partners.stream().map(p -> p.get("email").asText().toLowerCase(Locale.ROOT)).distinct()).hasSize(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_record_link WHERE org_id = ?", Integer.class, orgId))
                .isEqualTo(400);

        // each batch's record carries the checkpoint after it: recorded in order, they never go back
        List<int[]> recorded = new ArrayList<>();
        jdbc.query("SELECT details::text FROM sync_activity_log WHERE sync_id = ?::uuid AND action = 'batch' ORDER BY entry_id",
                rs -> {
                    JsonNode details = readJson(rs.getString(1));
                    recorded.add(new int[] {details.get("page").asInt(), details.get("batch").asInt()});
                }, sync);
        assertThat(recorded).hasSize(8);
        for (int i = 0; i < recorded.size(); i++) {
            assertThat(recorded.get(i)).as("record %d", i).containsExactly(i / 2 + 1, i % 2);
        }
        // the e-mails are looked up once a page (or with a read-back), not by each batch on its own
        long lookUpsByEmailOnly = odoo.requests().stream()
                .filter(r -> r.callKind().equals("execute_kw res.partner.search_read"))
                .map(r -> r.body().path("params").path("args").toString())
                .filter(args -> args.contains("email_normalized") && !args.contains("[\"id\",\"in\""))
                .count();
        assertThat(lookUpsByEmailOnly).as("look-ups by e-mail alone, 4 pages").isBetween(1L, 4L);
    }

    @Test
    void aBatchSharingARecordWithOneInFlightWaitsForItAndCreatesNothingTwice() {
        woo.insertCustomer("ann@example.com");
        woo.insertCustomer("ANN@example.com"); // a second shop customer with the first one's e-mail
        woo.insertCustomer("bob@example.com");
        odoo.setFaults(Faults.NONE.withLatencyMs(200));

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]",
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":1}"), Duration.ofSeconds(60));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("partial");
        assertThat(report.at("/conflicts/byType/DuplicateKey").asInt()).isEqualTo(1);
        assertThat(odoo.records("res.partner").stream().map(p -> p.get("email").asText().strip().toLowerCase(Locale.ROOT)))
                .containsExactlyInAnyOrder("ann@example.com", "bob@example.com");
    }

    @Test
    void ordersInFlightTogetherCreateTheirOneCustomerOnce() {
        woo.seed(EntityType.CUSTOMERS, 1);
        woo.seed(EntityType.PRODUCTS, 3);
        woo.seedCustomerOrders(8);
        odoo.setFaults(Faults.NONE.withLatencyMs(100));
        String email = woo.customers().get(0).get("email").asText();

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"orders\"]",
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":1}"), Duration.ofSeconds(120));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(odoo.records("sale.order")).hasSize(8);
        assertThat(odoo.records("res.partner").stream().filter(p -> p.path("email").asText().equalsIgnoreCase(email)))
                .as("the customer all eight orders refer to").hasSize(1);
        Map<String, Long> bySku = new java.util.HashMap<>();
        odoo.records("product.product").forEach(p -> bySku.merge(p.path("default_code").asText(), 1L, Long::sum));
        assertThat(bySku.values()).as("each product once").allMatch(n -> n == 1);
    }

    private static JsonNode readJson(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the sync to its end, keeping in {@code mostAtOnce} the most Odoo calls answered at once meanwhile. */
    private JsonNode runToEndCountingOdooCallsAtOnce(String sync, AtomicInteger mostAtOnce) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
            mostAtOnce.accumulateAndGet(odoo.callsInFlight(), Math::max);
            return List.of("done", "partial", "failed").contains(status(sync));
        });
        return runToEnd(sync, Duration.ofSeconds(5));
    }
}
