package com.wooodoo.sync.connector;

import java.util.ArrayList;
import java.util.List;

/**
 * What an organisation's shop may sell, under {@code wooodoo.organizations.<org>.stock}.
 *
 * @param warehouses the codes ({@code stock.warehouse.code}, "WH") of the Odoo warehouses whose free
 *                   quantity the shop sells; empty (the default): every warehouse of the company
 * @param backorders whether a quantity below zero is written as it is (the shop takes backorders);
 *                   false (the default): it is written as 0
 */
public record StockSettings(List<String> warehouses, boolean backorders) {

    /** Every warehouse, no backorders. */
    public static final StockSettings DEFAULTS = new StockSettings(List.of(), false);

    public StockSettings {
        warehouses = List.copyOf(warehouses);
    }

    /** The configuration key of an organisation's warehouses, for messages that tell what to change. */
    public static String warehousesKey(String orgId) {
        return "wooodoo.organizations." + orgId + ".stock.warehouses";
    }

    /** The checked settings of one organisation; a problem names the key to fix. */
    static StockSettings of(String orgId, StockProperties properties, List<String> problems) {
        if (properties == null) {
            return DEFAULTS;
        }
        List<String> codes = new ArrayList<>();
        List<String> configured = properties.getWarehouses() == null ? List.of() : properties.getWarehouses();
        for (int i = 0; i < configured.size(); i++) {
            String code = configured.get(i);
            String key = warehousesKey(orgId) + "[" + i + "]";
            if (code == null || code.isBlank()) {
                problems.add(key + " is blank: give the code of an Odoo warehouse (Inventory › Configuration › "
                        + "Warehouses, 'Short Name', e.g. WH), or remove the entry to sell the stock of every warehouse");
            } else if (codes.contains(code.strip())) {
                problems.add(key + ": '" + code.strip() + "' is listed twice");
            } else {
                codes.add(code.strip());
            }
        }
        return new StockSettings(codes, properties.isBackorders());
    }
}
