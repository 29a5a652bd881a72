package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeding, reset, stats and injected faults of the simulator. */
class WooCommerceSimulatorAdminTest {

    private static final String API = "/wp-json/wc/v3/";
    private WooCommerceSimulator shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        shop = new WooCommerceSimulator(0, 99, "ck_admin", "cs_admin").start();
        client = new SimulatorClient(shop.baseUrl(), "ck_admin", "cs_admin");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void seedingIsDeterministicForASeedAndDiffersBetweenSeeds() {
        try (WooCommerceSimulator same = new WooCommerceSimulator(0, 99, "k", "s");
             WooCommerceSimulator other = new WooCommerceSimulator(0, 100, "k", "s")) {
            for (WooCommerceSimulator s : List.of(shop, same, other)) {
                s.seed(EntityType.CUSTOMERS, 20);
                s.seed(EntityType.PRODUCTS, 20);
                s.seed(EntityType.ORDERS, 20);
            }
            for (EntityType type : List.of(EntityType.CUSTOMERS, EntityType.PRODUCTS, EntityType.ORDERS)) {
                assertThat(withoutLinks(same.records(type))).isEqualTo(withoutLinks(shop.records(type)));
                assertThat(withoutLinks(other.records(type))).isNotEqualTo(withoutLinks(shop.records(type)));
            }
        }
    }

    @Test
    void seededRecordsAreRealistic() {
        shop.seed(EntityType.CUSTOMERS, 200);
        shop.seed(EntityType.PRODUCTS, 50);
        shop.seed(EntityType.ORDERS, 100);
        Set<Long> customers = ids(shop.customers());
        Set<Long> products = ids(shop.products());

        assertThat(shop.customers()).extracting(c -> c.get("email").asText()).doesNotHaveDuplicates()
                .allMatch(e -> e.matches("^[a-z0-9.-]+@example\\.(com|org|net)$"));
        assertThat(shop.customers()).extracting(c -> c.at("/billing/country").asText()).allMatch(c -> c.matches("^[A-Z]{2}$"));
        assertThat(shop.products()).extracting(p -> p.get("sku").asText()).doesNotHaveDuplicates()
                .allMatch(s -> s.matches("^[A-Z]{3}-\\d{5}$"));
        assertThat(shop.products()).extracting(p -> p.get("regular_price").asText()).allMatch(p -> p.matches("^\\d+\\.\\d{2}$"));
        for (JsonNode order : shop.orders()) {
            long customer = order.get("customer_id").asLong();
            assertThat(customer == 0 || customers.contains(customer)).as("customer %s exists", customer).isTrue();
            assertThat(order.get("line_items")).isNotEmpty()
                    .allMatch(line -> products.contains(line.get("product_id").asLong()));
        }
        assertThat(shop.orders()).extracting(o -> o.get("customer_id").asLong()).contains(0L).anyMatch(customers::contains);
    }

