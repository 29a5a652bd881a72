package com.wooodoo.sync.connector;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of records a sync copies, in the order they depend on each other. {@link #STOCK} is
 * the free quantity of Odoo's products written to the shop's products and variations (Odoo → shop only).
 */
public enum EntityType {
    CUSTOMERS("customers"),
    PRODUCTS("products"),
    ORDERS("orders"),
    STOCK("stock");

    private final String id;

    EntityType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<EntityType> fromId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
