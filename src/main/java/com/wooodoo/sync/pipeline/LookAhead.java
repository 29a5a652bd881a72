package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.SyncRecord;

import java.util.List;
import java.util.Set;

/**
 * The target records found for the natural keys of the next batch the sync hands out (the one
 * waiting for a place), read together with the read-back of a batch before it: one request instead
 * of two. Used once, by the first attempt of that batch's plan, and only for keys it covers, and
 * only when none of its records was in a batch still in flight when it was read (that batch may
 * have created its target since); a batch tried again looks up afresh.
 *
 * @param keys         the natural keys looked up, normalised ({@link BatchPlanner#normalizeKey})
 * @param matches      the target records whose natural key is one of them
 * @param keysInFlight the keys ({@link BatchWork#keys()}) of the batches in flight when it was read
 */
record LookAhead(BatchWork batch, Set<String> keys, List<SyncRecord> matches, Set<String> keysInFlight) {

    boolean covers(List<String> wanted) {
        return wanted.stream().map(BatchPlanner::normalizeKey).allMatch(keys::contains);
    }

    /** Whether a batch in flight when it was read had one of the batch's records. */
    boolean mayBeStale() {
        return !java.util.Collections.disjoint(keysInFlight, batch.recordKeys());
    }
}
