package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.wooodoo.sync.connector.EntityType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication, lists, filters and single reads of the simulator, over plain HTTP. */
class WooCommerceSimulatorReadTest {

    private static final String API = "/wp-json/wc/v3/";
    private static final Instant NOW = Instant.parse("2025-06-01T11:00:00Z");
    private static WooCommerceSimulator shop;
    private static SimulatorClient client;

    @BeforeAll
    static void start() {
        shop = new WooCommerceSimulator(0, 7, "ck_read", "cs_read").start();
        shop.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        client = new SimulatorClient(shop.baseUrl(), "ck_read", "cs_read");
        shop.seed(EntityType.CUSTOMERS, 25);
        shop.seed(EntityType.PRODUCTS, 30);
        shop.seed(EntityType.ORDERS, 20);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void withoutCredentialsEveryRouteRefusesWithItsPermissionError() {
        SimulatorClient anonymous = new SimulatorClient(shop.baseUrl(), null, null);

        SimulatorClient.Answer list = anonymous.get(API + "customers");
        SimulatorClient.Answer batch = anonymous.post(API + "products/batch", Map.of("create", List.of()));

        assertThat(list.status()).isEqualTo(401);
        assertThat(list.json().toString()).isEqualTo(
                "{\"code\":\"woocommerce_rest_cannot_view\",\"message\":\"Sorry, you cannot list resources.\",\"data\":{\"status\":401}}");
        assertThat(batch.status()).isEqualTo(401);
        assertThat(batch.json().get("code").asText()).isEqualTo("woocommerce_rest_cannot_batch");
    }

    @Test
    void aKnownKeyWithAWrongSecretIsAnAuthenticationErrorAndAnUnknownKeyIsAnonymous() {
        SimulatorClient.Answer wrongSecret = new SimulatorClient(shop.baseUrl(), "ck_read", "cs_wrong").get(API + "orders");
        SimulatorClient.Answer unknownKey = new SimulatorClient(shop.baseUrl(), "ck_other", "cs_read").get(API + "orders/1");

        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("code").asText()).isEqualTo("woocommerce_rest_authentication_error");
        assertThat(wrongSecret.json().get("message").asText()).isEqualTo("Consumer secret is invalid.");
        assertThat(unknownKey.status()).isEqualTo(401);
        assertThat(unknownKey.json().get("message").asText()).isEqualTo("Sorry, you cannot view this resource.");
    }

