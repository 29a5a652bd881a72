package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.connector.NeutralProduct;
import com.wooodoo.sync.connector.SyncRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides per record of a batch: create, update, unchanged or conflict, from the links of earlier
 * syncs and the target records looked up for the batch (by linked id, else by natural key). A
 * record without a value for a required field of the mapping (a guest order has no customer) is a
 * ValidationError conflict before anything is sent. A changed source record whose target was
 * changed by someone else since the last sync, and now differs from it, is a DataMismatch: it is
 * not written over.
 */
public final class BatchPlanner {

    private BatchPlanner() {
    }

    /**
     * @param links        source id → link, for the batch's records that were synced before
     * @param linkedTargets target id → target record, for those links (a missing one was deleted)
     * @param byNaturalKey natural key → target records with that key, for the unlinked records
     * @param targetLinkedToSource target id → source id, for those target records already linked
     */
    public static List<RecordPlan> plan(List<SyncRecord> batch, String naturalKeyField, List<String> required,
                                        MappedFieldComparison comparison, String targetSystem,
                                        Map<String, RecordLink> links,
                                        Map<String, SyncRecord> linkedTargets,
                                        Map<String, List<SyncRecord>> byNaturalKey,
                                        Map<String, String> targetLinkedToSource) {
        return plan(batch, naturalKeyField, required, comparison, targetSystem, links, linkedTargets, byNaturalKey,
                targetLinkedToSource, record -> false);
    }

    /**
     * @param leftOutUnlessFound records not to create: written only over a target they are linked
     *                           to or that has their natural key (a shop order of a status not
     *                           imported, whose cancellation must still reach Odoo)
     */
    public static List<RecordPlan> plan(List<SyncRecord> batch, String naturalKeyField, List<String> required,
                                        MappedFieldComparison comparison, String targetSystem,
                                        Map<String, RecordLink> links,
                                        Map<String, SyncRecord> linkedTargets,
                                        Map<String, List<SyncRecord>> byNaturalKey,
                                        Map<String, String> targetLinkedToSource,
                                        java.util.function.Predicate<SyncRecord> leftOutUnlessFound) {
        List<RecordPlan> plans = new ArrayList<>(batch.size());
        for (SyncRecord source : batch) {
            String hash = ContentHash.of(source.fields());
            String missing = missingRequired(source, required);
            if (missing != null) {
                plans.add(RecordPlan.conflict(source, hash, ConflictType.ValidationError,
                        "required field '" + missing + "' is empty" + described(source), null));
                continue;
            }
            RecordLink link = links.get(source.id());
            if (link != null && linkedTargets.containsKey(link.targetId())) {
                SyncRecord target = linkedTargets.get(link.targetId());
                List<String> differing = link.targetChangedSince(target, comparison) ? comparison.differences(source, target) : List.of();
                if (Objects.equals(hash, link.appliedHash())) {
                    plans.add(RecordPlan.unchanged(source, link.targetId(), hash));
                } else if (!differing.isEmpty()) {
                    plans.add(RecordPlan.conflict(source, hash, ConflictType.DataMismatch, "the " + targetSystem
                            + " record changed since the last sync and differs from the source in "
                            + String.join(", ", differing), target));
                } else {
                    plans.add(RecordPlan.update(source, link.targetId(), hash, target));
                }
                continue;
            }
            Object key = source.fields().get(naturalKeyField);
            if (key == null || key.toString().isBlank()) {
                plans.add(RecordPlan.conflict(source, hash, ConflictType.ValidationError,
                        "the natural key '" + naturalKeyField + "' is empty" + described(source), null));
                continue;
            }
            List<SyncRecord> matches = byNaturalKey.getOrDefault(normalizeKey(key.toString()), List.of());
            if (matches.isEmpty() && leftOutUnlessFound.test(source)) {
                plans.add(RecordPlan.leftOut(source, hash));
            } else if (matches.isEmpty()) {
                plans.add(RecordPlan.create(source, hash));
            } else if (matches.size() == 1) {
                SyncRecord target = matches.get(0);
                String other = targetLinkedToSource.get(target.id());
                if (other != null && !other.equals(source.id())) {
                    // two source records with one key: the second must not take the first one's target over
                    plans.add(RecordPlan.conflict(source, hash, ConflictType.DuplicateKey, "the target record with "
                            + naturalKeyField + " '" + key + "' is already synced with source record " + other, target));
                } else {
                    plans.add(RecordPlan.update(source, target.id(), hash, target));
                }
            } else {
                plans.add(RecordPlan.conflict(source, hash, ConflictType.DuplicateKey,
                        matches.size() + " target records have " + naturalKeyField + " '" + key + "'", matches.get(0)));
            }
        }
        return plans;
    }

    /** " of the variant of 'Tee' (Size: L)", when the record is a variant: which one has no SKU. */
    private static String described(SyncRecord source) {
        return NeutralProduct.describe(source.fields()).map(d -> " of the " + d).orElse("");
    }

    private static String missingRequired(SyncRecord source, List<String> required) {
        for (String field : required) {
            Object value = source.fields().get(field);
            if (value == null || value.toString().isBlank()) {
                return field;
            }
        }
        return null;
    }

    /** Natural keys compare without case and surrounding blanks (e-mail addresses, SKUs). */
    public static String normalizeKey(String key) {
        return key.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
