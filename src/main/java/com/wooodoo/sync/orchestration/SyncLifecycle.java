package com.wooodoo.sync.orchestration;

import com.wooodoo.sync.store.SyncStatus.Transition;
import com.wooodoo.sync.observability.LogContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.orchestration.ActivityRecorder.Outcome;
import com.wooodoo.sync.store.ActiveSyncLimitException;
import com.wooodoo.sync.store.SyncRow;
import com.wooodoo.sync.store.SyncStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Starts syncs and moves them through their lifecycle. Every change and its activity entry are
 * written in one transaction; a refused change is recorded as such. The limit of active syncs per
 * organisation and the uniqueness of idempotency keys are enforced by the database.
 */
@Service
public class SyncLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SyncLifecycle.class);

    private final SyncStore syncs;
    private final ActivityRecorder activity;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    public SyncLifecycle(SyncStore syncs, ActivityRecorder activity, TransactionTemplate tx, ObjectMapper json) {
        this.syncs = syncs;
        this.activity = activity;
        this.tx = tx;
        this.json = json;
    }

    /** What {@link #start} did: queued a new sync, or found the one started with the same idempotency key. */
    public record Started(SyncRow sync, boolean replayed) {
    }

    /**
     * Queues a sync. With an idempotency key already used by the organisation, returns that
     * sync instead of starting another.
     *
     * @throws ActiveSyncLimitException when the organisation has the most active syncs allowed
     */
    public Started start(SyncRequest request) {
        long began = System.nanoTime();
        Optional<SyncRow> earlier = request.idempotencyKey().flatMap(key -> syncs.findByIdempotencyKey(request.orgId(), key));
        if (earlier.isPresent()) {
            return replay(request, earlier.get(), began);
        }
        UUID syncId = UUID.randomUUID();
        LogContext.sync(syncId);
        try {
            Started started = tx.execute(status -> {
                Optional<SyncRow> inserted = syncs.insertQueued(syncId, request.orgId(), request.source().id(),
                        request.target().id(), request.entityTypes().stream().map(EntityType::id).toList(),
                        configJson(request.config()), request.idempotencyKey().orElse(null), request.actor());
                if (inserted.isEmpty()) {
                    return null;
                }
                activity.record(request.orgId(), syncId, null, request.actor(), "start", Outcome.OK,
                        startDetails(request), elapsedMs(began));
                return new Started(inserted.get(), false);
            });
            if (started != null) {
                LOG.info("Queued sync {} of organisation {}: {} → {} {}", syncId, request.orgId(), request.source(),
                        request.target(), request.entityTypes());
                return started;
            }
        } catch (ActiveSyncLimitException limit) {
            // a concurrent start with the same key may have taken the last place: it wins
            Optional<SyncRow> concurrent = request.idempotencyKey()
                    .flatMap(key -> syncs.findByIdempotencyKey(request.orgId(), key));
            if (concurrent.isPresent()) {
                return replay(request, concurrent.get(), began);
            }
            activity.record(request.orgId(), null, null, request.actor(), "start", Outcome.REJECTED,
                    Map.of("reason", limit.getMessage()), elapsedMs(began));
            throw limit;
        }
        // the insert met the same idempotency key, committed by a concurrent start
        SyncRow winner = syncs.findByIdempotencyKey(request.orgId(), request.idempotencyKey().orElseThrow())
                .orElseThrow(() -> new IllegalStateException("idempotency key conflict without a row"));
        return replay(request, winner, began);
    }

    /** A sync of any organisation: for the pipeline, never for a caller of the API. */
    public SyncRow findById(UUID syncId) {
        return syncs.findById(syncId).orElseThrow(() -> new SyncNotFoundException(syncId));
    }

    public SyncRow find(String orgId, UUID syncId) {
        return syncs.find(orgId, syncId).orElseThrow(() -> new SyncNotFoundException(syncId));
    }

    public SyncRow pause(String orgId, UUID syncId, String actor) {
        return transition(orgId, syncId, actor, Transition.PAUSE, () -> syncs.pause(orgId, syncId));
    }

    public SyncRow resume(String orgId, UUID syncId, String actor) {
        return transition(orgId, syncId, actor, Transition.RESUME, () -> syncs.resume(orgId, syncId));
    }

    public SyncRow cancel(String orgId, UUID syncId, String actor) {
        return transition(orgId, syncId, actor, Transition.CANCEL, () -> syncs.cancel(orgId, syncId));
    }

    private SyncRow transition(String orgId, UUID syncId, String actor, Transition transition,
                               Supplier<Optional<SyncRow>> change) {
        String action = transition.name().toLowerCase();
        String rule = transition.rule();
        long began = System.nanoTime();
        SyncRow before = find(orgId, syncId);
        Optional<SyncRow> after = tx.execute(status -> {
            Optional<SyncRow> changed = change.get();
            changed.ifPresent(row -> activity.record(orgId, syncId, null, actor, action, Outcome.OK,
                    Map.of("from", before.status(), "to", row.status()), elapsedMs(began)));
            return changed;
        });
        if (after == null || after.isEmpty()) {
            String current = find(orgId, syncId).status();
            activity.record(orgId, syncId, null, actor, action, Outcome.REJECTED,
                    Map.of("status", current, "reason", rule), elapsedMs(began));
            throw new IllegalTransitionException("cannot " + action + " sync " + syncId + ": it is " + current
                    + "; " + rule);
        }
        LOG.info("Sync {} of organisation {}: {} ({} → {}) by {}", syncId, orgId, action, before.status(),
                after.get().status(), actor);
        return after.get();
    }

    private Started replay(SyncRequest request, SyncRow sync, long began) {
        activity.record(request.orgId(), sync.syncId(), null, request.actor(), "start", Outcome.OK,
                Map.of("idempotencyKey", request.idempotencyKey().orElse(""), "replayed", true), elapsedMs(began));
        return new Started(sync, true);
    }

    private Map<String, Object> startDetails(SyncRequest request) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("systems", new String[] {request.source().id(), request.target().id()});
        details.put("entityTypes", request.entityTypes().stream().map(EntityType::id).toList());
        details.put("syncConfig", SyncConfigJson.toMap(request.config()));
        request.idempotencyKey().ifPresent(key -> details.put("idempotencyKey", key));
        return details;
    }

    private String configJson(SyncConfig config) {
        try {
            return json.writeValueAsString(SyncConfigJson.toMap(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long elapsedMs(long beganNanos) {
        return (System.nanoTime() - beganNanos) / 1_000_000;
    }
}
