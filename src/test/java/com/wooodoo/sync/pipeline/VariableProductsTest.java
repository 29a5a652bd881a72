package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.sandbox.odoo.RecordedRequest;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Variable products both ways: WooCommerce variations ⇄ Odoo product variants, field by field,
 * for 200 generated products of two or three attributes and up to 30 variations each.
 */
class VariableProductsTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";
    private static final String FULL = "{\"interBatchDelayMs\":0,\"mode\":\"full\"}";
    private static final Duration LONG = Duration.ofMinutes(4);

    @Test
    void shopVariationsBecomeOdooVariantsOfOneTemplateEach() {
        List<Long> parents = woo.seedVariableProducts(200, 7);
        List<JsonNode> variations = new ArrayList<>();
        Map<Long, JsonNode> parentOf = new HashMap<>();
        for (long parent : parents) {
            JsonNode product = woo.record(com.wooodoo.sync.connector.EntityType.PRODUCTS, parent).orElseThrow();
            for (JsonNode variation : woo.variations(parent)) {
                variations.add(variation);
                parentOf.put(variation.get("id").asLong(), product);
            }
        }
        List<JsonNode> withSku = variations.stream().filter(v -> !ownSku(v, parentOf).isEmpty()).toList();
        List<JsonNode> withoutSku = variations.stream().filter(v -> ownSku(v, parentOf).isEmpty()).toList();
        assertThat(withoutSku).as("the generated shop has variations without a SKU").isNotEmpty();

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"products\"]", FULL), LONG);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("partial");
        assertThat(report.at("/conflicts/byType/ValidationError").asInt())
                .as(conflictMessages(report.get("syncId").asText()).stream()
                        .filter(m -> !m.contains("'sku' is empty")).limit(3).toList().toString())
                .isEqualTo(withoutSku.size());
        Map<String, JsonNode> variants = odooVariantsByCode();
        assertThat(variants).hasSize(withSku.size());
        Map<Long, JsonNode> templates = byId(odoo.records("product.template"));
        Map<Long, String[]> ptavs = ptavNames();
        Map<Long, String> odooCategories = odooCategoryNames();
        Map<Long, JsonNode> shopCategories = byId(woo.categories());
        for (JsonNode variation : withSku) {
            JsonNode parent = parentOf.get(variation.get("id").asLong());
            String sku = variation.get("sku").asText();
            JsonNode variant = variants.get(sku.toLowerCase(Locale.ROOT));
            assertThat(variant).as(sku).isNotNull();
            JsonNode template = templates.get(variant.get("product_tmpl_id").get(0).asLong());
            assertThat(template.get("name").asText()).as(sku).isEqualTo(parent.get("name").asText());
            assertThat(odooCategories.get(template.get("categ_id").get(0).asLong())).as(sku + " category")
                    .isEqualTo("All / " + String.join(" / ", shopPath(parent.get("categories").get(0).get("id").asLong(), shopCategories)));
            assertThat(new BigDecimal(variant.get("lst_price").asText())).as(sku + " price")
                    .isEqualByComparingTo(variation.get("regular_price").asText());
            assertThat(valuesOf(variant, ptavs)).as(sku + " attributes").isEqualTo(shopValues(variation));
            assertThat(variant.get("active").asBoolean()).isTrue();
        }
        // the combinations the shop does not sell (or sells without a SKU) are archived
        assertThat(odoo.records("product.product").stream().filter(p -> !p.get("type").asText().equals("service")
                && p.get("active").asBoolean() && !p.get("default_code").isTextual())).as("active variants without SKU").isEmpty();
        // one template per variable product, one attribute per name, each value once
        assertThat(odoo.records("product.template").stream().filter(t -> !t.get("type").asText().equals("service"))).hasSize(parents.size());
        assertThat(odoo.records("product.attribute").stream().map(a -> a.get("name").asText().toLowerCase(Locale.ROOT)))
                .doesNotHaveDuplicates();
        assertThat(odoo.records("product.attribute.value").stream()
                .map(v -> v.get("attribute_id").get(0).asText() + "|" + v.get("name").asText().toLowerCase(Locale.ROOT)))
                .doesNotHaveDuplicates();
        // the variation without a SKU is named with its product and its values
        List<String> messages = conflictMessages(report.get("syncId").asText());
        JsonNode unskued = withoutSku.get(0);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("'" + parentOf.get(unskued.get("id").asLong()).get("name").asText() + "'")
                .contains(unskued.get("attributes").get(0).get("option").asText()).contains("sku"));

        // an unchanged re-run writes nothing
        odoo.clearRequests();
        JsonNode again = runToEnd(startSync(WOO_TO_ODOO, "[\"products\"]", FULL), LONG);
        assertThat(again.at("/conflicts/byType/ValidationError").asInt()).isEqualTo(withoutSku.size());
        assertThat(odoo.requests().stream().map(RecordedRequest::callKind)
                .filter(k -> k.contains("create") || k.contains("write") || k.contains("unlink")))
                .as("writes of an unchanged re-run").isEmpty();
        assertThat(odooVariantsByCode()).hasSize(withSku.size());
    }

    @Test
    void odooVariantsBecomeVariationsOfOneVariableProductEach() {
        List<Long> templateIds = odoo.seedVariableProducts(200, 11);
        Map<Long, JsonNode> templates = byId(odoo.records("product.template"));
        Map<Long, String[]> ptavs = ptavNames();
        List<JsonNode> variants = odoo.records("product.product").stream()
                .filter(p -> templateIds.contains(p.get("product_tmpl_id").get(0).asLong()) && p.get("active").asBoolean()).toList();
        List<JsonNode> coded = variants.stream().filter(v -> v.get("default_code").isTextual()).toList();
        int uncoded = variants.size() - coded.size();
        assertThat(uncoded).as("the generated Odoo has variants without an internal reference").isPositive();
        assertThat(variants.stream().mapToInt(v -> v.get("product_template_attribute_value_ids").size()).max().orElse(0))
                .isBetween(2, 3);

        JsonNode report = runToEnd(startSync(ODOO_TO_WOO, "[\"products\"]", FULL), LONG);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("partial");
        assertThat(report.at("/conflicts/byType/ValidationError").asInt()).as(conflictMessages(report.get("syncId").asText()).subList(0, 3).toString()).isEqualTo(uncoded);
        Map<Long, String> odooCategories = odooCategoryNames();
        Map<Long, JsonNode> shopCategories = byId(woo.categories());
        Map<String, JsonNode> shopVariations = new HashMap<>();
        Map<Long, JsonNode> shopParents = new HashMap<>();
        woo.products().forEach(p -> shopParents.put(p.get("id").asLong(), p));
        woo.allVariations().forEach(v -> shopVariations.put(v.get("sku").asText().toLowerCase(Locale.ROOT), v));
        assertThat(shopVariations).hasSize(coded.size());
        for (JsonNode variant : coded) {
            String code = variant.get("default_code").asText();
            JsonNode variation = shopVariations.get(code.toLowerCase(Locale.ROOT));
            assertThat(variation).as(code).isNotNull();
            JsonNode parent = shopParents.get(variation.get("parent_id").asLong());
            assertThat(parent.get("type").asText()).isEqualTo("variable");
            JsonNode template = templates.get(variant.get("product_tmpl_id").get(0).asLong());
            assertThat(parent.get("name").asText()).isEqualTo(template.get("name").asText());
            assertThat("All / " + String.join(" / ", shopPath(parent.get("categories").get(0).get("id").asLong(), shopCategories)))
                    .as(code + " category").isEqualTo(odooCategories.get(template.get("categ_id").get(0).asLong()));
            assertThat(new BigDecimal(variation.get("regular_price").asText())).as(code + " price")
                    .isEqualByComparingTo(variant.get("lst_price").asText());
            assertThat(shopValues(variation)).as(code + " attributes").isEqualTo(valuesOf(variant, ptavs));
        }
        assertThat(woo.products().stream().filter(p -> p.get("type").asText().equals("variable"))).hasSize(templateIds.size());
        assertThat(woo.attributes().stream().map(a -> a.get("name").asText().toLowerCase(Locale.ROOT))).doesNotHaveDuplicates();

        // an unchanged re-run writes nothing
        woo.resetStats();
        JsonNode again = runToEnd(startSync(ODOO_TO_WOO, "[\"products\"]", FULL), LONG);
        assertThat(again.at("/conflicts/byType/ValidationError").asInt()).isEqualTo(uncoded);
        assertThat(woo.stats().keySet().stream().filter(k -> k.startsWith("POST") || k.startsWith("PUT")))
                .as("writes of an unchanged re-run: " + woo.stats()).isEmpty();
    }

    @Test
    void ordersOfVariationsReachOdooAsLinesOfTheirVariants() {
        woo.seed(com.wooodoo.sync.connector.EntityType.CUSTOMERS, 10);
        woo.seedVariableProducts(12, 21);
        List<Long> orderIds = woo.seedVariationOrders(30, 4);
        Map<Long, JsonNode> variations = new HashMap<>();
        Map<Long, String> parentSkus = new HashMap<>();
        for (JsonNode product : woo.products()) {
            parentSkus.put(product.get("id").asLong(), product.get("sku").asText(""));
        }
        woo.allVariations().forEach(v -> variations.put(v.get("id").asLong(), v));
        List<JsonNode> orders = orderIds.stream().map(id -> woo.record(com.wooodoo.sync.connector.EntityType.ORDERS, id).orElseThrow())
                .toList();
        java.util.function.Predicate<JsonNode> allLinesHaveSkus = order -> java.util.stream.StreamSupport
                .stream(order.get("line_items").spliterator(), false).allMatch(line -> {
                    JsonNode v = variations.get(line.get("variation_id").asLong());
                    return !v.get("sku").asText("").isEmpty()
                            && !v.get("sku").asText().equalsIgnoreCase(parentSkus.get(line.get("product_id").asLong()));
                });
        List<JsonNode> writable = orders.stream().filter(allLinesHaveSkus).toList();
        assertThat(writable).as("most orders name variations with SKUs").hasSizeGreaterThan(orders.size() / 2);
        assertThat(orders.stream().mapToInt(o -> o.get("line_items").size()).max().orElse(0)).isGreaterThan(1);

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\",\"products\",\"orders\"]", FULL), LONG);

        assertThat(report.get("status").asText()).as(report.toString()).isIn("done", "partial");
        Map<String, JsonNode> odooOrders = odoo.records("sale.order").stream()
                .collect(Collectors.toMap(o -> o.get("client_order_ref").asText(), o -> o));
        Map<Long, JsonNode> products = byId(odoo.records("product.product"));
        Map<Long, List<JsonNode>> linesByOrder = odoo.records("sale.order.line").stream()
                .collect(Collectors.groupingBy(l -> l.get("order_id").get(0).asLong()));
        for (JsonNode order : writable) {
            JsonNode odooOrder = odooOrders.get(order.get("number").asText());
            assertThat(odooOrder).as("order " + order.get("number")).isNotNull();
            Map<String, BigDecimal> odooQuantities = new HashMap<>();
            for (JsonNode line : linesByOrder.get(odooOrder.get("id").asLong())) {
                JsonNode product = products.get(line.get("product_id").get(0).asLong());
                if (!product.get("type").asText().equals("service")) {
                    odooQuantities.merge(product.get("default_code").asText().toLowerCase(Locale.ROOT),
                            new BigDecimal(line.get("product_uom_qty").asText()), BigDecimal::add);
                }
            }
            Map<String, BigDecimal> shopQuantities = new HashMap<>();
            order.get("line_items").forEach(line -> shopQuantities.merge(
                    variations.get(line.get("variation_id").asLong()).get("sku").asText().toLowerCase(Locale.ROOT),
                    new BigDecimal(line.get("quantity").asText()), BigDecimal::add));
            assertThat(odooQuantities.keySet()).as("order " + order.get("number")).isEqualTo(shopQuantities.keySet());
            shopQuantities.forEach((sku, quantity) -> assertThat(odooQuantities.get(sku)).as(sku).isEqualByComparingTo(quantity));
            assertThat(new BigDecimal(odooOrder.get("amount_total").asText())).as("order " + order.get("number") + " total")
                    .isEqualByComparingTo(order.get("total").asText());
        }
        orders.stream().filter(allLinesHaveSkus.negate()).forEach(order ->
                assertThat(odooOrders).as("an order of a variation without SKU waits for it").doesNotContainKey(order.get("number").asText()));
    }

    @Test
    void odooOrdersOfVariantsReachTheShopAsLinesOfTheirVariations() {
        List<Long> templateIds = odoo.seedVariableProducts(6, 5);
        List<JsonNode> coded = odoo.records("product.product").stream()
                .filter(p -> templateIds.contains(p.get("product_tmpl_id").get(0).asLong()) && p.get("default_code").isTextual()
                        && p.get("active").asBoolean()).toList();
        long partner = odoo.insert("res.partner", Map.of("name", "Vera Variant", "email", "vera@example.com"));
        long order = odoo.insert("sale.order", Map.of("partner_id", partner, "client_order_ref", "PHONE-7001", "order_line", List.of(
                List.of(0, 0, Map.of("product_id", coded.get(0).get("id").asLong(), "product_uom_qty", 2)),
                List.of(0, 0, Map.of("product_id", coded.get(3).get("id").asLong(), "product_uom_qty", 1)))));

        JsonNode report = runToEnd(startSync(ODOO_TO_WOO, "[\"customers\",\"products\",\"orders\"]", FULL), LONG);

        assertThat(report.at("/conflicts/byType/ValidationError").asInt())
                .as(conflictMessages(report.get("syncId").asText()).stream().filter(m -> !m.contains("'sku' is empty")).toList().toString())
                .isEqualTo(odoo.records("product.product").stream().filter(p -> templateIds.contains(p.get("product_tmpl_id").get(0).asLong())
                        && !p.get("default_code").isTextual() && p.get("active").asBoolean()).count());
        Map<String, JsonNode> shopVariations = new HashMap<>();
        woo.allVariations().forEach(v -> shopVariations.put(v.get("sku").asText(), v));
        assertThat(woo.orders()).as("the shop had no orders: the one of Odoo is there").hasSize(1);
        JsonNode shopOrder = woo.orders().get(0);
        assertThat(shopOrder.get("meta_data").toString()).contains("odoo:" + order);
        Map<Long, Integer> quantities = new HashMap<>();
        shopOrder.get("line_items").forEach(l -> quantities.put(l.get("variation_id").asLong(), l.get("quantity").asInt()));
        JsonNode first = shopVariations.get(coded.get(0).get("default_code").asText());
        JsonNode second = shopVariations.get(coded.get(3).get("default_code").asText());
        assertThat(quantities).containsOnly(Map.entry(first.get("id").asLong(), 2), Map.entry(second.get("id").asLong(), 1));
        shopOrder.get("line_items").forEach(l -> assertThat(l.get("product_id").asLong())
                .isEqualTo(shopVariations.values().stream().filter(v -> v.get("id").asLong() == l.get("variation_id").asLong())
                        .findFirst().orElseThrow().get("parent_id").asLong()));
    }

    private static String ownSku(JsonNode variation, Map<Long, JsonNode> parentOf) {
        String sku = variation.get("sku").asText("");
        return sku.equalsIgnoreCase(parentOf.get(variation.get("id").asLong()).get("sku").asText("")) ? "" : sku;
    }

    private static Map<Long, String> odooCategoryNames() {
        return odoo.records("product.category").stream().collect(Collectors.toMap(c -> c.get("id").asLong(),
                c -> c.get("complete_name").asText()));
    }

    /** The names of a shop category and its parents, from the top. */
    private static List<String> shopPath(long id, Map<Long, JsonNode> categories) {
        List<String> path = new ArrayList<>();
        for (long at = id; at != 0; at = categories.get(at).get("parent").asLong()) {
            path.add(0, categories.get(at).get("name").asText());
        }
        return path;
    }

    private static Map<String, JsonNode> odooVariantsByCode() {
        return odoo.records("product.product").stream()
                .filter(p -> p.get("default_code").isTextual() && !p.get("type").asText().equals("service"))
                .collect(Collectors.toMap(p -> p.get("default_code").asText().toLowerCase(Locale.ROOT), p -> p));
    }

    private static Map<Long, JsonNode> byId(List<JsonNode> records) {
        return records.stream().collect(Collectors.toMap(r -> r.get("id").asLong(), r -> r));
    }

    private static Map<Long, String[]> ptavNames() {
        Map<Long, String[]> names = new HashMap<>();
        for (JsonNode ptav : odoo.records("product.template.attribute.value")) {
            names.put(ptav.get("id").asLong(), new String[] {ptav.get("attribute_id").get(1).asText(), ptav.get("name").asText()});
        }
        return names;
    }

    private static Map<String, String> valuesOf(JsonNode variant, Map<Long, String[]> ptavs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode id : variant.get("product_template_attribute_value_ids")) {
            String[] pair = ptavs.get(id.asLong());
            values.put(pair[0].toLowerCase(Locale.ROOT), pair[1].toLowerCase(Locale.ROOT));
        }
        return new java.util.TreeMap<>(values);
    }

    private static Map<String, String> shopValues(JsonNode variation) {
        Map<String, String> values = new java.util.TreeMap<>();
        variation.get("attributes").forEach(a -> values.put(a.get("name").asText().toLowerCase(Locale.ROOT),
                a.get("option").asText().toLowerCase(Locale.ROOT)));
        return values;
    }

    private List<String> conflictMessages(String syncId) {
        List<String> messages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(ApiClient.BASE + "/conflicts?syncId=" + syncId + "&state=all&limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("conflicts").forEach(c -> messages.add(c.toString()));
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return messages;
    }
}
