package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The records of one type by increasing id, in an array: a record is found by a binary search on
 * its id and a page is a range of positions. New records, whose ids grow, go to the end.
 */
final class WooRecords {

    private final List<Long> ids = new ArrayList<>();
    private final List<ObjectNode> records = new ArrayList<>();

    ObjectNode get(long id) {
        int at = Collections.binarySearch(ids, id);
        return at < 0 ? null : records.get(at);
    }

    /** Stores a record under its id; answers the one it replaces, if any. */
    ObjectNode put(long id, ObjectNode record) {
        int at = Collections.binarySearch(ids, id);
        if (at >= 0) {
            return records.set(at, record);
        }
        ids.add(-at - 1, id);
        records.add(-at - 1, record);
        return null;
    }

    ObjectNode remove(long id) {
        int at = Collections.binarySearch(ids, id);
        if (at < 0) {
            return null;
        }
        ids.remove(at);
        return records.remove(at);
    }

    /** The records by increasing id (not a copy: read it only while holding the store's monitor). */
    List<ObjectNode> inIdOrder() {
        return Collections.unmodifiableList(records);
    }

    int size() {
        return records.size();
    }
}
