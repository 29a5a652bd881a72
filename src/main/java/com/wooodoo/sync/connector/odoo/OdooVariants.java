package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.NeutralProduct;
import com.wooodoo.sync.connector.WriteOutcome;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Odoo's product variants as the neutral model sees them: a {@code product.product} of a template
 * with attributes is a product record with its template's name as {@link NeutralProduct#PARENT}
 * and its attribute values; a variant record written to Odoo finds or makes its template, the
 * attributes and values (by name, without case, each made once) and the template's attribute
 * lines, and then writes the variant Odoo generated for its values.
 *
 * <p>Prices: Odoo holds a variant's sales price ({@code lst_price}) as its template's
 * {@code list_price} plus the price extras of its attribute values. The base and the extras come
 * with the records ({@link NeutralProduct#BASE_PRICE}, found from all the parent's variants by
 * {@link com.wooodoo.sync.connector.VariantPrices}) and are written when they differ. A variant
 * whose price they do not give (the other system prices that combination on its own) is a
 * ValidationError naming it, its price and what Odoo would hold: it is never written wrong.
 *
 * <p>The combinations Odoo generates that no record claims keep no SKU and are archived (those
 * the other system does not sell, and those it sells without a SKU); a variant written later is
 * made active again. Variants are written one batch at a time: batches in flight at once may
 * need the same template, attribute or value.
 */
final class OdooVariants {

    static final String TEMPLATE = "product.template";
    static final String PRODUCT = "product.product";
    static final String LINE = "product.template.attribute.line";
    static final String PTAV = "product.template.attribute.value";
    static final String ATTRIBUTE = "product.attribute";
    static final String VALUE = "product.attribute.value";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int REMEMBERED = 50_000;

    private final OdooApi api;
    private final OdooFailures failures;
    /** product.template.attribute.value id → (attribute name, value name), for reading variants. */
    private final Map<Long, String[]> ptavNames = new HashMap<>();

    OdooVariants(OdooApi api, OdooFailures failures) {
        this.api = api;
        this.failures = failures;
    }

    // ---- reading ------------------------------------------------------------------------------

    /** The variant fields of product records read from Odoo ({@code product_template_attribute_value_ids} read with them). */
    Map<String, Object> variantFields(Map<String, Object> fields, JsonNode record) {
        List<Long> ptavs = ids(record.path("product_template_attribute_value_ids"));
        if (ptavs.isEmpty()) {
            return fields;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (long ptav : ptavs) {
            String[] pair = ptavNames.get(ptav);
            if (pair != null) {
                values.put(pair[0], pair[1]);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.put(NeutralProduct.PARENT, fields.get("name"));
        out.put(NeutralProduct.PARENT_SKU, null);
        out.put(NeutralProduct.ATTRIBUTES, NeutralProduct.attributeList(values));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Reads the names of the attribute values of these variants not known yet: one call. */
    synchronized void learnValuesOf(Collection<JsonNode> records) {
        Set<Long> unknown = new LinkedHashSet<>();
        records.forEach(record -> ids(record.path("product_template_attribute_value_ids")).stream()
                .filter(id -> !ptavNames.containsKey(id)).forEach(unknown::add));
        if (unknown.isEmpty()) {
            return;
        }
        if (ptavNames.size() > REMEMBERED) {
            ptavNames.clear();
        }
        List<JsonNode> answer = read(PTAV, OdooCall.where("id", "in", OdooCall.ids(unknown)),
                List.of("attribute_id", "name", "attribute_line_id"));
        answer.sort(java.util.Comparator.comparingLong((JsonNode p) -> OdooValues.many2oneId(p.get("attribute_line_id")).orElse(0L))
                .thenComparingLong(p -> p.path("id").asLong()));
        for (JsonNode ptav : answer) {
            ptavNames.put(ptav.path("id").asLong(), new String[] {label(ptav.get("attribute_id")),
                    ptav.path("name").asText()});
        }
    }

    // ---- writing ------------------------------------------------------------------------------

    /**
     * Writes variant records: {@code records.get(i)} are the neutral fields, {@code values.get(i)}
     * the Odoo values the mapping made of them, {@code targets.get(i)} the variant to write over
     * (null: the variant of its values in its template, made as needed).
     */
    synchronized void write(List<Map<String, Object>> records, List<ObjectNode> values, List<Long> targets, List<Integer> indexes,
               WriteOutcome[] outcomes) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int index : indexes) {
            groups.computeIfAbsent(NeutralProduct.parentOf(records.get(index)).toLowerCase(Locale.ROOT), p -> new ArrayList<>()).add(index);
        }
        Map<Long, Long> templateOfTarget = templatesOf(indexes.stream().map(targets::get).filter(java.util.Objects::nonNull).toList());
        // by name only the groups no target leads to a template: the name look-up scans product_template
        Set<String> unplaced = new LinkedHashSet<>();
        groups.forEach((parent, group) -> {
            if (group.stream().map(targets::get).filter(java.util.Objects::nonNull).map(templateOfTarget::get)
                    .noneMatch(java.util.Objects::nonNull)) {
                unplaced.add(NeutralProduct.parentOf(records.get(group.get(0))));
            }
        });
        Map<String, Long> existing = templatesNamed(unplaced);
        Map<String, Long> attributes = attributeIds(indexes.stream()
                .flatMap(i -> NeutralProduct.attributesOf(records.get(i)).keySet().stream()).toList());
        Map<String, Long> attributeValues = valueIds(attributes, indexes.stream().map(records::get).toList());
        for (List<Integer> group : groups.values()) {
            try {
                Long template = group.stream().map(targets::get).filter(java.util.Objects::nonNull).map(templateOfTarget::get)
                        .filter(java.util.Objects::nonNull).findFirst()
                        .orElse(existing.get(NeutralProduct.parentOf(records.get(group.get(0))).toLowerCase(Locale.ROOT)));
                if (template == null) {
                    template = createTemplate(records, values, group, attributes, attributeValues);
                } else {
                    addMissingValues(template, records, group, attributes, attributeValues);
                }
                writeVariants(template, records, values, targets, group, outcomes);
            } catch (ConnectorException failure) {
                if (!OdooFailures.concernsRecords(failure)) {
                    throw failure;
                }
                group.forEach(i -> outcomes[i] = WriteOutcome.failed(i, failure));
            }
        }
    }

    private Map<Long, Long> templatesOf(List<Long> variants) {
        Map<Long, Long> templates = new HashMap<>();
        if (variants.isEmpty()) {
            return templates;
        }
        for (JsonNode variant : readArchivedToo(PRODUCT, OdooCall.where("id", "in", OdooCall.ids(variants)), List.of("product_tmpl_id"))) {
            OdooValues.many2oneId(variant.get("product_tmpl_id")).ifPresent(t -> templates.put(variant.path("id").asLong(), t));
        }
        return templates;
    }

    /** Templates with attribute lines by lower-case name; two with one name are a ValidationError of that name's variants. */
    private Map<String, Long> templatesNamed(Collection<String> names) {
        Map<String, Long> byName = new HashMap<>();
        Map<String, List<Long>> all = new HashMap<>();
        for (JsonNode template : readNamed(TEMPLATE, names, List.of("name", "attribute_line_ids"))) {
            if (!ids(template.path("attribute_line_ids")).isEmpty()) {
                all.computeIfAbsent(template.path("name").asText().strip().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                        .add(template.path("id").asLong());
            }
        }
        all.forEach((name, ids) -> byName.put(name, ids.size() == 1 ? ids.get(0) : -1L));
        return byName;
    }

    /** The attributes by lower-case name, the missing ones created (one call). */
    private Map<String, Long> attributeIds(List<String> names) {
        Map<String, String> wanted = new LinkedHashMap<>();
        names.forEach(name -> wanted.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), name.strip()));
        Map<String, Long> ids = new HashMap<>();
        if (wanted.isEmpty()) {
            return ids;
        }
        for (JsonNode attribute : readNamed(ATTRIBUTE, wanted.values(), List.of("name"))) {
            ids.putIfAbsent(attribute.path("name").asText().strip().toLowerCase(Locale.ROOT), attribute.path("id").asLong());
        }
        List<String> missing = wanted.keySet().stream().filter(key -> !ids.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            List<ObjectNode> vals = missing.stream().map(key -> NODES.objectNode().put("name", wanted.get(key))
                    .put("create_variant", "always")).toList();
            List<Long> created = createIds(ATTRIBUTE, vals);
            for (int i = 0; i < missing.size(); i++) {
                ids.put(missing.get(i), created.get(i));
            }
        }
        return ids;
    }

    /** The attribute values by "attribute id|lower-case value", the missing ones created (one call). */
    private Map<String, Long> valueIds(Map<String, Long> attributes, List<Map<String, Object>> records) {
        Map<String, ObjectNode> wanted = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            NeutralProduct.attributesOf(record).forEach((name, value) -> {
                long attribute = attributes.get(name.strip().toLowerCase(Locale.ROOT));
                wanted.putIfAbsent(attribute + "|" + value.strip().toLowerCase(Locale.ROOT),
                        NODES.objectNode().put("name", value.strip()).put("attribute_id", attribute));
            });
        }
        Map<String, Long> ids = new HashMap<>();
        if (wanted.isEmpty()) {
            return ids;
        }
        for (JsonNode value : read(VALUE, OdooCall.where("attribute_id", "in", OdooCall.ids(new HashSet<>(attributes.values()))),
                List.of("name", "attribute_id"))) {
            ids.putIfAbsent(OdooValues.many2oneId(value.get("attribute_id")).orElse(0L) + "|"
                    + value.path("name").asText().strip().toLowerCase(Locale.ROOT), value.path("id").asLong());
        }
        List<String> missing = wanted.keySet().stream().filter(key -> !ids.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            List<Long> created = createIds(VALUE, missing.stream().map(wanted::get).toList());
            for (int i = 0; i < missing.size(); i++) {
                ids.put(missing.get(i), created.get(i));
            }
        }
        return ids;
    }

    private long createTemplate(List<Map<String, Object>> records, List<ObjectNode> values, List<Integer> group,
                                Map<String, Long> attributes, Map<String, Long> attributeValues) {
        ObjectNode first = values.get(group.get(0));
        ObjectNode vals = NODES.objectNode().put("name", NeutralProduct.parentOf(records.get(group.get(0))));
        for (String shared : List.of("description_sale", "categ_id")) {
            if (first.has(shared)) {
                vals.set(shared, first.get(shared));
            }
        }
        if (first.has("lst_price")) {
            vals.set("list_price", first.get("lst_price"));
        }
        ArrayNode lines = vals.putArray("attribute_line_ids");
        lineValues(records, group, attributes, attributeValues).forEach((attribute, valueIds) -> {
            ArrayNode command = lines.addArray().add(0).add(0);
            ObjectNode line = command.addObject().put("attribute_id", attribute);
            line.putArray("value_ids").addArray().add(6).add(0).add(OdooCall.ids(valueIds));
        });
        return createIds(TEMPLATE, List.of(vals)).get(0);
    }

    /** The values each attribute's line needs, in the order the variants name them. */
    private static Map<Long, Set<Long>> lineValues(List<Map<String, Object>> records, List<Integer> group, Map<String, Long> attributes,
                                                   Map<String, Long> attributeValues) {
        Map<Long, Set<Long>> lines = new LinkedHashMap<>();
        for (int index : group) {
            NeutralProduct.attributesOf(records.get(index)).forEach((name, value) -> {
                long attribute = attributes.get(name.strip().toLowerCase(Locale.ROOT));
                lines.computeIfAbsent(attribute, a -> new LinkedHashSet<>())
                        .add(attributeValues.get(attribute + "|" + value.strip().toLowerCase(Locale.ROOT)));
            });
        }
        return lines;
    }

    /** Adds to an existing template the attribute lines and values its variants need (one write when any is missing). */
    private void addMissingValues(long template, List<Map<String, Object>> records, List<Integer> group,
                                  Map<String, Long> attributes, Map<String, Long> attributeValues) {
        if (template < 0) {
            throw new ConnectorException(ExternalSystem.ODOO, FailureKind.VALIDATION, null, 0, "several Odoo product templates with "
                    + "attributes are named '" + NeutralProduct.parentOf(records.get(group.get(0))) + "': rename all but the one to sync");
        }
        Map<Long, JsonNode> lineByAttribute = new HashMap<>();
        for (JsonNode line : read(LINE, OdooCall.where("product_tmpl_id", "=", NODES.numberNode(template)), List.of("attribute_id", "value_ids"))) {
            OdooValues.many2oneId(line.get("attribute_id")).ifPresent(a -> lineByAttribute.put(a, line));
        }
        ArrayNode commands = NODES.arrayNode();
        lineValues(records, group, attributes, attributeValues).forEach((attribute, valueIds) -> {
            JsonNode line = lineByAttribute.get(attribute);
            if (line == null) {
                ObjectNode added = commands.addArray().add(0).add(0).addObject().put("attribute_id", attribute);
                added.putArray("value_ids").addArray().add(6).add(0).add(OdooCall.ids(valueIds));
                return;
            }
            Set<Long> missing = new LinkedHashSet<>(valueIds);
            missing.removeAll(ids(line.path("value_ids")));
            if (!missing.isEmpty()) {
                ArrayNode links = NODES.arrayNode();
                missing.forEach(v -> links.addArray().add(4).add(v));
                commands.addArray().add(1).add(line.path("id").asLong()).addObject().set("value_ids", links);
            }
        });
        if (!commands.isEmpty()) {
            ObjectNode vals = NODES.objectNode();
            vals.set("attribute_line_ids", commands);
            api.call(OdooCall.write(TEMPLATE, template, vals));
        }
    }

    /** The variants of the template for each record: SKU, price (by extras), active; the unsold combinations archived. */
    private void writeVariants(long template, List<Map<String, Object>> records, List<ObjectNode> values,
                               List<Long> targets, List<Integer> group, WriteOutcome[] outcomes) {
        JsonNode templateRow = read(TEMPLATE, OdooCall.where("id", "=", NODES.numberNode(template)), List.of("list_price")).get(0);
        BigDecimal base = decimal(templateRow.get("list_price"));
        Map<Long, Ptav> ptavs = new LinkedHashMap<>();
        for (JsonNode row : readArchivedToo(PTAV, OdooCall.where("product_tmpl_id", "=", NODES.numberNode(template)),
                List.of("attribute_id", "name", "price_extra"))) {
            ptavs.put(row.path("id").asLong(), new Ptav(row.path("id").asLong(), label(row.get("attribute_id")),
                    row.path("name").asText(), decimal(row.get("price_extra"))));
        }
        List<JsonNode> variants = readArchivedToo(PRODUCT, OdooCall.where("product_tmpl_id", "=", NODES.numberNode(template)),
                List.of("default_code", "active", "product_template_attribute_value_ids"));
        Map<String, JsonNode> byCombination = new HashMap<>();
        Map<Long, JsonNode> byId = new HashMap<>();
        variants.forEach(v -> byId.put(v.path("id").asLong(), v));
        for (JsonNode variant : variants) {
            Map<String, String> combination = new LinkedHashMap<>();
            for (long id : ids(variant.path("product_template_attribute_value_ids"))) {
                Ptav ptav = ptavs.get(id);
                if (ptav != null) {
                    combination.put(ptav.attribute, ptav.value);
                }
            }
            byCombination.put(NeutralProduct.combinationKey(combination), variant);
        }
        Set<Long> matched = new HashSet<>();
        BigDecimal wantedBase = group.stream().map(i -> records.get(i).get(NeutralProduct.BASE_PRICE))
                .filter(BigDecimal.class::isInstance).map(BigDecimal.class::cast).findFirst().orElse(null);
        Map<String, BigDecimal> wantedExtras = new HashMap<>();
        group.forEach(i -> wantedExtras.putAll(NeutralProduct.extrasOf(records.get(i))));
        BigDecimal newBase = wantedBase == null ? base : wantedBase;
        Map<Long, BigDecimal> extrasChanged = new LinkedHashMap<>();
        for (Ptav ptav : ptavs.values()) {
            BigDecimal wanted = wantedExtras.get(com.wooodoo.sync.connector.VariantPrices.key(ptav.attribute, ptav.value));
            if (wanted != null && wanted.compareTo(ptav.extra) != 0) {
                extrasChanged.put(ptav.id, wanted);
            }
        }
        List<Object[]> variantWrites = new ArrayList<>();
        for (int index : group) {
            Map<String, Object> record = records.get(index);
            Long target = targets.get(index);
            JsonNode variant = target != null && byId.containsKey(target) ? byId.get(target)
                    : byCombination.get(NeutralProduct.combinationKey(NeutralProduct.attributesOf(record)));
            if (variant == null) {
                outcomes[index] = WriteOutcome.failed(index, validation("Odoo has no variant of template " + template + " for the "
                        + NeutralProduct.describe(record).orElse("product") + ": check that its attributes create variants"));
                continue;
            }
            String code = variant.path("default_code").isTextual() ? variant.path("default_code").asText() : "";
            Object sku = record.get("sku");
            if (target == null && !code.isBlank() && (sku == null || !code.equalsIgnoreCase(sku.toString().strip()))) {
                outcomes[index] = WriteOutcome.failed(index, validation("the " + NeutralProduct.describe(record).orElse("product")
                        + " is variant " + variant.path("id").asText() + " of Odoo template " + template + ", which has SKU '" + code
                        + "' already: two products of the other system with this name and these values? Give them names of their own"));
                continue;
            }
            long variantId = variant.path("id").asLong();
            matched.add(variantId);
            List<Long> combination = ids(variant.path("product_template_attribute_value_ids"));
            // the template's fields (name, description, category) write through the variant, as Odoo delegates them
            ObjectNode vals = values.get(index).deepCopy();
            vals.remove(List.of("lst_price", "list_price"));
            if (!variant.path("active").asBoolean(true)) {
                vals.put("active", true);
            }
            JsonNode price = values.get(index).get("lst_price");
            if (price != null && price.isNumber()) {
                BigDecimal held = newBase;
                for (long id : combination) {
                    held = held.add(extrasChanged.getOrDefault(id, ptavs.get(id).extra));
                }
                if (held.compareTo(price.decimalValue()) != 0) {
                    outcomes[index] = WriteOutcome.failed(index, validation("the " + NeutralProduct.describe(record).orElse("product")
                            + " costs " + price.decimalValue().toPlainString() + ", but Odoo holds a variant's price as its template's "
                            + "price plus an extra per attribute value, which make " + held.toPlainString() + " here: the other "
                            + "system prices this combination on its own. Make its variant prices add up per attribute value "
                            + "(a size costs so much more, a colour so much more)"));
                    continue;
                }
            }
            variantWrites.add(new Object[] {index, variantId, vals});
        }
        if (wantedBase != null && wantedBase.compareTo(base) != 0) {
            api.call(OdooCall.write(TEMPLATE, template, NODES.objectNode().put("list_price", wantedBase)));
        }
        extrasChanged.forEach((ptav, extra) -> api.call(OdooCall.write(PTAV, ptav, NODES.objectNode().put("price_extra", extra))));
        for (Object[] write : variantWrites) {
            int index = (int) write[0];
            long variantId = (long) write[1];
            ObjectNode vals = (ObjectNode) write[2];
            try {
                if (!vals.isEmpty()) {
                    api.call(OdooCall.write(PRODUCT, variantId, vals));
                }
                outcomes[index] = WriteOutcome.written(index, String.valueOf(variantId));
            } catch (ConnectorException failure) {
                if (!OdooFailures.concernsRecords(failure)) {
                    throw failure;
                }
                outcomes[index] = WriteOutcome.failed(index, failure);
            }
        }
        for (JsonNode variant : variants) {
            String code = variant.path("default_code").isTextual() ? variant.path("default_code").asText() : "";
            // a combination no record has claimed (a later batch's record makes its variant active again)
            if (code.isBlank() && variant.path("active").asBoolean(true) && !matched.contains(variant.path("id").asLong())) {
                api.call(OdooCall.write(PRODUCT, variant.path("id").asLong(), NODES.objectNode().put("active", false)));
            }
        }
    }

    private record Ptav(long id, String attribute, String value, BigDecimal extra) {
    }

    /**
     * The records whose name is one of these without regard to case: {@code name} has no index an
     * {@code =ilike} could use (no other key identifies a template or an attribute), so each call
     * OR-s at most {@link KeyLookups#ILIKE_CHUNK} names over a scan of the table.
     */
    private List<JsonNode> readNamed(String model, Collection<String> names, List<String> fields) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(names));
        List<JsonNode> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += KeyLookups.ILIKE_CHUNK) {
            found.addAll(read(model, OdooCall.equalsIgnoringCase("name", all.subList(from, Math.min(all.size(),
                    from + KeyLookups.ILIKE_CHUNK))), fields));
        }
        return found;
    }

    private List<JsonNode> read(String model, ArrayNode domain, List<String> fields) {
        return failures.records(api.call(OdooCall.searchRead(model, domain, fields, null, 0, "id asc", false)), model);
    }

    private List<JsonNode> readArchivedToo(String model, ArrayNode domain, List<String> fields) {
        return failures.records(api.call(OdooCall.searchRead(model, domain, fields, null, 0, "id asc", true)), model);
    }


    private List<Long> createIds(String model, List<ObjectNode> vals) {
        JsonNode answer = api.call(OdooCall.create(model, vals));
        if (!answer.isArray() || answer.size() != vals.size()) {
            throw failures.protocol(model + ".create of " + vals.size() + " records answered " + answer + " instead of as many ids");
        }
        List<Long> ids = new ArrayList<>();
        answer.forEach(id -> ids.add(id.asLong()));
        return ids;
    }


    private static List<Long> ids(JsonNode many) {
        List<Long> ids = new ArrayList<>();
        if (many != null && many.isArray()) {
            many.forEach(id -> {
                if (id.canConvertToExactIntegral()) {
                    ids.add(id.asLong());
                }
            });
        }
        return ids;
    }

    /** The name of a many2one value ({@code [id, name]}). */
    private String label(JsonNode many2one) {
        if (many2one == null || !many2one.isArray() || many2one.size() < 2 || !many2one.get(1).isTextual()) {
            throw failures.protocol("a product attribute value without its attribute's [id, name]: " + many2one);
        }
        return many2one.get(1).asText();
    }

    private static BigDecimal decimal(JsonNode value) {
        return value == null || !value.isNumber() ? BigDecimal.ZERO : OdooValues.normalise(value.decimalValue());
    }

    private static ConnectorException validation(String message) {
        return new ConnectorException(ExternalSystem.ODOO, FailureKind.VALIDATION, null, 0, message);
    }
}
