package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.FieldType;
import com.wooodoo.sync.connector.mapping.MappingCatalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads records with {@code search_read} and maps them. Per page or lookup: one call for the
 * records, one for the lines of all of them, one per many2one relation for keys not cached yet;
 * {@code readPage} adds one {@code search_count}. Look-ups by natural key use the domains of
 * {@link KeyLookups} (without the mail module, e-mails take a call per ten first).
 *
 * <p>Pages are sorted by {@code write_date asc, id asc}, oldest change first. An incremental read
 * asks for {@code write_date > modifiedAfter} truncated to the second (Odoo keeps seconds), so it
 * may repeat records changed in that second but never misses one. Pages read only active records,
 * as Odoo does by default; lookups by id or natural key include archived ones, so an archived
 * contact is found instead of being created twice.
 */
final class OdooReader {

    static final String PAGE_ORDER = "write_date asc, id asc";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OdooApi api;
    private final MappingCatalog mappings;
    private final RelatedKeys related;
    private final LineModels lineModels;
    private final OdooFailures failures;
    private final OdooVariants variants;

    private final KeyLookups lookups;

    OdooReader(OdooApi api, MappingCatalog mappings, RelatedKeys related, LineModels lineModels, OdooFailures failures,
               KeyLookups lookups) {
        this.api = api;
        this.lookups = lookups;
        this.mappings = mappings;
        this.related = related;
        this.lineModels = lineModels;
        this.failures = failures;
        this.variants = new OdooVariants(api, failures);
    }

