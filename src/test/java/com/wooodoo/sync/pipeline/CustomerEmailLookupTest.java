package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Odoo → shop customer syncs find the shop's customers by e-mail with the shop's customer list read
 * whole at most once and caught up at most once per sync (the connector's e-mail index), never
 * per batch; a customer added in the shop while a sync runs is settled by the next sync. One batch
 * in flight at a time, so that a customer added while the first batch is written comes before the
 * last batch's look-up.
 */
@TestPropertySource(properties = "wooodoo.pipeline.batches-in-flight=1")
class CustomerEmailLookupTest extends SandboxTestBase {

    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";
    private static final String BATCHES_OF_50 = "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":50}";
    private static final String INDEX_READ = "_fields=id,email";

    @Test
    void aSyncOfTenBatchesReadsTheShopsCustomerListOnceAndTheNextSyncReadsItNoMore() {
        List<String> emails = partnerEmails(odoo.seed(EntityType.CUSTOMERS, 500));
        emails.subList(0, 460).forEach(woo::insertCustomer); // 40 partners are new to the shop
        woo.resetStats();

        JsonNode first = runToEnd(startSync(ODOO_TO_WOO, "[\"customers\"]", BATCHES_OF_50), Duration.ofSeconds(120));

        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("done");
        assertThat(shopEmails()).containsAll(emails).hasSize(500);
        assertThat(indexReads("order=asc")).as("the list once, 5 pages: %s", woo.listCalls()).hasSize(5)
                .filteredOn(call -> call.contains("page=1&")).hasSize(1);
        assertThat(indexReads("order=desc")).as("at most one page caught up").hasSizeLessThanOrEqualTo(1);
        assertThat(woo.stats().get("GET customers")).as("the list, and a read of the matches per batch: %s", woo.stats())
                .isLessThanOrEqualTo(5 + 1 + 10 + 10 + 10);

        List<String> more = partnerEmails(odoo.seed(EntityType.CUSTOMERS, 10));
        woo.resetStats();
        JsonNode second = runToEnd(startSync(ODOO_TO_WOO, "[\"customers\"]", BATCHES_OF_50), Duration.ofSeconds(120));

        assertThat(second.get("status").asText()).as(second.toString()).isEqualTo("done");
        assertThat(shopEmails()).containsAll(more).hasSize(510);
        assertThat(indexReads("order=asc")).as("no whole list again: %s", woo.listCalls()).isEmpty();
        assertThat(indexReads("order=desc")).as("one page caught up for the sync").hasSize(1);
    }

    @Test
    void aShopCustomerAddedDuringTheSyncIsADuplicateThatTheNextSyncLinksByADirectLookUp() {
        List<String> emails = partnerEmails(odoo.seed(EntityType.CUSTOMERS, 150));
        String late = emails.get(emails.size() - 1); // in the last batch
        woo.setCosts(0, 20); // a batch of 50 takes a second, the first batch's write is seen in time
        String syncId = startSync(ODOO_TO_WOO, "[\"customers\"]", BATCHES_OF_50);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> woo.stats().getOrDefault("POST customers/batch", 0L) >= 1);
        long planted = woo.insertCustomer(late);

        JsonNode first = runToEnd(syncId, Duration.ofSeconds(60));

        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("partial");
        assertThat(first.at("/conflicts/byType/DuplicateKey").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT message FROM sync_conflict WHERE org_id = ? AND conflict_type = 'DuplicateKey'",
                String.class, orgId)).contains("registration-error-email-exists");

        woo.setCosts(0, 0);
        woo.resetStats();
        JsonNode second = runToEnd(startSync(ODOO_TO_WOO, "[\"customers\"]", BATCHES_OF_50), Duration.ofSeconds(60));

        assertThat(second.get("status").asText()).as(second.toString()).isEqualTo("done");
        assertThat(woo.listCalls()).as("the one e-mail left looked up directly")
                .anyMatch(call -> call.startsWith("customers?email=" + late + "&"));
        assertThat(indexReads("")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_record_link WHERE org_id = ? AND entity_type = 'customers' "
                + "AND woocommerce_id = ?", Integer.class, orgId, String.valueOf(planted))).isEqualTo(1);
        assertThat(shopEmails()).hasSize(150);
    }

    private static List<String> partnerEmails(List<Long> ids) {
        Set<Long> wanted = new HashSet<>(ids);
        return odoo.records("res.partner").stream().filter(p -> wanted.contains(p.get("id").asLong()))
                .map(p -> p.get("email").asText()).toList();
    }

    private static List<String> shopEmails() {
        return woo.customers().stream().map(c -> c.get("email").asText()).toList();
    }

    private static List<String> indexReads(String order) {
        return woo.listCalls().stream().filter(call -> call.startsWith("customers?") && call.contains(INDEX_READ)
                && call.contains(order)).toList();
    }
}
