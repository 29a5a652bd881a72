package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shop's side of stock: the products and variations a stock record is written to, found by
 * SKU, as neutral stock records ({@code sku}, {@code quantity} from {@code stock_quantity}).
 *
 * <p><b>Ids.</b> A simple product is its id ({@code "31"}); a variation is its parent's id and its
 * own ({@code "22/57"}), the path of its REST resource, so that it can be read and written
 * without asking WooCommerce for its parent.
 *
 * <p><b>Calls.</b> {@code GET /products?sku=a,b,c} answers products and variations alike (with
 * {@code parent_id}): one call per 100 SKUs. {@code GET /products?include=} answers products only,
 * never variations, so records are read by id through the SKU they were last seen with (kept
 * here, {@value #SKUS_KEPT} at most): one call per 100 ids. An id whose SKU is not known (after a
 * restart) or no longer matches (the SKU was changed in the shop) is read by {@code include} (a
 * product, 100 per call) or from its parent's variations (one call per parent).
 */
final class WooStockTargets {

    static final int SKUS_KEPT = 200_000;
    private static final int PER_PAGE = 100;

    private final WooCommerceHttp http;
    private final MappingCatalog mappings;
    private final Map<String, String> skuOfTarget = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > SKUS_KEPT;
        }
    });

    WooStockTargets(WooCommerceHttp http, MappingCatalog mappings) {
        this.http = http;
        this.mappings = mappings;
    }

    /** The stock target id of a product or variation as WooCommerce answers it. */
    static String targetId(JsonNode item) {
        long parent = item.path("parent_id").asLong(0);
        boolean variation = parent > 0 && "variation".equals(item.path("type").asText("variation"));
        return variation ? parent + "/" + item.path("id").asLong() : String.valueOf(item.path("id").asLong());
    }

    /** The products and variations with these SKUs (compared without case). */
    List<SyncRecord> findBySku(Collection<String> skus) {
        List<String> keys = skus.stream().filter(k -> k != null && !k.isBlank()).map(String::strip).distinct().toList();
        Set<String> wanted = new HashSet<>(keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList());
        return records(bySku(keys).stream()
                .filter(item -> wanted.contains(sku(item).toLowerCase(Locale.ROOT))).toList());
    }

    /** The products and variations with these stock target ids; ids that do not exist are missing from the answer. */
    List<SyncRecord> readByIds(Collection<String> ids) {
        Map<String, SyncRecord> found = new LinkedHashMap<>();
        Set<String> wanted = new LinkedHashSet<>(ids);
        Set<String> knownSkus = new LinkedHashSet<>();
        for (String id : wanted) {
            String sku = skuOfTarget.get(id);
            if (sku != null) {
                knownSkus.add(sku);
            }
        }
        records(bySku(List.copyOf(knownSkus))).stream().filter(r -> wanted.contains(r.id()))
                .forEach(r -> found.putIfAbsent(r.id(), r));
        List<Long> products = new ArrayList<>();
        Map<Long, List<Long>> variationsByParent = new LinkedHashMap<>();
        for (String id : wanted) {
            if (found.containsKey(id)) {
                continue;
            }
            String[] parts = id.split("/", -1);
            if (parts.length == 1 && isId(parts[0])) {
                products.add(Long.parseLong(parts[0]));
            } else if (parts.length == 2 && isId(parts[0]) && isId(parts[1])) {
                variationsByParent.computeIfAbsent(Long.parseLong(parts[0]), p -> new ArrayList<>()).add(Long.parseLong(parts[1]));
            }
        }
        for (int from = 0; from < products.size(); from += PER_PAGE) {
            List<Long> chunk = products.subList(from, Math.min(products.size(), from + PER_PAGE));
            records(fetchAll("products", WooQuery.of("include", WooQuery.joined(chunk)))).forEach(r -> found.putIfAbsent(r.id(), r));
        }
        variationsByParent.forEach((parent, variations) -> {
            for (int from = 0; from < variations.size(); from += PER_PAGE) {
                List<Long> chunk = variations.subList(from, Math.min(variations.size(), from + PER_PAGE));
                List<JsonNode> items;
                try {
                    items = fetchAll("products/" + parent + "/variations", WooQuery.of("include", WooQuery.joined(chunk)));
                } catch (com.wooodoo.sync.connector.ConnectorException e) {
                    if (e.kind() == com.wooodoo.sync.connector.FailureKind.NOT_FOUND) {
                        continue; // the parent is gone, and its variations with it
                    }
                    throw e;
                }
                items.stream().filter(item -> item.path("parent_id").asLong(0) == 0)
                        .forEach(item -> ((com.fasterxml.jackson.databind.node.ObjectNode) item).put("parent_id", parent));
                records(items).forEach(r -> found.putIfAbsent(r.id(), r));
            }
        });
        return List.copyOf(found.values());
    }

    /** Remembers the SKU of a target just written, for reading it back by SKU. */
    void remember(String targetId, String sku) {
        if (targetId != null && sku != null && !sku.isBlank()) {
            skuOfTarget.put(targetId, sku);
        }
    }

    private List<JsonNode> bySku(List<String> skus) {
        return http.getBySkus(skus);
    }

    private List<SyncRecord> records(List<JsonNode> items) {
        EntityMapping mapping = mappings.of(EntityType.STOCK);
        String quantityPath = mapping.field("quantity").orElseThrow().in(ExternalSystem.WOOCOMMERCE).orElseThrow().path();
        Map<String, SyncRecord> byId = new LinkedHashMap<>();
        for (JsonNode item : items) {
            if (!item.path("id").canConvertToExactIntegral() || item.path("id").asLong() <= 0) {
                throw http.protocol("GET products: an item without a positive numeric id");
            }
            String id = targetId(item);
            String sku = sku(item);
            JsonNode quantity = WooRecordMapper.at(item, quantityPath);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put(mapping.naturalKey(), sku.isEmpty() ? null : sku);
            fields.put("quantity", quantity == null || quantity.isNull() || !quantity.canConvertToLong() ? null : quantity.asLong());
            remember(id, sku);
            byId.putIfAbsent(id, new SyncRecord(EntityType.STOCK, ExternalSystem.WOOCOMMERCE, id,
                    Collections.unmodifiableMap(fields), null));
        }
        return List.copyOf(byId.values());
    }

    private String sku(JsonNode item) {
        JsonNode sku = WooRecordMapper.at(item, mappings.of(EntityType.STOCK).naturalKeyField().in(ExternalSystem.WOOCOMMERCE)
                .orElseThrow().path());
        return sku == null || sku.isNull() ? "" : sku.asText("");
    }

    private List<JsonNode> fetchAll(String resource, WooQuery filter) {
        return http.getAll(resource, filter);
    }

    private static boolean isId(String text) {
        return text.matches("\\d{1,18}") && Long.parseLong(text) > 0;
    }
}
