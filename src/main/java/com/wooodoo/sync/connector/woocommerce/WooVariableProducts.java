package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.NeutralProduct;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.VariantPrices;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.mapping.EntityMapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WooCommerce's variable products, as the neutral model sees them: every variation is a product
 * record of its own (its SKU the natural key), seen through its parent (a "view": the parent's
 * JSON with the variation's id, SKU, prices, stock and attributes), so that the parent's name,
 * description and categories map as for a simple product.
 *
 * <ul>
 *   <li>Reading: a page's variable products are replaced by their variations, read with
 *       {@code /products/<id>/variations} (100 a call); variations found by SKU
 *       ({@code /products?sku=} answers them with their {@code parent_id}) are read with their
 *       parents (one {@code include} call for all). WooCommerce shows a variation without a SKU of
 *       its own with its parent's SKU: such a variation has none.</li>
 *   <li>Writing: the parent is found by its SKU, else by its name among the variable products
 *       (case-insensitive), and created when missing, with the global attributes (found by name,
 *       created when missing) and every option its variations need; the variations are written
 *       through {@code /products/<parent>/variations/batch}, 100 a call.</li>
 * </ul>
 * The parents and the variations' parents seen are remembered (bounded), so that reading a
 * variation by id, which {@code /products?include=} does not answer, costs one call per parent.
 */
final class WooVariableProducts {

    static final String RESOURCE = "products";
    private static final String VARIATION = "variation";
    private static final int PER_PAGE = 100;
    private static final int REMEMBERED = 50_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final WooCommerceHttp http;
    private final WooBatchWriter writer;
    private final WooRecordMapper mapper;
    private final Map<Long, JsonNode> parents = new LinkedHashMap<>();
    private final Map<Long, Long> parentOfVariation = new HashMap<>();
    private final Set<Long> simpleProducts = new java.util.HashSet<>();
    private Map<String, JsonNode> attributesByName;

    WooVariableProducts(WooCommerceHttp http, WooBatchWriter writer, WooRecordMapper mapper) {
        this.http = http;
        this.writer = writer;
        this.mapper = mapper;
    }

    // ---- reading ------------------------------------------------------------------------------

    /** The items of a product page, each variable product replaced by views of its variations. */
    synchronized List<JsonNode> expand(List<JsonNode> items) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (!"variable".equals(item.path("type").asText())) {
                rememberProduct(item);
                out.add(item);
                continue;
            }
            remember(item);
            long parentId = item.path("id").asLong();
            List<JsonNode> variations = http.getAll(variationsOf(parentId), WooQuery.of("status", "any"));
            VariantPrices prices = VariantPrices.of(variations.stream().map(v -> new VariantPrices.Variant(valuesOf(v),
                    priceOf(v))).toList());
            for (int i = 0; i < variations.size(); i++) {
                ObjectNode view = view(item, variations.get(i));
                if (prices.base().isPresent() && !prices.misfits().contains(i)) {
                    view.put("_base_price", prices.base().get());
                    ObjectNode extras = view.putObject("_extras");
                    prices.extras().forEach(extras::put);
                }
                out.add(view);
            }
        }
        return out;
    }

    /** Product items as read by id or SKU: the variations among them as views, the others as they are. */
    synchronized List<JsonNode> withParents(List<JsonNode> items) {
        Set<Long> unknown = new LinkedHashSet<>();
        for (JsonNode item : items) {
            long parent = item.path("parent_id").asLong(0);
            if (VARIATION.equals(item.path("type").asText()) && parent > 0 && !parents.containsKey(parent)) {
                unknown.add(parent);
            }
        }
        if (!unknown.isEmpty()) {
            List<Long> ids = new ArrayList<>(unknown);
            for (int from = 0; from < ids.size(); from += PER_PAGE) {
                http.getAll(RESOURCE, WooQuery.of("include", WooQuery.joined(ids.subList(from, Math.min(ids.size(), from + PER_PAGE)))))
                        .forEach(this::remember);
            }
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (!VARIATION.equals(item.path("type").asText())) {
                out.add(item);
                continue;
            }
            JsonNode parent = parents.get(item.path("parent_id").asLong(0));
            if (parent == null) {
                throw http.protocol("GET " + RESOURCE + ": variation " + item.path("id").asText() + " names parent "
                        + item.path("parent_id").asText() + ", which the shop does not answer");
            }
            out.add(view(parent, item));
        }
        return out;
    }

    /**
     * The variations among these ids whose parents were seen before, read one call per parent
     * ({@code /products?include=} answers no variation).
     */
    synchronized List<JsonNode> variationsByIds(Collection<Long> ids) {
        Map<Long, List<Long>> byParent = new LinkedHashMap<>();
        ids.forEach(id -> Optional.ofNullable(parentOfVariation.get(id))
                .ifPresent(parent -> byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(id)));
        List<JsonNode> out = new ArrayList<>();
        byParent.forEach((parentId, variationIds) -> {
            JsonNode parent = parents.get(parentId);
            for (JsonNode variation : http.getAll(variationsOf(parentId), WooQuery.of("include", WooQuery.joined(variationIds)))) {
                out.add(view(parent, variation));
            }
        });
        return out;
    }

    /** Remembers the parents of the variations the orders' lines name, so that they can be read by id. */
    synchronized void learnFromOrders(List<JsonNode> orders) {
        for (JsonNode order : orders) {
            for (JsonNode line : order.path("line_items")) {
                long variation = line.path("variation_id").asLong(0);
                long parent = line.path("product_id").asLong(0);
                if (variation > 0 && parent > 0) {
                    rememberVariation(variation, parent);
                }
            }
        }
    }

    /**
     * Order lines written to the shop: a line whose product is a variation names it in
     * {@code variation_id}, as WooCommerce asks; which of the ids are variations, one
     * {@code include} call tells (it answers products, never variations).
     */
    synchronized void nameVariations(List<ObjectNode> orders) {
        Set<Long> ids = new LinkedHashSet<>();
        orders.forEach(order -> order.path("line_items").forEach(line -> {
            long id = line.path("product_id").asLong(0);
            if (id > 0 && !parents.containsKey(id)) {
                ids.add(id);
            }
        }));
        Set<Long> variations = new java.util.HashSet<>();
        ids.stream().filter(parentOfVariation::containsKey).forEach(variations::add);
        List<Long> unknown = ids.stream().filter(id -> !parentOfVariation.containsKey(id) && !simpleProducts.contains(id)).toList();
        if (!unknown.isEmpty()) {
            Set<Long> products = new java.util.HashSet<>();
            for (int from = 0; from < unknown.size(); from += PER_PAGE) {
                http.getAll(RESOURCE, WooQuery.of("include", WooQuery.joined(unknown.subList(from, Math.min(unknown.size(), from + PER_PAGE)))))
                        .forEach(p -> {
                            products.add(p.path("id").asLong());
                            rememberProduct(p);
                        });
            }
            unknown.stream().filter(id -> !products.contains(id)).forEach(variations::add);
        }
        for (ObjectNode order : orders) {
            for (JsonNode line : order.path("line_items")) {
                long id = line.path("product_id").asLong(0);
                if (variations.contains(id)) {
                    ((ObjectNode) line).remove("product_id");
                    ((ObjectNode) line).put("variation_id", id);
                }
            }
        }
    }

    /** The neutral fields a variation adds: its parent and attribute values (see {@link NeutralProduct}). */
    static Map<String, Object> variantFields(Map<String, Object> fields, JsonNode view) {
        if (!VARIATION.equals(view.path("type").asText())) {
            return fields;
        }
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.put(NeutralProduct.PARENT, view.path("_parent_name").asText());
        String parentSku = view.path("_parent_sku").asText("");
        out.put(NeutralProduct.PARENT_SKU, parentSku.isBlank() ? null : parentSku);
        Map<String, String> values = valuesOf(view.path("_variation_attributes"));
        if (view.path("_base_price").isNumber()) {
            Map<String, java.math.BigDecimal> extras = new HashMap<>();
            view.path("_extras").fields().forEachRemaining(e -> extras.put(e.getKey(), e.getValue().decimalValue()));
            out.put(NeutralProduct.BASE_PRICE, view.get("_base_price").decimalValue());
            out.put(NeutralProduct.ATTRIBUTES, NeutralProduct.attributeList(values, extras));
        } else {
            out.put(NeutralProduct.BASE_PRICE, null);
            out.put(NeutralProduct.ATTRIBUTES, NeutralProduct.attributeList(values));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Map<String, String> valuesOf(JsonNode variationOrAttributes) {
        JsonNode attributes = variationOrAttributes.isArray() ? variationOrAttributes : variationOrAttributes.path("attributes");
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode attribute : attributes) {
            values.put(attribute.path("name").asText(), attribute.path("option").asText());
        }
        return values;
    }

    private static java.math.BigDecimal priceOf(JsonNode variation) {
        String price = variation.path("regular_price").asText("");
        try {
            return price.isBlank() ? null : new java.math.BigDecimal(price.strip());
        } catch (NumberFormatException notAPrice) {
            return null;
        }
    }

    /**
     * The parent's JSON with the variation's own fields: its id, SKU (none when it only shows the
     * parent's), prices, stock and dates.
     */
    private ObjectNode view(JsonNode parent, JsonNode variation) {
        long parentId = parent.path("id").asLong();
        rememberVariation(variation.path("id").asLong(), parentId);
        ObjectNode view = parent.deepCopy();
        for (String field : List.of("id", "price", "regular_price", "sale_price", "date_created", "date_created_gmt",
                "date_modified", "date_modified_gmt", "manage_stock", "stock_quantity", "stock_status", "backorders",
                "status")) {
            view.set(field, variation.get(field));
        }
        String sku = variation.path("sku").asText("");
        String parentSku = parent.path("sku").asText("");
        view.put("sku", sku.equalsIgnoreCase(parentSku) ? "" : sku);
        view.put("type", VARIATION);
        view.put("parent_id", parentId);
        view.put("_parent_name", parent.path("name").asText());
        view.put("_parent_sku", parentSku);
        view.set("_variation_attributes", variation.path("attributes").isArray() ? variation.get("attributes") : NODES.arrayNode());
        return view;
    }

    private void remember(JsonNode parent) {
        if (parents.size() >= REMEMBERED) {
            parents.clear();
        }
        parents.put(parent.path("id").asLong(), parent);
    }

    /** A product that is no variation (one a page read, a look-up or a write answered). */
    synchronized void rememberProduct(JsonNode product) {
        if (!VARIATION.equals(product.path("type").asText()) && product.path("id").asLong(0) > 0) {
            if (simpleProducts.size() >= REMEMBERED) {
                simpleProducts.clear();
            }
            simpleProducts.add(product.path("id").asLong());
        }
    }

    private void rememberVariation(long variationId, long parentId) {
        if (parentOfVariation.size() >= REMEMBERED) {
            parentOfVariation.clear();
        }
        parentOfVariation.put(variationId, parentId);
    }

    private static String variationsOf(long parentId) {
        return RESOURCE + "/" + parentId + "/variations";
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Creates the variant records at {@code indexes} of {@code records} as variations, their parents as needed. */
    synchronized void create(EntityMapping mapping, List<SyncRecord> records, List<Integer> indexes, WriteOutcome[] outcomes) {
        for (List<Integer> group : byParent(indexes, i -> records.get(i).fields()).values()) {
            List<Map<String, Object>> fields = group.stream().map(i -> records.get(i).fields()).toList();
            try {
                JsonNode parent = parentFor(mapping, records.get(group.get(0)), fields);
                List<WooBatchWriter.Item> items = new ArrayList<>();
                for (int index : group) {
                    ObjectNode json = variationJson(mapping, records.get(index), parent);
                    items.add(new WooBatchWriter.Item(index, json, json.path("sku").asText(null)));
                }
                long parentId = parent.path("id").asLong();
                writer.write(variationsOf(parentId), "create", items, outcomes,
                        (item, answer) -> rememberVariation(answer.path("id").asLong(), parentId));
            } catch (ConnectorException failure) {
                if (!concernsRecords(failure)) {
                    throw failure;
                }
                group.forEach(i -> outcomes[i] = WriteOutcome.failed(i, failure));
            }
        }
    }

    /** Writes the variant records at {@code indexes} over their variations (and the parent's shared fields). */
    synchronized void update(EntityMapping mapping, List<TargetUpdate> updates, List<Integer> indexes, WriteOutcome[] outcomes) {
        List<Long> unknownParents = indexes.stream().map(i -> Long.parseLong(updates.get(i).targetId()))
                .filter(id -> !parentOfVariation.containsKey(id)).toList();
        List<Object> skus = indexes.stream().map(i -> updates.get(i).record().fields().get("sku"))
                .filter(sku -> sku != null && !sku.toString().isBlank() && !sku.toString().contains(",")).toList();
        if (!unknownParents.isEmpty() && !skus.isEmpty()) {
            // variations not seen yet by this connector: their SKUs tell their parents
            withParents(http.getAll(RESOURCE, WooQuery.of("sku", WooQuery.joined(skus))));
        }
        Map<Long, List<Integer>> byParent = new LinkedHashMap<>();
        for (int index : indexes) {
            Long parent = parentOfVariation.get(Long.parseLong(updates.get(index).targetId()));
            if (parent == null) {
                outcomes[index] = WriteOutcome.failed(index, new ConnectorException(com.wooodoo.sync.connector.ExternalSystem.WOOCOMMERCE,
                        com.wooodoo.sync.connector.FailureKind.NOT_FOUND, null, 0, "variation " + updates.get(index).targetId()
                        + " is not a variation the shop answers by its SKU"));
                continue;
            }
            byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(index);
        }
        byParent.forEach((parentId, group) -> {
            List<Map<String, Object>> fields = group.stream().map(i -> updates.get(i).record().fields()).toList();
            try {
                JsonNode known = parents.get(parentId);
                if (known == null) {
                    http.getAll(RESOURCE, WooQuery.of("include", parentId)).forEach(this::remember);
                    known = parents.get(parentId);
                }
                if (known == null) {
                    throw new ConnectorException(com.wooodoo.sync.connector.ExternalSystem.WOOCOMMERCE,
                            com.wooodoo.sync.connector.FailureKind.NOT_FOUND, null, 0, "variable product " + parentId + " is gone");
                }
                JsonNode parent = ensureParent(mapping, known, updates.get(group.get(0)).record(), fields);
                List<WooBatchWriter.Item> items = new ArrayList<>();
                for (int index : group) {
                    ObjectNode json = variationJson(mapping, updates.get(index).record(), parent);
                    json.put("id", Long.parseLong(updates.get(index).targetId()));
                    items.add(new WooBatchWriter.Item(index, json, json.path("sku").asText(null)));
                }
                writer.write(variationsOf(parentId), "update", items, outcomes, (item, answer) -> { });
            } catch (ConnectorException failure) {
                if (!concernsRecords(failure)) {
                    throw failure;
                }
                group.forEach(i -> outcomes[i] = WriteOutcome.failed(i, failure));
            }
        });
    }

    /** A failure of these records (the others of the batch go on); any other is the whole batch's, tried again. */
    private static boolean concernsRecords(ConnectorException failure) {
        return switch (failure.kind()) {
            case VALIDATION, DUPLICATE, NOT_FOUND -> true;
            default -> false;
        };
    }

    private static Map<String, List<Integer>> byParent(List<Integer> indexes, java.util.function.IntFunction<Map<String, Object>> fields) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int index : indexes) {
            String parent = NeutralProduct.parentOf(fields.apply(index)).toLowerCase(Locale.ROOT);
            groups.computeIfAbsent(parent, p -> new ArrayList<>()).add(index);
        }
        return groups;
    }

    /** A variation's JSON: its SKU, price and attribute values (by the parent's attribute ids). */
    private ObjectNode variationJson(EntityMapping mapping, SyncRecord record, JsonNode parent) {
        ObjectNode mapped = mapper.toJson(mapping, record, true);
        ObjectNode json = NODES.objectNode();
        if (mapped.has("sku")) {
            json.set("sku", mapped.get("sku"));
        }
        if (mapped.has("regular_price")) {
            json.set("regular_price", mapped.get("regular_price"));
        }
        ArrayNode attributes = json.putArray("attributes");
        NeutralProduct.attributesOf(record.fields()).forEach((name, value) -> {
            JsonNode own = ownAttribute(parent, name);
            ObjectNode a = attributes.addObject();
            if (own != null && own.path("id").asLong(0) > 0) {
                a.put("id", own.path("id").asLong());
            } else {
                a.put("name", own == null ? name : own.path("name").asText());
            }
            a.put("option", optionOf(own, value));
        });
        return json;
    }

    /** The parent of these variants: found by SKU or name, else created; with every attribute value they need. */
    private JsonNode parentFor(EntityMapping mapping, SyncRecord first, List<Map<String, Object>> variants) {
        String name = NeutralProduct.parentOf(first.fields());
        Object parentSku = first.fields().get(NeutralProduct.PARENT_SKU);
        List<JsonNode> found;
        if (parentSku != null && !parentSku.toString().isBlank()) {
            found = http.getAll(RESOURCE, WooQuery.of("sku", parentSku.toString().strip())).stream()
                    .filter(p -> "variable".equals(p.path("type").asText())).toList();
        } else {
            found = http.getAll(RESOURCE, WooQuery.of("type", "variable").with("search", name)).stream()
                    .filter(p -> p.path("name").asText().strip().equalsIgnoreCase(name)).toList();
        }
        if (found.size() > 1) {
            throw WooRecordMapper.validation(found.size() + " variable products of the shop are named '" + name
                    + "' (ids " + found.stream().map(p -> p.path("id").asText()).toList() + "): give the one to sync to a SKU");
        }
        if (found.size() == 1) {
            remember(found.get(0));
            return ensureParent(mapping, found.get(0), first, variants);
        }
        ObjectNode json = mapper.toJson(mapping, first, true);
        json.remove(List.of("sku", "regular_price", "sale_price"));
        if (parentSku != null && !parentSku.toString().isBlank()) {
            json.put("sku", parentSku.toString().strip());
        }
        json.put("name", name);
        json.put("type", "variable");
        json.set("attributes", attributesWith(NODES.arrayNode(), variants));
        List<WooBatchWriter.Item> items = List.of(new WooBatchWriter.Item(0, json, json.path("sku").asText(null)));
        WriteOutcome[] outcome = new WriteOutcome[1];
        JsonNode[] created = new JsonNode[1];
        writer.write(RESOURCE, "create", items, outcome, (item, answer) -> created[0] = answer);
        if (created[0] == null) {
            throw outcome[0].failure().orElseThrow();
        }
        remember(created[0]);
        return created[0];
    }

    /** The parent, its attributes given the options these variants need (one write when some are missing). */
    private JsonNode ensureParent(EntityMapping mapping, JsonNode parent, SyncRecord first, List<Map<String, Object>> variants) {
        ArrayNode wanted = attributesWith((ArrayNode) parent.path("attributes").deepCopy(), variants);
        if (wanted.equals(parent.path("attributes"))) {
            return parent;
        }
        ObjectNode json = NODES.objectNode().put("id", parent.path("id").asLong());
        json.set("attributes", wanted);
        WriteOutcome[] outcome = new WriteOutcome[1];
        JsonNode[] updated = new JsonNode[1];
        writer.write(RESOURCE, "update", List.of(new WooBatchWriter.Item(0, json, null)), outcome, (item, answer) -> updated[0] = answer);
        if (updated[0] == null) {
            throw outcome[0].failure().orElseThrow();
        }
        remember(updated[0]);
        return updated[0];
    }

    /** The parent's attributes with every attribute and option the variants use added (global attributes by id). */
    private ArrayNode attributesWith(ArrayNode attributes, List<Map<String, Object>> variants) {
        for (Map<String, Object> fields : variants) {
            NeutralProduct.attributesOf(fields).forEach((name, value) -> {
                ObjectNode own = (ObjectNode) ownAttribute(attributes, name);
                if (own == null) {
                    own = attributes.addObject();
                    JsonNode global = globalAttribute(name);
                    own.put("id", global.path("id").asLong());
                    own.put("name", global.path("name").asText());
                    own.put("position", attributes.size() - 1).put("visible", true).put("variation", true);
                    own.putArray("options");
                }
                if (optionOf(own, value).equals(value) && !hasOption(own, value)) {
                    own.withArray("options").add(value);
                }
                own.put("variation", true);
            });
        }
        return attributes;
    }

    /** The global attribute with this name (case-insensitive), created when the shop has none. */
    private JsonNode globalAttribute(String name) {
        if (attributesByName == null || !attributesByName.containsKey(name.toLowerCase(Locale.ROOT))) {
            attributesByName = new HashMap<>();
            // the shop answers all its global attributes at once, without paging
            JsonNode all = http.get(RESOURCE + "/attributes", WooQuery.of("context", "view")).body();
            if (!all.isArray()) {
                throw http.protocol("GET " + RESOURCE + "/attributes: expected a JSON list, got " + all.getNodeType());
            }
            all.forEach(a -> attributesByName.putIfAbsent(a.path("name").asText().strip().toLowerCase(Locale.ROOT), a));
        }
        JsonNode known = attributesByName.get(name.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        JsonNode created = http.post(RESOURCE + "/attributes", NODES.objectNode().put("name", name)).body();
        if (!created.path("id").canConvertToExactIntegral()) {
            throw http.protocol("POST " + RESOURCE + "/attributes answered no id for attribute '" + name + "'");
        }
        attributesByName.put(name.toLowerCase(Locale.ROOT), created);
        return created;
    }

    private static JsonNode ownAttribute(JsonNode parent, String name) {
        JsonNode attributes = parent.isArray() ? parent : parent.path("attributes");
        for (JsonNode attribute : attributes) {
            if (attribute.path("name").asText().strip().equalsIgnoreCase(name.strip())) {
                return attribute;
            }
        }
        return null;
    }

    private static boolean hasOption(JsonNode attribute, String value) {
        for (JsonNode option : attribute.path("options")) {
            if (option.asText().strip().equalsIgnoreCase(value.strip())) {
                return true;
            }
        }
        return false;
    }

    /** The parent's spelling of this option, when it has it (options are found again without case). */
    private static String optionOf(JsonNode attribute, String value) {
        if (attribute != null) {
            for (JsonNode option : attribute.path("options")) {
                if (option.asText().strip().equalsIgnoreCase(value.strip())) {
                    return option.asText();
                }
            }
        }
        return value;
    }
}
