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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product catalogue on the simulator: variable products and their variations, global
 * attributes and their terms, categories, and stock, with WooCommerce's rules and errors.
 */
class WooCommerceSimulatorCatalogueTest {

    private static final String API = "/wp-json/wc/v3/";
    private WooCommerceSimulator shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        shop = new WooCommerceSimulator(0, 16, "ck_cat", "cs_cat").start();
        at("2025-04-01T10:00:00Z");
        client = new SimulatorClient(shop.baseUrl(), "ck_cat", "cs_cat");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private void at(String instant) {
        shop.setClock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private long attribute(String name, String... terms) {
        long id = client.post(API + "products/attributes", Map.of("name", name)).json().get("id").asLong();
        for (String term : terms) {
            client.post(API + "products/attributes/" + id + "/terms", Map.of("name", term));
        }
        return id;
    }

    /** A variable product with the global attribute Size (S, M) and the custom attribute Fit (Regular, Slim). */
    private long tee(long size) {
        return client.post(API + "products", Map.of("name", "Tee", "type", "variable", "sku", "TEE",
                "attributes", List.of(
                        Map.of("id", size, "position", 0, "visible", true, "variation", true, "options", List.of("S", "M")),
                        Map.of("name", "Fit", "position", 1, "visible", true, "variation", true, "options", List.of("Regular", "Slim")))))
                .json().get("id").asLong();
    }

    private JsonNode variation(long product, Map<String, Object> body) {
        SimulatorClient.Answer answer = client.post(API + "products/" + product + "/variations", body);
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(201);
        return answer.json();
    }

    @Test
    void aVariationTakesTheParentsVariationAttributesAndIsListedOnIt() {
        long size = attribute("Size", "S", "M", "L");
        long tee = tee(size);

        JsonNode small = variation(tee, Map.of("sku", "TEE-S-REG", "regular_price", "12.50", "attributes",
                List.of(Map.of("id", size, "option", "s"), Map.of("name", "fit", "option", "Regular"), Map.of("name", "Colour", "option", "Red"))));
        JsonNode product = client.get(API + "products/" + tee).json();

        assertThat(small.get("parent_id").asLong()).isEqualTo(tee);
        assertThat(small.get("price").asText()).isEqualTo("12.50");
        assertThat(small.get("purchasable").asBoolean()).isTrue();
        assertThat(small.get("attributes")).extracting(a -> a.get("id").asLong() + " " + a.get("name").asText() + "=" + a.get("option").asText())
                .as("Colour is not an attribute of the parent: skipped").containsExactly(size + " Size=S", "0 Fit=Regular");
        assertThat(small.get("permalink").asText()).endsWith("/product/tee/?attribute_pa_size=s&attribute_fit=regular");
        assertThat(small.get("name").asText()).isEqualTo("Tee - S, Regular");
        assertThat(product.get("variations")).extracting(JsonNode::asLong).containsExactly(small.get("id").asLong());
        assertThat(product.get("price").asText()).isEqualTo("12.50");
        assertThat(client.get(API + "products/" + tee + "/variations/" + small.get("id").asLong()).json().get("sku").asText())
                .isEqualTo("TEE-S-REG");
    }

    @Test
    void variationsArePagedLikeOtherLists() {
        long tee = tee(attribute("Size", "S", "M"));
        for (int i = 0; i < 12; i++) {
            variation(tee, Map.of("sku", "V-" + i, "regular_price", "10"));
        }

        SimulatorClient.Answer page2 = client.get(API + "products/" + tee + "/variations?per_page=5&page=2&orderby=id&order=asc");
        SimulatorClient.Answer tooMany = client.get(API + "products/" + tee + "/variations?per_page=101");
        SimulatorClient.Answer noParent = client.get(API + "products/999999/variations");

        assertThat(page2.header("X-WP-Total")).isEqualTo("12");
        assertThat(page2.header("X-WP-TotalPages")).isEqualTo("3");
        assertThat(page2.json()).extracting(v -> v.get("sku").asText()).containsExactly("V-5", "V-6", "V-7", "V-8", "V-9");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("code").asText()).isEqualTo("rest_invalid_param");
        assertThat(noParent.status()).isEqualTo(404);
        assertThat(noParent.json().get("code").asText()).isEqualTo("woocommerce_rest_invalid_product_id");
    }