    @Test
    void ordersCanBeSeededWithoutGuestOrders() {
        shop.seed(EntityType.CUSTOMERS, 50);
        shop.seed(EntityType.PRODUCTS, 20);
        List<Long> ids = shop.seedCustomerOrders(200);

        assertThat(ids).hasSize(200).doesNotHaveDuplicates();
        assertThat(shop.orders()).hasSize(200).allSatisfy(order -> {
            assertThat(order.get("customer_id").asLong()).isPositive();
            assertThat(order.get("line_items")).isNotEmpty();
            assertThat(order.at("/billing/email").asText()).isEqualTo(shop.record(EntityType.CUSTOMERS,
                    order.get("customer_id").asLong()).orElseThrow().get("email").asText());
        });
        try (WooCommerceSimulator empty = new WooCommerceSimulator(0, 1, "k", "s")) {
            empty.seed(EntityType.PRODUCTS, 1);
            assertThatThrownBy(() -> empty.seedCustomerOrders(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("seed customers");
        }
    }

    @Test
    void ordersCannotBeSeededBeforeProducts() {
        assertThatThrownBy(() -> shop.seed(EntityType.ORDERS, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seed products");
    }

    @Test
    void seedsOverTheAdminCall() {
        SimulatorClient.Answer seeded = client.post("/__sandbox/seed", Map.of("entity", "customers", "count", 1000));
        SimulatorClient.Answer unknown = client.post("/__sandbox/seed", Map.of("entity", "coupons", "count", 5));
        SimulatorClient.Answer noProducts = client.post("/__sandbox/seed", Map.of("entity", "orders", "count", 5));

        assertThat(seeded.status()).isEqualTo(200);
        assertThat(seeded.json().get("created").asInt()).isEqualTo(1000);
        assertThat(shop.count(EntityType.CUSTOMERS)).isEqualTo(1000);
        assertThat(client.get(API + "customers?per_page=1").header("X-WP-Total")).isEqualTo("1000");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(noProducts.status()).isEqualTo(409);
    }

    @Test
    void resetEmptiesTheShopAndTheStats() {
        shop.seed(EntityType.PRODUCTS, 3);
        client.get(API + "products");

        SimulatorClient.Answer reset = client.post("/__sandbox/reset", Map.of());

        assertThat(reset.status()).isEqualTo(200);
        assertThat(shop.count(EntityType.PRODUCTS)).isZero();
        assertThat(shop.stats()).isEmpty();
    }

    @Test
    void countsEveryApiCallByKind() {
        shop.seed(EntityType.CUSTOMERS, 2);
        long id = shop.customers().get(0).get("id").asLong();

        client.get(API + "customers");
        client.get(API + "customers?page=2");
        client.get(API + "customers/" + id);
        client.post(API + "customers/batch", Map.of("create", List.of(Map.of("email", "a@example.com"))));
        client.send("PUT", API + "customers/" + id, Map.of("first_name", "X"));
        new SimulatorClient(shop.baseUrl(), null, null).get(API + "orders");

        assertThat(shop.stats()).isEqualTo(Map.of("GET customers", 2L, "GET customers/{id}", 1L, "POST customers/batch", 1L,
                "PUT customers/{id}", 1L, "GET orders", 1L));
    }

    @Test
    void injectedFaultsAnswerInWooCommercesShape() {
        shop.setFaults(Faults.NONE.withAuthFailure(true));
        SimulatorClient.Answer auth = client.get(API + "customers");
        shop.setFaults(Faults.NONE.withServerErrorShare(1.0));
        SimulatorClient.Answer unavailable = client.get(API + "customers");
        shop.setFaults(Faults.NONE.withRateLimit(1.0, 17));
        SimulatorClient.Answer limited = client.get(API + "customers");

        assertThat(auth.status()).isEqualTo(401);
        assertThat(auth.json().get("code").asText()).isEqualTo("woocommerce_rest_authentication_error");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.json().at("/data/status").asInt()).isEqualTo(503);
        assertThat(unavailable.json().get("message").isTextual()).isTrue();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("17");
    }

    @Test
    void plantedDuplicatesCollideWithLaterWrites() {
        shop.insertCustomer("planted@example.com");
        shop.insertProduct("PLANTED-1");

        JsonNode customer = client.post(API + "customers/batch", Map.of("create", List.of(Map.of("email", "planted@example.com")))).json();
        JsonNode product = client.post(API + "products/batch", Map.of("create", List.of(Map.of("sku", "PLANTED-1")))).json();

        assertThat(customer.at("/create/0/error/code").asText()).isEqualTo("registration-error-email-exists");
        assertThat(product.at("/create/0/error/code").asText()).isEqualTo("product_invalid_sku");
    }

    private static List<JsonNode> withoutLinks(List<JsonNode> records) {
        return records.stream().map(r -> (JsonNode) ((ObjectNode) r.deepCopy()).without(List.of("_links", "permalink", "images")))
                .toList();
    }

    private static Set<Long> ids(List<JsonNode> records) {
        Set<Long> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }
}
