package com.wooodoo.sync.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a neutral product carries beyond its mapped fields when it is one variant of a product
 * sold in several (a WooCommerce variation of a variable product, an Odoo {@code product.product}
 * of a template with attributes). A product record is always one sellable SKU; a variant also
 * names its parent and its attribute values, from which the other system's parent (a variable
 * product, a template) and attributes are found or made.
 *
 * <ul>
 *   <li>{@value #PARENT}: the parent's name (a template's {@code name}, a variable product's
 *       {@code name}), by which a parent without SKU is found;</li>
 *   <li>{@value #PARENT_SKU}: the variable product's own SKU, where it has one;</li>
 *   <li>{@value #ATTRIBUTES}: the variant's attribute values, in the parent's order, as maps of
 *       {@value #NAME}, {@value #VALUE} and, where the parent's prices are a base plus an extra
 *       per value ({@link VariantPrices}), the value's {@value #EXTRA};</li>
 *   <li>{@value #BASE_PRICE}: that base, where the variant's price is its base plus its extras.</li>
 * </ul>
 * A variant's mapped {@code name} and {@code description} are its parent's.
 */
public final class NeutralProduct {

    public static final String PARENT = "parent";
    public static final String PARENT_SKU = "parentSku";
    public static final String ATTRIBUTES = "attributes";
    public static final String NAME = "name";
    public static final String VALUE = "value";
    public static final String EXTRA = "extra";
    public static final String BASE_PRICE = "basePrice";

    private NeutralProduct() {
    }

    /** Whether the record is a variant of a parent product. */
    public static boolean isVariant(Map<String, Object> fields) {
        Object parent = fields.get(PARENT);
        return parent != null && !parent.toString().isBlank();
    }

    public static String parentOf(Map<String, Object> fields) {
        return isVariant(fields) ? fields.get(PARENT).toString().strip() : null;
    }

    /** The variant's attribute values by attribute name, in order; empty for a simple product. */
    public static Map<String, String> attributesOf(Map<String, Object> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        if (fields.get(ATTRIBUTES) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> pair && pair.get(NAME) != null && pair.get(VALUE) != null) {
                    values.put(pair.get(NAME).toString().strip(), pair.get(VALUE).toString().strip());
                }
            }
        }
        return values;
    }

    /** The neutral form of attribute values, as {@link #ATTRIBUTES} holds them. */
    public static List<Map<String, Object>> attributeList(Map<String, String> values) {
        List<Map<String, Object>> list = new ArrayList<>();
        values.forEach((name, value) -> list.add(Map.of(NAME, name, VALUE, value)));
        return List.copyOf(list);
    }

    /** The neutral form of attribute values with their price extras. */
    public static List<Map<String, Object>> attributeList(Map<String, String> values, Map<String, java.math.BigDecimal> extras) {
        List<Map<String, Object>> list = new ArrayList<>();
        values.forEach((name, value) -> list.add(Map.of(NAME, name, VALUE, value, EXTRA, extras.get(VariantPrices.key(name, value)))));
        return List.copyOf(list);
    }

    /** The price extras of the variant's values, by {@link VariantPrices#key}; empty when it has none. */
    public static Map<String, java.math.BigDecimal> extrasOf(Map<String, Object> fields) {
        Map<String, java.math.BigDecimal> extras = new LinkedHashMap<>();
        if (fields.get(ATTRIBUTES) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> pair && pair.get(EXTRA) instanceof java.math.BigDecimal extra) {
                    extras.put(VariantPrices.key(pair.get(NAME).toString(), pair.get(VALUE).toString()), extra);
                }
            }
        }
        return extras;
    }

    /** The same attribute values, whatever the case and order: how a variant is found by its values. */
    public static String combinationKey(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey().strip().toLowerCase(Locale.ROOT) + "=" + e.getValue().strip().toLowerCase(Locale.ROOT))
                .sorted().reduce((a, b) -> a + "|" + b).orElse("");
    }

    /** "variation of 'Nordic Jumper' (Size: L, Colour: Blue)", for messages about a variant; empty otherwise. */
    public static Optional<String> describe(Map<String, Object> fields) {
        if (!isVariant(fields)) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        attributesOf(fields).forEach((name, value) -> values.add(name + ": " + value));
        return Optional.of("variant of '" + parentOf(fields) + "' (" + String.join(", ", values) + ")");
    }
}
