package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.support.ImportedOrders;
import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Both directions, every entity type, faults and the conflicts they lead to. */
class PipelineScenariosTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";
    private static final String FAST = "{\"interBatchDelayMs\":0,\"mode\":\"full\"}";

    @Test
    void odooContactsBecomeShopCustomers() {
        odoo.seed(EntityType.CUSTOMERS, 120);

        JsonNode report = runToEnd(startSync(ODOO_TO_WOO, "[\"customers\"]", FAST));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        Set<String> odooEmails = odoo.records("res.partner").stream().map(p -> p.path("email").asText())
                .filter(e -> !e.isBlank() && !e.equals("false")).collect(Collectors.toSet());
        Set<String> wooEmails = woo.customers().stream().map(c -> c.get("email").asText()).collect(Collectors.toSet());
        assertThat(wooEmails).containsAll(odooEmails);
        assertThat(woo.customers()).hasSize(odooEmails.size());
    }

    @Test
    void productsAndOrdersReachOdooWithTheirReferences() {
        woo.seed(EntityType.CUSTOMERS, 30);
        woo.seed(EntityType.PRODUCTS, 40);
        woo.seed(EntityType.ORDERS, 60);
        List<JsonNode> imported = importedOrders();
        long guestOrders = imported.stream().filter(o -> o.get("customer_id").asLong() == 0).count();
        assertThat(imported).as("orders of the statuses not imported (pending) are in the shop too").hasSizeLessThan(60);

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\",\"products\",\"orders\"]", FAST));

        assertThat(report.get("status").asText()).isEqualTo(guestOrders == 0 ? "done" : "partial");
        assertThat(report.at("/queue/total").asInt()).isEqualTo(30 + 40 + imported.size());
        assertThat(odoo.records("product.product")).hasSize(40);
        assertThat(odoo.records("sale.order")).hasSize((int) (imported.size() - guestOrders));
        assertThat(odoo.records("sale.order")).extracting(o -> o.get("client_order_ref").asText())
                .containsExactlyInAnyOrderElementsOf(imported.stream().filter(o -> o.get("customer_id").asLong() != 0)
                        .map(o -> o.get("number").asText()).toList());
        assertThat(report.at("/conflicts/byType/ValidationError").asInt()).isEqualTo((int) guestOrders);
        JsonNode conflicts = api.get(ApiClient.BASE + "/conflicts?type=ValidationError&limit=200").json().get("conflicts");
        conflicts.forEach(c -> assertThat(c.get("message").asText()).contains("'customer' is empty"));
        // every created order points at the partner its shop customer became
        long linkedPartners = odoo.records("sale.order").stream().map(o -> o.get("partner_id"))
                .filter(p -> p != null && !p.isNull() && !p.asText().equals("false")).count();
        assertThat(linkedPartners).isEqualTo(imported.size() - guestOrders);
        assertThat(odoo.records("sale.order.line")).isNotEmpty();
    }

    @Test
    void ordersAloneBringTheirCustomersAndProductsAlong() {
        woo.seed(EntityType.CUSTOMERS, 20);
        woo.seed(EntityType.PRODUCTS, 15);
        woo.seed(EntityType.ORDERS, 40);
        List<JsonNode> imported = importedOrders();
        long guestOrders = imported.stream().filter(o -> o.get("customer_id").asLong() == 0).count();
        Set<Long> referencedCustomers = imported.stream().map(o -> o.get("customer_id").asLong())
                .filter(id -> id != 0).collect(Collectors.toSet());

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"orders\"]", FAST));

        assertThat(report.at("/queue/processed").asInt()).isEqualTo((int) (imported.size() - guestOrders));
        assertThat(odoo.records("sale.order")).hasSize((int) (imported.size() - guestOrders));
        assertThat(odoo.records("res.partner")).hasSize(referencedCustomers.size());
        assertThat(report.at("/conflicts/totalConflicts").asInt()).isEqualTo((int) guestOrders);

        // a later customer sync links to the partners made for the orders instead of doubling them
        JsonNode customers = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", FAST));
        assertThat(customers.get("status").asText()).isEqualTo("done");
        assertThat(odoo.records("res.partner")).hasSize(20);
    }

    @Test
    void twoOdooContactsWithOneEmailNeverShareOneShopCustomer() {
        long first = odoo.insert("res.partner", java.util.Map.of("name", "Ann First", "email", "ann@example.com"));
        long second = odoo.insert("res.partner", java.util.Map.of("name", "Ann Second", "email", "ann@example.com"));

        JsonNode once = runToEnd(startSync(ODOO_TO_WOO, "[\"customers\"]", FAST));
        JsonNode twice = runToEnd(startSync(ODOO_TO_WOO, "[\"customers\"]", FAST));

        assertThat(woo.customers()).hasSize(1);
        assertThat(once.get("status").asText()).isEqualTo("partial");
        assertThat(twice.get("status").asText()).isEqualTo("partial");
        assertThat(twice.at("/conflicts/byType/DuplicateKey").asInt()).isEqualTo(1);
        java.util.List<String> linked = jdbc.queryForList("SELECT odoo_id FROM sync_record_link WHERE org_id = ? "
                + "AND entity_type = 'customers'", String.class, orgId);
        assertThat(linked).hasSize(1).containsAnyOf(String.valueOf(first), String.valueOf(second));
    }

    @Test
    void anOdooContactIsFoundByEmailWhateverItsCase() {
        woo.insertCustomer("mixed.case@example.com");
        odoo.insert("res.partner", java.util.Map.of("name", "Mixed Case", "email", "Mixed.Case@Example.COM"));

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", FAST));

        assertThat(report.get("status").asText()).isEqualTo("done");
        assertThat(odoo.records("res.partner")).hasSize(1);
    }

    @Test
    void transientFaultsAreRetriedAndNothingIsLost() {
        woo.seed(EntityType.CUSTOMERS, 150);
        odoo.setFaults(Faults.NONE.withServerErrorShare(0.2));

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]",
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"maxRetries\":5}"));

        assertThat(report.get("status").asText()).as(report.toString()).isIn("done", "partial");
        long inOdoo = odoo.records("res.partner").stream().map(p -> p.get("email").asText()).distinct().count();
        assertThat(odoo.records("res.partner")).hasSize((int) inOdoo);
        assertThat(inOdoo + report.at("/queue/failed").asInt()).isEqualTo(150);
    }

    @Test
    void badCredentialsFailTheSyncWithOneConflict() {
        woo.seed(EntityType.CUSTOMERS, 120);
        odoo.setFaults(Faults.NONE.withAuthFailure(true));

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", FAST));

        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.at("/conflicts/byType/AuthError").asInt()).isEqualTo(1);
        assertThat(report.at("/conflicts/totalConflicts").asInt()).isEqualTo(1);
    }

    @Test
    void aDryRunWritesNothing() {
        woo.seed(EntityType.CUSTOMERS, 70);

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]",
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"dryRun\":true}"));

        assertThat(report.get("status").asText()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(70);
        assertThat(odoo.records("res.partner")).isEmpty();
    }

    @Test
    void pauseHoldsAndResumeFinishesWithoutRedoingAnything() {
        woo.seed(EntityType.CUSTOMERS, 300);
        String syncId = startSync(WOO_TO_ODOO, "[\"customers\"]", "{\"interBatchDelayMs\":300,\"mode\":\"full\",\"batchSize\":20}");
        await().atMost(Duration.ofSeconds(30)).until(() -> batchesDone(syncId) >= 2);

        assertThat(api.post("{\"action\":\"pause\",\"syncId\":\"" + syncId + "\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> leaseReleased(syncId));
        int heldAt = odoo.records("res.partner").size();
        assertThat(heldAt).isLessThan(300);
        assertThat(status(syncId)).isEqualTo("paused");

        api.post("{\"action\":\"resume\",\"syncId\":\"" + syncId + "\"}");
        JsonNode report = runToEnd(syncId);
        assertThat(report.get("status").asText()).isEqualTo("done");
        assertThat(odoo.records("res.partner")).hasSize(300);
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(300);
    }

    private int batchesDone(String syncId) {
        return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json().at("/progress/batchesDone").asInt();
    }

    private boolean leaseReleased(String syncId) {
        return jdbc.queryForObject("SELECT lease_owner IS NULL FROM sync_orchestration WHERE sync_id = ?::uuid",
                Boolean.class, syncId);
    }

    private JsonNode runToEnd(String syncId) {
        return runToEnd(syncId, Duration.ofSeconds(90));
    }

    private static List<JsonNode> importedOrders() {
        return ImportedOrders.of(woo.orders());
    }
}
