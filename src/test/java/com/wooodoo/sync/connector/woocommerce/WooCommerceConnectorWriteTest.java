package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WriteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating and updating through the batch endpoints, against the simulator. */
class WooCommerceConnectorWriteTest {

    private WooTestShop shop;
    private WooCommerceConnector connector;

    @BeforeEach
    void start() {
        shop = new WooTestShop(31);
        connector = shop.connector();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void createsInBatchesOfAtMost100() {
        List<SyncRecord> customers = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            customers.add(customer("bulk" + i + "@example.com", "Bulk", "Nr " + i));
        }

        List<WriteOutcome> outcomes = connector.create(EntityType.CUSTOMERS, customers);

        assertThat(shop.calls("POST customers/batch")).isEqualTo(3);
        assertThat(outcomes).hasSize(250).allMatch(WriteOutcome::succeeded);
        assertThat(outcomes).extracting(WriteOutcome::index).containsExactlyElementsOf(IntStream.range(0, 250).boxed().toList());
        assertThat(outcomes).extracting(o -> o.targetId().orElseThrow()).doesNotHaveDuplicates();
        assertThat(shop.simulator.count(EntityType.CUSTOMERS)).isEqualTo(250);
        JsonNode written = shop.simulator.record(EntityType.CUSTOMERS, Long.parseLong(outcomes.get(7).targetId().orElseThrow())).orElseThrow();
        assertThat(written.get("email").asText()).isEqualTo("bulk7@example.com");
        assertThat(written.get("last_name").asText()).isEqualTo("Nr 7");
        assertThat(written.at("/billing/country").asText()).isEqualTo("PT");
    }

    @Test
    void itemErrorsInsideA200BatchAreClassifiedWhileTheOthersAreWritten() {
        shop.simulator.insertCustomer("taken@example.com");

        List<WriteOutcome> outcomes = connector.create(EntityType.CUSTOMERS, List.of(
                customer("fresh@example.com", "A", "B"), customer("Taken@example.com", "C", "D"),
                customer("not-an-email", "E", "F"), customer("also.fresh@example.com", "G", "H")));

        assertThat(outcomes.get(0).succeeded()).isTrue();
        assertThat(outcomes.get(3).succeeded()).isTrue();
        ConnectorException duplicate = outcomes.get(1).failure().orElseThrow();
        assertThat(duplicate.kind()).isEqualTo(FailureKind.DUPLICATE);
        assertThat(duplicate.code()).contains("registration-error-email-exists");
        assertThat(duplicate.httpStatus()).isEqualTo(400);
        assertThat(duplicate.getMessage()).doesNotContain("<a");
        ConnectorException invalid = outcomes.get(2).failure().orElseThrow();
        assertThat(invalid.kind()).isEqualTo(FailureKind.VALIDATION);
        assertThat(invalid.code()).contains("customer_invalid_email");
        assertThat(shop.calls("POST customers/batch")).isEqualTo(1);
        assertThat(shop.simulator.count(EntityType.CUSTOMERS)).isEqualTo(3);
    }

    @Test
    void duplicateAndLockedSkusAreDuplicates() {
        shop.simulator.insertProduct("SKU-1");
        shop.simulator.lockSku("SKU-2");

        List<WriteOutcome> outcomes = connector.create(EntityType.PRODUCTS, List.of(
                product("sku-1", "Copy", "5.00"), product("SKU-2", "Locked", "6.00"), product("SKU-3", "New", "21.99")));

        assertThat(outcomes.get(0).failure().orElseThrow().kind()).isEqualTo(FailureKind.DUPLICATE);
        assertThat(outcomes.get(0).failure().orElseThrow().code()).contains("product_invalid_sku");
        assertThat(outcomes.get(1).failure().orElseThrow().kind()).isEqualTo(FailureKind.DUPLICATE);
        assertThat(outcomes.get(1).failure().orElseThrow().code()).contains("woocommerce_rest_product_not_created");
        JsonNode created = shop.simulator.record(EntityType.PRODUCTS, Long.parseLong(outcomes.get(2).targetId().orElseThrow())).orElseThrow();
        assertThat(created.get("regular_price").asText()).isEqualTo("21.99");
        assertThat(created.get("name").asText()).isEqualTo("New");
    }