    @Test
    void credentialsInTheQueryStringAreAcceptedAsWooCommerceDoesOverHttps() {
        SimulatorClient.Answer answer = new SimulatorClient(shop.baseUrl(), null, null)
                .get(API + "customers?consumer_key=ck_read&consumer_secret=cs_read&per_page=1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "ten", "-5"})
    void perPageOutside1To100IsRestInvalidParam(String perPage) {
        SimulatorClient.Answer answer = client.get(API + "customers?per_page=" + perPage);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("rest_invalid_param");
        assertThat(answer.json().get("message").asText()).isEqualTo("Invalid parameter(s): per_page");
        assertThat(answer.json().at("/data/status").asInt()).isEqualTo(400);
        assertThat(answer.json().at("/data/params/per_page").isTextual()).isTrue();
    }

    @Test
    void pagesCarryTotalsAndLinksInHeaders() {
        SimulatorClient.Answer last = client.get(API + "customers?per_page=10&page=3&orderby=id&order=asc");
        SimulatorClient.Answer beyond = client.get(API + "customers?per_page=10&page=4");

        assertThat(last.json().size()).isEqualTo(5);
        assertThat(last.header("X-WP-Total")).isEqualTo("25");
        assertThat(last.header("X-WP-TotalPages")).isEqualTo("3");
        assertThat(last.header("Link")).contains("page=2>; rel=\"prev\"").doesNotContain("rel=\"next\"");
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json().size()).isZero();
        assertThat(beyond.header("X-WP-Total")).isEqualTo("25");
    }

    @Test
    void ordersByIdAndModifiedBothWays() {
        List<Long> ascending = ids(client.get(API + "products?per_page=100&orderby=id&order=asc").json());
        List<Long> descending = ids(client.get(API + "products?per_page=100&orderby=id&order=desc").json());
        List<String> modified = new ArrayList<>();
        client.get(API + "products?per_page=100&orderby=modified&order=asc").json()
                .forEach(p -> modified.add(p.get("date_modified_gmt").asText()));

        assertThat(ascending).hasSize(30).isSorted();
        List<Long> reversed = new ArrayList<>(ascending);
        Collections.reverse(reversed);
        assertThat(descending).containsExactlyElementsOf(reversed);
        assertThat(modified).isSorted();
        assertThat(client.get(API + "products?orderby=popular").json().get("code").asText()).isEqualTo("rest_invalid_param");
        assertThat(client.get(API + "customers?orderby=modified").status()).isEqualTo(400);
    }

    @Test
    void includeFiltersByIdsAndCanGiveTheOrder() {
        List<JsonNode> customers = shop.customers();
        long first = customers.get(3).get("id").asLong();
        long second = customers.get(9).get("id").asLong();

        JsonNode answer = client.get(API + "customers?include=" + second + "," + first + ",999999&orderby=include").json();

        assertThat(ids(answer)).containsExactly(second, first);
        assertThat(client.get(API + "customers?include=1,x").status()).isEqualTo(400);
    }

    @Test
    void customersAreFoundByExactEmailOrBySearch() {
        JsonNode customer = shop.customers().get(4);
        String email = customer.get("email").asText();

        JsonNode exact = client.get(API + "customers?email=" + email.toUpperCase()).json();
        JsonNode partial = client.get(API + "customers?email=" + email.substring(1)).json();
        JsonNode search = client.get(API + "customers?search=" + customer.get("last_name").asText().replace(" ", "+")).json();

        assertThat(ids(exact)).containsExactly(customer.get("id").asLong());
        assertThat(partial).isEmpty();
        assertThat(ids(search)).contains(customer.get("id").asLong());
    }

    @Test
    void productsAreFoundByAListOfSkus() {
        String a = shop.products().get(1).get("sku").asText();
        String b = shop.products().get(7).get("sku").asText();

        JsonNode answer = client.get(API + "products?sku=" + a + "," + b.toLowerCase() + ",NOPE").json();

        assertThat(answer).extracting(p -> p.get("sku").asText()).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void modifiedAfterFiltersProductsAndOrdersInGmtOrShopTime() {
        long product = shop.products().get(2).get("id").asLong();
        long order = shop.orders().get(2).get("id").asLong();
        assertThat(client.send("PUT", API + "products/" + product, Map.of("regular_price", "9.99")).status()).isEqualTo(200);
        assertThat(client.send("PUT", API + "orders/" + order, Map.of("customer_note", "ring twice")).status()).isEqualTo(200);

        // the update happened at 11:00 UTC, which is 08:00 in the shop's time zone (UTC-3)
        JsonNode gmt = client.get(API + "products?modified_after=2025-06-01T10:30:00&dates_are_gmt=true").json();
        JsonNode shopTime = client.get(API + "products?modified_after=2025-06-01T10:30:00").json();
        JsonNode orders = client.get(API + "orders?modified_after=2025-06-01T10:59:59&dates_are_gmt=true").json();
        JsonNode sameSecond = client.get(API + "orders?modified_after=2025-06-01T11:00:00Z").json();

        assertThat(ids(gmt)).containsExactly(product);
        assertThat(shopTime).isEmpty();
        assertThat(ids(orders)).containsExactly(order);
        assertThat(sameSecond).isEmpty();
        assertThat(client.get(API + "orders?modified_after=yesterday").json().get("code").asText()).isEqualTo("rest_invalid_param");
    }

    @Test
    void customersHaveNoModifiedAfterFilterAndTheUnknownParameterIsIgnored() {
        SimulatorClient.Answer answer = client.get(API + "customers?modified_after=2030-01-01T00:00:00&per_page=100");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().size()).isEqualTo(shop.count(EntityType.CUSTOMERS));
    }

    @Test
    void aMissingRecordIsTheResourcesInvalidIdError() {
        assertThat(client.get(API + "customers/999999").json().toString())
                .isEqualTo("{\"code\":\"woocommerce_rest_invalid_id\",\"message\":\"Invalid resource ID.\",\"data\":{\"status\":404}}");
        assertThat(client.get(API + "products/999999").json().get("code").asText()).isEqualTo("woocommerce_rest_product_invalid_id");
        assertThat(client.get(API + "orders/999999").json().get("code").asText()).isEqualTo("woocommerce_rest_shop_order_invalid_id");
        assertThat(client.get(API + "orders/999999").status()).isEqualTo(404);
    }

    @Test
    void unknownRoutesAndMethodsAreRestNoRoute() {
        assertThat(client.get(API + "invoices").status()).isEqualTo(404);
        assertThat(client.send("DELETE", API + "taxes/72", Map.of()).json().get("code").asText()).isEqualTo("rest_no_route");
        assertThat(client.send("DELETE", API + "customers", Map.of()).json().get("code").asText()).isEqualTo("rest_no_route");
        assertThat(client.get("/wp-json/wc/v2/customers").json().get("code").asText()).isEqualTo("rest_no_route");
    }

    @Test
    void fieldsLimitsTheAnswer() {
        JsonNode answer = client.get(API + "customers?per_page=2&_fields=id,email").json();

        answer.forEach(c -> assertThat(c.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "email"));
    }

    @Test
    void corruptedDataIsServedAsStored() {
        long id = shop.products().get(5).get("id").asLong();
        String modified = shop.record(EntityType.PRODUCTS, id).orElseThrow().get("date_modified_gmt").asText();

        shop.corrupt(EntityType.PRODUCTS, id, "regular_price", new TextNode("12,50 EUR"));

        JsonNode served = client.get(API + "products/" + id).json();
        assertThat(served.get("regular_price").asText()).isEqualTo("12,50 EUR");
        assertThat(served.get("date_modified_gmt").asText()).isEqualTo(modified);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }
}
