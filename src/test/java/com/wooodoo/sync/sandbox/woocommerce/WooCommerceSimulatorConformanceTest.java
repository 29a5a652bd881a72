package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The simulator answers in the shape of the official WooCommerce examples: for every fixture, the
 * simulator's answer to the same call has the same keys at every level and the same kinds of
 * values. The official "create an order" request is sent as it is (with the simulator's product
 * ids) and answered like the official response. The fixtures this test must cover are those
 * {@link WooFixtureCatalog} gives it; one without a case fails {@link #everyFixtureHasACase()}.
 *
 * <p>The examples are those of WooCommerce 3.0; fields WooCommerce added since then are left out
 * of the comparison, each checked on its own: {@code tax_lines[].rate_percent} (3.7), a
 * variation's {@code name}, {@code type} and {@code parent_id}.
 *
 * <p>The official "create a variable product" and "batch update variations" requests are sent as
 * they are, with the simulator's ids for the docs' attribute 6 and variations 732 and 733.
 */
class WooCommerceSimulatorConformanceTest {

    private static WooCommerceSimulator shop;
    private static SimulatorClient client;
    private static final Map<String, Supplier<SimulatorClient.Answer>> CASES = new LinkedHashMap<>();
    private static final String ORDER_CREATE_REQUEST = "order-create-request.json";
    private static final List<String> REQUESTS_SENT = List.of(ORDER_CREATE_REQUEST, "product-variable-create-request.json",
            "product-variations-batch-request.json");
    private static final List<String> VARIATION_FIELDS = List.of("name", "type", "parent_id");
    private static long product;
    private static long otherProduct;
    private static long docsSingle;
    private static long docsVariation;

    @BeforeAll
    static void start() {
        shop = new WooCommerceSimulator(0, 42, "ck_conform", "cs_conform").start();
        client = new SimulatorClient(shop.baseUrl(), "ck_conform", "cs_conform");
        shop.seed(EntityType.CUSTOMERS, 5);
        shop.seed(EntityType.PRODUCTS, 5);
        shop.seed(EntityType.ORDERS, 12);
        long customer = shop.customers().get(0).get("id").asLong();
        product = shop.products().get(0).get("id").asLong();
        otherProduct = shop.products().get(2).get("id").asLong();
        // the products of the official order example: 3.00 and 12.00
        docsSingle = shop.insert(EntityType.PRODUCTS, p -> p.put("name", "Woo Single #1").put("sku", "")
                .put("regular_price", "3").put("price", "3"));
        docsVariation = shop.insert(EntityType.PRODUCTS, p -> p.put("name", "Ship Your Idea").put("sku", "Bar3")
                .put("regular_price", "12").put("price", "12"));
        long guestOrder = shop.orders().stream().filter(o -> o.get("customer_id").asLong() == 0).findFirst()
                .orElseThrow().get("id").asLong();
        String api = "/wp-json/wc/v3/";

        CASES.put("customer-single.json", () -> client.get(api + "customers/" + customer));
        CASES.put("customer-create-response.json", () -> client.post(api + "customers", Map.of("email", "john.doe@example.com",
                "first_name", "John", "last_name", "Doe", "billing", Map.of("city", "San Francisco", "country", "US"))));
        CASES.put("customers-list.json", () -> client.get(api + "customers"));
        CASES.put("customers-batch-response.json", () -> client.post(api + "customers/batch", Map.of(
                "create", List.of(Map.of("email", "john.doe2@example.com"), Map.of("email", "joao.silva2@example.com")),
                "update", List.of(Map.of("id", customer, "billing", Map.of("phone", "(11) 1111-1111"))),
                "delete", List.of(shop.customers().get(1).get("id").asLong()))));
        CASES.put("product-single.json", () -> client.get(api + "products/" + product));
        CASES.put("products-list.json", () -> client.get(api + "products"));
        CASES.put("products-batch-response.json", () -> client.post(api + "products/batch", Map.of(
                "create", List.of(Map.of("name", "Woo Single #2", "regular_price", "21.99"), Map.of("name", "Woo Logo", "sku", "logo-9")),
                "update", List.of(Map.of("id", product, "regular_price", "24.54")),
                "delete", List.of(shop.products().get(1).get("id").asLong()))));
        CASES.put("products-batch-response-item-error.json", () -> {
            shop.lockSku("105446");
            return client.post(api + "products/batch", Map.of("create", List.of(Map.of("name", "Locked", "sku", "105446"))));
        });
        CASES.put("order-single.json", () -> client.get(api + "orders/" + guestOrder));
        CASES.put("orders-list.json", () -> client.get(api + "orders?per_page=12"));
        CASES.put("orders-batch-response.json", () -> client.post(api + "orders/batch", Map.of(
                "create", List.of(Map.of("line_items", List.of(Map.of("product_id", product, "quantity", 2))),
                        Map.of("set_paid", true, "line_items", List.of(Map.of("product_id", product, "quantity", 1)))),
                "update", List.of(Map.of("id", guestOrder, "status", "completed")),
                "delete", List.of(shop.orders().get(3).get("id").asLong()))));
        CASES.put("order-create-response.json", () -> client.post(api + "orders", officialOrderCreateRequest()));
        CASES.put("error-woocommerce-rest-term-invalid.json", () -> client.get(api + "products/999999"));
        CASES.put("error-wp-rest-no-route.json", () -> client.get(api + "invoices"));
        CASES.put("tax-rates-list.json", () -> client.get(api + "taxes"));
        CASES.put("tax-classes-list.json", () -> client.get(api + "taxes/classes"));

        // the catalogue: the docs' global attribute Color (id 6 there) and a variable product with variations
        long color = client.post(api + "products/attributes", Map.of("name", "Color")).json().get("id").asLong();
        for (String term : List.of("Black", "Green", "Blue", "White")) {
            client.post(api + "products/attributes/" + color + "/terms", Map.of("name", term));
        }
        long shirt = client.post(api + "products", officialVariableProduct(color)).json().get("id").asLong();
        String variations = api + "products/" + shirt + "/variations";
        long black = client.post(variations, Map.of("regular_price", "9.00",
                "attributes", List.of(Map.of("id", color, "option", "Black")))).json().get("id").asLong();
        long green = client.post(variations, Map.of("regular_price", "9.00",
                "attributes", List.of(Map.of("id", color, "option", "Green")))).json().get("id").asLong();
        CASES.put("product-variable-create-response.json", () -> client.post(api + "products", officialVariableProduct(color)));
        CASES.put("product-variation-single.json", () -> client.get(variations + "/" + black));
        CASES.put("product-variations-list.json", () -> client.get(variations));
        CASES.put("product-variations-batch-response.json", () -> {
            long doomed = client.post(variations, Map.of("regular_price", "9.00")).json().get("id").asLong();
            ObjectNode request = WooFixtures.read("product-variations-batch-request.json").deepCopy();
            request.get("create").forEach(v -> ((ObjectNode) v.get("attributes").get(0)).put("id", color));
            ((ObjectNode) request.get("update").get(0)).put("id", green);
            ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("delete")).removeAll().add(doomed);
            return client.post(variations + "/batch", request);
        });
        CASES.put("product-attribute-single.json", () -> client.get(api + "products/attributes/" + color));
        CASES.put("product-attribute-terms-list.json", () -> client.get(api + "products/attributes/" + color + "/terms"));
        CASES.put("product-categories-list.json", () -> client.get(api + "products/categories"));
        CASES.put("product-category-single.json", () -> client.get(api + "products/categories/9"));
    }

    /** The official variable product request, with the simulator's id of the global attribute Color. */
    private static JsonNode officialVariableProduct(long color) {
        ObjectNode request = WooFixtures.read("product-variable-create-request.json").deepCopy();
        ((ObjectNode) request.get("attributes").get(0)).put("id", color);
        ((ObjectNode) request.get("default_attributes").get(0)).put("id", color);
        return request;
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    static List<String> fixtures() {
        return List.copyOf(CASES.keySet());
    }

    @Test
    void everyFixtureHasACase() {
        List<String> covered = new ArrayList<>(CASES.keySet());
        covered.addAll(REQUESTS_SENT);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(WooFixtureCatalog.usedFor(WooFixtureCatalog.Use.SIMULATOR));
    }

    @Test
    void theOfficialOrderCreateRequestIsAcceptedAndKeepsItsData() {
        SimulatorClient.Answer answer = client.post("/wp-json/wc/v3/orders", officialOrderCreateRequest());

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(201);
        JsonNode order = answer.json();
        assertThat(order.path("billing").path("email").asText()).isEqualTo("john.doe@example.com");
        assertThat(order.path("shipping").path("city").asText()).isEqualTo("San Francisco");
        assertThat(order.path("payment_method").asText()).isEqualTo("bacs");
        assertThat(order.path("date_paid_gmt").isNull()).as("set_paid").isFalse();
        assertThat(order.path("line_items")).extracting(l -> l.path("product_id").asLong(), l -> l.path("quantity").asLong())
                .containsExactly(tuple(docsSingle, 2L), tuple(docsVariation, 1L));
        JsonNode shipping = order.path("shipping_lines");
        assertThat(shipping).hasSize(1);
        assertThat(shipping.get(0).path("method_id").asText()).isEqualTo("flat_rate");
        assertThat(new BigDecimal(shipping.get(0).path("total").asText())).isEqualByComparingTo("10.00");
        BigDecimal lines = BigDecimal.ZERO;
        for (JsonNode line : order.path("line_items")) {
            lines = lines.add(new BigDecimal(line.path("total").asText()));
        }
        assertThat(new BigDecimal(order.path("total").asText())).as("lines plus shipping plus tax")
                .isEqualByComparingTo(lines.add(new BigDecimal("10.00")).add(new BigDecimal(order.path("total_tax").asText())));
    }

    /**
     * The official response's numbers come back where the shop's rates are the same: its line
     * items, their California state tax (rate 75) and that tax's line are the response's; this
     * shop's Californian county and city taxes (82, 83) come on top of its total.
     */
    @Test
    void theOfficialOrderCreateRequestIsTaxedLikeTheOfficialResponse() {
        JsonNode expected = WooFixtures.read("order-create-response.json");
        JsonNode order = client.post("/wp-json/wc/v3/orders", officialOrderCreateRequest()).json();

        for (int i = 0; i < 2; i++) {
            JsonNode line = order.path("line_items").get(i);
            JsonNode official = expected.path("line_items").get(i);
            for (String field : List.of("quantity", "tax_class", "subtotal", "total", "price")) {
                assertThat(line.path(field)).as("line %d %s", i, field).isEqualTo(official.path(field));
            }
            assertThat(line.path("taxes").get(0)).as("line %d state tax", i).isEqualTo(official.path("taxes").get(0));
        }
        assertThat(order.at("/line_items/0/taxes")).extracting(t -> t.path("id").asLong() + "=" + t.path("total").asText())
                .containsExactly("75=0.45", "82=0.06", "83=0.015");
        assertThat(order.at("/line_items/1/taxes")).extracting(t -> t.path("id").asLong() + "=" + t.path("total").asText())
                .containsExactly("75=0.9", "82=0.12", "83=0.03");
        JsonNode stateTax = order.path("tax_lines").get(0);
        JsonNode officialStateTax = expected.path("tax_lines").get(0);
        for (String field : List.of("rate_code", "rate_id", "label", "compound", "tax_total", "shipping_tax_total")) {
            assertThat(stateTax.path(field)).as("state tax %s", field).isEqualTo(officialStateTax.path(field));
        }
        assertThat(order.path("tax_lines")).extracting(t -> t.path("rate_code").asText() + " " + t.path("tax_total").asText())
                .containsExactly("US-CA-STATE TAX 1.35", "US-CA-COUNTY TAX-2 0.18", "US-CA-CITY TAX-3 0.05");
        for (String field : List.of("discount_total", "discount_tax", "shipping_total", "shipping_tax", "prices_include_tax")) {
            assertThat(order.path(field)).as(field).isEqualTo(expected.path(field));
        }
        assertThat(order.path("cart_tax").asText()).isEqualTo("1.58");
        assertThat(order.path("total_tax").asText()).isEqualTo("1.58");
        assertThat(order.path("total").asText()).as("29.35 and the county and city taxes").isEqualTo("29.58");
    }

    @Test
    void newerFieldsAreThereWithTheirTypes() {
        JsonNode order = client.post("/wp-json/wc/v3/orders", officialOrderCreateRequest()).json();

        assertThat(order.path("tax_lines")).allSatisfy(t -> assertThat(t.path("rate_percent").isNumber()).isTrue());
        assertThat(order.path("tax_lines")).extracting(t -> t.path("rate_percent").asText()).containsExactly("7.5", "1.0", "0.25");
    }

    /**
     * The official request with the simulator's copies of the docs' products 93 and 22; the
     * docs' variation 23 is left out, the copy of product 22 being a simple product at the
     * variation's price (12.00), so that the official totals come back.
     */
    private static JsonNode officialOrderCreateRequest() {
        ObjectNode request = WooFixtures.read(ORDER_CREATE_REQUEST).deepCopy();
        ObjectNode first = (ObjectNode) request.get("line_items").get(0);
        ObjectNode second = (ObjectNode) request.get("line_items").get(1);
        first.put("product_id", docsSingle);
        second.put("product_id", docsVariation);
        second.remove("variation_id");
        return request;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void simulatorAnswersInTheFixturesShape(String fixture) {
        JsonNode expected = WooFixtures.read(fixture);
        SimulatorClient.Answer answer = CASES.get(fixture).get();

        assertThat(answer.json()).as("answer to the call of %s", fixture).isNotNull();
        if (expected.isArray()) {
            assertThat(answer.json().size()).as("a list with records to compare").isGreaterThan(1);
        }
        if (expected.has("create")) {
            assertThat(answer.json().path("create").size()).isEqualTo(expected.path("create").size());
        }
        JsonNode compared = withoutNewerFields(answer.json());
        if (fixture.startsWith("product-variation")) {
            compared = withoutNewerVariationFields(compared);
        }
        assertThat(JsonShape.differences(expected, compared)).as("shape of %s: %s", fixture, answer.json()).isEmpty();
    }

    /** A variation answer without the fields WooCommerce added after 3.0 (checked on their own below). */
    private static JsonNode withoutNewerVariationFields(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        List<JsonNode> variations = new ArrayList<>();
        if (copy.isArray()) {
            copy.forEach(variations::add);
        } else if (copy.has("create") || copy.has("update") || copy.has("delete")) {
            copy.forEach(section -> section.forEach(variations::add));
        } else {
            variations.add(copy);
        }
        variations.forEach(v -> ((ObjectNode) v).remove(VARIATION_FIELDS));
        return copy;
    }

    @Test
    void variationsCarryTheirParentNameAndType() {
        JsonNode variation = CASES.get("product-variation-single.json").get().json();

        assertThat(variation.path("type").asText()).isEqualTo("variation");
        assertThat(variation.path("parent_id").asLong()).isPositive();
        assertThat(variation.path("name").asText()).isEqualTo("Ship Your Idea - Black");
        assertThat(variation.at("/_links/up/0/href").asText()).endsWith("/products/" + variation.path("parent_id").asLong());
    }

    @Test
    void theOfficialVariableProductRequestKeepsItsAttributesAndCategories() {
        JsonNode product = CASES.get("product-variable-create-response.json").get().json();
        JsonNode official = WooFixtures.read("product-variable-create-response.json");

        assertThat(product.path("type").asText()).isEqualTo("variable");
        assertThat(product.path("categories")).isEqualTo(official.path("categories"));
        assertThat(product.path("attributes")).extracting(a -> a.path("name").asText() + " " + a.path("options"))
                .containsExactly("Color [\"Black\",\"Green\"]", "Size [\"S\",\"M\"]");
        assertThat(product.at("/attributes/1/id").asLong()).as("a custom attribute").isZero();
        assertThat(product.path("default_attributes")).extracting(a -> a.path("name").asText() + "=" + a.path("option").asText())
                .containsExactly("Color=black", "Size=S");
    }

    /** The answer without the fields WooCommerce added after its 3.0 examples (each tested on its own). */
    private static JsonNode withoutNewerFields(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        copy.findParents("tax_lines").forEach(order -> order.path("tax_lines")
                .forEach(taxLine -> ((ObjectNode) taxLine).remove("rate_percent")));
        return copy;
    }

    @Test
    void errorAnswersCarryTheirStatusLikeTheFixtures() {
        SimulatorClient.Answer missing = client.get("/wp-json/wc/v3/products/999999");
        SimulatorClient.Answer noRoute = client.get("/wp-json/wc/v3/invoices");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("data").path("status").asInt()).isEqualTo(404);
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.json()).isEqualTo(WooFixtures.read("error-wp-rest-no-route.json"));
    }

    @Test
    void shapeComparisonNoticesAChangedShape() {
        JsonNode fixture = WooFixtures.read("customer-single.json");
        ObjectNode changed = fixture.deepCopy();
        ((ObjectNode) changed.get("billing")).remove("phone");
        changed.put("id", "25");
        changed.put("extra", 1);

        assertThat(JsonShape.differences(fixture, changed))
                .containsExactlyInAnyOrder("$.billing.phone: missing", "$.id: expected number, got string", "$.extra: not in the fixture");
    }
}
