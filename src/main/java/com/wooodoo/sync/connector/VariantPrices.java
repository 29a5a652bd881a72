package com.wooodoo.sync.connector;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The prices of a parent's variants as a base price plus an extra per attribute value, the only
 * way Odoo holds them ({@code list_price} of the template, {@code price_extra} of each value).
 * Found from all the variants at once: the first variant's price is the base and its values add
 * nothing; every other value's extra follows from a variant whose other values are known, as
 * often as needed. A variant whose price the result does not give (the shop prices that
 * combination on its own) is a misfit.
 *
 * @param base    the parent's price, empty when no variant has a price
 * @param extras  by {@link #key} of attribute and value
 * @param misfits the indexes of the variants whose price is not base plus their extras
 */
public record VariantPrices(Optional<BigDecimal> base, Map<String, BigDecimal> extras, Set<Integer> misfits) {

    /** One variant: its attribute values and its price (null: none). */
    public record Variant(Map<String, String> values, BigDecimal price) {
    }

    public static VariantPrices of(List<Variant> variants) {
        int first = -1;
        for (int i = 0; i < variants.size() && first < 0; i++) {
            if (variants.get(i).price() != null) {
                first = i;
            }
        }
        if (first < 0) {
            return new VariantPrices(Optional.empty(), Map.of(), Set.of());
        }
        BigDecimal base = variants.get(first).price();
        Map<String, BigDecimal> extras = new HashMap<>();
        variants.get(first).values().forEach((name, value) -> extras.put(key(name, value), BigDecimal.ZERO));
        boolean open = true;
        while (open) {
            boolean progress = true;
            while (progress) {
                progress = false;
                for (Variant variant : variants) {
                    List<String> unknown = unknown(variant, extras);
                    if (variant.price() != null && unknown.size() == 1) {
                        extras.put(unknown.get(0), variant.price().subtract(base).subtract(known(variant, extras)));
                        progress = true;
                    }
                }
            }
            // values only ever seen beside other unknown ones: all but one add nothing, then go on
            open = false;
            for (Variant variant : variants) {
                List<String> unknown = unknown(variant, extras);
                if (variant.price() != null && unknown.size() > 1) {
                    unknown.subList(1, unknown.size()).forEach(k -> extras.put(k, BigDecimal.ZERO));
                    open = true;
                    break;
                }
            }
        }
        Set<Integer> misfits = new TreeSet<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            variant.values().forEach((name, value) -> extras.putIfAbsent(key(name, value), BigDecimal.ZERO));
            if (variant.price() != null && base.add(known(variant, extras)).compareTo(variant.price()) != 0) {
                misfits.add(i);
            }
        }
        return new VariantPrices(Optional.of(base), Map.copyOf(extras), Set.copyOf(misfits));
    }

    /** How an attribute value is named in {@link #extras}: without case. */
    public static String key(String attribute, String value) {
        return attribute.strip().toLowerCase(java.util.Locale.ROOT) + "=" + value.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> unknown(Variant variant, Map<String, BigDecimal> extras) {
        List<String> unknown = new ArrayList<>();
        variant.values().forEach((name, value) -> {
            if (!extras.containsKey(key(name, value))) {
                unknown.add(key(name, value));
            }
        });
        return unknown;
    }

    private static BigDecimal known(Variant variant, Map<String, BigDecimal> extras) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, String> value : variant.values().entrySet()) {
            sum = sum.add(extras.getOrDefault(key(value.getKey(), value.getValue()), BigDecimal.ZERO));
        }
        return sum;
    }
}
