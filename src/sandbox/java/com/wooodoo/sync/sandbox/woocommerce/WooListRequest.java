package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The paging, ordering and {@code include}/{@code exclude} arguments of a list call, checked as
 * WordPress checks them ({@code per_page} 1 to 100, else {@code rest_invalid_param}).
 * Arguments a route does not know are ignored, as WordPress does.
 */
record WooListRequest(int page, int perPage, Comparator<ObjectNode> order, List<Long> include, Set<Long> exclude,
                      Predicate<ObjectNode> filter, boolean byId, boolean descending) {

    /** The records of the asked page, and how many records match in all. */
    record Page(List<ObjectNode> records, int total) {
    }

    static WooListRequest parse(Map<String, String> query, WooResource resource) {
        return parse(query, resource.orderings(), resource.defaultOrderBy(), resource.defaultOrder(), resource::filter);
    }

    /**
     * The arguments of a list call of a collection that is not a {@link WooResource} (tax rates,
     * coupons): its {@code orderby} values, defaults and own filters.
     */
    static WooListRequest parse(Map<String, String> query, Map<String, Comparator<ObjectNode>> orderings,
                                String defaultOrderBy, String defaultOrder,
                                Function<Map<String, String>, Predicate<ObjectNode>> filters) {
        int perPage = integer(query, "per_page", 10, 1, 100);
        int page = integer(query, "page", 1, 1, Integer.MAX_VALUE);
        List<Long> include = ids(query, "include");
        Set<Long> exclude = Set.copyOf(ids(query, "exclude"));
        String orderBy = query.getOrDefault("orderby", defaultOrderBy);
        if (!orderings.containsKey(orderBy)) {
            throw WooApiException.invalidParam("orderby", "orderby is not one of " + String.join(", ", orderings.keySet()) + ".");
        }
        String direction = query.getOrDefault("order", defaultOrder);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw WooApiException.invalidParam("order", "order is not one of asc and desc.");
        }
        Comparator<ObjectNode> byId = Comparator.comparingLong(r -> r.path("id").asLong());
        Comparator<ObjectNode> order = orderBy.equals("include")
                ? Comparator.comparingInt(r -> include.indexOf(r.path("id").asLong()))
                : orderings.get(orderBy).thenComparing(byId);
        if (direction.equals("desc") && !orderBy.equals("include")) {
            order = order.reversed();
        }
        return new WooListRequest(page, perPage, order, include, exclude, filters.apply(query), orderBy.equals("id"),
                direction.equals("desc"));
    }

    /**
     * The page of the matching records among these (by increasing id; {@code byId} finds one). In
     * id order the records are taken as they are, not copied and sorted, and without filters only
     * the page's are; with {@code include} only the included records are looked at.
     */
    Page select(List<ObjectNode> inIdOrder, LongFunction<ObjectNode> byId) {
        if (include.isEmpty() && this.byId) {
            List<ObjectNode> inOrder = descending ? new Reversed(inIdOrder) : inIdOrder;
            long from = (long) (page - 1) * perPage;
            if (exclude.isEmpty() && filter == WooResource.EVERY) {
                return new Page(pageOf(inOrder), inOrder.size());
            }
            List<ObjectNode> kept = new ArrayList<>();
            int total = 0;
            for (ObjectNode record : inOrder) {
                if (matches(record)) {
                    if (total++ >= from && kept.size() < perPage) {
                        kept.add(record);
                    }
                }
            }
            return new Page(kept, total);
        }
        Collection<ObjectNode> candidates = include.isEmpty() ? inIdOrder
                : include.stream().distinct().map(byId::apply).filter(Objects::nonNull).toList();
        List<ObjectNode> matching = candidates.stream().filter(this::matches).sorted(order).toList();
        return new Page(pageOf(matching), matching.size());
    }

    boolean matches(ObjectNode record) {
        long id = record.path("id").asLong();
        return (include.isEmpty() || include.contains(id)) && !exclude.contains(id) && filter.test(record);
    }

    int totalPages(int total) {
        return (total + perPage - 1) / perPage;
    }

    <T> List<T> pageOf(List<T> sorted) {
        long from = (long) (page - 1) * perPage;
        if (from >= sorted.size()) {
            return Collections.emptyList();
        }
        return sorted.subList((int) from, (int) Math.min(sorted.size(), from + perPage));
    }

    /** A list read backwards. */
    private static final class Reversed extends AbstractList<ObjectNode> {

        private final List<ObjectNode> list;

        Reversed(List<ObjectNode> list) {
            this.list = list;
        }

        @Override
        public ObjectNode get(int index) {
            return list.get(list.size() - 1 - index);
        }

        @Override
        public int size() {
            return list.size();
        }
    }

    private static int integer(Map<String, String> query, String param, int fallback, int min, int max) {
        String value = query.get(param);
        if (value == null) {
            return fallback;
        }
        if (!value.strip().matches("-?\\d{1,9}")) {
            throw WooApiException.invalidParam(param, param + " is not of type integer.");
        }
        int number = Integer.parseInt(value.strip());
        if (number < min || number > max) {
            throw WooApiException.invalidParam(param, max == Integer.MAX_VALUE
                    ? param + " must be greater than or equal to " + min
                    : param + " must be between " + min + " (inclusive) and " + max + " (inclusive)");
        }
        return number;
    }

    private static List<Long> ids(Map<String, String> query, String param) {
        String value = query.get(param);
        List<Long> ids = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return ids;
        }
        String[] parts = value.split("[,\\s]+");
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("\\d{1,18}")) {
                throw WooApiException.invalidParam(param, param + "[" + i + "] is not of type integer.");
            }
            ids.add(Long.parseLong(parts[i]));
        }
        return ids;
    }
}
