package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * One REST resource of the simulated shop ({@code customers}, {@code products}, {@code orders}):
 * its JSON shape, the rules WooCommerce applies when writing it, its list filters and orderings.
 * Callers hold the store's monitor.
 */
abstract class WooResource {

    /** Generated records are dated from here on, one minute apart, so they are all in the past. */
    private static final Instant GENERATED_FROM = Instant.parse("2023-01-02T08:00:00Z");

    protected static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    protected final WooStore store;
    private final EntityType type;

    WooResource(EntityType type, WooStore store) {
        this.type = type;
        this.store = store;
    }

    EntityType type() {
        return type;
    }

    String name() {
        return type.id();
    }

    /** A record with every key of WooCommerce's answer, in its order, holding empty values. */
    abstract ObjectNode blank();

    abstract void applyCreate(ObjectNode record, JsonNode body, boolean inBatch);

    abstract void applyUpdate(ObjectNode record, JsonNode body, boolean inBatch);

    /** A realistic record (without id and dates) for seeding. */
    abstract ObjectNode generate(int ordinal, SplittableRandom random);

    /** WooCommerce's error for an id that does not exist, with the status of the operation. */
    abstract WooApiException invalidId(int status);

    abstract WooApiException existsOnCreate();

    /** The filter of a list call without filters: then a page is read without testing every record. */
    static final Predicate<ObjectNode> EVERY = r -> true;

    /** Both filters; one of them {@link #EVERY} gives the other. */
    static Predicate<ObjectNode> both(Predicate<ObjectNode> a, Predicate<ObjectNode> b) {
        return a == EVERY ? b : a.and(b);
    }

    /** The resource's own list filters (besides paging and {@code include}), or {@link #EVERY}; throws for invalid values. */
    abstract Predicate<ObjectNode> filter(Map<String, String> query);

    /** The {@code orderby} values WooCommerce accepts for this resource, each with its ordering. */
    abstract Map<String, Comparator<ObjectNode>> orderings();

    abstract String defaultOrderBy();

    String defaultOrder() {
        return "desc";
    }

    /** Called when the record has its id (order numbers, slugs, user names derive from it). */
    void identified(ObjectNode record) {
    }

    /** Called when a generated record has its id and dates. */
    void seeded(ObjectNode record) {
    }

    void addLinks(ObjectNode links, ObjectNode record, String apiBase) {
    }

    /** Whether an update from {@code before} to {@code after} leaves {@code date_modified} as it was. */
    boolean keepsModified(ObjectNode before, ObjectNode after) {
        return false;
    }

    /** Removes from a copy of a stored record what the store keeps but the API does not show. */
    void conceal(ObjectNode copy) {
    }

    final ObjectNode create(JsonNode body, boolean inBatch, Instant now) {
        if (body.path("id").asLong(0) != 0) {
            throw existsOnCreate();
        }
        ObjectNode record = blank();
        applyCreate(record, body, inBatch);
        record.put("id", store.nextId(type));
        WooDates.stamp(record, "date_created", now);
        WooDates.stamp(record, "date_modified", now);
        identified(record);
        store.put(type, record);
        return record;
    }

    final ObjectNode update(long id, JsonNode body, boolean inBatch, Instant now) {
        ObjectNode current = store.get(type, id).orElseThrow(() -> invalidId(400));
        ObjectNode changed = current.deepCopy();
        applyUpdate(changed, body, inBatch);
        if (!keepsModified(current, changed)) {
            WooDates.stamp(changed, "date_modified", now);
        }
        store.put(type, changed);
        return changed;
    }

    final ObjectNode delete(long id) {
        return store.remove(type, id).orElseThrow(() -> invalidId(404));
    }

    final ObjectNode seed(long seed) {
        return seed(seed, this::generate);
    }

    /** Makes the record of a generated one, as {@link #seed(long)}, with another generator of this resource. */
    final ObjectNode seed(long seed, BiFunction<Integer, SplittableRandom, ObjectNode> generator) {
        int ordinal = store.nextOrdinal(type);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + type.ordinal() * 7_919L + ordinal);
        ObjectNode record = generator.apply(ordinal, random);
        record.put("id", store.nextId(type));
        Instant created = GENERATED_FROM.plus(Duration.ofMinutes(ordinal)).plusSeconds(random.nextInt(60));
        WooDates.stamp(record, "date_created", created);
        WooDates.stamp(record, "date_modified", created.plusSeconds(random.nextInt(3 * 24 * 3600)));
        identified(record);
        seeded(record);
        store.put(type, record);
        return record;
    }

    /** {@code modified_after}/{@code modified_before}/{@code after}/{@code before}, as products and orders have. */
    static Predicate<ObjectNode> dateFilters(Map<String, String> query) {
        boolean gmt = parseBoolean(query, "dates_are_gmt");
        Predicate<ObjectNode> all = r -> true;
        all = all.and(dateFilter(query, "modified_after", "date_modified", gmt, true));
        all = all.and(dateFilter(query, "modified_before", "date_modified", gmt, false));
        all = all.and(dateFilter(query, "after", "date_created", gmt, true));
        return all.and(dateFilter(query, "before", "date_created", gmt, false));
    }

    static boolean parseBoolean(Map<String, String> query, String param) {
        String value = query.get(param);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0", "" -> false;
            default -> throw WooApiException.invalidParam(param, param + " is not of type boolean.");
        };
    }

    private static Predicate<ObjectNode> dateFilter(Map<String, String> query, String param, String field, boolean gmt,
                                                    boolean after) {
        String value = query.get(param);
        if (value == null) {
            return r -> true;
        }
        Instant limit = WooDates.parseQueryDate(value, gmt);
        if (limit == null) {
            throw WooApiException.invalidParam(param, "Invalid date.");
        }
        // WordPress compares whole seconds and excludes the limit itself
        Instant bound = limit.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return r -> {
            Instant at = WooDates.gmt(r, field);
            return at != null && (after ? at.isAfter(bound) : at.isBefore(bound));
        };
    }

    static Comparator<ObjectNode> byText(String field) {
        return Comparator.comparing(r -> r.path(field).asText().toLowerCase());
    }

    static Comparator<ObjectNode> byDate(String field) {
        return Comparator.comparing(r -> r.path(field + "_gmt").asText());
    }

    static Comparator<ObjectNode> byNumber(String field) {
        return Comparator.comparing(r -> WooInput.money(r.path(field).asText("")));
    }
}
