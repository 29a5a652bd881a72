package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.sandbox.woocommerce.WooFixtureCatalog;
import com.wooodoo.sync.sandbox.woocommerce.WooFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The official WooCommerce examples of what the project does not map yet — variable products and
 * their variations, attributes and terms, categories, taxes, the currency, refunds, order notes,
 * webhooks and an order created with shipping lines — with the fields the catalogue, order and
 * stock work will map pinned to their documented names, types and values: a change of the
 * fixtures, or a wrong reading of them, fails here first. Money is read as {@link BigDecimal}.
 */
class WooFixtureFieldsTest {

    private static final Map<String, Consumer<JsonNode>> PINNED = new LinkedHashMap<>();

    static {
        PINNED.put("product-variable-create-request.json", json -> {
            assertThat(json.path("type").asText()).isEqualTo("variable");
            assertThat(json.path("categories")).extracting(c -> c.path("id").asLong()).containsExactly(9L, 14L);
            JsonNode attributes = json.path("attributes");
            assertThat(attributes).hasSize(2);
            assertThat(attributes.get(0).path("id").asLong()).as("a global attribute, by id").isEqualTo(6);
            assertThat(attributes.get(0).has("name")).isFalse();
            assertThat(attributes.get(1).has("id")).as("a product's own attribute, by name").isFalse();
            assertThat(attributes.get(1).path("name").asText()).isEqualTo("Size");
            assertThat(attributes).allSatisfy(a -> assertThat(a.path("variation").asBoolean()).isTrue());
            assertThat(texts(attributes.get(1).path("options"))).containsExactly("S", "M");
            assertThat(json.path("default_attributes")).extracting(a -> a.path("option").asText()).containsExactly("Black", "S");
        });
        PINNED.put("product-variable-create-response.json", json -> {
            assertThat(json.path("type").asText()).isEqualTo("variable");
            assertThat(json.path("variations").isArray()).isTrue();
            assertThat(json.path("variations")).as("variations are made afterwards, through their own endpoint").isEmpty();
            assertThat(json.path("attributes")).extracting(a -> a.path("id").asLong(), a -> a.path("name").asText())
                    .containsExactly(tuple(6L, "Color"), tuple(0L, "Size"));
            assertThat(texts(json.path("attributes").get(0).path("options"))).containsExactly("Black", "Green");
            assertThat(json.path("categories")).extracting(c -> c.path("id").asLong(), c -> c.path("name").asText())
                    .containsExactly(tuple(9L, "Clothing"), tuple(14L, "T-shirts"));
            assertStock(json, false, null, "instock");
        });
        PINNED.put("product-variation-single.json", json -> {
            assertThat(json.path("sku").asText()).isEmpty();
            assertThat(money(json, "regular_price")).isEqualByComparingTo("9.00");
            assertThat(json.path("sale_price").asText()).isEmpty();
            assertThat(json.path("attributes")).extracting(a -> a.path("id").asLong(), a -> a.path("name").asText(),
                    a -> a.path("option").asText()).containsExactly(tuple(6L, "Color", "Black"));
            assertThat(json.path("_links").path("up").get(0).path("href").asText()).as("the parent product")
                    .endsWith("/products/22");
            assertStock(json, false, null, "instock");
            assertThat(json.path("backorders").asText()).isEqualTo("no");
        });
        PINNED.put("product-variations-list.json", json -> assertThat(json)
                .extracting(v -> v.path("id").asLong(), v -> v.path("attributes").get(0).path("option").asText())
                .containsExactly(tuple(733L, "Green"), tuple(732L, "Black")));
        PINNED.put("product-variations-batch-request.json", json -> {
            assertThat(json.path("create")).hasSize(2).allSatisfy(v -> {
                assertThat(v.has("id")).isFalse();
                assertThat(v.path("regular_price").isTextual()).as("prices are sent as strings").isTrue();
            });
            assertThat(json.path("create")).extracting(v -> v.path("attributes").get(0).path("option").asText())
                    .containsExactly("Blue", "White");
            assertThat(json.path("update")).extracting(v -> v.path("id").asLong()).containsExactly(733L);
            assertThat(json.path("delete")).extracting(JsonNode::asLong).containsExactly(732L);
        });
        PINNED.put("product-variations-batch-response.json", json -> {
            assertThat(json.path("create")).extracting(v -> v.path("id").asLong(), v -> v.path("attributes").get(0).path("option").asText())
                    .containsExactly(tuple(735L, "Blue"), tuple(736L, "White"));
            assertThat(json.path("update")).extracting(v -> money(v, "regular_price")).containsExactly(new BigDecimal("10.00"));
            assertThat(json.path("delete")).extracting(v -> v.path("id").asLong()).containsExactly(732L);
        });
        PINNED.put("product-attribute-single.json", json -> {
            assertThat(json.path("id").asLong()).isEqualTo(1);
            assertThat(json.path("name").asText()).isEqualTo("Color");
            assertThat(json.path("slug").asText()).as("global attributes are taxonomies 'pa_…'").isEqualTo("pa_color");
            assertThat(json.path("type").asText()).isEqualTo("select");
        });
        PINNED.put("product-attribute-terms-list.json", json -> {
            assertThat(json).extracting(t -> t.path("name").asText())
                    .containsExactly("XXS", "XS", "S", "M", "L", "XL", "XXL");
            assertThat(json).allSatisfy(t -> assertThat(t.path("slug").asText()).isEqualTo(t.path("name").asText().toLowerCase()));
        });
        PINNED.put("product-categories-list.json", json -> {
            Map<Long, JsonNode> byId = new HashMap<>();
            json.forEach(c -> byId.put(c.path("id").asLong(), c));
            assertThat(path(byId, 10)).as("the parent chain of Hoodies").containsExactly("Clothing", "Hoodies");
            assertThat(path(byId, 13)).containsExactly("Music", "Singles");
            assertThat(path(byId, 9)).as("a top-level category has parent 0").containsExactly("Clothing");
            assertThat(json).extracting(c -> c.path("slug").asText()).doesNotHaveDuplicates();
        });
        PINNED.put("product-category-single.json", json -> {
            assertThat(json.path("id").asLong()).isEqualTo(9);
            assertThat(json.path("name").asText()).isEqualTo("Clothing");
            assertThat(json.path("parent").asLong()).isZero();
            assertThat(json.path("count").asInt()).isEqualTo(36);
        });
        PINNED.put("tax-rates-list.json", json -> {
            JsonNode first = json.get(0);
            assertThat(first.path("id").asLong()).isEqualTo(72);
            assertThat(first.path("rate").isTextual()).as("a rate is a decimal string").isTrue();
            assertThat(money(first, "rate")).isEqualByComparingTo("4");
            assertThat(money(first, "rate").scale()).isEqualTo(4);
            assertThat(first.path("country").asText()).isEqualTo("US");
            assertThat(first.path("state").asText()).isEqualTo("AL");
            assertThat(first.path("class").asText()).isEqualTo("standard");
            assertThat(first.path("compound").isBoolean()).isTrue();
            assertThat(json).filteredOn(r -> r.path("shipping").asBoolean())
                    .as("rates that also tax shipping").extracting(r -> r.path("id").asLong()).contains(74L);
            assertThat(json).extracting(r -> r.path("id").asLong()).doesNotHaveDuplicates();
        });
        PINNED.put("tax-classes-list.json", json -> assertThat(json).extracting(c -> c.path("slug").asText())
                .containsExactly("standard", "reduced-rate", "zero-rate"));
        PINNED.put("currency-current.json", json -> {
            assertThat(json.path("code").asText()).isEqualTo("USD");
            assertThat(json.path("symbol").asText()).as("HTML-encoded, as WooCommerce sends it").isEqualTo("&#36;");
        });
        PINNED.put("order-refunds-list.json", json -> {
            assertThat(json).extracting(r -> r.path("id").asLong(), r -> money(r, "amount"))
                    .containsExactly(tuple(726L, new BigDecimal("10.00")), tuple(724L, new BigDecimal("9.00")));
            JsonNode line = json.get(1).path("line_items").get(0);
            assertThat(line.path("quantity").asInt()).as("refunded lines are negative").isEqualTo(-1);
            assertThat(money(line, "total")).isEqualByComparingTo("-9.00");
            assertThat(line.path("meta_data")).extracting(m -> m.path("key").asText(), m -> m.path("value").asText())
                    .containsExactly(tuple("_refunded_item_id", "311"));
            assertThat(json.get(0).path("line_items")).as("an amount-only refund").isEmpty();
        });
        PINNED.put("order-note-create-response.json", json -> {
            assertThat(json.path("note").asText()).isEqualTo("Order ok!!!");
            assertThat(json.path("customer_note").isBoolean()).isTrue();
            assertThat(json.path("customer_note").asBoolean()).as("a private note").isFalse();
        });
        PINNED.put("order-create-request.json", json -> {
            assertThat(json.has("customer_id")).as("a guest checkout: no customer account").isFalse();
            assertThat(json.path("billing").path("email").asText()).isEqualTo("john.doe@example.com");
            assertThat(json.path("shipping").has("email")).as("the shipping address has no e-mail").isFalse();
            assertThat(json.path("line_items")).extracting(l -> l.path("product_id").asLong(), l -> l.path("variation_id").asLong(),
                    l -> l.path("quantity").asInt()).containsExactly(tuple(93L, 0L, 2), tuple(22L, 23L, 1));
            JsonNode shipping = json.path("shipping_lines").get(0);
            assertThat(shipping.path("method_id").asText()).isEqualTo("flat_rate");
            assertThat(money(shipping, "total")).isEqualByComparingTo("10.00");
            assertThat(json.path("set_paid").asBoolean()).isTrue();
        });
        PINNED.put("webhook-create-request.json", json -> {
            assertThat(json.path("topic").asText()).isEqualTo("order.updated");
            assertThat(json.has("secret")).as("the docs' example lets WooCommerce choose the secret").isFalse();
        });
        PINNED.put("webhook-create-response.json", json -> {
            assertThat(json.path("status").asText()).isEqualTo("active");
            assertThat(json.path("resource").asText() + "." + json.path("event").asText()).isEqualTo(json.path("topic").asText());
            assertThat(json.has("secret")).as("the secret is write-only").isFalse();
        });
        PINNED.put("webhooks-list.json", json -> assertThat(json)
                .extracting(w -> w.path("id").asLong(), w -> w.path("topic").asText(), w -> w.path("status").asText())
                .containsExactly(tuple(143L, "customer.created", "active"), tuple(142L, "order.updated", "active")));
    }

