package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating, updating and batching on the simulator, with WooCommerce's rules and error shapes. */
class WooCommerceSimulatorWriteTest {

    private static final String API = "/wp-json/wc/v3/";
    private WooCommerceSimulator shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        shop = new WooCommerceSimulator(0, 11, "ck_write", "cs_write").start();
        shop.setClock(Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC));
        client = new SimulatorClient(shop.baseUrl(), "ck_write", "cs_write");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void createsACustomerWithWooCommercesDerivedFields() {
        SimulatorClient.Answer answer = client.post(API + "customers",
                Map.of("email", "Ana.Costa@example.com", "first_name", "Ana", "billing", Map.of("country", "PT", "phone", "+351 21 000")));

        JsonNode customer = answer.json();
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo(shop.baseUrl() + API + "customers/" + customer.get("id").asLong());
        assertThat(customer.get("username").asText()).isEqualTo("ana.costa");
        assertThat(customer.get("role").asText()).isEqualTo("customer");
        assertThat(customer.get("date_created_gmt").asText()).isEqualTo("2025-03-04T05:06:07");
        assertThat(customer.get("date_created").asText()).isEqualTo("2025-03-04T02:06:07");
        assertThat(customer.at("/billing/country").asText()).isEqualTo("PT");
        assertThat(customer.get("avatar_url").asText()).startsWith("https://secure.gravatar.com/avatar/");
        assertThat(shop.count(EntityType.CUSTOMERS)).isEqualTo(1);
    }

    @Test
    void customerEmailsMustBeValidAndFree() {
        shop.insertCustomer("taken@example.com");

        SimulatorClient.Answer duplicate = client.post(API + "customers", Map.of("email", "TAKEN@example.com"));
        SimulatorClient.Answer invalid = client.post(API + "customers", Map.of("email", "not-an-email"));
        SimulatorClient.Answer missing = client.post(API + "customers", Map.of("first_name", "Nobody"));

        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("code").asText()).isEqualTo("registration-error-email-exists");
        assertThat(invalid.json().get("code").asText()).isEqualTo("customer_invalid_email");
        assertThat(missing.json().get("code").asText()).isEqualTo("rest_missing_callback_param");
        assertThat(shop.count(EntityType.CUSTOMERS)).isEqualTo(1);
    }

    @Test
    void updatesACustomerAndRefusesAnotherAccountsEmail() {
        long first = shop.insertCustomer("first@example.com");
        shop.insertCustomer("second@example.com");
        shop.setClock(Clock.fixed(Instant.parse("2025-03-05T00:00:00Z"), ZoneOffset.UTC));

        SimulatorClient.Answer updated = client.send("PUT", API + "customers/" + first, Map.of("last_name", "Renamed"));
        SimulatorClient.Answer taken = client.send("PUT", API + "customers/" + first, Map.of("email", "second@example.com"));
        SimulatorClient.Answer missing = client.send("PUT", API + "customers/999999", Map.of("last_name", "X"));

        assertThat(updated.json().get("last_name").asText()).isEqualTo("Renamed");
        assertThat(updated.json().get("date_modified_gmt").asText()).isEqualTo("2025-03-05T00:00:00");
        assertThat(taken.json().get("code").asText()).isEqualTo("woocommerce_rest_customer_invalid_email");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asText()).isEqualTo("woocommerce_rest_invalid_id");
    }

    @Test
    void aBatchOfMoreThan100ItemsInAllIsRefusedWhole() {
        List<Map<String, Object>> create = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            create.add(Map.of("email", "c" + i + "@example.com"));
        }
        List<Map<String, Object>> update = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            update.add(Map.of("id", 1000 + i));
        }

        SimulatorClient.Answer tooLarge = client.post(API + "customers/batch", Map.of("create", create, "update", update));
        SimulatorClient.Answer justRight = client.post(API + "customers/batch", Map.of("create", create, "update", update.subList(0, 40)));

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().toString()).isEqualTo("{\"code\":\"woocommerce_rest_request_entity_too_large\","
                + "\"message\":\"Unable to accept more than 100 items for this request.\",\"data\":{\"status\":413}}");
        assertThat(justRight.status()).isEqualTo(200);
        assertThat(justRight.json().get("create").size()).isEqualTo(60);
        assertThat(justRight.json().get("update").size()).isEqualTo(40);
        assertThat(shop.count(EntityType.CUSTOMERS)).isEqualTo(60);
    }

    @Test
    void aBatchAnswers200WithEachFailedItemsOwnError() {
        long existing = shop.insertCustomer("exists@example.com");

        SimulatorClient.Answer answer = client.post(API + "customers/batch", Map.of(
                "create", List.of(Map.of("email", "new@example.com"), Map.of("email", "exists@example.com"),
                        Map.of("email", "broken"), Map.of("first_name", "no e-mail")),
                "update", List.of(Map.of("id", existing, "first_name", "Kept"), Map.of("id", 424242, "first_name", "Gone")),
                "delete", List.of(434343)));

        JsonNode create = answer.json().get("create");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(create.get(0).get("email").asText()).isEqualTo("new@example.com");
        assertThat(create.get(1).toString()).isEqualTo("{\"id\":0,\"error\":{\"code\":\"registration-error-email-exists\","
                + "\"message\":\"An account is already registered with your email address. <a href=\\\"#\\\" class=\\\"showlogin\\\">Please log in.</a>\","
                + "\"data\":{\"status\":400}}}");
        assertThat(create.get(2).at("/error/code").asText()).isEqualTo("customer_invalid_email");
        assertThat(create.get(3).at("/error/code").asText()).isEqualTo("registration-error-invalid-email");
        assertThat(answer.json().at("/update/0/first_name").asText()).isEqualTo("Kept");
        assertThat(answer.json().at("/update/1/id").asLong()).isEqualTo(424242);
        assertThat(answer.json().at("/update/1/error/code").asText()).isEqualTo("woocommerce_rest_invalid_id");
        assertThat(answer.json().at("/delete/0/error/data/status").asInt()).isEqualTo(404);
    }

    @Test
    void skusAreUniqueAndALockedSkuIsAlreadyUnderProcessing() {
        long existing = shop.insertProduct("TSH-1");
        shop.insertProduct("TSH-1-1");
        shop.lockSku("NEW-9");

        JsonNode create = client.post(API + "products/batch", Map.of("create", List.of(
                Map.of("name", "Copy", "sku", "tsh-1"), Map.of("name", "Locked", "sku", "NEW-9"),
                Map.of("name", "Fine", "sku", "NEW-10", "regular_price", "21.99")))).json().get("create");

        assertThat(create.get(0).toString()).isEqualTo("{\"id\":0,\"error\":{\"code\":\"product_invalid_sku\",\"message\":\"Invalid or duplicated SKU.\","
                + "\"data\":{\"status\":400,\"resource_id\":" + existing + ",\"unique_sku\":\"tsh-1-2\"}}}");
        assertThat(create.get(1).at("/error/code").asText()).isEqualTo("woocommerce_rest_product_not_created");
        assertThat(create.get(1).at("/error/message").asText()).isEqualTo("The SKU (NEW-9) you are trying to insert is already under processing");
        assertThat(create.get(2).get("price").asText()).isEqualTo("21.99");
        assertThat(create.get(2).get("price_html").asText()).contains("21.99");
        assertThat(create.get(2).get("slug").asText()).isEqualTo("fine");
    }

    @Test
    void ordersRefuseUnknownCustomersAndLinesWithoutProduct() {
        long product = shop.insertProduct("P-1");

        SimulatorClient.Answer unknownCustomer = client.post(API + "orders",
                Map.of("customer_id", 999999, "line_items", List.of(Map.of("product_id", product))));
        SimulatorClient.Answer noProduct = client.post(API + "orders", Map.of("line_items", List.of(Map.of("quantity", 2))));
        SimulatorClient.Answer goneProduct = client.post(API + "orders", Map.of("line_items", List.of(Map.of("product_id", 987654))));

        assertThat(unknownCustomer.json().get("code").asText()).isEqualTo("woocommerce_rest_invalid_customer_id");
        assertThat(noProduct.json().get("code").asText()).isEqualTo("woocommerce_rest_required_product_reference");
        assertThat(goneProduct.status()).as("WooCommerce keeps a line whose product does not exist").isEqualTo(201);
        assertThat(goneProduct.json().at("/line_items/0/product_id").asLong()).isZero();
    }

    @Test
    void ordersComputeNumberTotalsAndLinePricesAndMergeLinesOnUpdate() {
        long customer = shop.insertCustomer("buyer@example.com");
        long tee = shop.insert(EntityType.PRODUCTS, p -> p.put("regular_price", "3.00").put("price", "3.00"));
        long mug = shop.insert(EntityType.PRODUCTS, p -> p.put("regular_price", "12.50").put("price", "12.50"));

        JsonNode order = client.post(API + "orders", Map.of("customer_id", customer, "set_paid", true,
                "line_items", List.of(Map.of("product_id", tee, "quantity", 2), Map.of("product_id", mug, "quantity", 1)))).json();
        long teeLine = order.at("/line_items/0/id").asLong();
        long mugLine = order.at("/line_items/1/id").asLong();
        JsonNode updated = client.send("PUT", API + "orders/" + order.get("id").asLong(), Map.of("line_items", List.of(
                Map.of("id", teeLine, "quantity", 3), Map.of("id", mugLine, "quantity", 0), Map.of("sku", shop.record(EntityType.PRODUCTS, mug)
                        .orElseThrow().get("sku").asText(), "quantity", 2)))).json();
        SimulatorClient.Answer foreignLine = client.send("PUT", API + "orders/" + order.get("id").asLong(),
                Map.of("line_items", List.of(Map.of("id", 999999, "quantity", 1))));

        assertThat(order.get("number").asText()).isEqualTo(order.get("id").asText());
        assertThat(order.get("status").asText()).isEqualTo("processing");
        assertThat(order.get("date_paid_gmt").asText()).isEqualTo("2025-03-04T05:06:07");
        assertThat(order.at("/line_items/0/price").isNumber()).isTrue();
        assertThat(order.at("/line_items/0/price").asInt()).isEqualTo(3);
        assertThat(order.at("/line_items/1/total").asText()).isEqualTo("12.50");
        assertThat(order.get("total").asText()).isEqualTo("18.50");
        assertThat(order.at("/_links/customer/0/href").asText()).endsWith("/customers/" + customer);
        assertThat(updated.get("line_items")).extracting(l -> l.get("product_id").asLong() + "x" + l.get("quantity").asLong())
                .containsExactly(tee + "x3", mug + "x2");
        assertThat(updated.get("total").asText()).isEqualTo("34.00");
        assertThat(foreignLine.json().get("code").asText()).isEqualTo("woocommerce_rest_invalid_item_id");
    }

    @Test
    void concurrentCreatesOfOneEmailLeaveOneAccount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SimulatorClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> client.post(API + "customers", Map.of("email", "race@example.com"))));
            }
            int created = 0;
            for (Future<SimulatorClient.Answer> answer : answers) {
                created += answer.get().status() == 201 ? 1 : 0;
            }

            assertThat(created).isEqualTo(1);
            assertThat(shop.count(EntityType.CUSTOMERS)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMalformedBodyIsRestInvalidJson() {
        SimulatorClient.Answer answer = client.send("POST", API + "customers/batch", "{\"create\": [");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("rest_invalid_json");
    }

    @Test
    void deletingNeedsForceForCustomersAndTrashesProducts() {
        long customer = shop.insertCustomer("leaving@example.com");
        long product = shop.insertProduct("OLD-1");

        SimulatorClient.Answer notForced = client.send("DELETE", API + "customers/" + customer, Map.of());
        SimulatorClient.Answer forced = client.send("DELETE", API + "customers/" + customer + "?force=true", Map.of());
        SimulatorClient.Answer trashed = client.send("DELETE", API + "products/" + product, Map.of());

        assertThat(notForced.status()).isEqualTo(501);
        assertThat(forced.json().get("email").asText()).isEqualTo("leaving@example.com");
        assertThat(shop.count(EntityType.CUSTOMERS)).isZero();
        assertThat(trashed.json().get("status").asText()).isEqualTo("trash");
        assertThat(client.get(API + "products").json()).isEmpty();
    }
}
