package com.wooodoo.sync.conflict;

import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.observability.LogContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.orchestration.ActivityRecorder;
import com.wooodoo.sync.orchestration.ActivityRecorder.Outcome;
import com.wooodoo.sync.orchestration.SyncLifecycle;
import com.wooodoo.sync.store.ConflictQuery;
import com.wooodoo.sync.store.ConflictRow;
import com.wooodoo.sync.store.ConflictStore;
import com.wooodoo.sync.store.LinkStore;
import com.wooodoo.sync.store.SyncProgressStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where people see conflicts and settle them; each resolution is recorded once, with who and when.
 *
 * <p>{@code reject} keeps the target ({@code kept-target}) and is recorded at once, in one short
 * transaction. {@code accept} and {@code retry} write to the target ({@link ConflictRemedies}) and
 * end {@code applied} or {@code failed}: the conflict is first claimed for a while (a lease; the
 * database keeps the first of concurrent claims), then the resolution is carried out with no
 * transaction or pooled connection held across the throttle and the external calls, then recorded
 * in a second short transaction. What was written is recorded as the pipeline records it (the
 * link and the idempotency log), together with the resolution, its outcome and the audit entry. A failure of the
 * systems keeps the resolution (it is set once) with the outcome {@code failed} and the reason in
 * the note and the audit entry; when the record itself failed, a new conflict of the type found
 * keeps it in sight.
 */
@Service
public class ConflictDesk {

    private static final String ACTION = "resolve-conflict";
    private static final int MAX_REASON = 2000;
    private static final String KEPT_TARGET = "kept-target";

    private final ConflictStore conflicts;
    private final SyncLifecycle lifecycle;
    private final ActivityRecorder activity;
    private final TransactionTemplate tx;
    private final ConflictRemedies remedies;
    private final LinkStore links;
    private final SyncProgressStore progress;
    private final ObjectMapper json;
    private final ConflictProperties properties;

    public ConflictDesk(ConflictStore conflicts, SyncLifecycle lifecycle, ActivityRecorder activity,
                        TransactionTemplate tx, ConflictRemedies remedies, LinkStore links, SyncProgressStore progress,
                        ObjectMapper json, ConflictProperties properties) {
        this.properties = properties;
        this.conflicts = conflicts;
        this.lifecycle = lifecycle;
        this.activity = activity;
        this.tx = tx;
        this.remedies = remedies;
        this.links = links;
        this.progress = progress;
        this.json = json;
    }

    /** A page of conflicts; a sync of another organisation is reported as not found. */
    public List<ConflictRow> page(ConflictQuery query) {
        query.syncId().ifPresent(syncId -> lifecycle.find(query.orgId(), syncId));
        return conflicts.page(query);
    }

    /**
     * Resolves a conflict once and carries the resolution out; answers the conflict as it now is.
     *
     * @throws ConflictNotFoundException        no such conflict in the organisation
     * @throws ConflictAlreadyResolvedException it was resolved before, or another resolution of it is being carried out
     */
    public ConflictRow resolve(String orgId, UUID conflictId, ConflictResolution resolution, Optional<String> note,
                               String actor) {
        long began = System.nanoTime();
        ConflictRow conflict = conflicts.find(orgId, conflictId).orElseThrow(() -> new ConflictNotFoundException(conflictId));
        LogContext.sync(conflict.syncId());
        if (resolution == ConflictResolution.REJECT) {
            // Nothing to call: recorded at once, in one short transaction.
            ConflictRow rejected = tx.execute(status -> conflicts.resolve(orgId, conflictId, resolution.id(),
                    note.orElse(null), actor, KEPT_TARGET, null).map(row -> {
                        remedies.keepTarget(row);
                        activity.record(orgId, row.syncId(), conflictId, actor, ACTION, Outcome.OK, details(row, null),
                                millisSince(began));
                        return row;
                    }).orElse(null));
            return rejected != null ? rejected : refuse(orgId, conflict, resolution, actor, began);
        }
        // Claimed in a short transaction of its own (one statement), carried out with no
        // transaction and no connection held while the throttle and the external system are
        // waited for, and recorded in another short transaction. A concurrent resolution finds the
        // claim (409); a service that dies in between leaves a claim that runs out, and the conflict
        // can be resolved again (a write that did happen is then found by its natural key, never
        // made twice).
        UUID claim = UUID.randomUUID();
        Optional<ConflictRow> claimed = conflicts.claim(orgId, conflictId, claim, properties.getClaimLease());
        if (claimed.isEmpty()) {
            return refuse(orgId, conflict, resolution, actor, began);
        }
        ResolutionResult result;
        try {
            result = remedies.carryOut(claimed.get(), resolution);
        } catch (RuntimeException | Error e) {
            conflicts.release(orgId, conflictId, claim);
            throw e;
        }
        ConflictRow resolved;
        try {
            resolved = tx.execute(status -> record(claimed.get(), resolution, claim, result, note.orElse(null), actor,
                    began));
        } catch (RuntimeException e) {
            conflicts.release(orgId, conflictId, claim);
            throw e;
        }
        return resolved != null ? resolved : refuse(orgId, conflict, resolution, actor, began);
    }

