package com.wooodoo.sync.conflict;

import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.connector.SyncRecord;

/**
 * What carrying out an {@code accept} or {@code retry} came to, before it is recorded.
 *
 * @param outcome     {@code applied} or {@code failed}
 * @param operation   {@code create}, {@code update} or {@code unchanged} when applied; the step that failed otherwise
 * @param targetId    the target record written (or found unchanged), where there is one
 * @param contentHash the hash of the version written, for the idempotency log and the link
 * @param targetSeenHash the hash of the target record as read back after the write, for the link
 * @param failure     why it failed, or null
 * @param followUp    a record-level failure to be recorded as a new conflict, or null
 */
record ResolutionResult(String outcome, String operation, String targetId, String contentHash, String targetSeenHash,
                        String failure, FollowUp followUp) {

    static final String APPLIED = "applied";
    static final String FAILED = "failed";

    /** A new conflict for the record, when the resolution failed on the record itself. */
    record FollowUp(ConflictType type, String reason, SyncRecord source, SyncRecord target) {
    }

    static ResolutionResult applied(String operation, String targetId, String contentHash, String targetSeenHash) {
        return new ResolutionResult(APPLIED, operation, targetId, contentHash, targetSeenHash, null, null);
    }

    static ResolutionResult failed(String operation, String failure, FollowUp followUp) {
        return new ResolutionResult(FAILED, operation, null, null, null, failure, followUp);
    }

    boolean isApplied() {
        return APPLIED.equals(outcome);
    }

    /** Whether something was written that the link and the idempotency log must record. */
    boolean wroteTarget() {
        return isApplied() && targetId != null && ("create".equals(operation) || "update".equals(operation));
    }
}
