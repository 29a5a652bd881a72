package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.StockSettings;
import com.wooodoo.sync.sandbox.odoo.RawHttp;
import com.wooodoo.sync.sandbox.woocommerce.SimulatorClient;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import com.wooodoo.sync.support.StockCatalogue;
import com.wooodoo.sync.support.StockCatalogue.Sku;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stock, Odoo → shop: Odoo's free quantity of the configured warehouses written to the shop's
 * simple products and variations by SKU, in batch calls; only what changed is read and written;
 * a shop sale is no DataMismatch; a SKU the shop does not have is left out.
 */
class StockSyncTest extends SandboxTestBase {

    private static final String ODOO_TO_SHOP = "[\"odoo\",\"woocommerce\"]";
    private static final String STOCK = "[\"stock\"]";
    private static final String INCREMENTAL = "{\"interBatchDelayMs\":0}";
    private static final String FULL = "{\"interBatchDelayMs\":0,\"mode\":\"full\"}";
    private static final String API = "/wp-json/wc/v3/";

    @Autowired
    private Connections connections;

    private SimulatorClient shop;
    private long whStock;

    @BeforeEach
    void clients() {
        shop = new SimulatorClient(woo.baseUrl(), "ck_test", "cs_test");
        whStock = odoo.stockLocationId(odoo.mainWarehouseId());
    }

    @Test
    void theFirstStockSyncWritesFreeQuantitiesToSimpleProductsAndVariationsAndCreatesNothing() {
        storable("SIMPLE-1", 12);
        storable("SIMPLE-2", 7.6);
        storable("SIMPLE-3", -1);
        odoo.seedVariableProducts(2, 3);
        odoo.insert("product.product", Map.of("name", "Gift wrap", "default_code", "CONSU-1", "type", "consu"));
        List<Sku> catalogue = StockCatalogue.mirror(odoo, shop);
        storable("ODOO-ONLY", 5);
        int shopProducts = woo.count(EntityType.PRODUCTS);
        int shopVariations = woo.allVariations().size();
        assertThat(catalogue).anyMatch(Sku::variation).anyMatch(sku -> !sku.variation());
        assertThat(catalogue).noneMatch(sku -> sku.sku().equals("CONSU-1"));

        JsonNode status = runToEnd(startSync(ODOO_TO_SHOP, STOCK, INCREMENTAL), Duration.ofSeconds(60));

        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("done");
        assertThat(status.at("/queue/processed").asInt()).as("every storable variant with a SKU, CONSU-1 not").isEqualTo(catalogue.size() + 1);
        for (Sku sku : catalogue) {
            JsonNode item = StockCatalogue.shopItem(shop, sku);
            assertThat(item.get("manage_stock").asBoolean()).as(sku.sku()).isTrue();
            assertThat(item.get("stock_quantity").asLong()).as(sku.sku()).isEqualTo(expectedQuantity(sku.odooId(), false));
        }
        assertThat(quantityOf(catalogue, "SIMPLE-2")).as("7.6 in Odoo: never promise more than there is").isEqualTo(7);
        assertThat(quantityOf(catalogue, "SIMPLE-3")).as("below zero without backorders").isZero();
        assertThat(woo.count(EntityType.PRODUCTS)).as("stock never creates a product").isEqualTo(shopProducts);
        assertThat(woo.allVariations()).hasSize(shopVariations);
        assertThat(shop.get(API + "products?sku=ODOO-ONLY").json()).isEmpty();
        assertThat(woo.stats()).containsKey("POST products/batch").containsKey("POST products/{id}/variations/batch")
                .doesNotContainKey("PUT products/{id}");
        JsonNode batch = batchEntries(status.get("syncId").asText()).stream()
                .filter(e -> e.at("/details/leftOut").asInt() > 0).findFirst().orElseThrow();
        assertThat(batch.at("/details/leftOutSkus").toString()).contains("ODOO-ONLY");
        assertThat(batch.at("/details/leftOutReason").asText()).contains("SKU not in the shop");
        assertThat(batch.at("/details/created").asInt()).isZero();
    }

