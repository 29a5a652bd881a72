package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.mapping.MappingCatalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes stock records over the shop's products and variations: {@code manage_stock: true} and
 * the quantity ({@code stock_quantity}), nothing else. Simple products go through
 * {@code POST /products/batch}, variations grouped by parent through
 * {@code POST /products/<parent>/variations/batch}, at most 100 items per call (see
 * {@link WooBatchWriter}); an item WooCommerce refuses is that record's failure. A quantity is
 * absolute, so writing it again is harmless: a call that fails as a whole fails the batch, which
 * the pipeline tries again as a whole. Stock never creates a product: a SKU the shop does not
 * have is left out by the pipeline before it reaches here.
 */
final class WooStockWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final WooBatchWriter writer;
    private final WooStockTargets targets;
    private final MappingCatalog mappings;

    WooStockWriter(WooBatchWriter writer, WooStockTargets targets, MappingCatalog mappings) {
        this.writer = writer;
        this.targets = targets;
        this.mappings = mappings;
    }

    /** Stock is only ever written over what the shop has; asked to create, each record fails. */
    List<WriteOutcome> create(List<SyncRecord> records) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            outcomes.add(WriteOutcome.failed(i, new ConnectorException(ExternalSystem.WOOCOMMERCE, FailureKind.VALIDATION, null, 0,
                    "stock never creates a product: SKU '" + records.get(i).fields().get("sku") + "' is not in the shop")));
        }
        return outcomes;
    }

    List<WriteOutcome> update(List<TargetUpdate> updates) {
        String quantityPath = mappings.of(EntityType.STOCK).field("quantity").orElseThrow().in(ExternalSystem.WOOCOMMERCE)
                .orElseThrow().path();
        WriteOutcome[] outcomes = new WriteOutcome[updates.size()];
        List<WooBatchWriter.Item> products = new ArrayList<>();
        Map<Long, List<WooBatchWriter.Item>> variations = new LinkedHashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            TargetUpdate update = updates.get(i);
            String id = update.targetId() == null ? "" : update.targetId().strip();
            Object quantity = update.record().fields().get("quantity");
            String[] parts = id.split("/", -1);
            if (!(quantity instanceof Number number)) {
                outcomes[i] = WriteOutcome.failed(i, new ConnectorException(ExternalSystem.WOOCOMMERCE, FailureKind.VALIDATION,
                        null, 0, "the stock record of SKU '" + update.record().fields().get("sku") + "' has no quantity"));
                continue;
            }
            if (!parts[parts.length - 1].matches("\\d{1,18}") || parts.length > 2
                    || parts.length == 2 && !parts[0].matches("\\d{1,18}")) {
                outcomes[i] = WriteOutcome.failed(i, new ConnectorException(ExternalSystem.WOOCOMMERCE, FailureKind.NOT_FOUND,
                        null, 0, "'" + id + "' is not a WooCommerce product or variation (<parent>/<variation>) id"));
                continue;
            }
            ObjectNode json = NODES.objectNode().put("id", Long.parseLong(parts[parts.length - 1]))
                    .put("manage_stock", true).put(quantityPath, number.longValue());
            Object sku = update.record().fields().get("sku");
            WooBatchWriter.Item item = new WooBatchWriter.Item(i, json, sku == null ? null : sku.toString());
            if (parts.length == 1) {
                products.add(item);
            } else {
                variations.computeIfAbsent(Long.parseLong(parts[0]), p -> new ArrayList<>()).add(item);
            }
        }
        writer.write("products", "update", products, outcomes, (item, answer) -> { });
        variations.forEach((parent, items) ->
                writer.write("products/" + parent + "/variations", "update", items, outcomes, (item, answer) -> { }));
        for (int i = 0; i < outcomes.length; i++) {
            WriteOutcome outcome = outcomes[i];
            if (outcome != null && outcome.succeeded()) {
                // the batch answers a variation's own id: the stock record's target is <parent>/<variation>
                String id = updates.get(i).targetId().strip();
                outcomes[i] = WriteOutcome.written(i, id);
                Object sku = updates.get(i).record().fields().get("sku");
                targets.remember(id, sku == null ? null : sku.toString());
            }
        }
        return List.of(outcomes);
    }
}
