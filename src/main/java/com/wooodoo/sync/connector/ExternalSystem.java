package com.wooodoo.sync.connector;

import java.util.Arrays;
import java.util.Optional;

/** The external systems a sync reads from and writes to. */
public enum ExternalSystem {
    WOOCOMMERCE("woocommerce"),
    ODOO("odoo");

    private final String id;

    ExternalSystem(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ExternalSystem> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
