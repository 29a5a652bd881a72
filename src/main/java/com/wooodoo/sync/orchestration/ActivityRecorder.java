package com.wooodoo.sync.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.store.ActivityEntry;
import com.wooodoo.sync.store.ActivityLogStore;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes entries of the audit trail: who did what to which sync, with what outcome and timing. */
@Component
public class ActivityRecorder {

    public enum Outcome { OK, REJECTED, ERROR }

    private final ActivityLogStore store;
    private final ObjectMapper json;

    public ActivityRecorder(ActivityLogStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public void record(String orgId, UUID syncId, UUID conflictId, String actor, String action, Outcome outcome,
                       Map<String, ?> details, Long durationMs) {
        store.append(orgId, syncId, conflictId, actor, action, outcome.name().toLowerCase(), toJson(details),
                durationMs == null ? null : (int) Math.min(Integer.MAX_VALUE, durationMs));
    }

    /** Entries of one sync, oldest first, after {@code afterEntryId} (0 for the first page). */
    public List<ActivityEntry> page(String orgId, UUID syncId, long afterEntryId, int limit) {
        return store.page(orgId, syncId, afterEntryId, limit);
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("activity details are not serialisable: " + e.getMessage(), e);
        }
    }
}
