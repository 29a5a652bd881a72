package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shop's tax rates, tax classes and coupons over the REST API. */
class WooCommerceSimulatorSettingsTest {

    private static final String API = "/wp-json/wc/v3/";
    private WooCommerceSimulator shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        shop = new WooCommerceSimulator(0, 5, "ck_settings", "cs_settings").start();
        shop.setClock(Clock.fixed(Instant.parse("2025-02-03T04:05:06Z"), ZoneOffset.UTC));
        client = new SimulatorClient(shop.baseUrl(), "ck_settings", "cs_settings");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private static JsonNode withoutLinks(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("_links");
        return copy;
    }

    @Test
    void aFreshShopHasTheDocumentedUsRatesAndItsOwn() {
        SimulatorClient.Answer first = client.get(API + "taxes");
        SimulatorClient.Answer all = client.get(API + "taxes?per_page=100");
        JsonNode documented = WooFixtures.read("tax-rates-list.json");

        assertThat(first.json()).hasSize(10);
        assertThat(first.header("X-WP-Total")).isEqualTo("16");
        assertThat(first.header("X-WP-TotalPages")).isEqualTo("2");
        assertThat(first.header("Link")).contains("rel=\"next\"");
        List<JsonNode> firstTen = new ArrayList<>();
        first.json().forEach(r -> firstTen.add(withoutLinks(r)));
        List<JsonNode> expected = new ArrayList<>();
        documented.forEach(r -> expected.add(withoutLinks(r)));
        assertThat(firstTen).isEqualTo(expected);
        assertThat(all.json()).extracting(r -> r.path("id").asLong() + " " + r.path("country").asText() + " " + r.path("state").asText()
                        + " " + r.path("name").asText() + " " + r.path("rate").asText() + " p" + r.path("priority").asInt()
                        + " " + r.path("shipping").asBoolean() + " " + r.path("class").asText())
                .endsWith("82 US CA County Tax 1.0000 p2 false standard", "83 US CA City Tax 0.2500 p3 false standard",
                        "84 GB  VAT 20.0000 p1 true standard", "85 GB  VAT 5.0000 p1 false reduced-rate",
                        "86 DE  MwSt. 19.0000 p1 true standard", "87 DE  MwSt. 7.0000 p1 false reduced-rate");
        assertThat(all.json()).extracting(r -> r.path("order").asInt()).isSorted().doesNotHaveDuplicates();
        assertThat(all.json().get(15).at("/_links/self/0/href").asText()).isEqualTo(shop.baseUrl() + API + "taxes/87");
    }

