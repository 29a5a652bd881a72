package com.wooodoo.sync.connector;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One record in the neutral model: the mapped fields of a customer, product or order, named as in
 * {@code config/mappings/<entity>.yaml}, independent of either system.
 *
 * <p>Values are {@code String}, {@code java.math.BigDecimal}, {@code Long}, {@code Boolean},
 * {@code null}, or for {@code lines} fields a {@code List<Map<String, Object>>} of the same. A
 * {@code reference} field (an order's customer, a line's product) holds the referenced record's
 * id in the same system as this record.
 *
 * @param id         the record's id in {@code system}; null for a record not yet written there
 * @param modifiedAt when the system last changed it, where the system says so
 */
public record SyncRecord(EntityType type, ExternalSystem system, String id, Map<String, Object> fields,
                         Instant modifiedAt) {

    public Optional<Object> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
