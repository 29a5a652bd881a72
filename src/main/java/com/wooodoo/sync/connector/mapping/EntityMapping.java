package com.wooodoo.sync.connector.mapping;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;

import java.util.List;
import java.util.Optional;

/**
 * The mapping of one entity type, from {@code config/mappings/<entity>.yaml}.
 *
 * @param naturalKey the neutral field that identifies a record in both systems (e-mail, SKU,
 *                   order number)
 * @param models     where the entity lives in each system: a REST resource for WooCommerce
 *                   ({@code customers}), a model for Odoo ({@code res.partner})
 * @param importedStatuses for orders: the shop statuses of the orders synced to Odoo (the others
 *                   are left out); empty for the other entity types
 * @param orderRules for orders: how an order becomes an Odoo sales order (statuses, guests, taxes,
 *                   shipping, fees, currencies, totals); {@link OrderRules#NONE} for the others
 * @param source     the file it was read from, for messages
 */
public record EntityMapping(EntityType entity, String naturalKey, java.util.Map<ExternalSystem, String> models,
                            List<FieldMapping> fields, List<String> importedStatuses, OrderRules orderRules,
                            String source) {

    public Optional<FieldMapping> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public FieldMapping naturalKeyField() {
        return field(naturalKey).orElseThrow();
    }

    public String model(ExternalSystem system) {
        return models.get(system);
    }

    /** The record's natural key (its e-mail, SKU, number); empty when it has none or a blank one. */
    public java.util.Optional<String> naturalKeyOf(com.wooodoo.sync.connector.SyncRecord record) {
        Object key = record.fields().get(naturalKey);
        return key == null || key.toString().isBlank() ? java.util.Optional.empty() : java.util.Optional.of(key.toString());
    }

    /** The natural keys of these records, each once, in order. */
    public java.util.List<String> naturalKeysOf(java.util.Collection<com.wooodoo.sync.connector.SyncRecord> records) {
        return records.stream().map(this::naturalKeyOf).flatMap(java.util.Optional::stream).distinct().toList();
    }
}
