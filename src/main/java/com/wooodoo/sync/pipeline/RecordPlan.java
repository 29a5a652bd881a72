package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.connector.SyncRecord;

/**
 * The decision for one source record.
 *
 * @param targetId     the target record to update (UPDATE, UNCHANGED), else null
 * @param contentHash  hash of the source record's mapped content
 * @param conflictType with CONFLICT: its type
 * @param reason       with CONFLICT: what was found
 * @param target       the target record as read, where one was found
 */
public record RecordPlan(SyncRecord source, PlannedAction action, String targetId, String contentHash,
                         ConflictType conflictType, String reason, SyncRecord target) {

    /** Whether the record is to be written: created or updated. */
    public boolean writes() {
        return action == PlannedAction.CREATE || action == PlannedAction.UPDATE;
    }

    static RecordPlan create(SyncRecord source, String hash) {
        return new RecordPlan(source, PlannedAction.CREATE, null, hash, null, null, null);
    }

    static RecordPlan update(SyncRecord source, String targetId, String hash, SyncRecord target) {
        return new RecordPlan(source, PlannedAction.UPDATE, targetId, hash, null, null, target);
    }

    static RecordPlan unchanged(SyncRecord source, String targetId, String hash) {
        return new RecordPlan(source, PlannedAction.UNCHANGED, targetId, hash, null, null, null);
    }

    static RecordPlan leftOut(SyncRecord source, String hash) {
        return new RecordPlan(source, PlannedAction.LEFT_OUT, null, hash, null, null, null);
    }

    static RecordPlan conflict(SyncRecord source, String hash, ConflictType type, String reason, SyncRecord target) {
        return new RecordPlan(source, PlannedAction.CONFLICT, target == null ? null : target.id(), hash, type, reason, target);
    }
}
