package com.wooodoo.sync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.SimulatorClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same catalogue in both simulators, for stock: Odoo's storable variants with an internal
 * reference mirrored into the shop through its REST API (batch calls), a template with one variant
 * as a simple product, one with several as a variable product with a variation per variant (same
 * SKUs). Stock in the shop starts unmanaged.
 */
public final class StockCatalogue {

    /** One SKU in both systems: Odoo's variant id, the shop's product id and parent (0 for a simple product). */
    public record Sku(String sku, long odooId, long shopId, long shopParent) {

        public boolean variation() {
            return shopParent > 0;
        }
    }

    private static final String API = "/wp-json/wc/v3/";

    private StockCatalogue() {
    }

    /**
     * Mirrors Odoo's storable variants with an internal reference (all of them, or those of
     * {@code templates} when given) into the shop; answers each SKU, in Odoo's id order.
     */
    public static List<Sku> mirror(OdooSimulator odoo, SimulatorClient shop) {
        Map<Long, List<JsonNode>> byTemplate = new LinkedHashMap<>();
        for (JsonNode variant : odoo.records("product.product")) {
            String code = variant.path("default_code").isTextual() ? variant.get("default_code").asText() : "";
            if (!code.isEmpty() && "product".equals(variant.path("type").asText())) {
                byTemplate.computeIfAbsent(variant.at("/product_tmpl_id/0").asLong(), t -> new ArrayList<>()).add(variant);
            }
        }
        List<Sku> skus = new ArrayList<>();
        List<JsonNode> simple = new ArrayList<>();
        byTemplate.values().forEach(variants -> {
            if (variants.size() == 1) {
                simple.add(variants.get(0));
            }
        });
        for (int from = 0; from < simple.size(); from += 100) {
            List<Map<String, Object>> create = new ArrayList<>();
            List<JsonNode> chunk = simple.subList(from, Math.min(simple.size(), from + 100));
            chunk.forEach(v -> create.add(Map.of("name", v.path("name").asText("Product"), "type", "simple",
                    "sku", v.get("default_code").asText(), "regular_price", "10.00")));
            JsonNode answer = ok(shop.post(API + "products/batch", Map.of("create", create))).get("create");
            for (int i = 0; i < chunk.size(); i++) {
                skus.add(new Sku(chunk.get(i).get("default_code").asText(), chunk.get(i).get("id").asLong(),
                        created(answer.get(i)), 0));
            }
        }
        for (List<JsonNode> variants : byTemplate.values()) {
            if (variants.size() == 1) {
                continue;
            }
            List<String> codes = variants.stream().map(v -> v.get("default_code").asText()).toList();
            JsonNode parent = ok(shop.post(API + "products", Map.of("name", variants.get(0).path("name").asText("Product"),
                    "type", "variable", "attributes", List.of(Map.of("name", "Variant", "variation", true, "visible", true,
                            "options", codes)))));
            long parentId = parent.get("id").asLong();
            List<Map<String, Object>> create = new ArrayList<>();
            codes.forEach(code -> create.add(Map.of("sku", code, "regular_price", "10.00",
                    "attributes", List.of(Map.of("name", "Variant", "option", code)))));
            for (int from = 0; from < create.size(); from += 100) {
                List<Map<String, Object>> chunk = create.subList(from, Math.min(create.size(), from + 100));
                JsonNode answer = ok(shop.post(API + "products/" + parentId + "/variations/batch", Map.of("create", chunk)))
                        .get("create");
                for (int i = 0; i < chunk.size(); i++) {
                    JsonNode variant = variants.get(from + i);
                    skus.add(new Sku(variant.get("default_code").asText(), variant.get("id").asLong(), created(answer.get(i)),
                            parentId));
                }
            }
        }
        skus.sort(java.util.Comparator.comparingLong(Sku::odooId));
        return skus;
    }

    /** A shop product or variation as the API answers it now. */
    public static JsonNode shopItem(SimulatorClient shop, Sku sku) {
        return ok(shop.get(API + (sku.variation() ? "products/" + sku.shopParent() + "/variations/" + sku.shopId()
                : "products/" + sku.shopId())));
    }

    private static long created(JsonNode item) {
        if (item.has("error")) {
            throw new AssertionError("the shop refused an item: " + item);
        }
        return item.get("id").asLong();
    }

    private static JsonNode ok(SimulatorClient.Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new AssertionError("the shop answered " + answer.status() + ": " + answer.raw().body());
        }
        return answer.json();
    }
}
