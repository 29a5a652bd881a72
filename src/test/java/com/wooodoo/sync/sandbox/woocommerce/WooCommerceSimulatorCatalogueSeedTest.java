package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated variable products, their variations and orders of them. */
class WooCommerceSimulatorCatalogueSeedTest {

    private static final String API = "/wp-json/wc/v3/";

    @Test
    void variableProductsHaveTwoOrThreeAttributesAndUpTo30Variations() {
        try (WooCommerceSimulator shop = new WooCommerceSimulator(0, 1, "ck", "cs").start()) {
            List<Long> ids = shop.seedVariableProducts(10, 7);
            List<JsonNode> products = shop.products();
            List<JsonNode> variations = shop.allVariations();

            assertThat(ids).hasSize(10);
            assertThat(products).allSatisfy(p -> {
                assertThat(p.get("type").asText()).isEqualTo("variable");
                assertThat(p.get("attributes").size()).isBetween(2, 3);
                assertThat(p.get("variations").size()).isBetween(1, WooCatalogueSeed.MAX_VARIATIONS);
                assertThat(p.get("categories")).hasSize(1);
                assertThat(p.get("price").asText()).isNotEmpty();
            });
            assertThat(variations).hasSize(products.stream().mapToInt(p -> p.get("variations").size()).sum());
            assertThat(variations).allSatisfy(v -> assertThat(ids).contains(v.get("parent_id").asLong()));
            assertThat(variations).filteredOn(v -> v.get("sku").asText().isEmpty()).as("a few without a SKU").isNotEmpty()
                    .hasSizeLessThan(variations.size() / 10);
            assertThat(variations).filteredOn(v -> v.get("manage_stock").asBoolean()).hasSizeGreaterThan(variations.size() / 2);
            assertThat(variations).extracting(v -> v.get("stock_status").asText()).contains("instock", "outofstock");
            assertThat(variations.stream().filter(v -> !v.get("sku").asText().isEmpty()).map(v -> v.get("sku").asText().toLowerCase()))
                    .doesNotHaveDuplicates();
            assertThat(shop.attributes()).extracting(a -> a.get("name").asText()).containsExactly("Size", "Colour", "Material");
            assertThat(products).anySatisfy(p -> assertThat(p.get("attributes")).anySatisfy(a -> assertThat(a.get("id").asLong()).isZero()));
        }
    }

    @Test
    void categoriesAreThreeLevelsDeepAndAttributesHaveTheirTerms() {
        try (WooCommerceSimulator shop = new WooCommerceSimulator(0, 1, "ck", "cs").start()) {
            shop.seedVariableProducts(5, 3);
            SimulatorClient client = new SimulatorClient(shop.baseUrl(), "ck", "cs");
            Map<Long, JsonNode> categories = shop.categories().stream().collect(Collectors.toMap(c -> c.get("id").asLong(), Function.identity()));
            JsonNode jumpers = shop.categories().stream().filter(c -> c.get("name").asText().equals("Jumpers")).findFirst().orElseThrow();
            JsonNode knitwear = categories.get(jumpers.get("parent").asLong());
            JsonNode apparel = categories.get(knitwear.get("parent").asLong());
            long size = shop.attributes().get(0).get("id").asLong();

            assertThat(knitwear.get("name").asText()).isEqualTo("Knitwear");
            assertThat(apparel.get("name").asText()).isEqualTo("Apparel");
            assertThat(apparel.get("parent").asLong()).isZero();
            assertThat(jumpers.get("count").asLong()).isPositive();
            assertThat(client.get(API + "products/attributes/" + size + "/terms").json()).extracting(t -> t.get("name").asText())
                    .containsExactly("S", "M", "L", "XL");
        }
    }

    @Test
    void theSameSeedGivesTheSameCatalogue() {
        try (WooCommerceSimulator one = new WooCommerceSimulator(0, 1, "ck", "cs").start();
             WooCommerceSimulator two = new WooCommerceSimulator(0, 99, "ck", "cs").start();
             WooCommerceSimulator other = new WooCommerceSimulator(0, 1, "ck", "cs").start()) {
            one.seedVariableProducts(6, 42);
            two.seedVariableProducts(6, 42);
            other.seedVariableProducts(6, 43);

            assertThat(withoutHost(one, one.allVariations())).isEqualTo(withoutHost(two, two.allVariations()));
            assertThat(withoutHost(one, one.products())).isEqualTo(withoutHost(two, two.products()));
            assertThat(withoutHost(one, one.allVariations())).isNotEqualTo(withoutHost(other, other.allVariations()));
        }
    }

    private static String withoutHost(WooCommerceSimulator shop, List<JsonNode> records) {
        return records.toString().replace(shop.baseUrl(), "");
    }

    @Test
    void ordersOfVariationsArePricedFromThemAndLeaveStockAsItIs() {
        try (WooCommerceSimulator shop = new WooCommerceSimulator(0, 1, "ck", "cs").start()) {
            shop.seed(EntityType.CUSTOMERS, 3);
            shop.seedVariableProducts(4, 5);
            String stockBefore = shop.allVariations().stream().map(v -> v.get("stock_quantity").asText()).toList().toString();

            List<Long> ids = shop.seedVariationOrders(8, 11);

            assertThat(ids).hasSize(8);
            assertThat(shop.orders()).allSatisfy(o -> {
                assertThat(o.get("customer_id").asLong()).isPositive();
                assertThat(o.get("status").asText()).isIn("processing", "completed");
                assertThat(o.get("line_items")).allSatisfy(line -> {
                    JsonNode variation = shop.allVariations().stream()
                            .filter(v -> v.get("id").asLong() == line.get("variation_id").asLong()).findFirst().orElseThrow();
                    assertThat(line.get("product_id").asLong()).isEqualTo(variation.get("parent_id").asLong());
                    assertThat(line.get("price").asDouble()).isEqualTo(variation.get("price").asDouble());
                });
            });
            assertThat(shop.allVariations().stream().map(v -> v.get("stock_quantity").asText()).toList().toString()).isEqualTo(stockBefore);
        }
    }

    @Test
    void ordersOfVariationsNeedVariations() {
        try (WooCommerceSimulator shop = new WooCommerceSimulator(0, 1, "ck", "cs").start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> shop.seedVariationOrders(1, 1))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void seedingVariableProductsLeavesTheOtherSeedingAsItIs() {
        try (WooCommerceSimulator plain = new WooCommerceSimulator(0, 4, "ck", "cs").start();
             WooCommerceSimulator mixed = new WooCommerceSimulator(0, 4, "ck", "cs").start()) {
            plain.seed(EntityType.PRODUCTS, 5);
            mixed.seed(EntityType.PRODUCTS, 5);
            mixed.seedVariableProducts(2, 1);

            assertThat(withoutHost(mixed, mixed.products().subList(0, 5))).isEqualTo(withoutHost(plain, plain.products()));
        }
    }
}
