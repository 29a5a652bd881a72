package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.sandbox.woocommerce.WooFixtureCatalog;
import com.wooodoo.sync.sandbox.woocommerce.WooFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official WooCommerce example payloads the connector reads (those {@link WooFixtureCatalog}
 * gives it) become neutral records, or classified failures for errors, with the right values.
 */
class WooFixtureMappingTest {

    /** The shop's categories, as the official list shows them (Albums has id 15: the default category is found by slug). */
    private static final WooCategoryTree CATEGORIES = tree(WooFixtures.read("product-categories-list.json"));
    private static final WooRecordMapper MAPPER = new WooRecordMapper(CATEGORIES);
    private static final WooErrors ERRORS = new WooErrors(Clock.systemUTC(), List.of("ck_secret", "cs_secret"));
    private static final Map<String, Consumer<JsonNode>> EXPECTATIONS = new LinkedHashMap<>();

    static {
        EXPECTATIONS.put("customers-list.json", json -> {
            List<SyncRecord> records = records(EntityType.CUSTOMERS, json);
            assertThat(records).extracting(SyncRecord::id).containsExactly("26", "25");
            assertThat(records.get(0).fields()).containsEntry("email", "joao.silva@example.com").containsEntry("firstName", "João")
                    .containsEntry("lastName", "Silva").containsEntry("phone", "(55) 5555-5555").containsEntry("street", "Av. Brasil, 432")
                    .containsEntry("city", "Rio de Janeiro").containsEntry("zip", "12345-000").containsEntry("country", "BR")
                    .containsEntry("company", null).containsEntry("street2", null);
            assertThat(records.get(0).modifiedAt()).isEqualTo(Instant.parse("2017-03-21T19:11:16Z"));
        });
        EXPECTATIONS.put("customer-single.json", json -> assertJohnDoe(record(EntityType.CUSTOMERS, json)));
        EXPECTATIONS.put("customer-create-response.json", json -> assertJohnDoe(record(EntityType.CUSTOMERS, json)));
        EXPECTATIONS.put("customers-batch-response.json", json -> {
            assertThat(records(EntityType.CUSTOMERS, json.get("create"))).extracting(r -> r.fields().get("email"))
                    .containsExactly("john.doe2@example.com", "joao.silva2@example.com");
            assertThat(record(EntityType.CUSTOMERS, json.get("update").get(0)).fields()).containsEntry("phone", "(11) 1111-1111");
            assertThat(record(EntityType.CUSTOMERS, json.get("delete").get(0)).fields()).containsEntry("firstName", "James");
        });
        EXPECTATIONS.put("products-list.json", json -> {
            List<SyncRecord> records = records(EntityType.PRODUCTS, json);
            assertThat(records.get(0).fields()).containsEntry("name", "Ship Your Idea").containsEntry("sku", null)
                    .containsEntry("price", null);
            assertThat(records).extracting(r -> r.fields().get("category")).containsOnly("Clothing > T-shirts");
            assertThat(records.get(1).fields()).containsEntry("price", new BigDecimal("21.99"))
                    .containsEntry("description", "<p>Pellentesque habitant morbi tristique senectus et netus et malesuada fames ac turpis egestas.</p>\n");
        });
        EXPECTATIONS.put("product-single.json", json -> {
            SyncRecord product = record(EntityType.PRODUCTS, json);
            assertThat(product.id()).isEqualTo("794");
            assertThat(product.fields()).as("listed in Clothing and in T-shirts below it: the deeper one")
                    .containsEntry("category", "Clothing > T-shirts");
            assertThat(product.fields()).containsEntry("name", "Premium Quality").containsEntry("price", new BigDecimal("21.99"));
            assertThat(product.modifiedAt()).isEqualTo(Instant.parse("2017-03-23T20:01:14Z"));
        });
        EXPECTATIONS.put("products-batch-response.json", json -> {
            assertThat(records(EntityType.PRODUCTS, json.get("create"))).extracting(r -> r.fields().get("price"))
                    .containsExactly(new BigDecimal("21.99"), new BigDecimal("21.99"));
            assertThat(record(EntityType.PRODUCTS, json.get("update").get(0)).id()).isEqualTo("799");
            assertThat(records(EntityType.PRODUCTS, json.get("create"))).extracting(r -> r.fields().get("category"))
                    .containsExactly("Music > Singles", "Clothing > T-shirts");
            assertThat(record(EntityType.PRODUCTS, json.get("delete").get(0)).fields()).containsEntry("price", new BigDecimal("24.54"));
        });
        EXPECTATIONS.put("order-single.json", json -> {
            SyncRecord order = record(EntityType.ORDERS, json);
            assertThat(order.fields()).containsEntry("number", "727").containsEntry("customer", null)
                    .containsEntry("orderedAt", "2017-03-22T19:28:02Z").containsEntry("note", null);
            // the second line is of variation 23 of the variable product 22: its product is the variation
            assertThat(order.fields().get("lines")).isEqualTo(List.of(
                    Map.of("product", "93", "quantity", new BigDecimal("2"), "unitPrice", new BigDecimal("3"),
                            "amount", new BigDecimal("6.00")),
                    Map.of("product", "23", "quantity", new BigDecimal("1"), "unitPrice", new BigDecimal("12"),
                            "amount", new BigDecimal("12.00"))));
        });
        EXPECTATIONS.put("orders-list.json", json -> {
            List<SyncRecord> records = records(EntityType.ORDERS, json);
            assertThat(records).extracting(r -> r.fields().get("customer")).containsExactly(null, "26");
            assertThat(records.get(1).fields()).containsEntry("number", "723").containsEntry("orderedAt", "2017-03-21T19:16:00Z");
            assertThat(records.get(1).modifiedAt()).isEqualTo(Instant.parse("2017-03-21T19:54:51Z"));
        });
        EXPECTATIONS.put("orders-batch-response.json", json -> {
            assertThat(records(EntityType.ORDERS, json.get("create"))).extracting(SyncRecord::id).containsExactly("728", "729");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lines = (List<Map<String, Object>>) record(EntityType.ORDERS, json.get("create").get(0)).fields().get("lines");
            assertThat(lines).hasSize(json.get("create").get(0).get("line_items").size());
            assertThat(record(EntityType.ORDERS, json.get("delete").get(0)).fields()).containsEntry("customer", "26");
        });
        EXPECTATIONS.put("products-batch-response-item-error.json", json -> {
            JsonNode error = json.get("create").get(0).get("error");
            ConnectorException failure = ERRORS.ofItem(error, "105446");
            assertThat(json.get("create").get(0).get("id").asInt()).isZero();
            assertThat(failure.kind()).as("the SKU being written is 'already being processed'").isEqualTo(FailureKind.DUPLICATE);
            assertThat(failure.code()).contains("woocommerce_rest_product_not_created");
            assertThat(failure.httpStatus()).isEqualTo(400);
            assertThat(ERRORS.ofItem(error, "OTHER-1").kind()).as("not about the SKU written").isEqualTo(FailureKind.VALIDATION);
        });
        EXPECTATIONS.put("order-create-response.json", json -> {
            SyncRecord order = record(EntityType.ORDERS, json);
            assertThat(order.id()).isEqualTo("727");
            assertThat(order.fields()).containsEntry("number", "727").containsEntry("customer", null);
            assertThat(order.fields().get("lines")).asList().hasSize(2);
        });
        EXPECTATIONS.put("product-variable-create-response.json", json -> {
            SyncRecord parent = record(EntityType.PRODUCTS, json);
            assertThat(parent.id()).isEqualTo("799");
            assertThat(parent.fields()).as("a variable product has no price and, here, no SKU of its own")
                    .containsEntry("name", "Ship Your Idea").containsEntry("sku", null).containsEntry("price", null);
        });
        EXPECTATIONS.put("product-variation-single.json", json -> {
            SyncRecord variation = record(EntityType.PRODUCTS, json);
            assertThat(variation.id()).isEqualTo("732");
            assertThat(variation.fields()).as("a variation has a price but no name, and no SKU in the docs' example")
                    .containsEntry("price", new BigDecimal("9.00")).containsEntry("name", null).containsEntry("sku", null);
            assertThat(variation.modifiedAt()).isEqualTo(Instant.parse("2017-03-23T03:36:38Z"));
        });
        EXPECTATIONS.put("product-variations-list.json", json -> {
            List<SyncRecord> variations = records(EntityType.PRODUCTS, json);
            assertThat(variations).extracting(SyncRecord::id).containsExactly("733", "732");
            assertThat(variations).extracting(r -> r.fields().get("price"))
                    .containsExactly(new BigDecimal("9.00"), new BigDecimal("9.00"));
        });
        EXPECTATIONS.put("product-variations-batch-response.json", json -> {
            assertThat(records(EntityType.PRODUCTS, json.get("create"))).extracting(SyncRecord::id).containsExactly("735", "736");
            assertThat(record(EntityType.PRODUCTS, json.get("update").get(0)).fields()).containsEntry("price", new BigDecimal("10.00"));
            assertThat(record(EntityType.PRODUCTS, json.get("delete").get(0)).id()).isEqualTo("732");
        });
        EXPECTATIONS.put("error-woocommerce-rest-term-invalid.json", json -> {
            ConnectorException failure = ERRORS.ofResponse(404, json, null, "GET products/categories/1");
            assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
            assertThat(failure.code()).contains("woocommerce_rest_term_invalid");
            assertThat(failure.getMessage()).contains("Resource doesn't exist.");
        });
        EXPECTATIONS.put("product-categories-list.json", json -> {
            // a product in any one of the listed categories has the path of names down to it
            Map<String, String> paths = new LinkedHashMap<>();
            json.forEach(c -> paths.put(c.get("name").asText(), record(EntityType.PRODUCTS, productIn(c)).fields().get("category").toString()));
            assertThat(paths).containsExactly(Map.entry("Albums", "Music > Albums"), Map.entry("Clothing", "Clothing"),
                    Map.entry("Hoodies", "Clothing > Hoodies"), Map.entry("Music", "Music"), Map.entry("Posters", "Posters"),
                    Map.entry("Singles", "Music > Singles"), Map.entry("T-shirts", "Clothing > T-shirts"));
        });
        EXPECTATIONS.put("product-category-single.json", json -> {
            WooCategoryTree single = tree(JsonNodeFactory.instance.arrayNode().add(json));
            assertThat(new WooRecordMapper(single).toRecord(WooTestShop.MAPPINGS.of(EntityType.PRODUCTS), productIn(json))
                    .fields()).containsEntry("category", "Clothing");
        });
        EXPECTATIONS.put("error-wp-rest-no-route.json", json -> {
            ConnectorException failure = ERRORS.ofResponse(404, json, null, "GET customers");
            assertThat(failure.kind()).as("no WooCommerce API at that address").isEqualTo(FailureKind.PROTOCOL);
            assertThat(failure.code()).contains("rest_no_route");
        });
    }

