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
 * <p>A resolution is claimed (the database keeps the first of concurrent ones), carried out at
 * once and recorded, in one transaction: {@code reject} keeps the target ({@code kept-target});
 * {@code accept} and {@code retry} write to the target ({@link ConflictRemedies}) and end
 * {@code applied} or {@code failed}. What was written is recorded as the pipeline records it (the
 * link and the idempotency log), together with the outcome and the audit entry. A failure of the
 * systems keeps the resolution (it is set once) with the outcome {@code failed} and the reason in
 * the note and the audit entry; when the record itself failed, a new conflict of the type found
 * keeps it in sight.
 */
@Service
public class ConflictDesk {

    private static final String ACTION = "resolve-conflict";
    private static final int MAX_REASON = 2000;

    private final ConflictStore conflicts;
    private final SyncLifecycle lifecycle;
    private final ActivityRecorder activity;
    private final TransactionTemplate tx;
    private final ConflictRemedies remedies;
    private final LinkStore links;
    private final SyncProgressStore progress;
    private final ObjectMapper json;

    public ConflictDesk(ConflictStore conflicts, SyncLifecycle lifecycle, ActivityRecorder activity,
                        TransactionTemplate tx, ConflictRemedies remedies, LinkStore links, SyncProgressStore progress,
                        ObjectMapper json) {
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
     * @throws ConflictAlreadyResolvedException it was resolved before
     */
    public ConflictRow resolve(String orgId, UUID conflictId, ConflictResolution resolution, Optional<String> note,
                               String actor) {
        long began = System.nanoTime();
        ConflictRow conflict = conflicts.find(orgId, conflictId).orElseThrow(() -> new ConflictNotFoundException(conflictId));
        LogContext.sync(conflict.syncId());
        // Claimed, carried out and recorded in one transaction: the claimed row stays locked while
        // the target is written, so a concurrent resolution waits and then finds it resolved (409),
        // and a service that dies meanwhile leaves the conflict unresolved, to be resolved again
        // (a write that did happen is then found by its natural key, never made twice).
        ConflictRow resolved = tx.execute(status -> {
            Optional<ConflictRow> claimed = conflicts.resolve(orgId, conflictId, resolution.id(), note.orElse(null),
                    actor, resolution.initialOutcome());
            if (claimed.isEmpty()) {
                return null;
            }
            if (resolution == ConflictResolution.REJECT) {
                remedies.keepTarget(claimed.get());
                activity.record(orgId, claimed.get().syncId(), conflictId, actor, ACTION, Outcome.OK,
                        details(claimed.get(), null), millisSince(began));
                return claimed.get();
            }
            ResolutionResult result = remedies.carryOut(claimed.get(), resolution);
            return complete(claimed.get(), result, note.orElse(null), actor, began);
        });
        if (resolved == null) {
            ConflictRow current = conflicts.find(orgId, conflictId).orElse(conflict);
            activity.record(orgId, conflict.syncId(), conflictId, actor, ACTION, Outcome.REJECTED,
                    Map.of("resolution", resolution.id(), "reason", "already resolved as " + current.resolution()),
                    millisSince(began));
            throw new ConflictAlreadyResolvedException("conflict " + conflictId + " is already resolved ("
                    + current.resolution() + " by " + current.resolvedBy() + " at " + current.resolvedAt() + ")");
        }
        return resolved;
    }

    /**
     * Records what the resolution came to, in the caller's transaction: link, idempotency entry,
     * follow-up conflict, outcome, audit entry.
     */
    private ConflictRow complete(ConflictRow claimed, ResolutionResult result, String userNote, String actor, long began) {
        String orgId = claimed.orgId();
        UUID followUp = null;
        if (result.wroteTarget()) {
            progress.logApplied(orgId, claimed.syncId(), claimed.entityType(), claimed.sourceSystem(),
                    claimed.targetSystem(), claimed.sourceRecordId(), result.contentHash(), result.targetId(),
                    result.operation());
            links.upsert(orgId, claimed.entityType(), claimed.sourceSystem(), claimed.sourceRecordId(),
                    result.targetId(), result.contentHash(), result.targetSeenHash());
        }
        if (result.followUp() != null) {
            followUp = conflicts.insert(followUpConflict(claimed, result.followUp())).conflictId();
        }
        ConflictRow row = conflicts.completeOutcome(orgId, claimed.conflictId(), result.outcome(),
                        noteWith(userNote, result.failure()))
                .orElseThrow(() -> new IllegalStateException("conflict " + claimed.conflictId() + " is no longer pending"));
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
