package com.wooodoo.sync.api;

import com.wooodoo.sync.store.SyncStatus;
import com.wooodoo.sync.observability.LogContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.conflict.ConflictDesk;
import com.wooodoo.sync.conflict.ConflictResolution;
import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.orchestration.ActivityRecorder;
import com.wooodoo.sync.orchestration.SyncLifecycle;
import com.wooodoo.sync.orchestration.SyncRequest;
import com.wooodoo.sync.orchestration.SyncStatusReport;
import com.wooodoo.sync.store.ActivityEntry;
import com.wooodoo.sync.store.ConflictQuery;
import com.wooodoo.sync.store.ConflictRow;
import com.wooodoo.sync.store.SyncRow;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The eight orchestrate actions: each validates its own fields, acts through the orchestration
 * and conflict services, and answers as the contract says. The actions that change something
 * (start, pause, resume, cancel, resolve-conflict) are recorded in the audit trail by the services
 * they call; the reads (status, conflicts, activity) are not, so polling them adds no rows. Called
 * from the routes in {@code routes/orchestrate-api.camel.yaml}.
 */
@Component("orchestrateActions")
public class OrchestrateActions {

    private static final String REQ = OrchestrateRequestReader.REQUEST_PROPERTY;
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final SyncLifecycle lifecycle;
    private final SyncStatusReport statusReport;
    private final ConflictDesk conflictDesk;
    private final ActivityRecorder activity;
    private final ObjectMapper json;
    private final StartRequests startRequests;

    public OrchestrateActions(SyncLifecycle lifecycle, SyncStatusReport statusReport, ConflictDesk conflictDesk,
                              ActivityRecorder activity, ObjectMapper json, StartRequests startRequests) {
        this.startRequests = startRequests;
        this.lifecycle = lifecycle;
        this.statusReport = statusReport;
        this.conflictDesk = conflictDesk;
        this.activity = activity;
        this.json = json;
    }

    public ApiResponse start(@ExchangeProperty(REQ) OrchestrateRequest request) {
        SyncRequest syncRequest = startRequests.read(request.caller().orgId(), request.caller().actor(), request.fields());
        SyncLifecycle.Started started = lifecycle.start(syncRequest);
        Map<String, Object> answer = new LinkedHashMap<>();
        LogContext.sync(started.sync().syncId());
        answer.put("syncId", started.sync().syncId().toString());
        answer.put("status", SyncStatus.QUEUED.id());
        ApiResponse response = ApiResponse.accepted(answer);
        return started.replayed()
                ? new ApiResponse(response.status(), response.body(), Map.of("Idempotent-Replayed", "true"))
                : response;
    }

    public ApiResponse status(@ExchangeProperty(REQ) OrchestrateRequest request) {
        return ApiResponse.ok(statusReport.of(request.caller().orgId(), syncId(request)));
    }

    public ApiResponse pause(@ExchangeProperty(REQ) OrchestrateRequest request) {
        return lifecycleAnswer(lifecycle.pause(request.caller().orgId(), syncId(request), request.caller().actor()));
    }

    public ApiResponse resume(@ExchangeProperty(REQ) OrchestrateRequest request) {
        return lifecycleAnswer(lifecycle.resume(request.caller().orgId(), syncId(request), request.caller().actor()));
    }

    public ApiResponse cancel(@ExchangeProperty(REQ) OrchestrateRequest request) {
        return lifecycleAnswer(lifecycle.cancel(request.caller().orgId(), syncId(request), request.caller().actor()));
    }

