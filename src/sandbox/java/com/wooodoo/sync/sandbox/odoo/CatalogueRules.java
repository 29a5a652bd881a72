package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What Odoo 17's Product app does beyond storing rows:
 * <ul>
 *   <li>a variant ({@code product.product}) belongs to a template: creating a variant without one
 *       creates its template from the values, as Odoo's delegation does; the template's fields
 *       ({@link #SHARED}) read through the variant and a write of them on a variant writes the
 *       template (the template's write date moves, its other variants' do not);</li>
 *   <li>a template's variants are the cartesian product of the values of its active attribute
 *       lines (one variant without attribute lines), made again at the end of every operation that
 *       changed the template or its lines, as {@code _create_variant_ids} does: variants still
 *       valid are kept (and unarchived), missing ones created, the others deleted, or archived
 *       when something refers to them; a line whose only value is added puts that value on the
 *       existing variants instead of making new ones;</li>
 *   <li>an attribute line makes a {@code product.template.attribute.value} per value; a value taken
 *       off, or a deleted line, is archived while a variant uses it;</li>
 *   <li>{@code default_code}, {@code barcode}, {@code standard_price} and {@code weight} of a
 *       template are its only variant's, written to it (a template with several variants has none);</li>
 *   <li>a variant's {@code lst_price} is its template's {@code list_price} plus the price extras of
 *       its values; writing it writes the template's price less the extras;</li>
 *   <li>archiving a template archives its variants; deleting a template's last variant deletes the template;</li>
 *   <li>a category's {@code complete_name} is its parents' names and its own, joined by " / ".</li>
 * </ul>
 * Called with the database's lock held, within an operation.
 */
final class CatalogueRules {

    static final String TEMPLATE = "product.template";
    static final String PRODUCT = "product.product";
    static final String LINE = "product.template.attribute.line";
    static final String PTAV = "product.template.attribute.value";
    static final String VALUE = "product.attribute.value";
    static final String ATTRIBUTE = "product.attribute";
    static final String CATEGORY = "product.category";
    /** The template's fields a variant reads and writes through. */
    static final List<String> SHARED = List.of("name", "list_price", "type", "sale_ok", "description_sale", "categ_id");
    /** The template's fields that are its only variant's. */
    static final List<String> VARIANT_OWN = List.of("default_code", "barcode", "standard_price", "weight");
    /** Odoo's guard against generating too many variants at once. */
    private static final int MAX_NEW_VARIANTS = 1000;

    private final OdooDatabase db;
    private final Set<Long> dirtyTemplates = new LinkedHashSet<>();
    private final Map<Long, ObjectNode> pendingVariantValues = new HashMap<>();

    CatalogueRules(OdooDatabase db) {
        this.db = db;
    }

    // ---- before a create or write ------------------------------------------------------------

    /** The values a create stores, once the template of a new variant exists (created from the values if not given). */
    JsonNode beforeCreate(ModelDef def, long id, JsonNode vals) {
        if (!vals.isObject()) {
            return vals;
        }
        if (def.name().equals(PRODUCT)) {
            ObjectNode copy = withListPrice((ObjectNode) vals, BigDecimal.ZERO);
            ObjectNode shared = pick(copy, SHARED);
            JsonNode given = copy.get("product_tmpl_id");
            if (given == null || given.isNull() || (given.isBoolean() && !given.asBoolean())) {
                long template = db.createOne(db.model(TEMPLATE), shared);
                dirtyTemplates.remove(template); // its variant is the one being created, as Odoo's create_product_product context has it
                copy.put("product_tmpl_id", template);
            } else if (shared.size() > 0 && given.isIntegralNumber() && db.rows(db.model(TEMPLATE)).containsKey(given.asLong())) {
                db.writeOne(db.model(TEMPLATE), given.asLong(), shared);
            }
            return copy;
        }
        if (def.name().equals(TEMPLATE)) {
            ObjectNode copy = ((ObjectNode) vals).deepCopy();
            ObjectNode own = pick(copy, VARIANT_OWN);
            copy.remove(VARIANT_OWN);
            if (own.size() > 0) {
                pendingVariantValues.put(id, own);
            }
            return copy;
        }
        return vals;
    }

    /** The values a write stores: a template's variant fields go to its only variant. */
    JsonNode beforeWrite(ModelDef def, long id, JsonNode vals) {
        if (!vals.isObject()) {
            return vals;
        }
        if (def.name().equals(PRODUCT)) {
            return withListPrice((ObjectNode) vals, priceExtra(db.rows(def).get(id)));
        }
        if (def.name().equals(TEMPLATE)) {
            ObjectNode copy = ((ObjectNode) vals).deepCopy();
            ObjectNode own = pick(copy, VARIANT_OWN);
            copy.remove(VARIANT_OWN);
            List<Long> variants = activeVariants(id);
            if (own.size() > 0 && variants.size() == 1) {
                db.writeOne(db.model(PRODUCT), variants.get(0), own);
            }
            return copy;
        }
        return vals;
    }

    /** {@code lst_price} written: the template's {@code list_price} is it less the variant's extras. */
    private static ObjectNode withListPrice(ObjectNode vals, BigDecimal extra) {
        ObjectNode copy = vals.deepCopy();
        JsonNode lst = copy.remove("lst_price");
        if (lst != null && lst.isNumber()) {
            copy.put("list_price", lst.decimalValue().subtract(extra));
        }
        return copy;
    }

    private static ObjectNode pick(ObjectNode vals, List<String> fields) {
        ObjectNode picked = OdooJson.NODES.objectNode();
        fields.stream().filter(vals::has).forEach(field -> picked.set(field, vals.get(field)));
        return picked;
    }

    // ---- computed on create and write ------------------------------------------------------

    /** Values computed from other records, before the row is checked. */
    void complete(ModelDef def, Map<String, Object> row) {
        switch (def.name()) {
            case PRODUCT -> {
                Map<String, Object> template = db.rows(db.model(TEMPLATE)).get(row.get("product_tmpl_id"));
                if (template != null) {
                    SHARED.forEach(field -> row.put(field, template.get(field)));
                }
            }
            case CATEGORY -> row.put("complete_name", categoryName(row));
            case PTAV -> {
                Map<String, Object> value = db.rows(db.model(VALUE)).get(row.get("product_attribute_value_id"));
                Map<String, Object> line = db.rows(db.model(LINE)).get(row.get("attribute_line_id"));
                if (value != null) {
                    row.put("name", value.get("name"));
                    row.put("attribute_id", value.get("attribute_id"));
                    row.put("html_color", value.get("html_color"));
                }
                if (line != null) {
                    row.put("product_tmpl_id", line.get("product_tmpl_id"));
                }
            }
            default -> {
            }
        }
    }

    private String categoryName(Map<String, Object> row) {
        Map<String, Object> parent = db.rows(db.model(CATEGORY)).get(row.get("parent_id"));
        return parent == null ? String.valueOf(row.get("name")) : parent.get("complete_name") + " / " + row.get("name");
    }

    /** The constraints Odoo checks in Python or with SQL constraints of these models. */
    void check(ModelDef def, Map<String, Object> row, long id) {
        switch (def.name()) {
            case VALUE -> {
                RowTable values = db.rows(def);
                boolean taken = values.mayEqual("name", row.get("name")).stream().map(values::get)
                        .anyMatch(other -> !Objects.equals(other.get("id"), id) && Objects.equals(other.get("name"), row.get("name"))
                                && Objects.equals(other.get("attribute_id"), row.get("attribute_id")));
                if (taken) {
                    throw OdooError.validation("The operation cannot be completed: You cannot create two values with the same name "
                            + "for the same attribute.");
                }
            }
            case LINE -> {
                List<?> values = row.get("value_ids") instanceof List<?> list ? list : List.of();
                String template = db.views().displayName(TEMPLATE, (Long) row.get("product_tmpl_id"));
                String attribute = db.views().displayName(ATTRIBUTE, (Long) row.get("attribute_id"));
                if (Domain.truthy(row.get("active")) && values.isEmpty()) {
                    throw OdooError.validation("The attribute " + attribute + " must have at least one value for the product "
                            + template + ".");
                }
                for (Object value : values) {
                    Map<String, Object> valueRow = db.rows(db.model(VALUE)).get(value);
                    if (valueRow != null && !Objects.equals(valueRow.get("attribute_id"), row.get("attribute_id"))) {
                        throw OdooError.validation("On the product " + template + " you cannot associate the value "
                                + valueRow.get("name") + " with the attribute " + attribute + " because they do not match.");
                    }
                }
            }
            case CATEGORY -> {
                Set<Object> seen = new HashSet<>();
                for (Object parent = row.get("parent_id"); parent != null; parent = db.rows(def).get(parent) == null ? null
                        : db.rows(def).get(parent).get("parent_id")) {
                    if (Objects.equals(parent, id) || !seen.add(parent)) {
                        throw OdooError.validation("You cannot create recursive categories.");
                    }
                }
            }
            default -> {
            }
        }
    }

    // ---- after a create, write or delete ---------------------------------------------------

    void created(ModelDef def, Map<String, Object> row) {
        if (def.name().equals(TEMPLATE)) {
            dirtyTemplates.add((Long) row.get("id"));
        } else if (def.name().equals(LINE)) {
            syncTemplateValues((Long) row.get("id"));
            dirtyTemplates.add((Long) row.get("product_tmpl_id"));
        }
    }

    void written(ModelDef def, Map<String, Object> before, Map<String, Object> row, JsonNode vals) {
        switch (def.name()) {
            case PRODUCT -> {
                ObjectNode shared = pick((ObjectNode) vals, SHARED);
                if (shared.size() > 0) {
                    db.writeOne(db.model(TEMPLATE), (Long) row.get("product_tmpl_id"), shared);
                }
            }
            case TEMPLATE -> {
                long id = (Long) row.get("id");
                if (SHARED.stream().anyMatch(vals::has)) {
                    ModelDef products = db.model(PRODUCT);
                    for (Long variant : variants(id)) {
                        Map<String, Object> copy = new HashMap<>(db.rows(products).get(variant));
                        SHARED.forEach(field -> copy.put(field, row.get(field)));
                        db.put(products, variant, copy);
                    }
                }
                if (vals.has("active") && !Domain.truthy(row.get("active"))) {
                    ObjectNode archive = OdooJson.NODES.objectNode().put("active", false);
                    activeVariants(id).forEach(variant -> db.writeOne(db.model(PRODUCT), variant, archive));
                } else if (vals.has("active")) {
                    dirtyTemplates.add(id);
                }
            }
            case LINE -> {
                if (vals.has("value_ids") || vals.has("active")) {
                    syncTemplateValues((Long) row.get("id"));
                    dirtyTemplates.add((Long) row.get("product_tmpl_id"));
                }
            }
            case CATEGORY -> {
                if (vals.has("name") || vals.has("parent_id")) {
                    renameChildren(def, (Long) row.get("id"));
                }
            }
            default -> {
            }
        }
    }

    private void renameChildren(ModelDef def, long id) {
        RowTable rows = db.rows(def);
        for (Long child : List.copyOf(rows.mayEqual("parent_id", id))) {
            Map<String, Object> row = rows.get(child);
            if (row != null && Objects.equals(row.get("parent_id"), id)) {
                Map<String, Object> copy = new HashMap<>(row);
                copy.put("complete_name", categoryName(copy));
                db.put(def, child, copy);
                renameChildren(def, child);
            }
        }
    }

    /**
     * Whether deleting a record is done otherwise: an attribute line some variant still uses is
     * archived (its values too), as Odoo's {@code _unlink_or_archive} of lines does.
     */
    boolean archiveInsteadOfUnlink(ModelDef def, long id, Set<String> unlinking) {
        if (!def.name().equals(LINE)) {
            return false;
        }
        Map<String, Object> line = db.rows(def).get(id);
        if (unlinking.contains(TEMPLATE + ":" + line.get("product_tmpl_id")) || !lineInUse(id)) {
            return false;
        }
        db.writeOne(def, id, OdooJson.NODES.objectNode().put("active", false));
        return true;
    }

    /** After a record is deleted: a template loses its lines' variants, or its last variant. */
    void unlinked(ModelDef def, Map<String, Object> row, Set<String> unlinking) {
        Object template = row.get("product_tmpl_id");
        if (template == null || unlinking.contains(TEMPLATE + ":" + template)) {
            return;
        }
        if (def.name().equals(LINE)) {
            dirtyTemplates.add((Long) template);
        } else if (def.name().equals(PRODUCT) && activeVariants((Long) template).isEmpty() && !dirtyTemplates.contains(template)) {
            db.unlinkOne(db.model(TEMPLATE), (Long) template);
        }
    }

    void forget() {
        dirtyTemplates.clear();
        pendingVariantValues.clear();
    }

    /** Makes the variants of the templates the operation changed, before it ends. */
    void flush() {
        while (!dirtyTemplates.isEmpty()) {
            Long id = dirtyTemplates.iterator().next();
            dirtyTemplates.remove(id);
            if (db.rows(db.model(TEMPLATE)).containsKey(id)) {
                makeVariants(id);
                ObjectNode own = pendingVariantValues.remove(id);
                List<Long> variants = activeVariants(id);
                if (own != null && variants.size() == 1) {
                    db.writeOne(db.model(PRODUCT), variants.get(0), own);
                }
            }
        }
        pendingVariantValues.clear();
    }

    // ---- variants --------------------------------------------------------------------------

    /** Odoo's {@code _create_variant_ids} for one template. */
    private void makeVariants(long templateId) {
        ModelDef products = db.model(PRODUCT);
        boolean active = Domain.truthy(db.rows(db.model(TEMPLATE)).get(templateId).get("active"));
        List<List<Long>> axes = new ArrayList<>();
        List<Long> variants = variants(templateId);
        for (Long line : activeLines(templateId)) {
            List<Long> values = activeTemplateValues(line);
            if (values.size() == 1) {
                // an attribute with only one value does not make new variants: its value goes on the existing ones
                for (Long variant : variants) {
                    if (combination(variant).stream().noneMatch(ptav -> Objects.equals(lineOf(ptav), line))) {
                        db.writeOne(products, variant, OdooJson.toJson(Map.of("product_template_attribute_value_ids",
                                List.of(List.of(4, values.get(0))))));
                    }
                }
            }
            axes.add(values);
        }
        Map<Set<Long>, Long> existing = new LinkedHashMap<>();
        for (Long variant : variants) {
            existing.putIfAbsent(new HashSet<>(combination(variant)), variant);
        }
        Set<Long> kept = new HashSet<>();
        List<List<Long>> toCreate = new ArrayList<>();
        for (List<Long> combination : cartesian(axes)) {
            Long variant = existing.get(new HashSet<>(combination));
            if (variant != null) {
                kept.add(variant);
            } else {
                toCreate.add(combination);
            }
        }
        if (toCreate.size() > MAX_NEW_VARIANTS) {
            throw OdooError.userError("The number of variants to generate is above allowed limit. You should either not generate "
                    + "variants for each combination or generate them on demand from the sales order. To do so, open the form "
                    + "view of attributes and change the mode of *Create Variants*.");
        }
        ObjectNode unarchive = OdooJson.NODES.objectNode().put("active", true);
        if (active) {
            kept.stream().sorted().filter(variant -> !Domain.truthy(db.rows(products).get(variant).get("active")))
                    .forEach(variant -> db.writeOne(products, variant, unarchive));
        }
        for (List<Long> combination : toCreate) {
            ObjectNode vals = OdooJson.NODES.objectNode().put("product_tmpl_id", templateId).put("active", active);
            combination.forEach(vals.putArray("product_template_attribute_value_ids")::add);
            db.createOne(products, vals);
        }
        ObjectNode archive = OdooJson.NODES.objectNode().put("active", false);
        for (Long variant : variants) {
            if (!kept.contains(variant)) {
                if (db.isReferenced(products, variant)) {
                    if (Domain.truthy(db.rows(products).get(variant).get("active"))) {
                        db.writeOne(products, variant, archive);
                    }
                } else {
                    db.unlinkOne(products, variant);
                }
            }
        }
    }

    private static List<List<Long>> cartesian(List<List<Long>> axes) {
        List<List<Long>> result = new ArrayList<>();
        result.add(List.of());
        for (List<Long> axis : axes) {
            List<List<Long>> next = new ArrayList<>();
            for (List<Long> prefix : result) {
                for (Long value : axis) {
                    List<Long> combination = new ArrayList<>(prefix);
                    combination.add(value);
                    next.add(combination);
                }
            }
            result = next;
        }
        return result;
    }

    /** Makes a line's template values follow its values: new ones created, those taken off archived or deleted. */
    private void syncTemplateValues(long lineId) {
        ModelDef ptavs = db.model(PTAV);
        Map<String, Object> line = db.rows(db.model(LINE)).get(lineId);
        boolean active = Domain.truthy(line.get("active"));
        List<Long> values = line.get("value_ids") instanceof List<?> list ? list.stream().map(v -> (Long) v).toList() : List.of();
        Map<Long, Map<String, Object>> byValue = new HashMap<>();
        for (Long ptav : templateValues(lineId)) {
            Map<String, Object> row = db.rows(ptavs).get(ptav);
            byValue.put((Long) row.get("product_attribute_value_id"), row);
        }
        ModelDef valueModel = db.model(VALUE);
        List<Long> ordered = values.stream().map(db.rows(valueModel)::get).filter(Objects::nonNull)
                .sorted(RecordOrder.parse(valueModel, valueModel.defaultOrder())).map(row -> (Long) row.get("id")).toList();
        for (Long value : active ? ordered : List.<Long>of()) {
            Map<String, Object> existing = byValue.remove(value);
            if (existing == null) {
                Object extra = db.rows(valueModel).get(value).get("default_extra_price");
                ObjectNode vals = OdooJson.NODES.objectNode().put("product_attribute_value_id", value).put("attribute_line_id", lineId);
                vals.put("price_extra", extra == null ? BigDecimal.ZERO : FieldValues.decimal(extra));
                db.createOne(ptavs, vals);
            } else if (!Domain.truthy(existing.get("ptav_active"))) {
                db.writeOne(ptavs, (Long) existing.get("id"), OdooJson.NODES.objectNode().put("ptav_active", true));
            }
        }
        for (Map<String, Object> gone : byValue.values()) {
            long id = (Long) gone.get("id");
            if (templateValueInUse(id)) {
                if (Domain.truthy(gone.get("ptav_active"))) {
                    db.writeOne(ptavs, id, OdooJson.NODES.objectNode().put("ptav_active", false));
                }
            } else {
                db.unlinkOne(ptavs, id);
            }
        }
    }

    private boolean templateValueInUse(long ptav) {
        RowTable products = db.rows(db.model(PRODUCT));
        return products.values().stream().anyMatch(row -> row.get("product_template_attribute_value_ids") instanceof List<?> ids
                && ids.contains(ptav));
    }

    private boolean lineInUse(long lineId) {
        return templateValues(lineId).stream().anyMatch(this::templateValueInUse);
    }

    private List<Long> templateValues(long lineId) {
        RowTable rows = db.rows(db.model(PTAV));
        return rows.mayEqual("attribute_line_id", lineId).stream().map(rows::get)
                .filter(row -> Objects.equals(row.get("attribute_line_id"), lineId)).map(row -> (Long) row.get("id")).toList();
    }

    /** A line's active template values, in the order of its attribute's values. */
    private List<Long> activeTemplateValues(long lineId) {
        ModelDef valueModel = db.model(VALUE);
        Comparator<Map<String, Object>> order = RecordOrder.parse(valueModel, valueModel.defaultOrder());
        RowTable ptavs = db.rows(db.model(PTAV));
        return templateValues(lineId).stream().map(ptavs::get).filter(row -> Domain.truthy(row.get("ptav_active")))
                .sorted(Comparator.comparing(row -> db.rows(valueModel).get(row.get("product_attribute_value_id")), order))
                .map(row -> (Long) row.get("id")).toList();
    }

    /** A template's active lines of attributes that make variants, in their order. */
    private List<Long> activeLines(long templateId) {
        ModelDef lines = db.model(LINE);
        RowTable rows = db.rows(lines);
        RowTable attributes = db.rows(db.model(ATTRIBUTE));
        return rows.mayEqual("product_tmpl_id", templateId).stream().map(rows::get)
                .filter(row -> Objects.equals(row.get("product_tmpl_id"), templateId) && Domain.truthy(row.get("active")))
                .filter(row -> !"no_variant".equals(attributes.get(row.get("attribute_id")).get("create_variant")))
                .sorted(RecordOrder.parse(lines, lines.defaultOrder())).map(row -> (Long) row.get("id")).toList();
    }

    private Object lineOf(Long ptav) {
        Map<String, Object> row = db.rows(db.model(PTAV)).get(ptav);
        return row == null ? null : row.get("attribute_line_id");
    }

    private List<Long> combination(Long variant) {
        Map<String, Object> row = db.rows(db.model(PRODUCT)).get(variant);
        return row != null && row.get("product_template_attribute_value_ids") instanceof List<?> ids
                ? ids.stream().map(id -> (Long) id).toList() : List.of();
    }

    /** A template's variants, archived ones too, by id. */
    List<Long> variants(long templateId) {
        RowTable rows = db.rows(db.model(PRODUCT));
        return rows.mayEqual("product_tmpl_id", templateId).stream().map(rows::get)
                .filter(row -> Objects.equals(row.get("product_tmpl_id"), templateId)).map(row -> (Long) row.get("id")).toList();
    }

    List<Long> activeVariants(long templateId) {
        RowTable rows = db.rows(db.model(PRODUCT));
        return variants(templateId).stream().filter(id -> Domain.truthy(rows.get(id).get("active"))).toList();
    }

    // ---- reads -----------------------------------------------------------------------------

    /** The sum of the price extras of a variant's values. */
    BigDecimal priceExtra(Map<String, Object> variant) {
        RowTable ptavs = db.rows(db.model(PTAV));
        BigDecimal extra = BigDecimal.ZERO;
        if (variant != null && variant.get("product_template_attribute_value_ids") instanceof List<?> ids) {
            for (Object id : ids) {
                Map<String, Object> ptav = ptavs.get(id);
                if (ptav != null && ptav.get("price_extra") != null) {
                    extra = extra.add(FieldValues.decimal(ptav.get("price_extra")));
                }
            }
        }
        return extra;
    }

    /** A variant's sales price: its template's plus its extras (Odoo's {@code lst_price}). */
    BigDecimal salesPrice(Map<String, Object> variant) {
        Object price = variant.get("list_price");
        return (price == null ? BigDecimal.ZERO : FieldValues.decimal(price)).add(priceExtra(variant));
    }

    /** The computed fields of these models. */
    Object value(ModelDef def, Map<String, Object> row, String field) {
        if (def.name().equals(PRODUCT)) {
            return field.equals("lst_price") ? salesPrice(row) : priceExtra(row);
        }
        if (def.name().equals(LINE)) {
            return (long) activeTemplateValues((Long) row.get("id")).size();
        }
        long id = (Long) row.get("id");
        List<Long> variants = activeVariants(id);
        return switch (field) {
            case "product_variant_count" -> (long) variants.size();
            case "product_variant_id" -> variants.stream().map(db.rows(db.model(PRODUCT))::get)
                    .sorted(RecordOrder.parse(db.model(PRODUCT), db.model(PRODUCT).defaultOrder())).map(v -> (Long) v.get("id"))
                    .findFirst().orElse(null);
            default -> variants.size() == 1 ? db.rows(db.model(PRODUCT)).get(variants.get(0)).get(field) : null;
        };
    }

    /**
     * A variant's name as Odoo shows it: the internal reference in brackets, the name, and the
     * values of its attributes that have more than one, in parentheses.
     */
    String variantName(Map<String, Object> row) {
        String name = String.valueOf(row.get("name"));
        List<String> values = new ArrayList<>();
        RowTable ptavs = db.rows(db.model(PTAV));
        ModelDef ptavModel = db.model(PTAV);
        List<Map<String, Object>> own = combination((Long) row.get("id")).stream().map(ptavs::get).filter(Objects::nonNull)
                .sorted(RecordOrder.parse(ptavModel, ptavModel.defaultOrder())).toList();
        for (Map<String, Object> ptav : own) {
            Long line = (Long) ptav.get("attribute_line_id");
            if (activeTemplateValues(line).size() > 1) {
                values.add(String.valueOf(ptav.get("name")));
            }
        }
        if (!values.isEmpty()) {
            name = name + " (" + String.join(", ", values) + ")";
        }
        return row.get("default_code") == null ? name : "[" + row.get("default_code") + "] " + name;
    }
}
