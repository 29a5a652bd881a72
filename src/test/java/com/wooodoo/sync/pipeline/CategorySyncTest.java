package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A product's category through whole syncs, both ways: every product's category in the target is
 * the source's (the same names from the top down; WooCommerce's "Uncategorized" and Odoo's root
 * "All" meaning none), and a second run over unchanged products writes nothing, categories
 * included.
 */
class CategorySyncTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";
    private static final String FULL = "{\"interBatchDelayMs\":0,\"mode\":\"full\"}";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void shopCategoriesReachOdooProductByProductAndAnUnchangedRerunWritesNothing() {
        List<Long> products = woo.seed(EntityType.PRODUCTS, 60);
        // a third level below the shop's Clothing > T-shirts (ids 9 and 14 of a fresh shop), and one product without category
        long organic = wooCategory("Organic", 14);
        for (int i = 0; i < 10; i++) {
            woo.corrupt(EntityType.PRODUCTS, products.get(i), "categories", categoryRefs(organic, "Organic", "organic"));
        }
        woo.corrupt(EntityType.PRODUCTS, products.get(10), "categories", categoryRefs(15, "Uncategorized", "uncategorized"));
        woo.resetStats();
        odoo.resetStats();

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"products\"]", FULL), Duration.ofSeconds(60));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(woo.stats().get("GET products/categories")).as("the shop's categories are read once a sync").isEqualTo(1L);
        assertThat(odoo.stats().get("execute_kw product.category.create")).as("one create per new level: Clothing, T-shirts,"
                + " Organic and the top-level ones together").isLessThanOrEqualTo(3L);
        assertThat(odoo.stats().getOrDefault("execute_kw product.category.search_read", 0L))
                .as("all categories at once, when first needed").isEqualTo(1L);
        Map<String, String> shop = shopPathsBySku();
        Map<String, String> inOdoo = odooPathsBySku();
        assertThat(shop).hasSize(60).containsValue("Clothing > T-shirts > Organic").containsValue(null);
        shop.forEach((sku, path) -> assertThat(inOdoo.get(sku)).as("category of %s", sku).isEqualTo(path));
        assertThat(odoo.records("product.category").stream().filter(c -> c.path("name").asText().equals("Organic"))).hasSize(1);

        odoo.resetStats();
        JsonNode again = runToEnd(startSync(WOO_TO_ODOO, "[\"products\"]", FULL), Duration.ofSeconds(60));

        assertThat(again.get("status").asText()).isEqualTo("done");
        assertThat(odoo.stats()).doesNotContainKeys("execute_kw product.product.create", "execute_kw product.product.write",
                "execute_kw product.category.create");
    }

    @Test
    void odooCategoriesReachTheShopProductByProductAndAnUnchangedRerunWritesNothing() {
        List<Long> products = odoo.seed(EntityType.PRODUCTS, 60);
        long home = odoo.insert("product.category", Map.of("name", "Home", "parent_id", 1));
        long textiles = odoo.insert("product.category", Map.of("name", "Textiles", "parent_id", home));
        long cushions = odoo.insert("product.category", Map.of("name", "Cushions", "parent_id", textiles));
        long coffee = odoo.insert("product.category", Map.of("name", "coffee", "parent_id", 1)); // the shop's "Coffee"
        long[] categories = {cushions, textiles, home, coffee, 1, 2};
        for (int i = 0; i < products.size(); i++) {
            odoo.update("product.product", products.get(i), Map.of("categ_id", categories[i % categories.length]));
        }
        int shopCategories = woo.categories().size();
        woo.resetStats();
        odoo.resetStats();

        JsonNode report = runToEnd(startSync(ODOO_TO_WOO, "[\"products\"]", FULL), Duration.ofSeconds(60));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(woo.stats().get("GET products/categories")).as("the shop's categories are read once a sync").isEqualTo(1L);
        assertThat(woo.stats().get("POST products/categories/batch")).as("one batch per new level").isEqualTo(3L);
        assertThat(odoo.stats().getOrDefault("execute_kw product.category.search_read", 0L))
                .as("all categories at once, when first needed").isEqualTo(1L);
        Map<String, String> inOdoo = odooPathsBySku();
        Map<String, String> shop = shopPathsBySku();
        assertThat(inOdoo.values()).contains("Home > Textiles > Cushions", "coffee", "Saleable", null);
        inOdoo.forEach((sku, path) -> {
            assertThat(shop).as("product %s in the shop", sku).containsKey(sku);
            assertThat(shop.get(sku) == null ? null : shop.get(sku).toLowerCase()).as("category of %s", sku)
                    .isEqualTo(path == null ? null : path.toLowerCase());
        });
        assertThat(woo.categories().size() - shopCategories).as("Home, Textiles, Cushions, Saleable; Coffee found").isEqualTo(4);

        woo.resetStats();
        JsonNode again = runToEnd(startSync(ODOO_TO_WOO, "[\"products\"]", FULL), Duration.ofSeconds(60));

        assertThat(again.get("status").asText()).isEqualTo("done");
        assertThat(woo.stats()).doesNotContainKeys("POST products/batch", "POST products/categories/batch", "POST products/categories");
    }

    /** Each shop product's category path by SKU, worked out from the shop's own category list. */
    private Map<String, String> shopPathsBySku() {
        Map<Long, JsonNode> byId = new HashMap<>();
        woo.categories().forEach(c -> byId.put(c.path("id").asLong(), c));
        Map<String, String> paths = new HashMap<>();
        for (JsonNode product : woo.products()) {
            JsonNode first = product.path("categories").path(0);
            if (first.isMissingNode() || first.path("slug").asText().equals("uncategorized")) {
                paths.put(product.path("sku").asText(), null);
                continue;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode at = byId.get(first.path("id").asLong()); at != null; at = byId.get(at.path("parent").asLong())) {
                names.add(at.path("name").asText());
            }
            Collections.reverse(names);
            paths.put(product.path("sku").asText(), String.join(" > ", names));
        }
        return paths;
    }

    /** Each Odoo product's category by SKU: its complete name without the root "All", null for the root. */
    private Map<String, String> odooPathsBySku() {
        Map<Long, String> completeNames = new HashMap<>();
        odoo.records("product.category").forEach(c -> completeNames.put(c.path("id").asLong(), c.path("complete_name").asText()));
        Map<String, String> paths = new HashMap<>();
        for (JsonNode product : odoo.records("product.product")) {
            if (!product.path("default_code").isTextual() || product.path("type").asText().equals("service")) {
                continue;
            }
            String complete = completeNames.get(product.path("categ_id").path(0).asLong());
            paths.put(product.path("default_code").asText(), complete.equals("All") ? null
                    : complete.replaceFirst("^All / ", "").replace(" / ", " > "));
        }
        return paths;
    }

    private static ArrayNode categoryRefs(long id, String name, String slug) {
        ArrayNode refs = NODES.arrayNode();
        refs.addObject().put("id", id).put("name", name).put("slug", slug);
        return refs;
    }

    /** A category made through the shop's API, as a shop manager would. */
    private long wooCategory(String name, long parent) {
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(woo.baseUrl() + "/wp-json/wc/v3/products/categories"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ck_test:cs_test".getBytes()))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(NODES.objectNode().put("name", name).put("parent", parent)
                            .toString())).build();
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("id").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