    @Test
    void ratesAreReadOneByOneAndFilteredByClass() {
        JsonNode county = client.get(API + "taxes/82").json();
        SimulatorClient.Answer missing = client.get(API + "taxes/999");
        SimulatorClient.Answer reduced = client.get(API + "taxes?class=reduced-rate");
        SimulatorClient.Answer badClass = client.get(API + "taxes?class=luxury");
        SimulatorClient.Answer tooMany = client.get(API + "taxes?per_page=101");
        SimulatorClient.Answer byPriority = client.get(API + "taxes?orderby=priority&order=desc&per_page=3");

        assertThat(county.path("name").asText()).isEqualTo("County Tax");
        assertThat(county.path("postcodes")).isEmpty();
        assertThat(county.at("/_links/collection/0/href").asText()).isEqualTo(shop.baseUrl() + API + "taxes");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("code").asText()).isEqualTo("woocommerce_rest_invalid_id");
        assertThat(reduced.json()).extracting(r -> r.path("id").asLong()).containsExactly(85L, 87L);
        assertThat(reduced.header("X-WP-Total")).isEqualTo("2");
        assertThat(badClass.json().path("code").asText()).isEqualTo("rest_invalid_param");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(byPriority.json()).extracting(r -> r.path("id").asLong()).containsExactly(83L, 82L, 87L);
    }

    @Test
    void theTaxClassesAreWooCommercesDefaults() {
        JsonNode classes = client.get(API + "taxes/classes").json();

        assertThat(classes).extracting(c -> c.path("slug").asText() + "=" + c.path("name").asText())
                .containsExactly("standard=Standard Rate", "reduced-rate=Reduced Rate", "zero-rate=Zero Rate");
        assertThat(classes.get(0).at("/_links/collection/0/href").asText()).isEqualTo(shop.baseUrl() + API + "taxes/classes");
    }

    @Test
    void theSeededCouponsAreListedAndReadInLowerCase() {
        SimulatorClient.Answer list = client.get(API + "coupons");
        SimulatorClient.Answer byCode = client.get(API + "coupons?code=FIVEOFF");
        JsonNode save10 = client.get(API + "coupons/7").json();
        SimulatorClient.Answer missing = client.get(API + "coupons/424242");

        assertThat(list.header("X-WP-Total")).isEqualTo("3");
        assertThat(list.json()).extracting(c -> c.path("code").asText() + " " + c.path("discount_type").asText() + " " + c.path("amount").asText())
                .containsExactly("fiveoff fixed_cart 5.00", "take15 percent 15.00", "save10 percent 10.00");
        assertThat(byCode.json()).extracting(c -> c.path("id").asLong()).containsExactly(9L);
        assertThat(save10.path("code").asText()).isEqualTo("save10");
        assertThat(save10.path("date_created_gmt").asText()).isEqualTo("2023-01-01T09:00:00");
        assertThat(save10.path("date_expires").isNull()).isTrue();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("code").asText()).isEqualTo("woocommerce_rest_shop_coupon_invalid_id");
    }

    @Test
    void couponsAreCreatedWithAFreeCodeAndUsedByOrders() {
        SimulatorClient.Answer created = client.post(API + "coupons", Map.of("code", "Spring20", "discount_type", "percent", "amount", "20"));
        SimulatorClient.Answer taken = client.post(API + "coupons", Map.of("code", "SPRING20"));
        SimulatorClient.Answer noCode = client.post(API + "coupons", Map.of("amount", "5"));
        SimulatorClient.Answer badType = client.post(API + "coupons", Map.of("code", "odd", "discount_type", "bogo"));
        long mug = shop.insert(com.wooodoo.sync.connector.EntityType.PRODUCTS, p -> p.put("regular_price", "20.00").put("price", "20.00"));
        JsonNode order = client.post(API + "orders", Map.of("line_items", List.of(Map.of("product_id", mug, "quantity", 1)),
                "coupon_lines", List.of(Map.of("code", "spring20")))).json();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("code").asText()).isEqualTo("spring20");
        assertThat(created.json().path("amount").asText()).isEqualTo("20.00");
        assertThat(created.json().path("date_created_gmt").asText()).isEqualTo("2025-02-03T04:05:06");
        assertThat(created.header("Location")).isEqualTo(shop.baseUrl() + API + "coupons/" + created.json().path("id").asLong());
        assertThat(taken.json().path("code").asText()).isEqualTo("woocommerce_rest_coupon_code_already_exists");
        assertThat(noCode.json().path("code").asText()).isEqualTo("rest_missing_callback_param");
        assertThat(badType.json().path("code").asText()).isEqualTo("rest_invalid_param");
        assertThat(order.path("total").asText()).isEqualTo("16.00");
        assertThat(order.at("/coupon_lines/0/discount").asText()).isEqualTo("4.00");
    }

    @Test
    void settingsNeedCredentialsLikeEveryRoute() {
        SimulatorClient anonymous = new SimulatorClient(shop.baseUrl(), null, null);

        assertThat(anonymous.get(API + "taxes").json().path("code").asText()).isEqualTo("woocommerce_rest_cannot_view");
        assertThat(anonymous.post(API + "coupons", Map.of("code", "x")).json().path("code").asText())
                .isEqualTo("woocommerce_rest_cannot_create");
        assertThat(shop.stats()).containsKeys("GET taxes", "POST coupons");
    }
}
