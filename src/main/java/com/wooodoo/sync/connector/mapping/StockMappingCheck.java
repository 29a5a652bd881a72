package com.wooodoo.sync.connector.mapping;

import com.wooodoo.sync.connector.EntityType;

/**
 * What the stock sync needs of {@code stock.yaml}: the natural key {@code sku} and a whole-number
 * field {@code quantity}, each mapped to a plain field of both systems (the shop's
 * {@code stock_quantity} of a product or variation, Odoo's {@code free_qty} of a variant).
 */
final class StockMappingCheck {

    static final String SKU = "sku";
    static final String QUANTITY = "quantity";

    private StockMappingCheck() {
    }

    static void check(EntityMapping mapping) {
        if (mapping.entity() != EntityType.STOCK) {
            return;
        }
        String source = mapping.source();
        if (!SKU.equals(mapping.naturalKey())) {
            throw new MappingException(source + ": naturalKey must be '" + SKU + "' (stock is matched by SKU)");
        }
        FieldMapping quantity = mapping.field(QUANTITY).orElseThrow(() -> new MappingException(source
                + ": fields." + QUANTITY + " is required (type integer: the shop's stock_quantity, Odoo's free_qty)"));
        if (quantity.type() != FieldType.INTEGER) {
            throw new MappingException(source + ": fields." + QUANTITY + ".type must be integer (stock is counted in whole units)");
        }
        for (FieldMapping field : mapping.fields()) {
            if (field.type() == FieldType.REFERENCE || field.type() == FieldType.LINES) {
                throw new MappingException(source + ": fields." + field.name() + ": stock maps plain fields only, no "
                        + field.type().name().toLowerCase(java.util.Locale.ROOT));
            }
            field.systems().values().forEach(system -> {
                if (system.many2one().isPresent() || system.part().isPresent()) {
                    throw new MappingException(source + ": fields." + field.name()
                            + ": stock maps plain fields only (no many2one, no name part)");
                }
            });
        }
    }
}
