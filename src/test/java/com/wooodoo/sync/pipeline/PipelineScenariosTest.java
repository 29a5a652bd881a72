package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.support.ImportedOrders;
import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        List<JsonNode> guestOrders = imported.stream().filter(o -> o.get("customer_id").asLong() == 0).toList();
        assertThat(imported).as("orders of the statuses not imported (pending) are in the shop too").hasSizeLessThan(60);
        assertThat(guestOrders).as("the shop has guest checkouts").isNotEmpty();

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\",\"products\",\"orders\"]", FAST));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/total").asInt()).isEqualTo(30 + 40 + imported.size());
        assertThat(odoo.records("product.product").stream().filter(p -> !p.get("type").asText().equals("service")))
                .hasSize(40);
        Map<String, JsonNode> odooOrders = odoo.records("sale.order").stream()
                .collect(Collectors.toMap(o -> o.get("client_order_ref").asText(), o -> o));
        assertThat(odooOrders.keySet()).containsExactlyInAnyOrderElementsOf(imported.stream().map(o -> o.get("number").asText()).toList());
        Map<Long, JsonNode> partners = odoo.records("res.partner").stream().collect(Collectors.toMap(p -> p.get("id").asLong(), p -> p));
        for (JsonNode order : imported) {
            JsonNode odooOrder = odooOrders.get(order.get("number").asText());
            // every order points at the partner of its buyer's e-mail: the shop customer's, or the guest's own
            JsonNode partner = partners.get(odooOrder.get("partner_id").get(0).asLong());
            assertThat(partner.get("email").asText()).isEqualToIgnoringCase(order.at("/billing/email").asText());
            assertThat(partner.get("type").asText()).isEqualTo("contact");
            assertThat(new BigDecimal(odooOrder.get("amount_total").asText())).as("order " + order.get("number"))
                    .isEqualByComparingTo(order.get("total").asText());
            assertThat(new BigDecimal(odooOrder.get("amount_tax").asText())).isEqualByComparingTo(order.get("total_tax").asText());
        }
        assertThat(odoo.records("sale.order.line")).isNotEmpty();
    }

    @Test
    void ordersAloneBringTheirCustomersAndProductsAlong() {
        woo.seed(EntityType.CUSTOMERS, 20);
        woo.seed(EntityType.PRODUCTS, 15);
        woo.seed(EntityType.ORDERS, 40);
        List<JsonNode> imported = importedOrders();
        Set<Long> referencedCustomers = imported.stream().map(o -> o.get("customer_id").asLong())
                .filter(id -> id != 0).collect(Collectors.toSet());
        Set<String> guestEmails = imported.stream().filter(o -> o.get("customer_id").asLong() == 0)
                .map(o -> o.at("/billing/email").asText().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        Set<String> customerEmails = woo.customers().stream().map(c -> c.get("email").asText().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toSet());
        assertThat(guestEmails).as("guests of the seeded shop buy under e-mails of their own").doesNotContainAnyElementsOf(customerEmails);

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"orders\"]", FAST));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(imported.size());
        assertThat(odoo.records("sale.order")).hasSize(imported.size());
        assertThat(contacts()).hasSize(referencedCustomers.size() + guestEmails.size());

        // a later customer sync links to the partners made for the orders instead of doubling them
        JsonNode customers = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", FAST));
        assertThat(customers.get("status").asText()).isEqualTo("done");
        assertThat(contacts()).hasSize(20 + guestEmails.size());
        // and a second order sync finds the guests' partners and the addresses again: nothing doubles
        int partnersBefore = odoo.records("res.partner").size();
        JsonNode again = runToEnd(startSync(WOO_TO_ODOO, "[\"orders\"]", FAST));
        assertThat(again.get("status").asText()).isEqualTo("done");
        assertThat(odoo.records("res.partner")).hasSize(partnersBefore);
        assertThat(odoo.records("sale.order")).hasSize(imported.size());
    }

    /** Odoo's partners that are contacts of their own (not the invoice or delivery address of another). */
    private static List<JsonNode> contacts() {
        return odoo.records("res.partner").stream().filter(p -> p.get("type").asText().equals("contact")).toList();
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
