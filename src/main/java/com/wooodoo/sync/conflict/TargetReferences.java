package com.wooodoo.sync.conflict;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.FieldType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Rewrites the references of one record about to be written by a resolution (an order's
 * customer, its lines' products) from source ids to the ids the linked records have in the
 * target, as the pipeline does for a batch. A reference that is not linked yet cannot be written.
 */
final class TargetReferences {

    /** The rewritten fields, or what could not be resolved (as text, and as source ids by entity type). */
    record Translated(Map<String, Object> fields, List<String> unresolved, Map<EntityType, Set<String>> missing) {
        boolean complete() {
            return unresolved.isEmpty();
        }
    }

    private TargetReferences() {
    }

    /**
     * @param targetIds the links of referenced records: entity type and source ids → target id by source id
     */
    static Translated translate(List<FieldMapping> mapping, Map<String, Object> fields,
                                BiFunction<EntityType, Collection<String>, Map<String, String>> targetIds) {
        Map<EntityType, Set<String>> wanted = new HashMap<>();
        collect(mapping, fields, wanted);
        if (wanted.isEmpty()) {
            return new Translated(fields, List.of(), Map.of());
        }
        Map<EntityType, Map<String, String>> known = new HashMap<>();
        wanted.forEach((entity, ids) -> known.put(entity, targetIds.apply(entity, ids)));
        List<String> unresolved = new ArrayList<>();
        Map<String, Object> rewritten = rewrite(mapping, fields, known, unresolved);
        Map<EntityType, Set<String>> missing = new HashMap<>();
        wanted.forEach((entity, ids) -> ids.stream().filter(id -> !known.getOrDefault(entity, Map.of()).containsKey(id))
                .forEach(id -> missing.computeIfAbsent(entity, e -> new LinkedHashSet<>()).add(id)));
        return new Translated(rewritten, List.copyOf(new LinkedHashSet<>(unresolved)), missing);
    }

    @SuppressWarnings("unchecked")
    private static void collect(List<FieldMapping> mapping, Map<String, Object> values, Map<EntityType, Set<String>> wanted) {
        for (FieldMapping field : mapping) {
            Object value = values.get(field.name());
            if (value == null) {
                continue;
            }
            if (field.type() == FieldType.REFERENCE && field.references().isPresent()) {
                wanted.computeIfAbsent(field.references().get(), e -> new LinkedHashSet<>()).add(value.toString());
            } else if (field.type() == FieldType.LINES && value instanceof List<?> lines) {
                for (Object line : lines) {
                    if (line instanceof Map<?, ?> map) {
                        collect(field.lineFields(), (Map<String, Object>) map, wanted);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rewrite(List<FieldMapping> mapping, Map<String, Object> values,
                                               Map<EntityType, Map<String, String>> known, List<String> unresolved) {
        Map<String, Object> rewritten = new LinkedHashMap<>(values);
        for (FieldMapping field : mapping) {
            Object value = values.get(field.name());
            if (value == null) {
                continue;
            }
            if (field.type() == FieldType.REFERENCE && field.references().isPresent()) {
                EntityType entity = field.references().get();
                String targetId = known.getOrDefault(entity, Map.of()).get(value.toString());
                if (targetId == null) {
                    unresolved.add(entity.id() + " " + value);
                } else {
                    rewritten.put(field.name(), targetId);
                }
            } else if (field.type() == FieldType.LINES && value instanceof List<?> lines) {
                List<Object> newLines = new ArrayList<>();
                for (Object line : lines) {
                    newLines.add(line instanceof Map<?, ?> map
                            ? rewrite(field.lineFields(), (Map<String, Object>) map, known, unresolved) : line);
                }
                rewritten.put(field.name(), newLines);
            }
        }
        return rewritten;
    }
}