    @Test
    void aRecordMissingARequiredFieldIsRefusedWithoutBeingSent() {
        Map<String, Object> noEmail = new HashMap<>(customer("x@example.com", "No", "Mail").fields());
        noEmail.put("email", null);

        List<WriteOutcome> outcomes = connector.create(EntityType.CUSTOMERS, List.of(
                new SyncRecord(EntityType.CUSTOMERS, ExternalSystem.WOOCOMMERCE, null, noEmail, null),
                customer("ok@example.com", "O", "K")));

        assertThat(outcomes.get(0).failure().orElseThrow().kind()).isEqualTo(FailureKind.VALIDATION);
        assertThat(outcomes.get(0).failure().orElseThrow().getMessage()).contains("email is required");
        assertThat(outcomes.get(1).succeeded()).isTrue();
        assertThat(shop.simulator.count(EntityType.CUSTOMERS)).isEqualTo(1);
    }

    @Test
    void updatesOverwriteMappedFieldsAndReportMissingOrTakenTargets() {
        long first = shop.simulator.insertCustomer("first@example.com");
        shop.simulator.insertCustomer("second@example.com");

        List<WriteOutcome> outcomes = connector.update(EntityType.CUSTOMERS, List.of(
                new TargetUpdate(String.valueOf(first), customer("first@example.com", "Renamed", "Person")),
                new TargetUpdate("987654", customer("ghost@example.com", "G", "H")),
                new TargetUpdate(String.valueOf(first), customer("second@example.com", "Steal", "Mail")),
                new TargetUpdate("abc", customer("abc@example.com", "A", "B"))));

        assertThat(outcomes.get(0).targetId()).contains(String.valueOf(first));
        JsonNode updated = shop.simulator.record(EntityType.CUSTOMERS, first).orElseThrow();
        assertThat(updated.get("first_name").asText()).isEqualTo("Renamed");
        assertThat(updated.at("/billing/company").asText()).as("an empty value clears the field").isEmpty();
        assertThat(outcomes.get(1).failure().orElseThrow().kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(outcomes.get(1).failure().orElseThrow().code()).contains("woocommerce_rest_invalid_id");
        assertThat(outcomes.get(2).failure().orElseThrow().kind()).isEqualTo(FailureKind.DUPLICATE);
        assertThat(outcomes.get(3).failure().orElseThrow().kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(shop.calls("POST customers/batch")).isEqualTo(1);
    }

    @Test
    void ordersAreCreatedWithReferencedCustomerAndProductsWhileLinePricesAreWooCommerces() {
        long customer = shop.simulator.insertCustomer("buyer@example.com");
        long product = shop.simulator.insert(EntityType.PRODUCTS, p -> p.put("regular_price", "4.50").put("price", "4.50"));

        List<WriteOutcome> outcomes = connector.create(EntityType.ORDERS, List.of(
                order(String.valueOf(customer), line(String.valueOf(product), "2", "99.99")),
                order(String.valueOf(customer), line(String.valueOf(product), "1.5", null))));

        JsonNode created = shop.simulator.record(EntityType.ORDERS, Long.parseLong(outcomes.get(0).targetId().orElseThrow())).orElseThrow();
        assertThat(created.get("customer_id").asLong()).isEqualTo(customer);
        assertThat(created.at("/line_items/0/product_id").asLong()).isEqualTo(product);
        assertThat(created.at("/line_items/0/quantity").asInt()).isEqualTo(2);
        assertThat(created.at("/line_items/0/total").asText()).as("priced by WooCommerce from the product").isEqualTo("9.00");
        assertThat(outcomes.get(1).failure().orElseThrow().kind()).isEqualTo(FailureKind.VALIDATION);
        assertThat(outcomes.get(1).failure().orElseThrow().getMessage()).contains("whole number");
    }

    @Test
    void anOrderUpdateKeepsMatchingLinesRemovesOthersAndAddsNewOnes() {
        long customer = shop.simulator.insertCustomer("buyer@example.com");
        long a = shop.simulator.insertProduct("A-1");
        long b = shop.simulator.insertProduct("B-1");
        long c = shop.simulator.insertProduct("C-1");
        String orderId = connector.create(EntityType.ORDERS, List.of(order(String.valueOf(customer),
                line(String.valueOf(a), "2", null), line(String.valueOf(b), "1", null)))).get(0).targetId().orElseThrow();
        long lineOfA = shop.simulator.record(EntityType.ORDERS, Long.parseLong(orderId)).orElseThrow().at("/line_items/0/id").asLong();
        shop.simulator.resetStats();

        List<WriteOutcome> outcomes = connector.update(EntityType.ORDERS, List.of(
                new TargetUpdate(orderId, order(String.valueOf(customer), line(String.valueOf(a), "3", null), line(String.valueOf(c), "1", null))),
                new TargetUpdate("999999", order(String.valueOf(customer), line(String.valueOf(a), "1", null)))));

        JsonNode lines = shop.simulator.record(EntityType.ORDERS, Long.parseLong(orderId)).orElseThrow().get("line_items");
        assertThat(outcomes.get(0).succeeded()).isTrue();
        assertThat(lines).extracting(l -> l.get("product_id").asLong() + "x" + l.get("quantity").asInt())
                .containsExactly(a + "x3", c + "x1");
        assertThat(lines.get(0).get("id").asLong()).isEqualTo(lineOfA);
        assertThat(outcomes.get(1).failure().orElseThrow().kind()).isEqualTo(FailureKind.NOT_FOUND);
        // product C is new to the connector: one read tells it is a product, not a variation (named in variation_id)
        assertThat(shop.simulator.stats()).isEqualTo(Map.of("GET orders", 1L, "GET products", 1L, "POST orders/batch", 1L));
    }

    @Test
    void createdCustomersAreFoundByEmailAfterwards() {
        List<SyncRecord> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            customers.add(customer("later" + i + "@example.com", "L", String.valueOf(i)));
        }
        connector.findByNaturalKeys(EntityType.CUSTOMERS, List.of("a@example.com", "b@example.com", "c@example.com"));

        connector.create(EntityType.CUSTOMERS, customers);
        List<SyncRecord> found = connector.findByNaturalKeys(EntityType.CUSTOMERS, customers.stream()
                .map(r -> (String) r.fields().get("email")).toList());

        assertThat(found).hasSize(5);
    }

    static SyncRecord customer(String email, String first, String last) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("email", email);
        fields.put("firstName", first);
        fields.put("lastName", last);
        fields.put("company", null);
        fields.put("phone", "+351 21 000 0000");
        fields.put("street", "Rua Augusta, 1");
        fields.put("street2", null);
        fields.put("city", "Lisboa");
        fields.put("zip", "1100-048");
        fields.put("country", "PT");
        return new SyncRecord(EntityType.CUSTOMERS, ExternalSystem.ODOO, null, fields, null);
    }

    static SyncRecord product(String sku, String name, String price) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("sku", sku);
        fields.put("name", name);
        fields.put("price", new BigDecimal(price));
        fields.put("description", "<p>" + name + "</p>");
        return new SyncRecord(EntityType.PRODUCTS, ExternalSystem.ODOO, null, fields, null);
    }

    @SafeVarargs
    static SyncRecord order(String customer, Map<String, Object>... lines) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("number", "S0001");
        fields.put("customer", customer);
        fields.put("orderedAt", "2025-02-03T04:05:06Z");
        fields.put("note", "from Odoo");
        fields.put("lines", List.of(lines));
        return new SyncRecord(EntityType.ORDERS, ExternalSystem.ODOO, null, fields, null);
    }

    static Map<String, Object> line(String product, String quantity, String unitPrice) {
        Map<String, Object> line = new HashMap<>();
        line.put("product", product);
        line.put("quantity", new BigDecimal(quantity));
        line.put("unitPrice", unitPrice == null ? null : new BigDecimal(unitPrice));
        return line;
    }
}
