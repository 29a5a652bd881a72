package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The stock fields of products and variations, written and derived as WooCommerce does
 * ({@code WC_Product::validate_props}): when stock is managed, {@code stock_status} follows the
 * quantity ({@code instock} above 0, else {@code onbackorder} when backorders are allowed, else
 * {@code outofstock}); when it is not, the quantity is null, backorders are {@code no} and the
 * status is the one posted.
 */
final class WooStock {

    /** The fields a stock update writes (and that alone leave {@code date_modified} as it is). */
    static final List<String> FIELDS = List.of("manage_stock", "stock_quantity", "stock_status", "backorders",
            "backorders_allowed", "backordered");
    private static final List<String> STATUSES = List.of("instock", "outofstock", "onbackorder");
    private static final List<String> BACKORDERS = List.of("no", "notify", "yes");

    private WooStock() {
    }

    /** Takes the posted stock fields, then derives the status. */
    static void apply(ObjectNode record, JsonNode body) {
        Boolean manage = WooInput.bool(body, "manage_stock");
        if (manage != null) {
            record.put("manage_stock", manage);
        }
        String status = WooInput.text(body, "stock_status");
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw WooApiException.invalidParam("stock_status", "stock_status is not one of instock, outofstock, and onbackorder.");
            }
            record.put("stock_status", status);
        }
        String backorders = WooInput.text(body, "backorders");
        if (backorders != null) {
            if (!BACKORDERS.contains(backorders)) {
                throw WooApiException.invalidParam("backorders", "backorders is not one of no, notify, and yes.");
            }
            record.put("backorders", backorders);
        }
        Long quantity = WooInput.integer(body, "stock_quantity");
        if (record.path("manage_stock").asBoolean()) {
            if (quantity != null) {
                record.put("stock_quantity", quantity);
            } else if (record.get("stock_quantity").isNull()) {
                record.put("stock_quantity", 0);
            }
        } else {
            record.putNull("stock_quantity");
            record.put("backorders", "no");
        }
        derive(record);
    }

    /** The status of managed stock and the read-only {@code backorders_allowed}, {@code backordered}. */
    static void derive(ObjectNode record) {
        boolean allowed = !record.path("backorders").asText("no").equals("no");
        boolean managed = record.path("manage_stock").asBoolean();
        long quantity = record.path("stock_quantity").asLong();
        if (managed) {
            record.put("stock_status", quantity > 0 ? "instock" : allowed ? "onbackorder" : "outofstock");
        }
        record.put("backorders_allowed", allowed);
        record.put("backordered", record.path("stock_status").asText().equals("onbackorder")
                || managed && allowed && quantity < 0);
    }

    /** {@code wc_update_product_stock} with {@code decrease}: the stored record, its date left alone. */
    static void reduce(ObjectNode record, long quantity) {
        if (record.path("manage_stock").asBoolean()) {
            record.put("stock_quantity", record.path("stock_quantity").asLong() - quantity);
            derive(record);
        }
    }

    /** Whether {@code after} differs from {@code before} in stock fields only (and does differ). */
    static boolean onlyStockChanged(ObjectNode before, ObjectNode after) {
        if (before.equals(after)) {
            return false;
        }
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        for (ObjectNode node : List.of(a, b)) {
            node.remove(FIELDS);
            node.remove(List.of("date_modified", "date_modified_gmt"));
        }
        return a.equals(b);
    }
}