    @Test
    void aVariationIsUpdatedAndDeletedOnlyForced() {
        long tee = tee(attribute("Size", "S", "M"));
        long id = variation(tee, Map.of("sku", "TEE-1", "regular_price", "10")).get("id").asLong();
        String path = API + "products/" + tee + "/variations/" + id;

        JsonNode updated = client.send("PUT", path, Map.of("regular_price", "11", "sale_price", "9")).json();
        SimulatorClient.Answer trashed = client.send("DELETE", path, "");
        SimulatorClient.Answer deleted = client.send("DELETE", path + "?force=true", "");
        SimulatorClient.Answer gone = client.get(path);
        SimulatorClient.Answer otherParent = client.get(API + "products/" + shop.insertProduct("X") + "/variations/" + id);

        assertThat(updated.get("price").asText()).isEqualTo("9");
        assertThat(updated.get("on_sale").asBoolean()).isTrue();
        assertThat(trashed.status()).isEqualTo(501);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("id").asLong()).isEqualTo(id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asText()).isEqualTo("woocommerce_rest_product_variation_invalid_id");
        assertThat(otherParent.status()).isEqualTo(404);
    }

    @Test
    void aSkuIsUniqueAcrossProductsAndVariations() {
        long tee = tee(attribute("Size", "S", "M"));
        long simple = shop.insertProduct("SIMPLE-1");
        long taken = variation(tee, Map.of("sku", "TEE-S", "regular_price", "10")).get("id").asLong();

        SimulatorClient.Answer productSku = client.post(API + "products/" + tee + "/variations", Map.of("sku", "simple-1"));
        SimulatorClient.Answer variationSku = client.post(API + "products", Map.of("name", "Copy", "sku", "TEE-S"));
        SimulatorClient.Answer parentSku = client.post(API + "products/" + tee + "/variations", Map.of("sku", "TEE"));

        assertThat(productSku.status()).isEqualTo(400);
        assertThat(productSku.json().get("code").asText()).isEqualTo("product_invalid_sku");
        assertThat(productSku.json().at("/data/resource_id").asLong()).isEqualTo(simple);
        assertThat(productSku.json().at("/data/unique_sku").asText()).isEqualTo("simple-1-1");
        assertThat(variationSku.json().get("code").asText()).isEqualTo("product_invalid_sku");
        assertThat(variationSku.json().at("/data/resource_id").asLong()).isEqualTo(taken);
        assertThat(parentSku.json().at("/data/resource_id").asLong()).isEqualTo(tee);
    }

    @Test
    void aVariationBatchAnswersEachItemAndRefusesMoreThan100Items() {
        long tee = tee(attribute("Size", "S", "M"));
        long first = variation(tee, Map.of("sku", "B-1", "regular_price", "10")).get("id").asLong();
        long second = variation(tee, Map.of("sku", "B-2", "regular_price", "10")).get("id").asLong();
        String batch = API + "products/" + tee + "/variations/batch";

        JsonNode answer = client.post(batch, Map.of(
                "create", List.of(Map.of("sku", "B-3", "regular_price", "10"), Map.of("sku", "B-1", "regular_price", "10")),
                "update", List.of(Map.of("id", first, "regular_price", "12"), Map.of("id", 999999, "regular_price", "1")),
                "delete", List.of(second))).json();
        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(Map.of("sku", "N-" + i));
        }
        SimulatorClient.Answer refused = client.post(batch, Map.of("create", tooMany));

        assertThat(answer.get("create").get(0).get("sku").asText()).isEqualTo("B-3");
        assertThat(answer.get("create").get(1).get("id").asLong()).isZero();
        assertThat(answer.get("create").get(1).at("/error/code").asText()).isEqualTo("product_invalid_sku");
        assertThat(answer.get("update").get(0).get("price").asText()).isEqualTo("12");
        assertThat(answer.get("update").get(1).at("/error/code").asText()).isEqualTo("woocommerce_rest_product_variation_invalid_id");
        assertThat(answer.get("delete").get(0).get("id").asLong()).isEqualTo(second);
        assertThat(shop.variations(tee)).extracting(v -> v.get("sku").asText()).containsExactly("B-1", "B-3");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().get("code").asText()).isEqualTo("woocommerce_rest_request_entity_too_large");
        assertThat(shop.variations(tee)).hasSize(2);
    }

    @Test
    void productsFoundBySkuIncludeVariationsAsWooCommerceListsThem() {
        long size = attribute("Size", "S", "M");
        long tee = tee(size);
        long small = variation(tee, Map.of("sku", "TEE-S", "regular_price", "10",
                "attributes", List.of(Map.of("id", size, "option", "S")))).get("id").asLong();

        JsonNode bySku = client.get(API + "products?sku=tee-s").json();
        JsonNode both = client.get(API + "products?sku=TEE,TEE-S").json();
        JsonNode all = client.get(API + "products?per_page=100").json();
        JsonNode variable = client.get(API + "products?type=variable").json();
        JsonNode read = client.get(API + "products/" + small).json();

        assertThat(bySku).hasSize(1);
        assertThat(bySku.get(0).get("id").asLong()).isEqualTo(small);
        assertThat(bySku.get(0).get("type").asText()).isEqualTo("variation");
        assertThat(bySku.get(0).get("parent_id").asLong()).isEqualTo(tee);
        assertThat(bySku.get(0).get("attributes").get(0).get("option").asText()).isEqualTo("S");
        assertThat(both).extracting(p -> p.get("id").asLong()).containsExactlyInAnyOrder(tee, small);
        assertThat(all).as("without sku, only products").extracting(p -> p.get("id").asLong()).containsExactly(tee);
        assertThat(variable).extracting(p -> p.get("id").asLong()).containsExactly(tee);
        assertThat(read.get("type").asText()).isEqualTo("variation");
    }

    @Test
    void aVariationWithoutASkuShowsItsParentsAsWooCommerceDoes() {
        long tee = tee(attribute("Size", "S", "M"));

        JsonNode plain = variation(tee, Map.of("regular_price", "10"));

        assertThat(plain.get("sku").asText()).isEqualTo("TEE");
        assertThat(client.post(API + "products/" + tee + "/variations", Map.of("sku", "OWN")).status()).as("its own SKU is free").isEqualTo(201);
    }

    @Test
    void attributesAndTermsRefuseDuplicates() {
        SimulatorClient.Answer colour = client.post(API + "products/attributes", Map.of("name", "Colour", "has_archives", true));
        long id = colour.json().get("id").asLong();
        SimulatorClient.Answer again = client.post(API + "products/attributes", Map.of("name", "colour"));
        JsonNode black = client.post(API + "products/attributes/" + id + "/terms", Map.of("name", "Black", "menu_order", 2)).json();
        client.post(API + "products/attributes/" + id + "/terms", Map.of("name", "White", "menu_order", 1));
        SimulatorClient.Answer duplicate = client.post(API + "products/attributes/" + id + "/terms", Map.of("name", "black"));
        SimulatorClient.Answer noAttribute = client.get(API + "products/attributes/999/terms");
        JsonNode terms = client.get(API + "products/attributes/" + id + "/terms").json();
        SimulatorClient.Answer list = client.get(API + "products/attributes");

        assertThat(colour.status()).isEqualTo(201);
        assertThat(colour.json().get("slug").asText()).isEqualTo("pa_colour");
        assertThat(colour.json().get("type").asText()).isEqualTo("select");
        assertThat(colour.json().get("has_archives").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asText()).isEqualTo("woocommerce_rest_cannot_create");
        assertThat(black.get("slug").asText()).isEqualTo("black");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("code").asText()).isEqualTo("term_exists");
        assertThat(duplicate.json().at("/data/resource_id").asLong()).isEqualTo(black.get("id").asLong());
        assertThat(noAttribute.status()).isEqualTo(404);
        assertThat(noAttribute.json().get("code").asText()).isEqualTo("woocommerce_rest_taxonomy_invalid");
        assertThat(terms).as("by menu order").extracting(t -> t.get("name").asText()).containsExactly("White", "Black");
        assertThat(list.json()).extracting(a -> a.get("name").asText()).containsExactly("Colour");
    }

    @Test
    void termsAreBatchedWithPerItemErrorsAndCatalogueCallsNeedCredentials() {
        long size = attribute("Size", "S", "M");
        long small = client.get(API + "products/attributes/" + size + "/terms?search=s").json().get(0).get("id").asLong();
        SimulatorClient anonymous = new SimulatorClient(shop.baseUrl(), null, null);

        JsonNode batch = client.post(API + "products/attributes/" + size + "/terms/batch", Map.of(
                "create", List.of(Map.of("name", "L"), Map.of("name", "m")),
                "update", List.of(Map.of("id", small, "menu_order", 9)))).json();
        SimulatorClient.Answer refused = anonymous.get(API + "products/" + 1 + "/variations");
        SimulatorClient.Answer noRoute = client.get(API + "products/attributes/" + size + "/colours");

        assertThat(batch.get("create").get(0).get("slug").asText()).isEqualTo("l");
        assertThat(batch.get("create").get(1).at("/error/code").asText()).isEqualTo("term_exists");
        assertThat(batch.get("update").get(0).get("menu_order").asLong()).isEqualTo(9);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("woocommerce_rest_cannot_view");
        assertThat(noRoute.json().get("code").asText()).isEqualTo("rest_no_route");
        assertThat(shop.stats()).containsKeys("POST products/attributes/{id}/terms/batch", "GET products/{id}/variations");
    }

    @Test
    void aGlobalAttributesNewOptionsBecomeItsTerms() {
        long size = attribute("Size", "S");

        tee(size);

        JsonNode terms = client.get(API + "products/attributes/" + size + "/terms?orderby=id&order=asc").json();
        assertThat(terms).extracting(t -> t.get("name").asText() + " " + t.get("count").asLong()).containsExactly("S 1", "M 1");
    }

    @Test
    void aFreshShopHasUncategorizedAndProductsWithoutCategoriesGetIt() {
        JsonNode uncategorized = client.get(API + "products/categories/" + WooCategories.UNCATEGORIZED).json();
        JsonNode product = client.post(API + "products", Map.of("name", "Loose")).json();
        SimulatorClient.Answer deleteDefault = client.send("DELETE", API + "products/categories/15?force=true", "");

        assertThat(uncategorized.get("name").asText()).isEqualTo("Uncategorized");
        assertThat(product.get("categories")).extracting(c -> c.get("id").asLong() + " " + c.get("slug").asText())
                .containsExactly("15 uncategorized");
        assertThat(deleteDefault.status()).isEqualTo(500);
        assertThat(client.get(API + "products/categories/15").json().get("count").asLong()).isEqualTo(1);
    }

    @Test
    void categoriesFormATreeAndRefuseASiblingsName() {
        long apparel = client.post(API + "products/categories", Map.of("name", "Apparel")).json().get("id").asLong();
        JsonNode knitwear = client.post(API + "products/categories", Map.of("name", "Knitwear", "parent", apparel)).json();
        long knitwearId = knitwear.get("id").asLong();
        long jumpers = client.post(API + "products/categories", Map.of("name", "Jumpers", "parent", knitwearId)).json().get("id").asLong();
        SimulatorClient.Answer sibling = client.post(API + "products/categories", Map.of("name", "knitwear", "parent", apparel));
        SimulatorClient.Answer elsewhere = client.post(API + "products/categories", Map.of("name", "Knitwear"));
        SimulatorClient.Answer noParent = client.post(API + "products/categories", Map.of("name", "Orphan", "parent", 999));
        SimulatorClient.Answer noName = client.post(API + "products/categories", Map.of("parent", apparel));
        JsonNode children = client.get(API + "products/categories?parent=" + apparel).json();
        JsonNode found = client.get(API + "products/categories?search=jump").json();
        JsonNode product = client.post(API + "products", Map.of("name", "Jumper", "categories", List.of(Map.of("id", jumpers)))).json();
        JsonNode moved = client.send("PUT", API + "products/" + product.get("id").asLong(),
                Map.of("categories", List.of(Map.of("id", knitwearId), Map.of("id", 9)))).json();
        SimulatorClient.Answer page = client.get(API + "products/categories?per_page=2");

        assertThat(knitwear.get("parent").asLong()).isEqualTo(apparel);
        assertThat(knitwear.at("/_links/up/0/href").asText()).endsWith("/products/categories/" + apparel);
        assertThat(sibling.status()).isEqualTo(400);
        assertThat(sibling.json().get("code").asText()).isEqualTo("term_exists");
        assertThat(sibling.json().at("/data/resource_id").asLong()).isEqualTo(knitwearId);
        assertThat(elsewhere.status()).as("the same name under another parent").isEqualTo(201);
        assertThat(elsewhere.json().get("slug").asText()).isEqualTo("knitwear-2");
        assertThat(noParent.status()).isEqualTo(404);
        assertThat(noName.json().get("code").asText()).isEqualTo("rest_missing_callback_param");
        assertThat(children).extracting(c -> c.get("name").asText()).containsExactly("Knitwear");
        assertThat(found).extracting(c -> c.get("id").asLong()).containsExactly(jumpers);
        assertThat(product.get("categories")).extracting(c -> c.get("name").asText()).containsExactly("Jumpers");
        assertThat(moved.get("categories")).extracting(c -> c.get("slug").asText()).containsExactly("knitwear", "clothing");
        assertThat(page.header("X-WP-Total")).isEqualTo(String.valueOf(shop.categories().size()));
        assertThat(page.json()).hasSize(2);
    }

    @Test
    void deletingACategoryMovesItsChildrenUp() {
        long apparel = client.post(API + "products/categories", Map.of("name", "Apparel")).json().get("id").asLong();
        long knitwear = client.post(API + "products/categories", Map.of("name", "Knitwear", "parent", apparel)).json().get("id").asLong();
        long jumpers = client.post(API + "products/categories", Map.of("name", "Jumpers", "parent", knitwear)).json().get("id").asLong();

        SimulatorClient.Answer trashed = client.send("DELETE", API + "products/categories/" + knitwear, "");
        JsonNode batch = client.post(API + "products/categories/batch", Map.of(
                "create", List.of(Map.of("name", "Home"), Map.of("name", "Apparel")),
                "delete", List.of(knitwear))).json();

        assertThat(trashed.status()).isEqualTo(501);
        assertThat(batch.get("create").get(0).get("name").asText()).isEqualTo("Home");
        assertThat(batch.get("create").get(1).at("/error/code").asText()).isEqualTo("term_exists");
        assertThat(batch.get("delete").get(0).get("id").asLong()).isEqualTo(knitwear);
        assertThat(client.get(API + "products/categories/" + jumpers).json().get("parent").asLong()).isEqualTo(apparel);
    }

    @Test
    void aChangeOfStockAloneLeavesDateModifiedAlone() {
        long id = client.post(API + "products", Map.of("name", "Mug", "regular_price", "8")).json().get("id").asLong();
        at("2025-04-02T10:00:00Z");

        JsonNode stocked = client.send("PUT", API + "products/" + id, Map.of("manage_stock", true, "stock_quantity", 3)).json();
        JsonNode empty = client.send("PUT", API + "products/" + id, Map.of("stock_quantity", 0)).json();
        JsonNode backorders = client.send("PUT", API + "products/" + id, Map.of("backorders", "notify")).json();
        JsonNode renamed = client.send("PUT", API + "products/" + id, Map.of("name", "Big Mug", "stock_quantity", 5)).json();
        SimulatorClient.Answer invalid = client.send("PUT", API + "products/" + id, Map.of("backorders", "maybe"));

        assertThat(stocked.get("stock_status").asText()).isEqualTo("instock");
        assertThat(stocked.get("date_modified_gmt").asText()).isEqualTo("2025-04-01T10:00:00");
        assertThat(empty.get("stock_status").asText()).isEqualTo("outofstock");
        assertThat(backorders.get("stock_status").asText()).isEqualTo("onbackorder");
        assertThat(backorders.get("backorders_allowed").asBoolean()).isTrue();
        assertThat(backorders.get("date_modified_gmt").asText()).isEqualTo("2025-04-01T10:00:00");
        assertThat(renamed.get("date_modified_gmt").asText()).isEqualTo("2025-04-02T10:00:00");
        assertThat(renamed.get("stock_status").asText()).isEqualTo("instock");
        assertThat(invalid.json().get("code").asText()).isEqualTo("rest_invalid_param");
    }

    @Test
    void aVariationsStockChangeLeavesItsDateModifiedAloneAndSyncsTheParent() {
        long tee = tee(attribute("Size", "S", "M"));
        JsonNode small = variation(tee, Map.of("sku", "TEE-S", "regular_price", "10", "manage_stock", true, "stock_quantity", 0));
        String path = API + "products/" + tee + "/variations/" + small.get("id").asLong();
        at("2025-04-03T10:00:00Z");

        JsonNode parentBefore = client.get(API + "products/" + tee).json();
        JsonNode restocked = client.send("PUT", path, Map.of("stock_quantity", 4)).json();
        JsonNode parentAfter = client.get(API + "products/" + tee).json();
        JsonNode repriced = client.post(API + "products/" + tee + "/variations/batch",
                Map.of("update", List.of(Map.of("id", small.get("id").asLong(), "regular_price", "11")))).json();

        assertThat(parentBefore.get("stock_status").asText()).isEqualTo("outofstock");
        assertThat(restocked.get("stock_status").asText()).isEqualTo("instock");
        assertThat(restocked.get("date_modified_gmt").asText()).isEqualTo("2025-04-01T10:00:00");
        assertThat(parentAfter.get("stock_status").asText()).isEqualTo("instock");
        assertThat(parentAfter.get("date_modified_gmt").asText()).isEqualTo(parentBefore.get("date_modified_gmt").asText());
        assertThat(repriced.at("/update/0/date_modified_gmt").asText()).isEqualTo("2025-04-03T10:00:00");
    }

    @Test
    void anOrderOfAVariationIsPricedFromItAndReducesItsStock() {
        long tee = tee(attribute("Size", "S", "M"));
        JsonNode small = variation(tee, Map.of("sku", "TEE-S", "regular_price", "10.00", "manage_stock", true, "stock_quantity", 2));
        long vid = small.get("id").asLong();
        at("2025-04-05T10:00:00Z");

        SimulatorClient.Answer placed = client.post(API + "orders", Map.of("status", "processing",
                "line_items", List.of(Map.of("product_id", tee, "variation_id", vid, "quantity", 3))));
        JsonNode after = client.get(API + "products/" + tee + "/variations/" + vid).json();
        JsonNode bySku = client.post(API + "orders", Map.of("line_items", List.of(Map.of("sku", "TEE-S", "quantity", 1)))).json();
        JsonNode pendingStock = client.get(API + "products/" + tee + "/variations/" + vid).json();
        client.send("PUT", API + "orders/" + placed.json().get("id").asLong(), Map.of("status", "cancelled"));
        JsonNode restored = client.get(API + "products/" + tee + "/variations/" + vid).json();

        assertThat(placed.status()).as("not refused for want of stock").isEqualTo(201);
        JsonNode line = placed.json().get("line_items").get(0);
        assertThat(line.get("product_id").asLong()).isEqualTo(tee);
        assertThat(line.get("variation_id").asLong()).isEqualTo(vid);
        assertThat(line.get("sku").asText()).isEqualTo("TEE-S");
        assertThat(line.get("subtotal").asText()).isEqualTo("30.00");
        assertThat(after.get("stock_quantity").asLong()).isEqualTo(-1);
        assertThat(after.get("stock_status").asText()).isEqualTo("outofstock");
        assertThat(after.get("date_modified_gmt").asText()).isEqualTo("2025-04-01T10:00:00");
        assertThat(bySku.at("/line_items/0/variation_id").asLong()).isEqualTo(vid);
        assertThat(pendingStock.get("stock_quantity").asLong()).as("a pending order leaves stock alone").isEqualTo(-1);
        assertThat(restored.get("stock_quantity").asLong()).isEqualTo(2);
    }

    @Test
    void aPaidOrderReducesASimpleProductsManagedStock() {
        long mug = client.post(API + "products", Map.of("name", "Mug", "regular_price", "8", "manage_stock", true, "stock_quantity", 5))
                .json().get("id").asLong();

        client.post(API + "orders", Map.of("set_paid", true, "line_items", List.of(Map.of("product_id", mug, "quantity", 2))));
        client.post(API + "orders/batch", Map.of("create", List.of(Map.of("status", "completed",
                "line_items", List.of(Map.of("product_id", mug, "quantity", 1))))));

        assertThat(shop.record(EntityType.PRODUCTS, mug).orElseThrow().get("stock_quantity").asLong()).isEqualTo(2);
    }
}
