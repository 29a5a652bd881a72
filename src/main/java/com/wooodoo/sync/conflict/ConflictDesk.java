package com.wooodoo.sync.conflict;

import com.wooodoo.sync.orchestration.ActivityRecorder;
import com.wooodoo.sync.orchestration.ActivityRecorder.Outcome;
import com.wooodoo.sync.orchestration.SyncLifecycle;
import com.wooodoo.sync.store.ConflictQuery;
import com.wooodoo.sync.store.ConflictRow;
import com.wooodoo.sync.store.ConflictStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where people see conflicts and settle them; each resolution is recorded once, with who and when. */
@Service
public class ConflictDesk {

    private final ConflictStore conflicts;
    private final SyncLifecycle lifecycle;
    private final ActivityRecorder activity;
    private final TransactionTemplate tx;

    public ConflictDesk(ConflictStore conflicts, SyncLifecycle lifecycle, ActivityRecorder activity,
                        TransactionTemplate tx) {
        this.conflicts = conflicts;
        this.lifecycle = lifecycle;
        this.activity = activity;
        this.tx = tx;
    }

    /** A page of conflicts; a sync of another organisation is reported as not found. */
    public List<ConflictRow> page(ConflictQuery query) {
        query.syncId().ifPresent(syncId -> lifecycle.find(query.orgId(), syncId));
        return conflicts.page(query);
    }

    public ConflictRow resolve(String orgId, UUID conflictId, ConflictResolution resolution, Optional<String> note,
                               String actor) {
        long began = System.nanoTime();
        ConflictRow conflict = conflicts.find(orgId, conflictId).orElseThrow(() -> new ConflictNotFoundException(conflictId));
        Optional<ConflictRow> resolved = tx.execute(status -> {
            Optional<ConflictRow> row = conflicts.resolve(orgId, conflictId, resolution.id(), note.orElse(null), actor,
                    resolution.initialOutcome());
            row.ifPresent(r -> activity.record(orgId, r.syncId(), conflictId, actor, "resolve-conflict", Outcome.OK,
                    details(r), (System.nanoTime() - began) / 1_000_000));
            return row;
        });
        if (resolved == null || resolved.isEmpty()) {
            ConflictRow current = conflicts.find(orgId, conflictId).orElse(conflict);
            activity.record(orgId, conflict.syncId(), conflictId, actor, "resolve-conflict", Outcome.REJECTED,
                    Map.of("resolution", resolution.id(), "reason", "already resolved as " + current.resolution()),
                    (System.nanoTime() - began) / 1_000_000);
            throw new ConflictAlreadyResolvedException("conflict " + conflictId + " is already resolved ("
                    + current.resolution() + " by " + current.resolvedBy() + " at " + current.resolvedAt() + ")");
        }
        return resolved.get();
    }

    private static Map<String, Object> details(ConflictRow row) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resolution", row.resolution());
        details.put("outcome", row.resolutionOutcome());
        details.put("conflictType", row.conflictType());
        if (row.resolutionNote() != null) {
            details.put("note", row.resolutionNote());
        }
        return details;
    }
}
