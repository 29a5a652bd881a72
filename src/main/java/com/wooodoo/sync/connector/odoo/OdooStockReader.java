package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.StockSettings;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads stock: per storable variant with an internal reference, the quantity the shop may sell.
 *
 * <p><b>Why {@code free_qty}.</b> The quantity is {@code product.product.free_qty} read with the
 * configured warehouses in the context, not a sum of {@code stock.quant} rows: Odoo computes it
 * from the quants of the warehouses' internal locations (each with its children) less what is
 * reserved for outgoing moves, the same figure its own "free to use" shows, with one
 * {@code search_read} per page of products. Summing quants here would repeat Odoo's location
 * rules (children, transit and view locations, company) and read every quant of the catalogue.
 * The context carries the warehouse ids under both {@code warehouse} (Odoo 16 and before) and
 * {@code warehouse_id} (Odoo 17 on); each version reads the key it knows.
 *
 * <p><b>Which products.</b> Storable ones only ({@code type = product}; Odoo 18 dropped that type
 * for {@code is_storable}, used instead when {@code fields_get} shows it), with a
 * {@code default_code} (the SKU), active, ordered by id.
 *
 * <p><b>What changed.</b> Neither system dates a stock change on the product: Odoo's product
 * {@code write_date} does not move when its quants do, WooCommerce's {@code date_modified} does
 * not move on a stock update. An incremental read therefore takes the variants named by the
 * {@code stock.quant} rows of the warehouses' locations and by the {@code stock.move} rows from
 * or to them written since the mark (only their {@code product_id}), and reads those variants'
 * {@code free_qty}. The mark is looked back {@link #LOOKBACK}: Odoo dates a write with the start
 * of its transaction, which may commit after a sync read, and keeps whole seconds; a quantity
 * read twice is planned unchanged, never written twice. Pages are by variant id; a change made
 * while a run reads its pages can only add ids (a write date moves forward), so a later page may
 * repeat a variant but never skips one, and the next run reads it again from its mark.
 *
 * <p><b>Quantities.</b> Odoo's float becomes whole units rounded down (never promise more than
 * there is); below zero it is 0, unless the organisation takes backorders.
 *
 * <p>The warehouses are looked up by code (one call, kept {@link #WAREHOUSES_KEPT}); a configured
 * code Odoo does not have fails the read with the code and the configuration key to correct.
 */
final class OdooStockReader {

    /** How far before the mark an incremental read looks for quants and moves written. */
    static final Duration LOOKBACK = Duration.ofSeconds(60);
    /** How long the warehouses' ids and locations are kept before they are looked up again. */
    static final Duration WAREHOUSES_KEPT = Duration.ofMinutes(5);
    static final String PRODUCT = "product.product";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The warehouses the shop sells from, and their internal locations. */
    private record Warehouses(List<Long> ids, List<Long> locations, Instant readAt) {
    }

    private final OdooApi api;
    private final MappingCatalog mappings;
    private final OdooFailures failures;
    private final String orgId;
    private final StockSettings settings;
    private final Clock clock;
    private volatile Warehouses warehouses;
    private volatile ArrayNode storable;

    OdooStockReader(OdooApi api, MappingCatalog mappings, OdooFailures failures, String orgId, StockSettings settings,
                    Clock clock) {
        this.api = api;
        this.mappings = mappings;
        this.failures = failures;
        this.orgId = orgId;
        this.settings = settings;
        this.clock = clock;
    }

    RecordPage readPage(int page, int pageSize, Optional<Instant> modifiedAfter) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page and pageSize start at 1");
        }
        Warehouses where = warehouses();
        ArrayNode domain = OdooCall.both(storable(), OdooCall.where("default_code", "!=", NODES.booleanNode(false)));
        if (modifiedAfter.isPresent()) {
            Set<Long> changed = changedSince(modifiedAfter.get(), where);
            if (changed.isEmpty()) {
                return new RecordPage(List.of(), page, 0, 0);
            }
            domain = OdooCall.both(OdooCall.where("id", "in", OdooCall.ids(changed)), domain);
        }
        JsonNode count = api.call(OdooCall.searchCount(PRODUCT, domain));
        if (!count.isIntegralNumber() || count.asLong() < 0) {
            throw failures.protocol(PRODUCT + ".search_count answered " + count.getNodeType() + " instead of a count");
        }
        long total = count.asLong();
        long claimedPages = total / pageSize + (total % pageSize == 0 ? 0 : 1);
        List<SyncRecord> records = page > claimedPages ? List.of()
                : read(domain, where, pageSize, (long) (page - 1) * pageSize);
        return RecordPage.checked(records, page, records.size(), pageSize, claimedPages, total);
    }

    /** The variants with these ids or internal references (compared exactly), with their free quantity. */
    List<SyncRecord> readByIdsOrSkus(Collection<String> ids, Collection<String> skus) {
        Set<Long> numeric = new TreeSet<>();
        for (String id : ids) {
            try {
                numeric.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException | NullPointerException notAnOdooId) {
                // cannot exist in Odoo: simply missing from the answer
            }
        }
        Set<String> codes = new LinkedHashSet<>();
        skus.stream().filter(sku -> sku != null && !sku.isBlank()).map(String::strip).forEach(codes::add);
        ArrayNode byId = numeric.isEmpty() ? null : OdooCall.where("id", "in", OdooCall.ids(numeric));
        ArrayNode byCode = codes.isEmpty() ? null : OdooCall.where("default_code", "in", OdooCall.texts(codes));
        if (byId == null && byCode == null) {
            return List.of();
        }
        ArrayNode domain = byId == null ? byCode : byCode == null ? byId : OdooCall.either(byId, byCode);
        return read(domain, warehouses(), null, 0);
    }

    /** The ids of the variants whose quants or moves in the warehouses were written since the mark (looked back). */
    private Set<Long> changedSince(Instant mark, Warehouses where) {
        String since = OdooValues.odooDatetime(mark.minus(LOOKBACK).truncatedTo(ChronoUnit.SECONDS));
        Set<Long> changed = new TreeSet<>();
        if (where.locations().isEmpty()) {
            return changed;
        }
        ArrayNode locations = OdooCall.ids(where.locations());
        ArrayNode quants = OdooCall.both(OdooCall.where("write_date", ">=", NODES.textNode(since)),
                OdooCall.where("location_id", "in", locations));
        productIds("stock.quant", quants, changed);
        ArrayNode moves = OdooCall.both(OdooCall.where("write_date", ">=", NODES.textNode(since)),
                OdooCall.either(OdooCall.where("location_id", "in", locations),
                        OdooCall.where("location_dest_id", "in", locations)));
        productIds("stock.move", moves, changed);
        return changed;
    }

    private void productIds(String model, ArrayNode domain, Set<Long> into) {
        JsonNode answer = api.call(OdooCall.searchRead(model, domain, List.of("product_id"), null, 0, null, false));
        for (JsonNode row : records(answer, model)) {
            OdooValues.many2oneId(row.get("product_id")).ifPresent(into::add);
        }
    }

    private List<SyncRecord> read(ArrayNode domain, Warehouses where, Integer limit, long offset) {
        EntityMapping mapping = mappings.of(EntityType.STOCK);
        String skuField = mapping.naturalKeyField().in(ExternalSystem.ODOO).orElseThrow().path();
        String quantityField = mapping.field("quantity").orElseThrow().in(ExternalSystem.ODOO).orElseThrow().path();
        ObjectNode args = NODES.objectNode();
        args.set("domain", domain);
        args.putArray("fields").add(skuField).add(quantityField);
        if (limit != null) {
            args.put("limit", limit);
            args.put("offset", offset);
        }
        args.put("order", "id asc");
        ObjectNode context = args.putObject("context");
        context.set("warehouse", OdooCall.ids(where.ids()));
        context.set("warehouse_id", OdooCall.ids(where.ids()));
        JsonNode answer = api.call(new OdooCall(PRODUCT, "search_read", args, 1));
        List<SyncRecord> result = new ArrayList<>();
        for (JsonNode row : records(answer, PRODUCT)) {
            long id = row.get("id").asLong();
            Map<String, Object> fields = new LinkedHashMap<>();
            JsonNode sku = row.get(skuField);
            fields.put(mapping.naturalKey(), sku == null || !sku.isTextual() ? null : sku.asText());
            fields.put("quantity", quantity(row.get(quantityField), id));
            result.add(new SyncRecord(EntityType.STOCK, ExternalSystem.ODOO, String.valueOf(id),
                    java.util.Collections.unmodifiableMap(fields), null));
        }
        return result;
    }

    /** Whole units the shop may sell: rounded down; below zero 0 unless backorders. */
    private Long quantity(JsonNode raw, long id) {
        if (raw == null || !raw.isNumber()) {
            if (raw != null && raw.isBoolean() && !raw.asBoolean()) {
                return 0L;
            }
            throw failures.protocol(PRODUCT + " " + id + ": free_qty is " + (raw == null ? "missing" : raw.getNodeType())
                    + ", not a number");
        }
        return whole(raw.decimalValue(), settings.backorders());
    }

    static long whole(BigDecimal quantity, boolean backorders) {
        long units = quantity.setScale(0, RoundingMode.FLOOR).longValueExact();
        return units < 0 && !backorders ? 0 : units;
    }

    /** Storable variants: {@code is_storable} where Odoo has it (18 on), else {@code type = product}. */
    private ArrayNode storable() {
        ArrayNode known = storable;
        if (known == null) {
            JsonNode fields = api.call(OdooCall.fieldsGet(PRODUCT, List.of("is_storable", "type"), List.of("type")));
            known = fields.has("is_storable") ? OdooCall.where("is_storable", "=", NODES.booleanNode(true))
                    : OdooCall.where("type", "=", NODES.textNode("product"));
            storable = known;
        }
        return known;
    }

    /** The configured warehouses (every active one when none is configured) and their internal locations. */
    private Warehouses warehouses() {
        Warehouses known = warehouses;
        Instant now = clock.instant();
        if (known != null && known.readAt().plus(WAREHOUSES_KEPT).isAfter(now)) {
            return known;
        }
        JsonNode answer = api.call(OdooCall.searchRead("stock.warehouse", OdooCall.everything(), List.of("code"), null, 0,
                "id asc", false));
        Map<String, Long> byCode = new LinkedHashMap<>();
        for (JsonNode row : records(answer, "stock.warehouse")) {
            byCode.putIfAbsent(row.path("code").asText(""), row.get("id").asLong());
        }
        List<Long> ids = new ArrayList<>();
        if (settings.warehouses().isEmpty()) {
            ids.addAll(byCode.values());
        } else {
            for (String code : settings.warehouses()) {
                Long id = byCode.get(code);
                if (id == null) {
                    throw new ConnectorException(ExternalSystem.ODOO, FailureKind.VALIDATION, "unknown-warehouse", 0,
                            "Odoo has no active warehouse with the code '" + code + "', which "
                                    + StockSettings.warehousesKey(orgId) + " names (Odoo's warehouses: "
                                    + (byCode.isEmpty() ? "none" : String.join(", ", byCode.keySet()))
                                    + "); correct or remove the code in the configuration and start the stock sync again");
                }
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            throw new ConnectorException(ExternalSystem.ODOO, FailureKind.VALIDATION, "no-warehouse", 0,
                    "Odoo has no active warehouse to read stock from; create one in Odoo's Inventory app");
        }
        JsonNode locations = api.call(OdooCall.searchRead("stock.location",
                OdooCall.both(OdooCall.where("usage", "=", NODES.textNode("internal")),
                        OdooCall.where("warehouse_id", "in", OdooCall.ids(ids))), List.of("id"), null, 0, "id asc", false));
        List<Long> locationIds = records(locations, "stock.location").stream().map(row -> row.get("id").asLong()).toList();
        known = new Warehouses(List.copyOf(ids), locationIds, now);
        warehouses = known;
        return known;
    }

    private List<JsonNode> records(JsonNode answer, String model) {
        return failures.records(answer, model);
    }
}
