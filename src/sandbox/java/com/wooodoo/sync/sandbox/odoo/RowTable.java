package com.wooodoo.sync.sandbox.odoo;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stored rows of one model, in id order, with an index of the values of each field looked up
 * by value so far: by the API's searches only the fields a real Odoo indexes ({@code
 * Domain#indexed}); by the simulator's own rules the many2one fields of its relations (Odoo's
 * foreign keys it declares {@code index=True}) and the fields of its unique constraints (a unique
 * index in PostgreSQL), whose look-ups are not charged as scans. An index maps a value's text, case-folded, to the ids of the rows
 * holding it: what it answers is a superset of the rows equal to a value (with or without regard
 * to case), which the caller then tests as it would have tested every row. Rows are replaced, not
 * changed in place, so the index follows {@link #put} and {@link #remove}.
 */
final class RowTable {

    private final TreeMap<Long, Map<String, Object>> rows = new TreeMap<>();
    private final Map<String, Map<String, NavigableSet<Long>>> indexes = new HashMap<>();

    Map<String, Object> get(Object id) {
        return id instanceof Long key ? rows.get(key) : null;
    }

    boolean containsKey(Object id) {
        return get(id) != null;
    }

    /** Stores a row; answers the one it replaces, if any. */
    Map<String, Object> put(long id, Map<String, Object> row) {
        Map<String, Object> previous = rows.put(id, row);
        indexes.forEach((field, index) -> {
            unindex(index, field, id, previous);
            index(index, field, id, row);
        });
        return previous;
    }

    Map<String, Object> remove(long id) {
        Map<String, Object> previous = rows.remove(id);
        indexes.forEach((field, index) -> unindex(index, field, id, previous));
        return previous;
    }

    /** The rows, by increasing id. */
    Collection<Map<String, Object>> values() {
        return Collections.unmodifiableCollection(rows.values());
    }

    List<Long> ids() {
        return List.copyOf(rows.keySet());
    }

    int size() {
        return rows.size();
    }

    /**
     * The ids, increasing, of the rows whose field reads as this text without regard to case
     * (as {@link String#equalsIgnoreCase} compares), and maybe of a few more. A view: copy it
     * before changing the table.
     */
    Set<Long> withText(String field, String text) {
        Map<String, NavigableSet<Long>> index = indexes.computeIfAbsent(field, this::build);
        return Collections.unmodifiableSet(index.getOrDefault(fold(text), Collections.emptyNavigableSet()));
    }

    /** The ids, increasing, of the rows whose field may equal this value (and maybe of a few more). */
    Set<Long> mayEqual(String field, Object value) {
        return value == null || Boolean.FALSE.equals(value) ? Collections.unmodifiableSet(rows.navigableKeySet())
                : withText(field, String.valueOf(value));
    }

    private Map<String, NavigableSet<Long>> build(String field) {
        Map<String, NavigableSet<Long>> index = new HashMap<>();
        rows.forEach((id, row) -> index(index, field, id, row));
        return index;
    }

    private static void index(Map<String, NavigableSet<Long>> index, String field, long id, Map<String, Object> row) {
        String key = key(row, field);
        if (key != null) {
            index.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
        }
    }

    private static void unindex(Map<String, NavigableSet<Long>> index, String field, long id, Map<String, Object> row) {
        String key = key(row, field);
        NavigableSet<Long> ids = key == null ? null : index.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(key);
            }
        }
    }

    /** No value and {@code false} equal no text: only a search for them (not looked up here) finds them. */
    private static String key(Map<String, Object> row, String field) {
        Object value = row == null ? null : row.get(field);
        return value == null || Boolean.FALSE.equals(value) ? null : fold(String.valueOf(value));
    }

    /**
     * The text with each character mapped as {@link String#equalsIgnoreCase} compares them (upper
     * case, then lower case): texts equal without regard to case fold to the same text.
     */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return folded.toString();
    }
}