    @Test
    void aReservationShowsInTheShopAfterTheNextRunAndAnUnchangedRunWritesNothing() {
        odoo.seedVariableProducts(3, 5);
        List<Sku> catalogue = StockCatalogue.mirror(odoo, shop);
        Sku variant = catalogue.stream().filter(Sku::variation).findFirst().orElseThrow();
        odoo.setOnHand(variant.odooId(), whStock, 10);
        assertThat(runToEnd(startSync(ODOO_TO_SHOP, STOCK, INCREMENTAL), Duration.ofSeconds(60)).get("status").asText())
                .isEqualTo("done");
        assertThat(StockCatalogue.shopItem(shop, variant).get("stock_quantity").asLong()).isEqualTo(10);

        confirmOrder(variant.odooId(), 3);
        woo.resetStats();
        JsonNode second = runToEnd(startSync(ODOO_TO_SHOP, STOCK, INCREMENTAL), Duration.ofSeconds(60));

        assertThat(second.get("status").asText()).isEqualTo("done");
        assertThat(StockCatalogue.shopItem(shop, variant).get("stock_quantity").asLong()).as("10 on hand, 3 reserved").isEqualTo(7);
        assertThat(woo.stats().get("POST products/{id}/variations/batch")).as("only the reserved variant is written").isEqualTo(1L);
        assertThat(woo.stats()).doesNotContainKey("POST products/batch");
        assertThat(second.at("/queue/total").asInt()).as("only what moved since the last run is read").isLessThan(catalogue.size());

        woo.resetStats();
        odoo.resetStats();
        JsonNode third = runToEnd(startSync(ODOO_TO_SHOP, STOCK, INCREMENTAL), Duration.ofSeconds(60));

        assertThat(third.get("status").asText()).isEqualTo("done");
        assertThat(woo.stats().keySet()).as("an unchanged run writes nothing").noneMatch(call -> call.startsWith("POST"));
        assertThat(odoo.stats().getOrDefault("execute_kw product.product.search_read", 0L))
                .as("one page counted, one page read").isLessThanOrEqualTo(2L);
        assertThat(third.at("/queue/failed").asInt()).isZero();
    }

    @Test
    void belowZeroIsWrittenAsZeroUnlessTheOrganisationTakesBackorders() {
        storable("NEG-1", -3);
        storable("NEG-2", -1.5);
        List<Sku> catalogue = StockCatalogue.mirror(odoo, shop);
        runToEnd(startSync(ODOO_TO_SHOP, STOCK, INCREMENTAL), Duration.ofSeconds(60));
        assertThat(quantityOf(catalogue, "NEG-1")).isZero();
        assertThat(quantityOf(catalogue, "NEG-2")).isZero();

        connections.register(orgId, new StockSettings(List.of(), true));
        JsonNode withBackorders = runToEnd(startSync(ODOO_TO_SHOP, STOCK, FULL), Duration.ofSeconds(60));

        assertThat(withBackorders.get("status").asText()).isEqualTo("done");
        assertThat(quantityOf(catalogue, "NEG-1")).isEqualTo(-3);
        assertThat(quantityOf(catalogue, "NEG-2")).as("rounded down: -1.5 is -2").isEqualTo(-2);
        JsonNode item = StockCatalogue.shopItem(shop, sku(catalogue, "NEG-1"));
        assertThat(item.get("manage_stock").asBoolean()).isTrue();
    }

    @Test
    void aShopSaleThatLoweredTheShopQuantityIsNoDataMismatch() {
        long a = storable("SOLD-A", 10);
        storable("SOLD-B", 10);
        List<Sku> catalogue = StockCatalogue.mirror(odoo, shop);
        runToEnd(startSync(ODOO_TO_SHOP, STOCK, INCREMENTAL), Duration.ofSeconds(60));
        assertThat(quantityOf(catalogue, "SOLD-A")).isEqualTo(10);

        // sales in the shop lower both; Odoo then counts 6 of A
        shop.send("PUT", API + "products/" + sku(catalogue, "SOLD-A").shopId(), Map.of("stock_quantity", 8));
        shop.send("PUT", API + "products/" + sku(catalogue, "SOLD-B").shopId(), Map.of("stock_quantity", 9));
        odoo.setOnHand(a, whStock, 6);
        JsonNode second = runToEnd(startSync(ODOO_TO_SHOP, STOCK, INCREMENTAL), Duration.ofSeconds(60));

        assertThat(second.get("status").asText()).isEqualTo("done");
        assertThat(second.at("/conflicts/totalConflicts").asInt()).as("no DataMismatch").isZero();
        assertThat(quantityOf(catalogue, "SOLD-A")).as("Odoo's free quantity written over the shop's").isEqualTo(6);
        assertThat(quantityOf(catalogue, "SOLD-B")).as("Odoo's quantity of B is the one last written: nothing sent")
                .isEqualTo(9);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_conflict WHERE org_id = ?", Integer.class, orgId)).isZero();
    }

    @Test
    void theConfiguredWarehousesLimitTheQuantity() {
        long second = odoo.addWarehouse("Second Warehouse", "WH2");
        long desk = storable("DESK-1", 10);
        odoo.setOnHand(desk, odoo.stockLocationId(second), 4);
        List<Sku> catalogue = StockCatalogue.mirror(odoo, shop);

        connections.register(orgId, new StockSettings(List.of("WH2"), false));
        runToEnd(startSync(ODOO_TO_SHOP, STOCK, FULL), Duration.ofSeconds(60));
        assertThat(quantityOf(catalogue, "DESK-1")).as("WH2 only").isEqualTo(4);

        connections.register(orgId, new StockSettings(List.of("WH", "WH2"), false));
        runToEnd(startSync(ODOO_TO_SHOP, STOCK, FULL), Duration.ofSeconds(60));
        assertThat(quantityOf(catalogue, "DESK-1")).as("both warehouses").isEqualTo(14);

        connections.register(orgId, StockSettings.DEFAULTS);
        odoo.setOnHand(desk, odoo.stockLocationId(second), 5);
        runToEnd(startSync(ODOO_TO_SHOP, STOCK, INCREMENTAL), Duration.ofSeconds(60));
        assertThat(quantityOf(catalogue, "DESK-1")).as("none configured: every warehouse").isEqualTo(15);
    }

