package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.CategoryPath;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.FieldType;
import com.wooodoo.sync.connector.mapping.SystemField;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a source record and a target record hold the same values, compared on the mapped fields
 * that read back exactly as written in both systems: plain values (text, numbers, booleans)
 * written to both sides. A name split in one system and joined in the other, references (ids of
 * two systems), order lines, times the systems set themselves, and fields the source leaves empty
 * (the target may fill in a default) are left out. Category paths compare name by name without
 * case and surrounding blanks, as both systems find categories so.
 */
public final class MappedFieldComparison {

    private final List<FieldMapping> fields;
    private final String naturalKey;

    private MappedFieldComparison(List<FieldMapping> fields, String naturalKey) {
        this.fields = fields;
        this.naturalKey = naturalKey;
    }

    public static MappedFieldComparison of(EntityMapping mapping, ExternalSystem source, ExternalSystem target) {
        return new MappedFieldComparison(mapping.fields().stream()
                .filter(f -> comparable(f, source) && comparable(f, target))
                .toList(), mapping.naturalKey());
    }

    private static boolean comparable(FieldMapping field, ExternalSystem system) {
        if (field.type() == FieldType.REFERENCE || field.type() == FieldType.LINES || field.type() == FieldType.DATETIME) {
            return false;
        }
        Optional<SystemField> in = field.in(system);
        return in.isPresent() && in.get().part().isEmpty() && !in.get().readOnly();
    }

    /**
     * The hash of the target's compared fields: what a later sync looks at to see whether someone
     * else changed the record. Fields it never compares (read-only ones, such as the state an
     * order is confirmed to after its write) do not count: changing them is no conflict.
     */
    public String seenHash(SyncRecord target) {
        Map<String, Object> compared = new java.util.LinkedHashMap<>();
        fields.forEach(f -> compared.put(f.name(), target.fields().get(f.name())));
        return ContentHash.of(compared);
    }

    /** The compared fields whose values differ, in mapping order; empty when the records agree. */
    public List<String> differences(SyncRecord source, SyncRecord target) {
        return fields.stream()
                .filter(f -> !same(f, source.fields().get(f.name()), target.fields().get(f.name())))
                .map(FieldMapping::name)
                .toList();
    }

    private boolean same(FieldMapping field, Object a, Object b) {
        String x = text(a);
        String y = text(b);
        if (x == null) {
            return true; // nothing was written for it: the target may keep a default of its own (Odoo's 0.0)
        }
        if (y == null) {
            return false;
        }
        if (field.type() == FieldType.DECIMAL || field.type() == FieldType.INTEGER) {
            try {
                return new BigDecimal(x).compareTo(new BigDecimal(y)) == 0;
            } catch (NumberFormatException e) {
                return x.equals(y);
            }
        }
        if (field.type() == FieldType.CATEGORY) {
            // both systems find a category by name without case: "clothing" may be where "Clothing" went
            return CategoryPath.same(x, y);
        }
        // natural keys (e-mail addresses, SKUs) are matched without case, so they compare so too
        return field.name().equals(naturalKey) ? x.equalsIgnoreCase(y) : x.equals(y);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }
}
