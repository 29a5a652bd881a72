package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.FieldType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Rewrites the references of records about to be written (an order's customer, each line's
 * product) from source ids to target ids, looking the links up once per referenced entity type.
 */
final class ReferenceTranslator {

    private final EntityMapping mapping;
    private final BiFunction<EntityType, Collection<String>, Map<String, String>> targetIds;

    ReferenceTranslator(EntityMapping mapping, BiFunction<EntityType, Collection<String>, Map<String, String>> targetIds) {
        this.mapping = mapping;
        this.targetIds = targetIds;
    }

    /** Whether records of this mapping refer to others (a reference field, or one in its lines). */
    static boolean hasReferences(EntityMapping mapping) {
        return mapping.fields().stream().anyMatch(f -> f.references().isPresent()
                || f.lineFields().stream().anyMatch(l -> l.references().isPresent()));
    }

    /** The source ids the plans' records refer to, by referenced entity type. */
    static Map<EntityType, Set<String>> referencedIds(EntityMapping mapping, List<RecordPlan> plans) {
        Map<EntityType, Set<String>> wanted = new HashMap<>();
        for (RecordPlan plan : plans) {
            collect(mapping.fields(), plan.source().fields(), wanted);
        }
        return wanted;
    }

    /**
     * Adds the plans whose references all resolve, rewritten, to {@code resolved}; returns the
     * others with the reason.
     */
    Map<RecordPlan, String> translate(List<RecordPlan> plans, List<RecordPlan> resolved) {
        Map<EntityType, Map<String, String>> known = new HashMap<>();
        referencedIds(mapping, plans).forEach((entity, ids) -> known.put(entity, targetIds.apply(entity, ids)));

        Map<RecordPlan, String> missing = new LinkedHashMap<>();
        for (RecordPlan plan : plans) {
            List<String> unresolved = new ArrayList<>();
            Map<String, Object> fields = rewrite(mapping.fields(), plan.source().fields(), known, unresolved);
            if (unresolved.isEmpty()) {
                SyncRecord source = plan.source();
                resolved.add(new RecordPlan(new SyncRecord(source.type(), source.system(), source.id(), fields,
                        source.modifiedAt()), plan.action(), plan.targetId(), plan.contentHash(), plan.conflictType(),
                        plan.reason(), plan.target()));
            } else {
                missing.put(plan, "references not synced yet: " + String.join(", ", unresolved));
            }
        }
        return missing;
    }

    @SuppressWarnings("unchecked")
    private static void collect(List<FieldMapping> fields, Map<String, Object> values, Map<EntityType, Set<String>> wanted) {
        for (FieldMapping field : fields) {
            Object value = values.get(field.name());
            if (value == null) {
                continue;
            }
            if (field.type() == FieldType.REFERENCE) {
                wanted.computeIfAbsent(field.references().orElseThrow(), e -> new HashSet<>()).add(value.toString());
            } else if (field.type() == FieldType.LINES && value instanceof List<?> lines) {
                for (Object line : lines) {
                    collect(field.lineFields(), (Map<String, Object>) line, wanted);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rewrite(List<FieldMapping> fields, Map<String, Object> values,
                                               Map<EntityType, Map<String, String>> known, List<String> unresolved) {
        Map<String, Object> rewritten = new LinkedHashMap<>(values);
        for (FieldMapping field : fields) {
            Object value = values.get(field.name());
            if (value == null) {
                continue;
            }
            if (field.type() == FieldType.REFERENCE) {
                EntityType entity = field.references().orElseThrow();
                String targetId = known.getOrDefault(entity, Map.of()).get(value.toString());
                if (targetId == null) {
                    unresolved.add(entity.id() + " " + value);
                } else {
                    rewritten.put(field.name(), targetId);
                }
            } else if (field.type() == FieldType.LINES && value instanceof List<?> lines) {
                List<Map<String, Object>> newLines = new ArrayList<>();
                for (Object line : lines) {
                    newLines.add(rewrite(field.lineFields(), (Map<String, Object>) line, known, unresolved));
                }
                rewritten.put(field.name(), newLines);
            }
        }
        return rewritten;
    }
}