    static List<String> fixtures() {
        return List.copyOf(PINNED.keySet());
    }

    @Test
    void everyFixtureWithoutAModelHasItsFieldsPinned() {
        assertThat(PINNED.keySet()).containsExactlyInAnyOrderElementsOf(WooFixtureCatalog.usedFor(WooFixtureCatalog.Use.FIELDS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureHasThePinnedFields(String fixture) {
        PINNED.get(fixture).accept(WooFixtures.read(fixture));
    }

    private static void assertStock(JsonNode product, boolean managed, Integer quantity, String status) {
        assertThat(product.path("manage_stock").asBoolean()).isEqualTo(managed);
        assertThat(product.path("stock_quantity").isNull() ? null : product.path("stock_quantity").asInt()).isEqualTo(quantity);
        assertThat(product.path("stock_status").asText()).isEqualTo(status);
    }

    private static BigDecimal money(JsonNode node, String field) {
        return new BigDecimal(node.path(field).asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** A category's names from the top of its parent chain down to itself. */
    private static List<String> path(Map<Long, JsonNode> byId, long id) {
        List<String> names = new ArrayList<>();
        for (JsonNode c = byId.get(id); c != null; c = byId.get(c.path("parent").asLong())) {
            names.add(0, c.path("name").asText());
        }
        return names;
    }
}
