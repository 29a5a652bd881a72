package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translates many2one ids and the neutral keys they stand for (a country's id and its code), in
 * both directions, with one {@code search_read} for all values not known yet, and keeps what it
 * learnt for the connector's life: such records (countries) practically never change.
 */
final class RelatedKeys {

    /** A related model and the field that holds the neutral key. */
    record Relation(String model, String keyField) {
    }

    private final OdooApi api;
    private final OdooCategories categories;
    private final Map<Relation, Map<Long, String>> keysById = new ConcurrentHashMap<>();
    private final Map<Relation, Map<String, Long>> idsByKey = new ConcurrentHashMap<>();
    /** Keys Odoo did not have when asked ({@link #learntKeysOf}), with the {@link System#nanoTime} of the question. */
    private final Map<Relation, Map<String, Long>> missingSince = new ConcurrentHashMap<>();
    static final java.time.Duration ASK_MISSING_AGAIN = java.time.Duration.ofMinutes(5);

    RelatedKeys(OdooApi api) {
        this(api, null);
    }

    /** @param categories answers {@link OdooCategories#RELATION}: category ids ⇄ paths, created where missing */
    RelatedKeys(OdooApi api, OdooCategories categories) {
        this.api = api;
        this.categories = categories;
    }

    /** The keys of these ids; ids that do not exist (or have no key) are left out. */
    Map<Long, String> keysOf(Relation relation, Collection<Long> ids) {
        if (categories != null && relation.equals(OdooCategories.RELATION)) {
            return categories.pathsOf(ids);
        }
        Map<Long, String> known = keysById.computeIfAbsent(relation, r -> new ConcurrentHashMap<>());
        List<Long> missing = ids.stream().filter(id -> !known.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            learn(relation, OdooCall.where("id", "in", OdooCall.ids(missing)));
        }
        Map<Long, String> found = new HashMap<>();
        ids.forEach(id -> {
            String key = known.get(id);
            if (key != null) {
                found.put(id, key);
            }
        });
        return found;
    }

    /**
     * The keys of those of {@code ids} that hold one of {@code keys}: the records with these keys are
     * looked up (where not known yet) by key, not the ids, which may be many more. A key Odoo does
     * not have is asked again only after {@link #ASK_MISSING_AGAIN} (someone may create it), not on
     * every call.
     */
    Map<Long, String> learntKeysOf(Relation relation, Collection<String> keys, Collection<Long> ids) {
        Map<String, Long> missing = missingSince.computeIfAbsent(relation, r -> new ConcurrentHashMap<>());
        Map<String, Long> byKey = idsByKey.computeIfAbsent(relation, r -> new ConcurrentHashMap<>());
        long now = System.nanoTime();
        List<String> toAsk = keys.stream().distinct().filter(key -> !byKey.containsKey(key))
                .filter(key -> !missing.containsKey(key) || now - missing.get(key) > ASK_MISSING_AGAIN.toNanos()).toList();
        if (!toAsk.isEmpty()) {
            learn(relation, OdooCall.where(relation.keyField(), "in", OdooCall.texts(toAsk)));
            toAsk.stream().filter(key -> !byKey.containsKey(key)).forEach(key -> missing.put(key, now));
        }
        Map<Long, String> known = keysById.getOrDefault(relation, Map.of());
        Set<String> wanted = Set.copyOf(keys);
        Map<Long, String> found = new HashMap<>();
        ids.forEach(id -> {
            String key = known.get(id);
            if (key != null && wanted.contains(key)) {
                found.put(id, key);
            }
        });
        return found;
    }

    /** The ids of these keys (the lowest id where a key is not unique); unknown keys are left out. */
    Map<String, Long> idsOf(Relation relation, Collection<String> keys) {
        if (categories != null && relation.equals(OdooCategories.RELATION)) {
            return categories.idsOf(keys);
        }
        Map<String, Long> known = idsByKey.computeIfAbsent(relation, r -> new ConcurrentHashMap<>());
        Set<String> missing = new LinkedHashSet<>();
        keys.stream().filter(key -> !known.containsKey(key)).forEach(missing::add);
        if (!missing.isEmpty()) {
            learn(relation, OdooCall.where(relation.keyField(), "in", OdooCall.texts(missing)));
        }
        Map<String, Long> found = new HashMap<>();
        keys.forEach(key -> {
            Long id = known.get(key);
            if (id != null) {
                found.put(key, id);
            }
        });
        return found;
    }

    private void learn(Relation relation, com.fasterxml.jackson.databind.node.ArrayNode domain) {
        JsonNode records = api.call(OdooCall.searchRead(relation.model(), domain, List.of(relation.keyField()), null, 0,
                "id asc", true));
        Map<Long, String> byId = keysById.computeIfAbsent(relation, r -> new ConcurrentHashMap<>());
        Map<String, Long> byKey = idsByKey.computeIfAbsent(relation, r -> new ConcurrentHashMap<>());
        for (JsonNode record : records) {
            JsonNode key = record.path(relation.keyField());
            if (record.path("id").isIntegralNumber() && key.isTextual() && !key.asText().isEmpty()) {
                byId.put(record.get("id").asLong(), key.asText());
                byKey.putIfAbsent(key.asText(), record.get("id").asLong());
            }
        }
    }
}