    @Test
    void aWarehouseCodeOdooDoesNotHaveEndsTheSyncNamingTheCodeAndTheKey() {
        storable("DESK-1", 10);
        List<Sku> catalogue = StockCatalogue.mirror(odoo, shop);
        connections.register(orgId, new StockSettings(List.of("WH", "NOPE"), false));

        JsonNode status = runToEnd(startSync(ODOO_TO_SHOP, STOCK, INCREMENTAL), Duration.ofSeconds(60));

        assertThat(status.get("status").asText()).isEqualTo("failed");
        assertThat(status.get("failureReason").asText()).contains("'NOPE'")
                .contains("wooodoo.organizations." + orgId + ".stock.warehouses").contains("WH");
        assertThat(StockCatalogue.shopItem(shop, catalogue.get(0)).get("manage_stock").asBoolean()).as("nothing written").isFalse();
    }

    @Test
    void stockFromTheShopIsRefusedNamingEntityTypes() {
        ApiClient.Answer wrongWay = api.post("{\"action\":\"start\",\"systems\":[\"woocommerce\",\"odoo\"],\"entityTypes\":[\"stock\"]}");
        assertThat(wrongWay.status()).isEqualTo(400);
        assertThat(wrongWay.json().get("success").asBoolean()).isFalse();
        assertThat(wrongWay.json().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(wrongWay.json().at("/error/message").asText()).startsWith("entityTypes: stock goes from Odoo to the shop only");
        assertThat(wrongWay.json().at("/error/details/0/field").asText()).isEqualTo("entityTypes");

        ApiClient.Answer withProducts = api.post("{\"action\":\"start\",\"systems\":[\"odoo\",\"woocommerce\"],"
                + "\"entityTypes\":[\"products\",\"stock\"],\"syncConfig\":{\"dryRun\":true}}");
        assertThat(withProducts.status()).as(withProducts.raw()).isEqualTo(202);
    }

    @Test
    void theShopAnswersVariationsBySkuButNotByInclude() {
        odoo.seedVariableProducts(1, 9);
        Sku variation = StockCatalogue.mirror(odoo, shop).stream().filter(Sku::variation).findFirst().orElseThrow();

        JsonNode bySku = shop.get(API + "products?sku=" + variation.sku()).json();
        JsonNode byInclude = shop.get(API + "products?include=" + variation.shopId()).json();

        assertThat(bySku).hasSize(1);
        assertThat(bySku.get(0).get("parent_id").asLong()).isEqualTo(variation.shopParent());
        assertThat(byInclude).as("like WooCommerce: include lists products only").isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** A storable variant of its own template with this SKU and this much on hand in WH/Stock (none for 0). */
    private long storable(String sku, double onHand) {
        long id = odoo.insert("product.product", Map.of("name", "Product " + sku, "default_code", sku, "type", "product"));
        if (onHand != 0) {
            odoo.setOnHand(id, whStock, onHand);
        }
        return id;
    }

    private long expectedQuantity(long odooId, boolean backorders) {
        double free = odoo.record("product.product", odooId).orElseThrow().get("free_qty").asDouble();
        long units = (long) Math.floor(free);
        return units < 0 && !backorders ? 0 : units;
    }

    private long quantityOf(List<Sku> catalogue, String code) {
        return StockCatalogue.shopItem(shop, sku(catalogue, code)).get("stock_quantity").asLong();
    }

    private static Sku sku(List<Sku> catalogue, String code) {
        return catalogue.stream().filter(s -> s.sku().equals(code)).findFirst().orElseThrow();
    }

    /** A sales order of one line, confirmed in Odoo (which reserves the stock). */
    private void confirmOrder(long productId, int quantity) {
        long partner = odoo.insert("res.partner", Map.of("name", "Walk-in buyer"));
        long order = odoo.insert("sale.order", Map.of("partner_id", partner, "order_line",
                List.of(List.of(0, 0, Map.of("product_id", productId, "product_uom_qty", quantity)))));
        RawHttp.Answer answer = new RawHttp(odoo.baseUrl()).jsonRpc("object", "execute_kw", "test", odoo.uid(), "odoo-password",
                "sale.order", "action_confirm", List.of(List.of(order)), Map.of());
        assertThat(answer.json().has("error")).as(answer.text()).isFalse();
    }

    private List<JsonNode> batchEntries(String syncId) {
        List<JsonNode> entries = new ArrayList<>();
        api.get(ApiClient.BASE + "/activity?syncId=" + syncId + "&limit=200").json().get("entries").forEach(e -> {
            if ("batch".equals(e.path("action").asText())) {
                entries.add(e);
            }
        });
        return entries;
    }
}
