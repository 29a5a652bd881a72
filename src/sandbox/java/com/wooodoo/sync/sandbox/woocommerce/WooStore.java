package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulated shop's data. Not thread-safe by itself: the simulator holds the store's monitor
 * for each whole operation ({@code synchronized (store)}), so a batch is checked and applied as
 * one step, like WooCommerce processing a batch's items one after the other.
 *
 * <p>Ids are allocated like WordPress does: customers are users (their own sequence, 1 being the
 * shop's admin), products and orders are posts sharing one sequence, order line items another.
 */
final class WooStore {

    private static final Map<EntityType, List<String>> INDEXED = Map.of(
            EntityType.CUSTOMERS, List.of("email", "username"),
            EntityType.PRODUCTS, List.of("sku", "slug"));

    private final Map<EntityType, WooRecords> records = new EnumMap<>(EntityType.class);
    private final Map<EntityType, Integer> generated = new EnumMap<>(EntityType.class);
    private final Map<String, Map<String, TreeSet<Long>>> indexes = new HashMap<>();
    private final WooTaxes taxes = new WooTaxes();
    private WooRecords coupons = new WooRecords();
    private final Set<String> lockedSkus = new HashSet<>();
    private final WooRecords variations = new WooRecords();
    private final Map<String, TreeSet<Long>> variationSkus = new HashMap<>();
    private final WooRecords categories = new WooRecords();
    private final WooRecords attributes = new WooRecords();
    private final WooRecords terms = new WooRecords();
    private long lastUserId;
    private long lastTermId;
    private long lastAttributeId;
    private long lastPostId;
    private long lastItemId;

    WooStore() {
        clear();
    }

    void clear() {
        for (EntityType type : EntityType.values()) {
            records.put(type, new WooRecords());
            generated.put(type, 0);
        }
        indexes.clear();
        lockedSkus.clear();
        lastUserId = 1;
        lastPostId = 10;
        lastItemId = 0;
        clearCatalogue();
        coupons = new WooRecords();
        WooCoupons.seeds().forEach(c -> coupons.put(c.path("id").asLong(), c));
    }

    /**
     * Empties variations, attributes and terms, and puts back the product categories of a fresh
     * shop: {@link WooCategories#UNCATEGORIZED} and those of the generated products.
     */
    private void clearCatalogue() {
        for (ObjectNode v : List.copyOf(variations.inIdOrder())) {
            variations.remove(v.path("id").asLong());
        }
        variationSkus.clear();
        for (WooRecords r : List.of(categories, attributes, terms)) {
            for (ObjectNode record : List.copyOf(r.inIdOrder())) {
                r.remove(record.path("id").asLong());
            }
        }
        lastAttributeId = 0;
        lastTermId = 0;
        for (ObjectNode category : WooCategories.freshShop()) {
            categories.put(category.path("id").asLong(), category);
            lastTermId = Math.max(lastTermId, category.path("id").asLong());
        }
    }

    /** The next term id: categories and attribute terms are WordPress terms, one sequence. */
    long nextTermId() {
        return ++lastTermId;
    }

    long nextAttributeId() {
        return ++lastAttributeId;
    }

    /** Product categories by id (not a copy: only while holding the store's monitor). */
    WooRecords categories() {
        return categories;
    }

    /** Global attributes ({@code pa_*} taxonomies) by id. */
    WooRecords attributes() {
        return attributes;
    }

    /** Attribute terms by id, each with its attribute in {@code _attribute}. */
    WooRecords terms() {
        return terms;
    }

    /** Variations by id; each names its variable product in {@code parent_id}. */
    List<ObjectNode> variationsInIdOrder() {
        return variations.inIdOrder();
    }

    Optional<ObjectNode> variation(long id) {
        return Optional.ofNullable(variations.get(id));
    }

    void putVariation(ObjectNode variation) {
        long id = variation.path("id").asLong();
        unindexVariation(variations.put(id, variation));
        variationSkus.computeIfAbsent(key(variation, "sku"), k -> new TreeSet<>()).add(id);
    }

    Optional<ObjectNode> removeVariation(long id) {
        ObjectNode removed = variations.remove(id);
        unindexVariation(removed);
        return Optional.ofNullable(removed);
    }

    private void unindexVariation(ObjectNode old) {
        if (old != null) {
            Set<Long> ids = variationSkus.get(key(old, "sku"));
            if (ids != null) {
                ids.remove(old.path("id").asLong());
            }
        }
    }

    Optional<ObjectNode> variationBySku(String sku) {
        if (sku == null || sku.isEmpty()) {
            return Optional.empty();
        }
        Set<Long> ids = variationSkus.get(sku.toLowerCase(Locale.ROOT));
        return ids == null || ids.isEmpty() ? Optional.empty() : variation(ids.iterator().next());
    }

    /** The product or variation holding this SKU (SKUs are unique across both, as in WooCommerce). */
    Optional<ObjectNode> skuOwner(String sku) {
        Optional<ObjectNode> product = productBySku(sku);
        return product.isPresent() ? product : variationBySku(sku);
    }

    /** The shop's tax rates and classes (fixed: the simulator has no tax settings calls). */
    WooTaxes taxes() {
        return taxes;
    }

    /** The shop's coupons by id (not a copy: read it only while holding the store's monitor). */
    List<ObjectNode> couponsInIdOrder() {
        return coupons.inIdOrder();
    }

    Optional<ObjectNode> coupon(long id) {
        return Optional.ofNullable(coupons.get(id));
    }

    /** The coupon with this code, compared as WooCommerce does (codes are kept in lower case). */
    Optional<ObjectNode> couponByCode(String code) {
        String wanted = WooCoupons.formatCode(code);
        return coupons.inIdOrder().stream().filter(c -> c.path("code").asText().equals(wanted)).findFirst();
    }

    void putCoupon(ObjectNode coupon) {
        coupons.put(coupon.path("id").asLong(), coupon);
    }

    /** The next post id: coupons are posts, like products and orders. */
    long nextPostId() {
        return ++lastPostId;
    }

    long nextId(EntityType type) {
        return type == EntityType.CUSTOMERS ? ++lastUserId : ++lastPostId;
    }

    long nextItemId() {
        return ++lastItemId;
    }

    /** How many records of a type were generated so far (the ordinal of the next one). */
    int nextOrdinal(EntityType type) {
        int ordinal = generated.get(type);
        generated.put(type, ordinal + 1);
        return ordinal;
    }

    void put(EntityType type, ObjectNode record) {
        long id = record.get("id").asLong();
        unindex(type, records.get(type).put(id, record));
        for (String field : INDEXED.getOrDefault(type, List.of())) {
            indexes.computeIfAbsent(type + "." + field, k -> new HashMap<>())
                    .computeIfAbsent(key(record, field), k -> new TreeSet<>()).add(id);
        }
    }

    Optional<ObjectNode> get(EntityType type, long id) {
        return Optional.ofNullable(records.get(type).get(id));
    }

    Optional<ObjectNode> remove(EntityType type, long id) {
        ObjectNode removed = records.get(type).remove(id);
        unindex(type, removed);
        return Optional.ofNullable(removed);
    }

    private void unindex(EntityType type, ObjectNode old) {
        if (old == null) {
            return;
        }
        for (String field : INDEXED.getOrDefault(type, List.of())) {
            Set<Long> ids = indexes.getOrDefault(type + "." + field, Map.of()).get(key(old, field));
            if (ids != null) {
                ids.remove(old.get("id").asLong());
            }
        }
    }

    private static String key(ObjectNode record, String field) {
        return record.path(field).asText().toLowerCase(Locale.ROOT);
    }

    /** The records of a type by increasing id, as stored (not a copy: read it only while holding the store's monitor). */
    List<ObjectNode> inIdOrder(EntityType type) {
        return records.get(type).inIdOrder();
    }

    /** All records of a type, by id. */
    List<ObjectNode> all(EntityType type) {
        return new ArrayList<>(records.get(type).inIdOrder());
    }

    int count(EntityType type) {
        return records.get(type).size();
    }

    /** The customer with this e-mail, compared as MySQL does (case-insensitive). */
    Optional<ObjectNode> customerByEmail(String email) {
        return findText(EntityType.CUSTOMERS, "email", email);
    }

    Optional<ObjectNode> customerByUsername(String username) {
        return findText(EntityType.CUSTOMERS, "username", username);
    }

    Optional<ObjectNode> productBySku(String sku) {
        return findText(EntityType.PRODUCTS, "sku", sku);
    }

    Optional<ObjectNode> productBySlug(String slug) {
        return findText(EntityType.PRODUCTS, "slug", slug);
    }

    void lockSku(String sku) {
        lockedSkus.add(sku.toLowerCase(Locale.ROOT));
    }

    void unlockSku(String sku) {
        lockedSkus.remove(sku.toLowerCase(Locale.ROOT));
    }

    boolean isSkuLocked(String sku) {
        return lockedSkus.contains(sku.toLowerCase(Locale.ROOT));
    }

    /** Looked up in an index: MySQL compares these columns case-insensitively. */
    private Optional<ObjectNode> findText(EntityType type, String field, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Set<Long> ids = indexes.getOrDefault(type + "." + field, Map.of()).get(value.toLowerCase(Locale.ROOT));
        return ids == null || ids.isEmpty() ? Optional.empty() : get(type, ids.iterator().next());
    }
}