    static List<String> fixtures() {
        return List.copyOf(EXPECTATIONS.keySet());
    }

    @Test
    void everyFixtureHasExpectations() {
        assertThat(EXPECTATIONS.keySet()).containsExactlyInAnyOrderElementsOf(WooFixtureCatalog.usedFor(WooFixtureCatalog.Use.MAPPING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureIsReadWithTheExpectedValues(String fixture) {
        EXPECTATIONS.get(fixture).accept(WooFixtures.read(fixture));
    }

    private static void assertJohnDoe(SyncRecord record) {
        assertThat(record.id()).isEqualTo("25");
        assertThat(record.fields()).containsEntry("email", "john.doe@example.com").containsEntry("firstName", "John")
                .containsEntry("lastName", "Doe").containsEntry("phone", "(555) 555-5555").containsEntry("street", "969 Market")
                .containsEntry("city", "San Francisco").containsEntry("zip", "94103").containsEntry("country", "US");
        assertThat(record.modifiedAt()).isEqualTo(Instant.parse("2017-03-21T19:09:30Z"));
    }

    /** A tree that reads these categories as the shop's list. */
    static WooCategoryTree tree(JsonNode list) {
        List<JsonNode> all = new ArrayList<>();
        list.forEach(all::add);
        return new WooCategoryTree(Clock.systemUTC(), new WooCategoryTree.Shop() {
            @Override
            public List<JsonNode> readAll() {
                return all;
            }

            @Override
            public JsonNode batch(ObjectNode body) {
                throw new UnsupportedOperationException("the fixtures are read only");
            }

            @Override
            public ConnectorException protocol(String message) {
                return WooRecordMapper.protocol(message);
            }

            @Override
            public ConnectorException itemError(JsonNode error) {
                return ERRORS.ofItem(error, null);
            }
        });
    }

    /** A product (SKU "P-1") whose categories are this one category, as WooCommerce lists it on a product. */
    private static JsonNode productIn(JsonNode category) {
        ObjectNode product = JsonNodeFactory.instance.objectNode().put("id", 1).put("sku", "P-1").put("name", "P");
        product.putArray("categories").addObject().put("id", category.get("id").asLong()).put("name", category.get("name").asText())
                .put("slug", category.get("slug").asText());
        return product;
    }

    private static SyncRecord record(EntityType type, JsonNode json) {
        return MAPPER.toRecord(WooTestShop.MAPPINGS.of(type), json);
    }

    private static List<SyncRecord> records(EntityType type, JsonNode array) {
        List<SyncRecord> records = new ArrayList<>();
        array.forEach(item -> records.add(record(type, item)));
        return records;
    }
}