    RecordPage readPage(EntityType type, int page, int pageSize, Optional<Instant> modifiedAfter) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page and pageSize start at 1");
        }
        EntityMapping mapping = mappings.of(type);
        String model = mapping.model(ExternalSystem.ODOO);
        ArrayNode domain = modifiedAfter
                .map(after -> OdooCall.where("write_date", ">", NODES.textNode(OdooValues.odooDatetime(after))))
                .orElseGet(OdooCall::everything);
        domain = OdooCall.both(domain, shopScope(type));
        if (page > 1) {
            // counted with the first page: a later one is the last when it is not full
            List<SyncRecord> records = read(type, mapping, domain, pageSize, (long) (page - 1) * pageSize, PAGE_ORDER, false);
            return RecordPage.checked(records, page, records.size(), pageSize, Long.MAX_VALUE, (long) page * pageSize);
        }
        JsonNode count = api.call(OdooCall.searchCount(model, domain));
        if (!count.isIntegralNumber() || count.asLong() < 0) {
            throw failures.protocol(model + ".search_count answered " + count.getNodeType() + " instead of a count");
        }
        long total = count.asLong();
        long claimedPages = total / pageSize + (total % pageSize == 0 ? 0 : 1);
        List<SyncRecord> records = page > claimedPages ? List.of()
                : read(type, mapping, domain, pageSize, (long) (page - 1) * pageSize, PAGE_ORDER, false);
        return RecordPage.checked(records, page, records.size(), pageSize, claimedPages, total);
    }

    /**
     * What of Odoo's records a sync to the shop reads: not the invoice and delivery addresses of a
     * partner (contacts of their own type, which orders create), not the products of shipping
     * methods and fees (orders.yaml), which the shop does not sell.
     */
    private ArrayNode shopScope(EntityType type) {
        if (type == EntityType.CUSTOMERS) {
            return OdooCall.where("type", "not in", OdooCall.texts(List.of("invoice", "delivery", "other")));
        }
        if (type == EntityType.PRODUCTS) {
            Set<String> services = new LinkedHashSet<>(mappings.of(EntityType.ORDERS).orderRules().shippingProducts().values());
            mappings.of(EntityType.ORDERS).orderRules().defaultShippingProduct().ifPresent(services::add);
            mappings.of(EntityType.ORDERS).orderRules().feeProduct().ifPresent(services::add);
            if (!services.isEmpty()) {
                return OdooCall.either(OdooCall.where("default_code", "=", NODES.booleanNode(false)),
                        OdooCall.where("default_code", "not in", OdooCall.texts(services)));
            }
        }
        return OdooCall.everything();
    }

    List<SyncRecord> readByIds(EntityType type, Collection<String> ids) {
        return readByIdsOrNaturalKeys(type, ids, List.of());
    }

    List<SyncRecord> findByNaturalKeys(EntityType type, Collection<String> naturalKeys) {
        return readByIdsOrNaturalKeys(type, List.of(), naturalKeys);
    }

    /**
     * The records with these ids or these natural keys (compared without case). Where an index
     * answers the keys ({@link KeyLookups}), one {@code search_read} OR-s the two; else the keys are
     * looked up first, in small {@code =ilike} chunks that never carry the ids, and the records
     * then read by id.
     */
    List<SyncRecord> readByIdsOrNaturalKeys(EntityType type, Collection<String> ids, Collection<String> naturalKeys) {
        Set<Long> numeric = new LinkedHashSet<>();
        for (String id : ids) {
            try {
                numeric.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException | NullPointerException notAnOdooId) {
                // cannot exist in Odoo: simply missing from the answer
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        naturalKeys.stream().filter(key -> key != null && !key.isBlank()).forEach(keys::add);
        EntityMapping mapping = mappings.of(type);
        String model = mapping.model(ExternalSystem.ODOO);
        String keyField = mapping.naturalKeyField().in(ExternalSystem.ODOO).orElseThrow().path();
        ArrayNode byKey = null;
        if (!keys.isEmpty() && lookups.indexed(model, keyField)) {
            byKey = lookups.indexedDomain(model, keyField, keys);
        } else if (!keys.isEmpty()) {
            lookups.find(model, keyField, keys, List.of("id"), true, model + ".search_read")
                    .forEach(record -> numeric.add(record.path("id").asLong()));
        }
        ArrayNode byId = numeric.isEmpty() ? null : OdooCall.where("id", "in", OdooCall.ids(numeric));
        if (byId == null && byKey == null) {
            return List.of();
        }
        ArrayNode domain = byId == null ? byKey : byKey == null ? byId : OdooCall.either(byId, byKey);
        int keyCount = numeric.size() + (byKey == null ? 0 : keys.size());
        return read(type, mapping, domain, OdooCall.lookupLimit(keyCount), 0, "id asc", true, keyCount);
    }

    private List<SyncRecord> read(EntityType type, EntityMapping mapping, ArrayNode domain, Integer limit, long offset,
                                  String order, boolean includeArchived) {
        return read(type, mapping, domain, limit, offset, order, includeArchived, 0);
    }

    /**
     * @param lookedUpKeys for a look-up (by ids or natural keys) how many keys it asks for, else 0:
     *                     a look-up asks for one record more than {@code limit} and fails if it gets it
     */
    private List<SyncRecord> read(EntityType type, EntityMapping mapping, ArrayNode domain, Integer limit, long offset,
                                  String order, boolean includeArchived, int lookedUpKeys) {
        String model = mapping.model(ExternalSystem.ODOO);
        List<String> fields = new ArrayList<>(OdooRecordMapper.odooFields(mapping.fields()));
        if (!fields.contains("write_date")) {
            fields.add("write_date");
        }
        if (type == EntityType.PRODUCTS) {
            fields.add("product_template_attribute_value_ids");
        }
        Integer asked = lookedUpKeys > 0 ? Integer.valueOf(limit + 1) : limit;
        List<JsonNode> records = records(api.call(OdooCall.searchRead(model, domain, fields, asked, offset, order, includeArchived)),
                model);
        if (lookedUpKeys > 0 && records.size() > limit) {
            throw failures.truncated(model + ".search_read", lookedUpKeys, limit);
        }
        if (records.isEmpty()) {
            return List.of();
        }
        if (type == EntityType.PRODUCTS) {
            variants.learnValuesOf(records);
        }
        Map<FieldMapping, Map<Long, List<JsonNode>>> lines = readLines(mapping, model, records);
        Map<RelatedKeys.Relation, Set<Long>> wanted = new HashMap<>();
        records.forEach(record -> OdooRecordMapper.collectIds(mapping.fields(), record, wanted));
        lines.forEach((field, byParent) -> byParent.values().forEach(list -> list.forEach(
                line -> OdooRecordMapper.collectIds(field.lineFields(), line, wanted))));
        Map<RelatedKeys.Relation, Map<Long, String>> keys = new HashMap<>();
        wanted.forEach((relation, ids) -> keys.put(relation, related.keysOf(relation, ids)));

        OdooServiceLines serviceLines = type == EntityType.ORDERS
                ? OdooServiceLines.of(mapping.orderRules(), lines, related) : OdooServiceLines.NONE;
        List<SyncRecord> result = new ArrayList<>();
        for (JsonNode record : records) {
            long id = record.get("id").asLong();
            Map<String, Object> neutral;
            try {
                neutral = OdooRecordMapper.toNeutral(mapping.fields(), record, keys,
                        field -> lines.getOrDefault(field, Map.of()).getOrDefault(id, List.of()));
            } catch (IllegalArgumentException e) {
                throw failures.protocol(model + " record " + id + ": " + e.getMessage());
            }
            if (type == EntityType.PRODUCTS) {
                neutral = variants.variantFields(neutral, record);
            }
            neutral = serviceLines.separate(neutral, lines.values().stream()
                    .flatMap(byParent -> byParent.getOrDefault(id, List.of()).stream()).toList());
            result.add(new SyncRecord(type, ExternalSystem.ODOO, String.valueOf(id), neutral, modifiedAt(record, model)));
        }
        return result;
    }

    /** The lines of every lines field of these records, by parent id, in one call per field. */
    private Map<FieldMapping, Map<Long, List<JsonNode>>> readLines(EntityMapping mapping, String model, List<JsonNode> records) {
        Map<FieldMapping, Map<Long, List<JsonNode>>> lines = new HashMap<>();
        List<Long> parents = records.stream().map(record -> record.get("id").asLong()).toList();
        for (FieldMapping field : mapping.fields()) {
            if (field.type() != FieldType.LINES) {
                continue;
            }
            LineModels.LineModel lineModel = lineModels.of(model, field.in(ExternalSystem.ODOO).orElseThrow().path());
            List<String> fields = new ArrayList<>(OdooRecordMapper.odooFields(field.lineFields()));
            fields.add(lineModel.parentField());
            if (mapping.entity() == EntityType.ORDERS && !fields.contains("name")) {
                fields.add("name");
            }
            JsonNode answer = api.call(OdooCall.searchRead(lineModel.model(),
                    OdooCall.where(lineModel.parentField(), "in", OdooCall.ids(parents)), fields, null, 0, null, true));
            Map<Long, List<JsonNode>> byParent = new HashMap<>();
            for (JsonNode line : records(answer, lineModel.model())) {
                OdooValues.many2oneId(line.get(lineModel.parentField()))
                        .ifPresent(parent -> byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(line));
            }
            lines.put(field, byParent);
        }
        return lines;
    }

    private List<JsonNode> records(JsonNode answer, String model) {
        return failures.records(answer, model);
    }

    private Instant modifiedAt(JsonNode record, String model) {
        JsonNode writeDate = record.get("write_date");
        if (writeDate == null || !writeDate.isTextual()) {
            return null;
        }
        try {
            return OdooValues.instant(writeDate.asText());
        } catch (IllegalArgumentException e) {
            throw failures.protocol(model + ": " + e.getMessage());
        }
    }
}
