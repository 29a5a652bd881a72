package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.FieldType;
import com.wooodoo.sync.connector.mapping.SystemField;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps Odoo records to neutral fields and back, by the field mappings: a {@code part} of
 * {@code name} is its first word or the rest (joined with a space when written); a
 * {@code many2one}/{@code by} field is the related record's key (a country's code), looked up in
 * batches beforehand; a reference is the many2one's id; lines are their own records, written as
 * one2many commands; a category is the path of a {@code product.category} ({@link OdooCategories},
 * reached through {@link RelatedKeys}), no category being the root "All". Read-only fields are
 * never written.
 */
final class OdooRecordMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OdooRecordMapper() {
    }

    /** The Odoo fields to read for these mapped fields (lines are read from their own model). */
    static List<String> odooFields(List<FieldMapping> fields) {
        Set<String> names = new LinkedHashSet<>();
        fields.stream().filter(f -> f.type() != FieldType.LINES).forEach(f -> names.add(odoo(f).path()));
        return List.copyOf(names);
    }

    static Optional<RelatedKeys.Relation> relation(FieldMapping field) {
        if (field.type() == FieldType.CATEGORY) {
            return Optional.of(OdooCategories.RELATION);
        }
        SystemField odoo = odoo(field);
        return odoo.many2one().map(model -> new RelatedKeys.Relation(model, odoo.by().orElseThrow()));
    }

    /** Adds the many2one ids of a read record that must be turned into keys. */
    static void collectIds(List<FieldMapping> fields, JsonNode record, Map<RelatedKeys.Relation, Set<Long>> into) {
        for (FieldMapping field : fields) {
            relation(field).ifPresent(relation -> OdooValues.many2oneId(record.get(odoo(field).path()))
                    .ifPresent(id -> into.computeIfAbsent(relation, r -> new HashSet<>()).add(id)));
        }
    }

    /**
     * The neutral fields of a read record.
     *
     * @param keys    the keys of many2one ids, by relation
     * @param linesOf the line records of a lines field
     */
    static Map<String, Object> toNeutral(List<FieldMapping> fields, JsonNode record,
                                         Map<RelatedKeys.Relation, Map<Long, String>> keys,
                                         Function<FieldMapping, List<JsonNode>> linesOf) {
        Map<String, Object> neutral = new LinkedHashMap<>();
        for (FieldMapping field : fields) {
            SystemField odoo = odoo(field);
            JsonNode raw = record.get(odoo.path());
            Object value;
            if (field.type() == FieldType.LINES) {
                List<Map<String, Object>> lines = new ArrayList<>();
                linesOf.apply(field).forEach(line -> lines.add(toNeutral(field.lineFields(), line, keys, f -> List.of())));
                value = Collections.unmodifiableList(lines);
            } else if (odoo.part().isPresent()) {
                value = OdooValues.namePart(raw, odoo.part().get());
            } else if (relation(field).isPresent()) {
                value = OdooValues.many2oneId(raw).map(id -> keys.getOrDefault(relation(field).get(), Map.of()).get(id))
                        .orElse(null);
            } else {
                value = OdooValues.toNeutral(field.type(), raw);
            }
            neutral.put(field.name(), value);
        }
        return Collections.unmodifiableMap(neutral);
    }

    /** Adds the keys of neutral fields that must be turned into many2one ids (lines included). */
    @SuppressWarnings("unchecked")
    static void collectKeys(List<FieldMapping> fields, Map<String, Object> neutral, Map<RelatedKeys.Relation, Set<String>> into) {
        for (FieldMapping field : fields) {
            Object value = neutral.get(field.name());
            if (field.type() == FieldType.LINES && value instanceof List<?> lines) {
                lines.stream().filter(Map.class::isInstance)
                        .forEach(line -> collectKeys(field.lineFields(), (Map<String, Object>) line, into));
            } else if (value != null && !"".equals(value)) {
                relation(field).ifPresent(relation -> into.computeIfAbsent(relation, r -> new LinkedHashSet<>()).add(String.valueOf(value)));
            } else if (field.type() == FieldType.CATEGORY) {
                into.computeIfAbsent(OdooCategories.RELATION, r -> new LinkedHashSet<>()); // no category is the root: look it up
            }
        }
    }

    /**
     * The Odoo values of a neutral record. A create leaves empty fields out; an update writes
     * them as {@code false} (cleared), except a name made of parts, which Odoo requires and which
     * is left as it is when both parts are empty. An update replaces all lines.
     *
     * @param ids the ids of many2one keys, by relation
     * @throws IllegalArgumentException if a value does not fit its field (the message names it)
     */
    static ObjectNode toOdoo(List<FieldMapping> fields, Map<String, Object> neutral,
                             Map<RelatedKeys.Relation, Map<String, Long>> ids, boolean update) {
        ObjectNode vals = NODES.objectNode();
        Map<String, String[]> names = new LinkedHashMap<>();
        for (FieldMapping field : fields) {
            SystemField odoo = odoo(field);
            if (!neutral.containsKey(field.name()) || odoo.readOnly()) {
                continue;
            }
            Object value = neutral.get(field.name());
            try {
                if (odoo.part().isPresent()) {
                    names.computeIfAbsent(odoo.path(), p -> new String[2])[odoo.part().get().equals("first") ? 0 : 1] =
                            value == null ? null : String.valueOf(value).strip();
                } else if (field.type() == FieldType.LINES) {
                    vals.set(odoo.path(), lineCommands(field, value, ids, update));
                } else if (relation(field).isPresent()) {
                    JsonNode id = relatedId(relation(field).get(), value, ids);
                    if (update || !id.isBoolean()) {
                        vals.set(odoo.path(), id);
                    }
                } else {
                    JsonNode converted = OdooValues.toOdoo(field.type(), value);
                    if (update || !(converted.isBoolean() && !converted.asBoolean()) || field.type() == FieldType.BOOLEAN) {
                        vals.set(odoo.path(), converted);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + field.name() + "': " + e.getMessage());
            }
        }
        names.forEach((path, parts) -> {
            String joined = String.join(" ", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isEmpty()).toList());
            if (!joined.isEmpty()) {
                vals.put(path, joined);
            }
        });
        return vals;
    }

    private static JsonNode relatedId(RelatedKeys.Relation relation, Object value,
                                      Map<RelatedKeys.Relation, Map<String, Long>> ids) {
        boolean category = relation.equals(OdooCategories.RELATION);
        if (value == null || "".equals(value)) {
            Long root = category ? ids.getOrDefault(relation, Map.of()).get(OdooCategories.ROOT_KEY) : null;
            return root == null ? NODES.booleanNode(false) : NODES.numberNode(root);
        }
        if (category) {
            com.wooodoo.sync.connector.mapping.CategoryPath.segments(String.valueOf(value)); // an empty level is refused here
        }
        Long id = ids.getOrDefault(relation, Map.of()).get(String.valueOf(value));
        if (id == null) {
            throw new IllegalArgumentException("no " + relation.model() + " with " + relation.keyField() + " '" + value + "'");
        }
        return NODES.numberNode(id);
    }

    @SuppressWarnings("unchecked")
    private static ArrayNode lineCommands(FieldMapping field, Object value, Map<RelatedKeys.Relation, Map<String, Long>> ids,
                                          boolean update) {
        ArrayNode commands = NODES.arrayNode();
        if (update) {
            commands.addArray().add(5).add(0).add(0);
        }
        if (value == null) {
            return commands;
        }
        if (!(value instanceof List<?> lines)) {
            throw new IllegalArgumentException("lines must be a list, not " + value.getClass().getSimpleName());
        }
        for (Object line : lines) {
            if (!(line instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("each line must be a set of fields");
            }
            commands.addArray().add(0).add(0).add(toOdoo(field.lineFields(), (Map<String, Object>) line, ids, false));
        }
        return commands;
    }

    private static SystemField odoo(FieldMapping field) {
        return field.in(ExternalSystem.ODOO).orElseThrow(() -> new IllegalStateException(
                "field " + field.name() + " has no Odoo mapping"));
    }
}
