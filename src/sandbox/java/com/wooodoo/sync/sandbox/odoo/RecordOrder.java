package com.wooodoo.sync.sandbox.odoo;

import java.util.Comparator;
import java.util.Map;

/**
 * An Odoo {@code order} specification ({@code "write_date asc, id asc"}) as a comparator of
 * stored rows, sorting NULL as PostgreSQL does (last ascending, first descending).
 */
final class RecordOrder {

    private RecordOrder() {
    }

    static Comparator<Map<String, Object>> parse(ModelDef model, String spec) {
        Comparator<Map<String, Object>> order = null;
        for (String part : spec.trim().split("\\s*,\\s*")) {
            String[] words = part.trim().split("\\s+");
            boolean known = words.length <= 2 && model.field(words[0]).isPresent()
                    && (words.length == 1 || words[1].equalsIgnoreCase("asc") || words[1].equalsIgnoreCase("desc"));
            if (!known) {
                throw OdooError.valueError("Invalid \"order\" specified (" + spec + "). A valid \"order\" specification is a "
                        + "comma-separated list of valid field names (optionally followed by asc/desc for the direction)");
            }
            String field = words[0];
            boolean descending = words.length == 2 && words[1].equalsIgnoreCase("desc");
            Comparator<Map<String, Object>> one = (a, b) -> compare(a.get(field), b.get(field), descending);
            order = order == null ? one : order.thenComparing(one);
        }
        Comparator<Map<String, Object>> byId = (a, b) -> Long.compare((Long) a.get("id"), (Long) b.get("id"));
        return order == null ? byId : order.thenComparing(byId);
    }

    /** Whether a (valid) specification orders by id alone, ascending: the order rows are stored in. */
    static boolean isIdAscending(String spec) {
        String[] parts = spec.trim().split("\\s*,\\s*");
        String[] words = parts[0].trim().split("\\s+");
        return parts.length == 1 && words[0].equals("id") && (words.length == 1 || words[1].equalsIgnoreCase("asc"));
    }

    private static int compare(Object a, Object b, boolean descending) {
        if (a == null || b == null) {
            int nulls = a == null && b == null ? 0 : a == null ? 1 : -1;
            return descending ? -nulls : nulls;
        }
        int result;
        if (a instanceof String x && b instanceof String y) {
            result = x.compareToIgnoreCase(y);
            result = result != 0 ? result : x.compareTo(y);
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            result = Boolean.compare(x, y);
        } else {
            result = Domain.compare(a, b);
        }
        return descending ? -result : result;
    }
}
