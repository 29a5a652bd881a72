package com.wooodoo.sync.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The actions of the orchestrate endpoint; only the read-only ones may be called with GET. */
public enum OrchestrateAction {
    START("start", false),
    STATUS("status", true),
    PAUSE("pause", false),
    RESUME("resume", false),
    CANCEL("cancel", false),
    CONFLICTS("conflicts", true),
    RESOLVE_CONFLICT("resolve-conflict", false),
    ACTIVITY("activity", true);

    private final String id;
    private final boolean readOnly;

    OrchestrateAction(String id, boolean readOnly) {
        this.id = id;
        this.readOnly = readOnly;
    }

    public String id() {
        return id;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public static Optional<OrchestrateAction> fromId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(OrchestrateAction::id).toList();
    }
}
