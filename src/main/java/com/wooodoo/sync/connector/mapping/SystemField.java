package com.wooodoo.sync.connector.mapping;

import java.util.Optional;

/**
 * Where a neutral field lives in one system.
 *
 * @param path     the field in the system's JSON: a dotted path for WooCommerce
 *                 ({@code billing.phone}), a field name for Odoo ({@code country_id})
 * @param many2one for Odoo: the related model when the field is a many2one resolved by a key
 *                 rather than by our own links (e.g. {@code res.country})
 * @param by       with {@code many2one}: the related model's field that holds the neutral value
 *                 (e.g. {@code code})
 * @param part     for a system that keeps one name where the other keeps two: {@code first} or
 *                 {@code last} part of {@code path} (joined with a space when written)
 * @param readOnly the system computes this field: it is read but never written
 */
public record SystemField(String path, Optional<String> many2one, Optional<String> by, Optional<String> part,
                          boolean readOnly) {

    public static SystemField of(String path) {
        return new SystemField(path, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