    public ApiResponse conflicts(@ExchangeProperty(REQ) OrchestrateRequest request) {
        RequestFields fields = request.fields().rejectUnknown(Set.of("syncId", "state", "type", "limit", "cursor"));
        Optional<UUID> syncId = fields.uuid("syncId", false);
        String state = fields.oneOf("state", List.of("unresolved", "resolved", "all"), false).orElse("unresolved");
        Optional<String> type = fields.oneOf("type", ConflictType.ids(), false);
        int limit = fields.integer("limit", 1, MAX_PAGE).orElse(DEFAULT_PAGE);
        Optional<String> cursor = fields.text("cursor", 512, false);
        fields.throwIfInvalid();

        Optional<Boolean> resolved = switch (state) {
            case "resolved" -> Optional.of(true);
            case "all" -> Optional.empty();
            default -> Optional.of(false);
        };
        ConflictQuery query = new ConflictQuery(request.caller().orgId(), syncId, resolved, type,
                cursor.map(Cursors::conflictPosition), limit + 1);
        List<ConflictRow> rows = conflictDesk.page(query);
        boolean more = rows.size() > limit;
        List<ConflictRow> page = more ? rows.subList(0, limit) : rows;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("conflicts", page.stream().map(row -> ConflictView.of(row, json)).toList());
        ConflictRow last = page.isEmpty() ? null : page.get(page.size() - 1);
        answer.put("nextCursor", more ? Cursors.ofConflict(last.createdAt(), last.conflictId()) : null);
        return ApiResponse.ok(answer);
    }

    public ApiResponse resolveConflict(@ExchangeProperty(REQ) OrchestrateRequest request) {
        RequestFields fields = request.fields().rejectUnknown(Set.of("conflictId", "resolution", "note"));
        Optional<UUID> conflictId = fields.uuid("conflictId", true);
        Optional<String> resolution = fields.oneOf("resolution", ConflictResolution.ids(), true);
        Optional<String> note = fields.text("note", 2000, false);
        fields.throwIfInvalid();

        ConflictRow resolved = conflictDesk.resolve(request.caller().orgId(), conflictId.get(),
                ConflictResolution.fromId(resolution.get()).orElseThrow(), note, request.caller().actor());
        return ApiResponse.ok(Map.of("conflict", ConflictView.of(resolved, json)));
    }

    public ApiResponse activity(@ExchangeProperty(REQ) OrchestrateRequest request) {
        RequestFields fields = request.fields().rejectUnknown(Set.of("syncId", "limit", "cursor"));
        Optional<UUID> syncId = fields.uuid("syncId", true);
        int limit = fields.integer("limit", 1, MAX_PAGE).orElse(DEFAULT_PAGE);
        Optional<String> cursor = fields.text("cursor", 512, false);
        fields.throwIfInvalid();

        String orgId = request.caller().orgId();
        lifecycle.find(orgId, syncId.get());
        long after = cursor.map(Cursors::activityPosition).orElse(0L);
        List<ActivityEntry> rows = activity.page(orgId, syncId.get(), after, limit + 1);
        boolean more = rows.size() > limit;
        List<ActivityEntry> page = more ? rows.subList(0, limit) : rows;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entries", page.stream().map(this::entryView).toList());
        answer.put("nextCursor", more ? Cursors.ofActivity(page.get(page.size() - 1).entryId()) : null);
        return ApiResponse.ok(answer);
    }

    private static UUID syncId(OrchestrateRequest request) {
        RequestFields fields = request.fields().rejectUnknown(Set.of("syncId"));
        Optional<UUID> syncId = fields.uuid("syncId", true);
        fields.throwIfInvalid();
        LogContext.sync(syncId.get());
        return syncId.get();
    }

    private static ApiResponse lifecycleAnswer(SyncRow sync) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("syncId", sync.syncId().toString());
        answer.put("status", sync.status());
        return ApiResponse.ok(answer);
    }

    private Map<String, Object> entryView(ActivityEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("entryId", entry.entryId());
        view.put("syncId", entry.syncId() == null ? null : entry.syncId().toString());
        view.put("conflictId", entry.conflictId() == null ? null : entry.conflictId().toString());
        view.put("action", entry.action());
        view.put("outcome", entry.outcome());
        view.put("actor", entry.actor());
        view.put("details", details(entry.detailsJson()));
        view.put("durationMs", entry.durationMs());
        view.put("createdAt", entry.createdAt().toString());
        return view;
    }

    private JsonNode details(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("stored activity details are not JSON", e);
        }
    }
}
