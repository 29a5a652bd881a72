package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.SyncRecord;

import java.util.List;
import java.util.Set;

/**
 * The target records found for the natural keys of the next batch (the next of its page, or the
 * first of the next page once read ahead), read together with the read-back of the batch before
 * it: one request instead of two. Used once, by the first attempt of that batch's plan, and only
 * for keys it covers; a batch tried again looks up afresh.
 *
 * @param keys    the natural keys looked up, normalised ({@link BatchPlanner#normalizeKey})
 * @param matches the target records whose natural key is one of them
 */
record LookAhead(EntityType entity, int page, int batchIndex, Set<String> keys, List<SyncRecord> matches) {

    boolean isFor(EntityType entity, int page, int batchIndex) {
        return this.entity == entity && this.page == page && this.batchIndex == batchIndex;
    }

    boolean covers(List<String> wanted) {
        return wanted.stream().map(BatchPlanner::normalizeKey).allMatch(keys::contains);
    }
}
