package com.wooodoo.sync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.mapping.MappingLoader;

import java.nio.file.Path;
import java.util.List;

/** The shop orders a WooCommerce → Odoo sync imports: those of the statuses config/mappings/orders.yaml names. */
public final class ImportedOrders {

    private static final List<String> STATUSES =
            MappingLoader.load(Path.of("config", "mappings", "orders.yaml"), EntityType.ORDERS).importedStatuses();

    private ImportedOrders() {
    }

    public static boolean isImported(JsonNode shopOrder) {
        return STATUSES.contains(shopOrder.path("status").asText());
    }

    public static List<JsonNode> of(List<JsonNode> shopOrders) {
        return shopOrders.stream().filter(ImportedOrders::isImported).toList();
    }
}
