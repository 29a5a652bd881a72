package com.wooodoo.sync.api;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;

import java.util.List;
import java.util.Optional;

/**
 * The direction stock goes: Odoo's free quantities are written to the shop, never the other way
 * (the shop's quantities are what it sold since, not what the warehouse holds). A start naming
 * {@code stock} with other systems than {@code [odoo, woocommerce]} is refused, naming
 * {@code entityTypes}.
 */
final class StockDirection {

    static final List<String> SYSTEMS = List.of(ExternalSystem.ODOO.id(), ExternalSystem.WOOCOMMERCE.id());

    private StockDirection() {
    }

    /** Records the problem on {@code entityTypes} when both fields were read and they disagree. */
    static void check(Optional<List<String>> systems, Optional<List<String>> entityTypes, RequestFields fields) {
        if (systems.isEmpty() || entityTypes.isEmpty() || !entityTypes.get().contains(EntityType.STOCK.id())) {
            return;
        }
        if (!systems.get().equals(SYSTEMS)) {
            fields.problem("entityTypes", "stock goes from Odoo to the shop only: send systems [odoo, woocommerce] "
                    + "for it, or start it apart from the entity types that go " + String.join(" → ", systems.get()));
        }
    }
}
