package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.odoo.RawHttp;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default mode reads only what changed since the last successful sync where the source can
 * filter (WooCommerce products by modified_after), and compares content where it cannot
 * (WooCommerce customers): unchanged records are never written again.
 */
class IncrementalSyncTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String INCREMENTAL = "{\"interBatchDelayMs\":0}";

    @Test
    void aSecondRunReadsAndWritesOnlyWhatChanged() throws Exception {
        woo.seed(EntityType.CUSTOMERS, 60);
        List<Long> products = woo.seed(EntityType.PRODUCTS, 60);
        assertThat(finish(startSync(WOO_TO_ODOO, "[\"customers\",\"products\"]", INCREMENTAL)).get("status").asText())
                .isEqualTo("done");

        renameProduct(products.get(3), "Renamed product A");
        renameProduct(products.get(40), "Renamed product B");
        woo.resetStats();
        odoo.resetStats();

        JsonNode second = finish(startSync(WOO_TO_ODOO, "[\"customers\",\"products\"]", INCREMENTAL));

        assertThat(second.get("status").asText()).isEqualTo("done");
        // customers cannot be filtered by date: all 60 read, none written; products: only the 2 changed read
        assertThat(second.at("/queue/total").asInt()).isEqualTo(62);
        assertThat(odoo.stats()).doesNotContainKey("execute_kw res.partner.write")
                .doesNotContainKey("execute_kw res.partner.create")
                .doesNotContainKey("execute_kw product.product.create");
        assertThat(odoo.stats().get("execute_kw product.product.write")).isEqualTo(2L);
        assertThat(odoo.records("product.product")).extracting(p -> p.get("name").asText())
                .contains("Renamed product A", "Renamed product B");
    }

    /**
     * Customers cannot be filtered by date, so every one is read from the shop; those whose content
     * is the one last applied are not looked for in Odoo at all. A full sync reads every linked
     * partner, and makes again one deleted in Odoo since.
     */
    @Test
    void anIncrementalSyncReadsNoTargetOfAnUnchangedCustomerAndAFullSyncMakesADeletedOneAgain() {
        woo.seed(EntityType.CUSTOMERS, 60);
        assertThat(finish(startSync(WOO_TO_ODOO, "[\"customers\"]", INCREMENTAL)).get("status").asText()).isEqualTo("done");
        JsonNode deletedCustomer = woo.customers().get(7);
        long deletedPartner = partnerOf(deletedCustomer);
        RawHttp.Answer unlinked = new RawHttp(odoo.baseUrl()).jsonRpc("object", "execute_kw", odoo.database(), odoo.uid(),
                "odoo-password", "res.partner", "unlink", List.of(List.of(deletedPartner)), java.util.Map.of());
        assertThat(unlinked.json().path("result").asBoolean()).as(unlinked.text()).isTrue();
        JsonNode changed = woo.customers().get(30);
        woo.corrupt(EntityType.CUSTOMERS, changed.get("id").asLong(), "first_name", new TextNode("Changed"));
        odoo.resetStats();

        JsonNode incremental = finish(startSync(WOO_TO_ODOO, "[\"customers\"]", INCREMENTAL));

        assertThat(incremental.get("status").asText()).isEqualTo("done");
        assertThat(incremental.at("/queue/total").asInt()).isEqualTo(60);
        assertThat(odoo.stats().get("execute_kw res.partner.write")).as("the changed customer only").isEqualTo(1L);
        assertThat(odoo.record("res.partner", partnerOf(changed)).orElseThrow().get("name").asText()).startsWith("Changed ");
        assertThat(odoo.stats()).as("no partner made again: the deleted one's customer did not change")
                .doesNotContainKey("execute_kw res.partner.create");
        assertThat(odoo.records("res.partner")).hasSize(59);

        odoo.resetStats();
        JsonNode full = finish(startSync(WOO_TO_ODOO, "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}"));

        assertThat(full.get("status").asText()).isEqualTo("done");
        assertThat(odoo.stats().get("execute_kw res.partner.create")).as("the deleted partner, made again").isEqualTo(1L);
        assertThat(odoo.records("res.partner")).hasSize(60).extracting(p -> p.get("email").asText())
                .contains(deletedCustomer.get("email").asText());
    }

    /** Before any changes: an incremental re-run over unchanged customers asks Odoo for no partner. */
    @Test
    void anIncrementalRunOverUnchangedCustomersAsksOdooForNoPartner() {
        woo.seed(EntityType.CUSTOMERS, 120);
        assertThat(finish(startSync(WOO_TO_ODOO, "[\"customers\"]", INCREMENTAL)).get("status").asText()).isEqualTo("done");
        odoo.resetStats();

        JsonNode again = finish(startSync(WOO_TO_ODOO, "[\"customers\"]", INCREMENTAL));

        assertThat(again.get("status").asText()).isEqualTo("done");
        assertThat(again.at("/queue/processed").asInt()).isEqualTo(120);
        assertThat(odoo.stats().keySet()).as(odoo.stats().toString()).noneMatch(kind -> kind.contains("res.partner"));
    }

    private long partnerOf(JsonNode customer) {
        return Long.parseLong(jdbc.queryForObject("SELECT odoo_id FROM sync_record_link WHERE org_id = ? "
                + "AND entity_type = 'customers' AND woocommerce_id = ?", String.class, orgId, customer.get("id").asText()));
    }

    @Test
    void aRecordThatFailedIsReadAgainByTheNextIncrementalSyncAndItsOldConflictIsClosedOnceItSyncs() {
        List<Long> products = woo.seed(EntityType.PRODUCTS, 20);
        long broken = products.get(5);
        woo.corrupt(EntityType.PRODUCTS, broken, "sku", new com.fasterxml.jackson.databind.node.TextNode(""));
        JsonNode first = finish(startSync(WOO_TO_ODOO, "[\"products\"]", INCREMENTAL));
        assertThat(first.get("status").asText()).isEqualTo("partial");
        assertThat(first.at("/queue/failed").asInt()).isEqualTo(1);

        // still broken: read again (the incremental mark did not move), one open conflict for it, not two
        JsonNode second = finish(startSync(WOO_TO_ODOO, "[\"products\"]", INCREMENTAL));
        assertThat(second.at("/queue/total").asInt()).as("everything since the last clean sync is read again").isEqualTo(20);
        assertThat(second.at("/queue/failed").asInt()).isEqualTo(1);
        assertThat(openConflictsOf(broken)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT resolution_outcome FROM sync_conflict WHERE sync_id = ?::uuid",
                String.class, first.get("syncId").asText())).isEqualTo("failed");

        // fixed in the shop (without a newer modification date): the next incremental sync still picks it up
        woo.corrupt(EntityType.PRODUCTS, broken, "sku", new com.fasterxml.jackson.databind.node.TextNode("FIXED-SKU"));
        odoo.resetStats();
        JsonNode third = finish(startSync(WOO_TO_ODOO, "[\"products\"]", INCREMENTAL));
        assertThat(third.get("status").asText()).isEqualTo("done");
        assertThat(third.at("/queue/processed").asInt()).isEqualTo(20);
        assertThat(odoo.stats().get("execute_kw product.product.create")).as("only the fixed product is written").isEqualTo(1L);
        assertThat(openConflictsOf(broken)).isZero();
        assertThat(jdbc.queryForObject("SELECT resolution_note FROM sync_conflict WHERE sync_id = ?::uuid",
                String.class, second.get("syncId").asText())).contains("synced by sync " + third.get("syncId").asText());

        // all clean now: the mark moves on and nothing is read
        JsonNode fourth = finish(startSync(WOO_TO_ODOO, "[\"products\"]", INCREMENTAL));
        assertThat(fourth.get("status").asText()).isEqualTo("done");
        assertThat(fourth.at("/queue/total").asInt()).isZero();
    }

    private int openConflictsOf(long shopProductId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM sync_conflict WHERE org_id = ? AND source_record_id = ? "
                + "AND resolution IS NULL", Integer.class, orgId, String.valueOf(shopProductId));
        return n == null ? 0 : n;
    }

    private JsonNode finish(String syncId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("done", "partial", "failed").contains(status(syncId)));
        return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
    }

    private static void renameProduct(long id, String name) throws Exception {
        String auth = Base64.getEncoder().encodeToString("ck_test:cs_test".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(woo.baseUrl() + "/wp-json/wc/v3/products/" + id))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