    /** Records a refused resolution in the audit trail and answers 409. */
    private ConflictRow refuse(String orgId, ConflictRow conflict, ConflictResolution resolution, String actor,
                               long began) {
        ConflictRow current = conflicts.find(orgId, conflict.conflictId()).orElse(conflict);
        String reason = current.isResolved() ? "already resolved as " + current.resolution()
                : "another resolution of it is being carried out";
        activity.record(orgId, conflict.syncId(), conflict.conflictId(), actor, ACTION, Outcome.REJECTED,
                Map.of("resolution", resolution.id(), "reason", reason), millisSince(began));
        throw new ConflictAlreadyResolvedException(current.isResolved()
                ? "conflict " + conflict.conflictId() + " is already resolved (" + current.resolution() + " by "
                        + current.resolvedBy() + " at " + current.resolvedAt() + ")"
                : "conflict " + conflict.conflictId() + " is being resolved by another request");
    }

    /**
     * Records the resolution and what it came to, in the caller's transaction: the resolution
     * with its outcome, link, idempotency entry, follow-up conflict, audit entry. Null when the
     * conflict was resolved meanwhile (the transaction is then rolled back).
     */
    private ConflictRow record(ConflictRow claimed, ConflictResolution resolution, UUID claim, ResolutionResult result,
                               String userNote, String actor, long began) {
        String orgId = claimed.orgId();
        Optional<ConflictRow> recorded = conflicts.resolve(orgId, claimed.conflictId(), resolution.id(),
                noteWith(userNote, result.failure()), actor, result.outcome(), claim);
        if (recorded.isEmpty()) {
            return null;
        }
        ConflictRow row = recorded.get();
        UUID followUp = null;
        if (result.wroteTarget()) {
            progress.logApplied(orgId, claimed.syncId(), claimed.entityType(), claimed.sourceSystem(),
                    claimed.targetSystem(), claimed.sourceRecordId(), result.contentHash(), result.targetId(),
                    result.operation());
            links.upsert(orgId, claimed.entityType(), claimed.sourceSystem(), claimed.sourceRecordId(),
                    result.targetId(), result.contentHash(), result.targetSeenHash());
        }
        if (result.followUp() != null) {
            followUp = conflicts.insert(followUpConflict(row, result.followUp())).conflictId();
        }
        Map<String, Object> details = details(row, result);
        if (followUp != null) {
            details.put("followUpConflictId", followUp.toString());
        }
        activity.record(orgId, row.syncId(), row.conflictId(), actor, ACTION,
                result.isApplied() ? Outcome.OK : Outcome.ERROR, details, millisSince(began));
        return row;
    }

    /** A new conflict for a record whose resolution failed on the record itself, as the pipeline would record it. */
    private ConflictRow followUpConflict(ConflictRow resolved, ResolutionResult.FollowUp followUp) {
        boolean autoSkip = followUp.type() == ConflictType.DuplicateKey;
        String sourceId = followUp.source() != null ? followUp.source().id() : resolved.sourceRecordId();
        String targetId = followUp.target() != null ? followUp.target().id() : resolved.targetRecordId();
        String sourceData = followUp.source() != null ? toJson(followUp.source().fields()) : resolved.sourceDataJson();
        String targetData = followUp.target() != null ? toJson(followUp.target().fields()) : resolved.targetDataJson();
        return new ConflictRow(UUID.randomUUID(), resolved.orgId(), resolved.syncId(), followUp.type().name(),
                resolved.entityType(), resolved.sourceSystem(), resolved.targetSystem(), sourceId, targetId,
                truncate(followUp.reason() + " (after " + resolved.resolution() + " of conflict " + resolved.conflictId()
                        + ")"), sourceData, targetData, resolved.attempts() + 1,
                autoSkip ? "skip" : null, autoSkip ? "skipped automatically: the natural key is not unique" : null,
                autoSkip ? "pipeline" : null, autoSkip ? Instant.now() : null, autoSkip ? "skipped" : null, null);
    }

    private static String noteWith(String userNote, String failure) {
        if (failure == null) {
            return userNote;
        }
        String reason = "failed: " + truncate(failure);
        return userNote == null || userNote.isBlank() ? reason : userNote + "\n" + reason;
    }

    private static Map<String, Object> details(ConflictRow row, ResolutionResult result) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resolution", row.resolution());
        details.put("outcome", row.resolutionOutcome());
        details.put("conflictType", row.conflictType());
        if (result != null) {
            details.put("operation", result.operation());
            if (result.targetId() != null) {
                details.put("targetRecordId", result.targetId());
            }
            if (result.failure() != null) {
                details.put("error", truncate(result.failure()));
            }
        }
        if (row.resolutionNote() != null) {
            details.put("note", row.resolutionNote());
        }
        return details;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }

    private static long millisSince(long began) {
        return (System.nanoTime() - began) / 1_000_000;
    }
}
