package com.wooodoo.sync.connector.woocommerce;

import com.wooodoo.sync.outbound.OutboundChannel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.NeutralProduct;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.SystemConnector;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WooCommerceSettings;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.FieldType;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import org.apache.camel.ProducerTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One shop's WooCommerce REST API v3 as a {@link SystemConnector}.
 *
 * <ul>
 *   <li>Reading pages: {@code per_page} at most 100, oldest first ({@code orderby=id}, or
 *       {@code orderby=modified} with {@code modified_after}, which products and orders have and
 *       customers do not). WooCommerce keeps whole seconds and filters strictly after the given
 *       time, so the filter is sent one second early: records of the boundary second are read
 *       again instead of being missed. Orders are read only in the statuses their mapping
 *       imports ({@code status}, from {@code import.statuses} of orders.yaml) and in those
 *       that cancel an Odoo order ({@code states}), see {@link #readStatuses}.</li>
 *   <li>Looking up: by id with {@code include} (100 per call); products by SKU with {@code sku}
 *       (a comma-separated list, 100 per call); orders by number with {@code include}, the
 *       number being the id in WooCommerce (order-number plugins are not supported); customers by
 *       e-mail through {@link CustomerEmailIndex}, read whole once and caught up at most once
 *       per sync (one or two e-mails: one exact {@code email=} call each).</li>
 *   <li>Writing: always through {@code /batch}, see {@link WooBatchWriter}. An order update pairs
 *       its lines with the order's current lines ({@link WooLineMerger}), which costs one read of
 *       those orders. A line's price is computed by WooCommerce from the product and is not
 *       written.</li>
 *   <li>Stock (Odoo → shop only): found by SKU among products and variations
 *       ({@link WooStockTargets}), written as quantities ({@link WooStockWriter}).</li>
 *   <li>Categories: a product's category path comes from the shop's category tree, read once
 *       per {@link WooCategoryTree#MAX_AGE} (or when a product names one it does not know); the
 *       categories a write needs are found or created first, one batch call per missing level
 *       (see {@link WooCategoryTree}).</li>
 * </ul>
 */
public class WooCommerceConnector implements SystemConnector {

    public static final Duration EMAIL_INDEX_MAX_AGE = Duration.ofMinutes(30);
    /** The order meta field naming the record an order was created from ({@code odoo:<id>}). */
    static final String SOURCE_META = "_wooodoo_source";
    private static final int PER_PAGE = 100;
    private static final int DIRECT_EMAIL_LOOKUPS = 2;
    private static final DateTimeFormatter WOO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final MappingCatalog mappings;
    private final WooCommerceHttp http;
    private final WooRecordMapper mapper;
    private final WooBatchWriter writer;
    private final CustomerEmailIndex emailIndex;
    private final WooTaxRates taxRates;
    private final WooVariableProducts variableProducts;
    private final WooStockTargets stockTargets;
    private final WooStockWriter stockWriter;
    private final WooCategoryTree categories;

    /** A connector whose requests go straight to the shop (no throttle, no breaker): for its own tests. */
    public WooCommerceConnector(WooCommerceSettings settings, MappingCatalog mappings, ProducerTemplate producer,
                                ObjectMapper json) {
        this(settings, mappings, producer, OutboundChannel.straight(), json, Clock.systemUTC(), EMAIL_INDEX_MAX_AGE);
    }

    /** A connector whose requests take {@code channel} (the service's: the organisation's throttle and breaker). */
    public WooCommerceConnector(WooCommerceSettings settings, MappingCatalog mappings, ProducerTemplate producer,
                                OutboundChannel channel, ObjectMapper json) {
        this(settings, mappings, producer, channel, json, Clock.systemUTC(), EMAIL_INDEX_MAX_AGE);
    }

    public WooCommerceConnector(WooCommerceSettings settings, MappingCatalog mappings, ProducerTemplate producer,
                                ObjectMapper json, Clock clock, Duration emailIndexMaxAge) {
        this(settings, mappings, producer, OutboundChannel.straight(), json, clock, emailIndexMaxAge);
    }

    private WooCommerceConnector(WooCommerceSettings settings, MappingCatalog mappings, ProducerTemplate producer,
                                 OutboundChannel channel, ObjectMapper json, Clock clock, Duration emailIndexMaxAge) {
        this.mappings = mappings;
        this.http = new WooCommerceHttp(settings, producer, channel, json, clock);
        this.writer = new WooBatchWriter(http);
        this.emailIndex = new CustomerEmailIndex(clock, emailIndexMaxAge);
        this.taxRates = new WooTaxRates(clock, () -> fetchAll("taxes", WooQuery.of("context", "view")));
        this.categories = new WooCategoryTree(clock, new WooCategoryTree.Shop() {
            @Override
            public List<JsonNode> readAll() {
                return fetchAll(WooCategoryTree.RESOURCE, WooQuery.of("_fields", "id,name,slug,parent"));
            }

            @Override
            public JsonNode batch(ObjectNode body) {
                return http.post(WooCategoryTree.RESOURCE + "/batch", body).body();
            }

            @Override
            public ConnectorException protocol(String message) {
                return http.protocol(message);
            }

            @Override
            public ConnectorException itemError(JsonNode error) {
                return http.errors().ofItem(error, null);
            }
        });
        this.mapper = new WooRecordMapper(categories);
        this.variableProducts = new WooVariableProducts(http, writer, mapper);
        this.stockTargets = new WooStockTargets(http, mappings);
        this.stockWriter = new WooStockWriter(writer, stockTargets, mappings);
    }

    @Override
    public ExternalSystem system() {
        return ExternalSystem.WOOCOMMERCE;
    }

    /** The customers' e-mail index may catch up with the shop once in the sync (see {@link CustomerEmailIndex}). */
    @Override
    public void syncStarting() {
        emailIndex.syncStarting();
    }

    @Override
    public boolean canFilterByModification(EntityType type) {
        return type == EntityType.PRODUCTS || type == EntityType.ORDERS;
    }

    @Override
    public RecordPage readPage(EntityType type, int page, int pageSize, Optional<Instant> modifiedAfter) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page and pageSize start at 1");
        }
        if (type == EntityType.STOCK) {
            throw new IllegalArgumentException("stock is read from Odoo, never from the shop");
        }
        EntityMapping mapping = mapping(type);
        int asked = Math.min(pageSize, PER_PAGE);
        WooQuery query = WooQuery.of("page", page).with("per_page", asked);
        if (modifiedAfter.isPresent() && canFilterByModification(type)) {
            Instant since = modifiedAfter.get().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
            query.with("orderby", "modified").with("order", "asc")
                    .with("modified_after", WOO_DATE.format(since.atOffset(ZoneOffset.UTC))).with("dates_are_gmt", "true");
        } else {
            query.with("orderby", "id").with("order", "asc");
        }
        if (!mapping.importedStatuses().isEmpty()) {
            query.with("status", WooQuery.joined(readStatuses(mapping)));
        }
        String resource = resource(mapping);
        WooResponse response = http.get(resource, query);
        List<JsonNode> items = new ArrayList<>();
        array(response, "GET " + resource).forEach(items::add);
        int received = items.size();
        if (type == EntityType.PRODUCTS) {
            items = variableProducts.expand(items);
        }
        List<SyncRecord> records = new ArrayList<>();
        items.forEach(item -> records.add(toRecord(mapping, item)));
        return RecordPage.checked(records, page, received, asked, count(response, "X-WP-TotalPages", resource),
                count(response, "X-WP-Total", resource));
    }

    @Override
    public List<SyncRecord> readByIds(EntityType type, Collection<String> ids) {
        if (type == EntityType.STOCK) {
            return stockTargets.readByIds(ids);
        }
        EntityMapping mapping = mapping(type);
        List<JsonNode> found = readRaw(mapping, ids);
        if (type == EntityType.PRODUCTS) {
            Set<Long> answered = new HashSet<>(found.stream().map(item -> item.path("id").asLong()).toList());
            found = new ArrayList<>(variableProducts.withParents(found));
            found.addAll(variableProducts.variationsByIds(ids.stream().filter(id -> id != null && id.strip().matches("\\d{1,18}"))
                    .map(id -> Long.parseLong(id.strip())).filter(id -> !answered.contains(id)).toList()));
        }
        return toRecords(mapping, found);
    }

    @Override
    public List<SyncRecord> findByNaturalKeys(EntityType type, Collection<String> naturalKeys) {
        EntityMapping mapping = mapping(type);
        List<String> keys = naturalKeys.stream().filter(k -> k != null && !k.isBlank()).map(String::strip).distinct().toList();
        if (keys.isEmpty()) {
            return List.of();
        }
        if (type == EntityType.STOCK) {
            return stockTargets.findBySku(keys);
        }
        List<JsonNode> found = switch (type) {
            case CUSTOMERS -> customersByEmail(mapping, keys);
            case PRODUCTS -> variableProducts.withParents(productsBySku(mapping, keys));
            case ORDERS -> readRaw(mapping, keys.stream().filter(k -> k.matches("\\d{1,18}")).toList());
            case STOCK -> throw new IllegalStateException("stock is looked up by WooStockTargets");
        };
        String keyPath = mapping.naturalKeyField().in(ExternalSystem.WOOCOMMERCE).orElseThrow().path();
        Set<String> wanted = new HashSet<>(keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList());
        return toRecords(mapping, found.stream()
                .filter(item -> wanted.contains(text(WooRecordMapper.at(item, keyPath)).toLowerCase(Locale.ROOT)))
                .toList());
    }

    /** WooCommerce gives an order its number itself: one we created is found by the source reference it carries. */
    @Override
    public boolean findsCreatedByNaturalKey(EntityType type) {
        return type != EntityType.ORDERS;
    }

    /**
     * Reads the orders created since {@code since} (a second earlier, as WooCommerce filters by
     * whole seconds) and picks those whose {@value #SOURCE_META} names one of the source records.
     */
    @Override
    public Map<String, SyncRecord> findCreatedFrom(EntityType type, ExternalSystem source, Collection<String> sourceIds,
                                                   Instant since) {
        if (findsCreatedByNaturalKey(type) || sourceIds.isEmpty()) {
            return Map.of();
        }
        EntityMapping mapping = mapping(type);
        Map<String, String> wanted = new HashMap<>();
        sourceIds.forEach(id -> wanted.put(sourceReference(source, id), id));
        Instant from = since.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        Map<String, SyncRecord> found = new HashMap<>();
        for (JsonNode item : fetchAll(resource(mapping), WooQuery.of("after", WOO_DATE.format(from.atOffset(ZoneOffset.UTC)))
                .with("dates_are_gmt", "true"))) {
            for (JsonNode meta : item.path("meta_data")) {
                String sourceId = wanted.get(meta.path("value").asText());
                if (SOURCE_META.equals(meta.path("key").asText()) && sourceId != null) {
                    found.putIfAbsent(sourceId, toRecord(mapping, item));
                }
            }
        }
        return found;
    }

    private static void markSource(ObjectNode json, SyncRecord record) {
        if (record.id() == null) {
            return;
        }
        json.withArray("meta_data").addObject().put("key", SOURCE_META)
                .put("value", sourceReference(record.system(), record.id()));
    }

    private static String sourceReference(ExternalSystem system, String id) {
        return system.id() + ":" + id;
    }

    @Override
    public List<WriteOutcome> create(EntityType type, List<SyncRecord> records) {
        if (type == EntityType.STOCK) {
            return stockWriter.create(records);
        }
        EntityMapping mapping = mapping(type);
        WriteOutcome[] outcomes = new WriteOutcome[records.size()];
        List<WooBatchWriter.Item> items = new ArrayList<>();
        List<Integer> variants = new ArrayList<>();
        Map<Integer, ConnectorException> categoryFailures = categories.resolve(mapping, records);
        for (int i = 0; i < records.size(); i++) {
            if (categoryFailures.containsKey(i)) {
                outcomes[i] = WriteOutcome.failed(i, categoryFailures.get(i));
                continue;
            }
            if (type == EntityType.PRODUCTS && NeutralProduct.isVariant(records.get(i).fields())) {
                variants.add(i);
                continue;
            }
            try {
                ObjectNode json = mapper.toJson(mapping, records.get(i), true);
                if (type == EntityType.ORDERS) {
                    WooOrderExtras.writeServiceLines(records.get(i).fields(), json);
                }
                if (!findsCreatedByNaturalKey(type)) {
                    markSource(json, records.get(i));
                }
                items.add(new WooBatchWriter.Item(i, json, json.path("sku").asText(null)));
            } catch (ConnectorException rejected) {
                outcomes[i] = WriteOutcome.failed(i, rejected);
            }
        }
        if (type == EntityType.ORDERS) {
            variableProducts.nameVariations(items.stream().map(WooBatchWriter.Item::json).toList());
        }
        Map<Integer, JsonNode> answers = new HashMap<>();
        try {
            writer.write(resource(mapping), "create", items, outcomes, (item, answer) -> {
                written(type, answer);
                answers.put(item.index(), answer);
            });
        } catch (ConnectorException unanswered) {
            if (type == EntityType.CUSTOMERS) {
                emailIndex.writeUnanswered();
            }
            throw unanswered;
        }
        if (!variants.isEmpty()) {
            variableProducts.create(mapping, records, variants, outcomes);
        }
        withStored(mapping, outcomes, answers);
        return List.of(outcomes);
    }

    @Override
    public List<WriteOutcome> update(EntityType type, List<TargetUpdate> updates) {
        if (type == EntityType.STOCK) {
            return stockWriter.update(updates);
        }
        EntityMapping mapping = mapping(type);
        WriteOutcome[] outcomes = new WriteOutcome[updates.size()];
        List<WooBatchWriter.Item> items = new ArrayList<>();
        List<Integer> variants = new ArrayList<>();
        Map<Integer, ConnectorException> categoryFailures = categories.resolve(mapping,
                updates.stream().map(TargetUpdate::record).toList());
        for (int i = 0; i < updates.size(); i++) {
            TargetUpdate update = updates.get(i);
            if (categoryFailures.containsKey(i)) {
                outcomes[i] = WriteOutcome.failed(i, categoryFailures.get(i));
                continue;
            }
            String id = update.targetId() == null ? "" : update.targetId().strip();
            if (!id.matches("\\d{1,18}") || Long.parseLong(id) == 0) {
                outcomes[i] = WriteOutcome.failed(i, new ConnectorException(system(), FailureKind.NOT_FOUND, null, 0,
                        "'" + id + "' is not a WooCommerce id"));
                continue;
            }
            if (type == EntityType.PRODUCTS && NeutralProduct.isVariant(update.record().fields())) {
                variants.add(i);
                continue;
            }
            try {
                ObjectNode json = JsonNodeFactory.instance.objectNode().put("id", Long.parseLong(id));
                json.setAll(mapper.toJson(mapping, update.record(), false));
                items.add(new WooBatchWriter.Item(i, json, json.path("sku").asText(null)));
            } catch (ConnectorException rejected) {
                outcomes[i] = WriteOutcome.failed(i, rejected);
            }
        }
        items = mergeLines(mapping, items, outcomes);
        if (type == EntityType.ORDERS) {
            variableProducts.nameVariations(items.stream().map(WooBatchWriter.Item::json).toList());
        }
        Map<Integer, JsonNode> answers = new HashMap<>();
        writer.write(resource(mapping), "update", items, outcomes, (item, answer) -> {
            written(type, answer);
            answers.put(item.index(), answer);
        });
        if (!variants.isEmpty()) {
            variableProducts.update(mapping, updates, variants, outcomes);
        }
        withStored(mapping, outcomes, answers);
        return List.of(outcomes);
    }

    /**
     * A customer, an order or a product without variations written in a batch is answered whole, as
     * WooCommerce then reads it back from its database: that answer is the read-back, no call
     * needed. (A variable product's answer lacks its variations, which the products' read-back reads.)
     */
    private void withStored(EntityMapping mapping, WriteOutcome[] outcomes, Map<Integer, JsonNode> answers) {
        if (mapping.entity() == EntityType.STOCK) {
            return;
        }
        answers.forEach((index, answer) -> {
            String type = answer.path("type").asText();
            boolean whole = mapping.entity() != EntityType.PRODUCTS || !type.isEmpty() && !"variable".equals(type);
            if (whole && outcomes[index] != null && outcomes[index].succeeded()) {
                outcomes[index] = outcomes[index].withStored(toRecord(mapping, answer));
            }
        });
    }

    /** Gives the lines of order updates the ids of the current lines; an order that is gone fails NOT_FOUND. */
    private List<WooBatchWriter.Item> mergeLines(EntityMapping mapping, List<WooBatchWriter.Item> items, WriteOutcome[] outcomes) {
        Optional<FieldMapping> lines = mapping.fields().stream().filter(f -> f.type() == FieldType.LINES).findFirst();
        if (lines.isEmpty()) {
            return items;
        }
        String linesPath = lines.get().in(ExternalSystem.WOOCOMMERCE).orElseThrow().path();
        String keyPath = lines.get().lineFields().stream().filter(f -> f.type() == FieldType.REFERENCE).findFirst()
                .map(f -> f.in(ExternalSystem.WOOCOMMERCE).orElseThrow().path()).orElse(null);
        List<String> ids = items.stream().filter(i -> i.json().has(linesPath)).map(i -> i.json().get("id").asText()).toList();
        if (ids.isEmpty()) {
            return items;
        }
        Map<String, JsonNode> current = new HashMap<>();
        readRaw(mapping, ids).forEach(order -> current.put(order.path("id").asText(), order));
        List<WooBatchWriter.Item> ready = new ArrayList<>();
        for (WooBatchWriter.Item item : items) {
            if (!item.json().has(linesPath)) {
                ready.add(item);
                continue;
            }
            JsonNode order = current.get(item.json().get("id").asText());
            if (order == null) {
                outcomes[item.index()] = WriteOutcome.failed(item.index(), new ConnectorException(system(), FailureKind.NOT_FOUND,
                        null, 0, resource(mapping) + " " + item.json().get("id").asText() + " does not exist"));
                continue;
            }
            item.json().set(linesPath, WooLineMerger.merge(order.path(linesPath), (ArrayNode) item.json().get(linesPath), keyPath));
            ready.add(item);
        }
        return ready;
    }

    private void written(EntityType type, JsonNode answer) {
        if (type == EntityType.CUSTOMERS) {
            emailIndex.remember(answer);
        }
        if (type == EntityType.PRODUCTS) {
            variableProducts.rememberProduct(answer);
        }
    }

    private List<JsonNode> customersByEmail(EntityMapping mapping, List<String> emails) {
        String resource = resource(mapping);
        if (emails.size() <= DIRECT_EMAIL_LOOKUPS) {
            List<JsonNode> found = new ArrayList<>();
            for (String email : emails) {
                found.addAll(fetchAll(resource, WooQuery.of("email", email).with("role", "all")));
            }
            return found;
        }
        Set<Long> ids = emailIndex.idsOf(emails, (page, newestFirst) -> {
            WooQuery query = WooQuery.of("page", page).with("per_page", PER_PAGE).with("orderby", "id")
                    .with("order", newestFirst ? "desc" : "asc").with("role", "all").with("_fields", "id,email");
            WooResponse response = http.get(resource, query);
            return new CustomerEmailIndex.Page(array(response, "GET " + resource), count(response, "X-WP-TotalPages", resource));
        });
        List<JsonNode> customers = readRaw(mapping, ids.stream().map(String::valueOf).toList());
        customers.forEach(emailIndex::remember);
        return customers;
    }

    private List<JsonNode> productsBySku(EntityMapping mapping, List<String> skus) {
        return http.getBySkus(skus);
    }

    /** The records with these ids as WooCommerce answers them, 100 ids per call. */
    private List<JsonNode> readRaw(EntityMapping mapping, Collection<String> ids) {
        List<Long> numeric = new ArrayList<>(new LinkedHashSet<>(ids.stream().filter(id -> id != null && id.strip().matches("\\d{1,18}"))
                .map(id -> Long.parseLong(id.strip())).filter(id -> id > 0).toList()));
        List<JsonNode> found = new ArrayList<>();
        for (int from = 0; from < numeric.size(); from += PER_PAGE) {
            WooQuery query = WooQuery.of("include", WooQuery.joined(numeric.subList(from, Math.min(numeric.size(), from + PER_PAGE))));
            if (mapping.entity() == EntityType.CUSTOMERS) {
                query.with("role", "all");
            }
            found.addAll(fetchAll(resource(mapping), query));
        }
        return found;
    }

    /** Every page of a filtered list, 100 per call, by id. */
    private List<JsonNode> fetchAll(String resource, WooQuery filter) {
        return http.getAll(resource, filter);
    }

    private List<SyncRecord> toRecords(EntityMapping mapping, List<JsonNode> items) {
        Map<String, SyncRecord> byId = new LinkedHashMap<>();
        for (JsonNode item : items) {
            SyncRecord record = toRecord(mapping, item);
            byId.putIfAbsent(record.id(), record);
        }
        return List.copyOf(byId.values());
    }

    /**
     * The statuses of the orders read: those imported, and those that cancel an order in Odoo
     * (orders.yaml {@code states}), so that an order cancelled after its import is cancelled in
     * Odoo too; the pipeline leaves the latter out unless they were imported before.
     */
    static List<String> readStatuses(EntityMapping mapping) {
        Set<String> statuses = new LinkedHashSet<>(mapping.importedStatuses());
        mapping.orderRules().states().entrySet().stream()
                .filter(e -> e.getValue() == com.wooodoo.sync.connector.mapping.OrderRules.OdooOrderState.CANCELLED)
                .map(Map.Entry::getKey).sorted().forEach(statuses::add);
        return List.copyOf(statuses);
    }

    /** One item as a neutral record; an order with what it holds beyond its mapped fields ({@link WooOrderExtras}). */
    private SyncRecord toRecord(EntityMapping mapping, JsonNode item) {
        SyncRecord record = mapper.toRecord(mapping, item);
        if (mapping.entity() == EntityType.PRODUCTS) {
            return new SyncRecord(record.type(), record.system(), record.id(),
                    WooVariableProducts.variantFields(record.fields(), item), record.modifiedAt());
        }
        if (mapping.entity() != EntityType.ORDERS) {
            return record;
        }
        variableProducts.learnFromOrders(List.of(item));
        List<Long> unstated = WooOrderExtras.ratesWithoutPercent(List.of(item));
        Map<Long, java.math.BigDecimal> percents = unstated.isEmpty() ? Map.of() : taxRates.percents(unstated);
        return new SyncRecord(record.type(), record.system(), record.id(),
                WooOrderExtras.add(record.fields(), item, percents::get), record.modifiedAt());
    }

    private JsonNode array(WooResponse response, String call) {
        if (!response.body().isArray()) {
            throw http.protocol(call + ": expected a JSON list, got " + response.body().getNodeType());
        }
        return response.body();
    }

    private long count(WooResponse response, String header, String resource) {
        String value = response.header(header);
        if (value == null || !value.strip().matches("\\d{1,18}")) {
            throw http.protocol("GET " + resource + ": the answer has no valid " + header + " header");
        }
        return Long.parseLong(value.strip());
    }

    private EntityMapping mapping(EntityType type) {
        EntityMapping mapping = mappings.of(type);
        if (mapping == null) {
            throw new IllegalStateException("no field mapping for " + type);
        }
        return mapping;
    }

    private static String resource(EntityMapping mapping) {
        return mapping.model(ExternalSystem.WOOCOMMERCE);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }
}
