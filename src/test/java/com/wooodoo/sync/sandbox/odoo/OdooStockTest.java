package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.wooodoo.sync.sandbox.odoo.OdooCatalogueTest.ok;
import static com.wooodoo.sync.sandbox.odoo.OdooCatalogueTest.result;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.DATABASE;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.LOGIN;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The simulated Inventory app over HTTP: warehouses, stock per warehouse and location, reservations by sales orders. */
class OdooStockTest {

    private static final Instant CREATED = Instant.parse("2025-06-01T08:00:00Z");
    private static final Instant COUNTED = Instant.parse("2025-06-02T09:30:00Z");

    private OdooSimulator odoo;
    private RawHttp http;
    private long wh;
    private long whStock;
    private long desk;

    @BeforeEach
    void start() {
        odoo = new OdooSimulator(0, 5, DATABASE, LOGIN, PASSWORD, OdooFixtures.API_KEY).start();
        odoo.setClock(Clock.fixed(CREATED, ZoneOffset.UTC));
        http = new RawHttp(odoo.baseUrl());
        wh = odoo.mainWarehouseId();
        whStock = odoo.stockLocationId(wh);
        desk = odoo.insert("product.product", Map.of("name", "Desk", "default_code", "D-1", "type", "product", "list_price", 100.0));
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void aFreshDatabaseHasOneWarehouseWithItsStockLocation() {
        JsonNode warehouse = read("stock.warehouse", wh);
        assertThat(warehouse.get("code").asText()).isEqualTo("WH");
        assertThat(warehouse.at("/lot_stock_id/1").asText()).isEqualTo("WH/Stock");
        JsonNode location = read("stock.location", whStock);
        assertThat(location.get("usage").asText()).isEqualTo("internal");
        assertThat(location.at("/warehouse_id/0").asLong()).isEqualTo(wh);

        long second = odoo.addWarehouse("Second Warehouse", "WH2");
        assertThat(read("stock.location", odoo.stockLocationId(second)).get("complete_name").asText()).isEqualTo("WH2/Stock");
    }

    @Test
    void quantitiesFollowTheWarehouseOrLocationOfTheContext() {
        long second = odoo.addWarehouse("Second Warehouse", "WH2");
        odoo.setOnHand(desk, whStock, 10);
        odoo.setOnHand(desk, odoo.stockLocationId(second), 4);

        assertThat(quantity(Map.of(), "qty_available")).isEqualTo(14);
        assertThat(quantity(Map.of("warehouse", second), "qty_available")).isEqualTo(4);
        assertThat(quantity(Map.of("warehouse_id", wh), "free_qty")).isEqualTo(10);
        assertThat(quantity(Map.of("warehouse", "Second Warehouse"), "free_qty")).isEqualTo(4);
        assertThat(quantity(Map.of("location", whStock), "qty_available")).isEqualTo(10);
        assertThat(quantity(Map.of("location", odoo.stockLocationId(second)), "virtual_available")).isEqualTo(4);
        long template = read("product.product", desk).at("/product_tmpl_id/0").asLong();
        assertThat(result(http.executeKw("product.template", "read", List.of(List.of(template), List.of("qty_available")),
                Map.of("context", Map.of("warehouse", second)))).get(0).get("qty_available").asDouble()).isEqualTo(4);
        assertThat(result(http.executeKw("product.product", "search_count", List.of(List.of(List.of("qty_available", ">", 0))),
                Map.of())).asInt()).isEqualTo(1);
    }

    @Test
    void updatingTheQuantityMovesTheQuantsWriteDateNotTheProducts() {
        odoo.setClock(Clock.fixed(COUNTED, ZoneOffset.UTC));
        long quant = result(http.executeKw("stock.quant", "create",
                List.of(Map.of("product_id", desk, "location_id", whStock, "inventory_quantity", 7)), Map.of())).asLong();
        assertThat(read("stock.quant", quant).get("inventory_quantity_set").asBoolean()).isTrue();
        ok(http.executeKw("stock.quant", "action_apply_inventory", List.of(List.of(quant)), Map.of()));

        JsonNode read = read("stock.quant", quant);
        assertThat(read.get("quantity").asDouble()).isEqualTo(7);
        assertThat(read.get("inventory_quantity_set").asBoolean()).isFalse();
        assertThat(read.get("write_date").asText()).isEqualTo("2025-06-02 09:30:00");
        assertThat(quantity(Map.of(), "qty_available")).isEqualTo(7);
        JsonNode product = read("product.product", desk);
        assertThat(product.get("write_date").asText()).isEqualTo("2025-06-01 08:00:00");
        assertThat(read("product.template", product.at("/product_tmpl_id/0").asLong()).get("write_date").asText())
                .isEqualTo("2025-06-01 08:00:00");

        long again = odoo.setOnHand(desk, whStock, 3);
        assertThat(again).as("the same quant").isEqualTo(quant);
        assertThat(quantity(Map.of(), "qty_available")).isEqualTo(3);
        assertThat(read("product.product", desk).get("write_date").asText()).isEqualTo("2025-06-01 08:00:00");
    }

    @Test
    void aConfirmedOrderReservesStorableStockAndCancellingReleasesIt() {
        long quant = odoo.setOnHand(desk, whStock, 10);
        long lamp = odoo.insert("product.product", Map.of("name", "Lamp", "list_price", 30.0));
        long fee = odoo.insert("product.product", Map.of("name", "Fee", "type", "service"));
        long partner = odoo.insert("res.partner", Map.of("name", "Axelor"));
        long order = odoo.insert("sale.order", Map.of("partner_id", partner, "order_line", List.of(
                List.of(0, 0, Map.of("product_id", desk, "product_uom_qty", 3)),
                List.of(0, 0, Map.of("product_id", lamp, "product_uom_qty", 2)),
                List.of(0, 0, Map.of("product_id", fee)))));
        assertThat(read("sale.order", order).at("/warehouse_id/0").asLong()).isEqualTo(wh);

        odoo.setClock(Clock.fixed(COUNTED, ZoneOffset.UTC));
        ok(http.executeKw("sale.order", "action_confirm", List.of(List.of(order)), Map.of()));

        JsonNode moves = result(http.executeKw("stock.move", "search_read", List.of(List.of(List.of("origin", "=", "S00001"))),
                Map.of("fields", List.of("product_id", "product_uom_qty", "quantity", "state", "location_id", "location_dest_id", "write_date"))));
        assertThat(moves).as("no move for a service").hasSize(2);
        JsonNode deskMove = moves.get(0).at("/product_id/0").asLong() == desk ? moves.get(0) : moves.get(1);
        JsonNode lampMove = deskMove == moves.get(0) ? moves.get(1) : moves.get(0);
        assertThat(deskMove.get("state").asText()).isEqualTo("assigned");
        assertThat(deskMove.get("quantity").asDouble()).isEqualTo(3);
        assertThat(deskMove.at("/location_id/1").asText()).isEqualTo("WH/Stock");
        assertThat(deskMove.at("/location_dest_id/1").asText()).isEqualTo("Partners/Customers");
        assertThat(deskMove.get("write_date").asText()).isEqualTo("2025-06-02 09:30:00");
        assertThat(lampMove.get("state").asText()).as("a consumable is not reserved").isEqualTo("assigned");
        JsonNode reservedQuant = read("stock.quant", quant);
        assertThat(reservedQuant.get("reserved_quantity").asDouble()).isEqualTo(3);
        assertThat(reservedQuant.get("available_quantity").asDouble()).isEqualTo(7);
        assertThat(reservedQuant.get("write_date").asText()).isEqualTo("2025-06-02 09:30:00");
        assertThat(quantity(Map.of(), "qty_available")).isEqualTo(10);
        assertThat(quantity(Map.of(), "free_qty")).isEqualTo(7);
        assertThat(quantity(Map.of(), "virtual_available")).isEqualTo(7);
        assertThat(quantity(Map.of(), "outgoing_qty")).isEqualTo(3);

        ok(http.executeKw("sale.order", "action_cancel", List.of(List.of(order)), Map.of("context", Map.of("disable_cancel_warning", true))));
        assertThat(read("stock.quant", quant).get("reserved_quantity").asDouble()).isZero();
        assertThat(read("stock.move", deskMove.get("id").asLong()).get("state").asText()).isEqualTo("cancel");
        assertThat(quantity(Map.of(), "free_qty")).isEqualTo(10);
        assertThat(quantity(Map.of(), "virtual_available")).isEqualTo(10);
    }

    @Test
    void anOrderForMoreThanIsFreeReservesWhatThereIs() {
        odoo.setOnHand(desk, whStock, 4);
        long partner = odoo.insert("res.partner", Map.of("name", "Axelor"));
        long first = odoo.insert("sale.order", Map.of("partner_id", partner, "order_line",
                List.of(List.of(0, 0, Map.of("product_id", desk, "product_uom_qty", 3)))));
        long second = odoo.insert("sale.order", Map.of("partner_id", partner, "order_line",
                List.of(List.of(0, 0, Map.of("product_id", desk, "product_uom_qty", 5)))));
        ok(http.executeKw("sale.order", "action_confirm", List.of(List.of(first, second)), Map.of()));

        JsonNode moves = result(http.executeKw("stock.move", "search_read", List.of(List.of(List.of("sale_line_id", "!=", false))),
                Map.of("fields", List.of("quantity", "state"),
                "order", "id asc")));
        assertThat(moves.get(0).get("state").asText()).isEqualTo("assigned");
        assertThat(moves.get(1).get("state").asText()).isEqualTo("partially_available");
        assertThat(moves.get(1).get("quantity").asDouble()).isEqualTo(1);
        assertThat(quantity(Map.of(), "free_qty")).isZero();
        assertThat(quantity(Map.of(), "virtual_available")).isEqualTo(-4);
    }

    private double quantity(Map<String, Object> context, String field) {
        return result(http.executeKw("product.product", "search_read", List.of(List.of(List.of("id", "=", desk))),
                Map.of("fields", List.of(field), "context", context))).get(0).get(field).asDouble();
    }

    private JsonNode read(String model, long id) {
        return result(http.executeKw(model, "read", List.of(List.of(id)), Map.of())).get(0);
    }
}
