package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A queued sync runs: WooCommerce customers end up in Odoo once each, and a second run writes
 * nothing; no search of Odoo's scans {@code res_partner}. One batch in flight at a time, so that
 * each batch's calls can be counted one by one (batches in flight together: {@link BatchesInFlightTest}).
 */
@TestPropertySource(properties = "wooodoo.pipeline.batches-in-flight=1")
class CustomerSyncTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";

    @Test
    void customersReachOdooOnceAndASecondRunWritesNothing() {
        woo.seed(EntityType.CUSTOMERS, 230);
        odoo.resetStats();

        String first = startSync(WOO_TO_ODOO, "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("done", "partial", "failed").contains(status(first)));

        JsonNode report = api.get(ApiClient.BASE + "/status?syncId=" + first).json();
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/total").asInt()).isEqualTo(230);
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(230);
        assertThat(report.at("/progress/percentComplete").asInt()).isEqualTo(100);
        assertThat(report.at("/progress/batchesDone").asInt()).isEqualTo(5);

        List<JsonNode> partners = odoo.records("res.partner");
        Set<String> wooEmails = woo.customers().stream().map(c -> c.get("email").asText()).collect(Collectors.toSet());
        Set<String> odooEmails = partners.stream().map(p -> p.get("email").asText()).collect(Collectors.toSet());
        assertThat(partners).hasSize(230);
        assertThat(odooEmails).isEqualTo(wooEmails);
        assertThat(odoo.rowsScanned()).as("every look-up, by e-mail or by id, answered from an index").isZero();

        odoo.resetStats();
        String second = startSync(WOO_TO_ODOO, "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("done", "partial", "failed").contains(status(second)));
        assertThat(status(second)).isEqualTo("done");
        assertThat(odoo.records("res.partner")).hasSize(230);
        assertThat(odoo.stats().keySet()).noneMatch(kind -> kind.contains("create") || kind.contains("write"));
        assertThat(odoo.rowsScanned()).isZero();
    }

    /**
     * The read-back of a batch also looks up the next batch, of its page or of the next page read
     * ahead (one request for both): partners already in Odoo for customers of later batches are
     * found by it and linked, not created again, and 200 customers in 4 batches cost 5 searches
     * (the first look-up and 4 read-backs) instead of 8.
     */
    @Test
    void theReadBackOfABatchLooksUpTheNextOne() {
        woo.seed(EntityType.CUSTOMERS, 200);
        List<JsonNode> customers = woo.customers().stream()
                .sorted(java.util.Comparator.comparingLong(c -> c.get("id").asLong())).toList();
        long existing60 = odoo.insert("res.partner", java.util.Map.of("name", "Already here",
                "email", customers.get(60).get("email").asText().toUpperCase(java.util.Locale.ROOT)));
        long existing160 = odoo.insert("res.partner", java.util.Map.of("name", "Already here too",
                "email", customers.get(160).get("email").asText()));
        long existing100 = odoo.insert("res.partner", java.util.Map.of("name", "First of the second page",
                "email", customers.get(100).get("email").asText()));
        odoo.resetStats();

        String sync = startSync(WOO_TO_ODOO, "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("done", "partial", "failed").contains(status(sync)));

        assertThat(status(sync)).isEqualTo("done");
        assertThat(odoo.records("res.partner")).as("one partner per customer, the three there before included")
                .hasSize(200);
        assertThat(odoo.record("res.partner", existing60).orElseThrow().get("name").asText())
                .isEqualTo((customers.get(60).get("first_name").asText() + " " + customers.get(60).get("last_name").asText()).strip());
        assertThat(odoo.record("res.partner", existing160).orElseThrow().get("email").asText())
                .isEqualTo(customers.get(160).get("email").asText());
        assertThat(odoo.record("res.partner", existing100).orElseThrow().get("email").asText())
                .isEqualTo(customers.get(100).get("email").asText());
        assertThat(odoo.stats()).containsEntry("execute_kw res.partner.search_read", 5L);
    }

    /**
     * A full re-run reads the partners linked to a page in one call, and the same call looks up the
     * page's customers not synced yet: customers added since cost no look-up of their own.
     */
    @Test
    void aFullRerunLooksUpNewCustomersWithThePagesLinkedPartners() {
        woo.seed(EntityType.CUSTOMERS, 120);
        String full = "{\"interBatchDelayMs\":0,\"mode\":\"full\"}";
        assertThat(runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", full), Duration.ofSeconds(60)).get("status").asText())
                .isEqualTo("done");
        woo.insertCustomer("new.one@example.com");
        woo.insertCustomer("new.two@example.com");
        odoo.clearRequests();

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", full), Duration.ofSeconds(60));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(122);
        assertThat(odoo.records("res.partner")).hasSize(122).extracting(p -> p.get("email").asText())
                .contains("new.one@example.com", "new.two@example.com");
        List<String> reads = odoo.requests().stream().filter(r -> r.callKind().equals("execute_kw res.partner.search_read"))
                .map(r -> r.body().path("params").path("args").toString()).toList();
        assertThat(reads).as("no look-up by e-mail alone").noneMatch(args -> !args.contains("[\"id\",\"in\""));
        assertThat(reads).as("two pages of linked partners, one read-back").hasSize(3);
    }
}
