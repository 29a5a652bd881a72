package com.wooodoo.sync.orchestration;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a sync: {@code draft → queued → processing → done | partial | failed}, plus
 * {@code paused} (from queued or processing, back by resume) and {@code cancelled} (from any
 * state that is not final).
 */
public enum SyncStatus {
    DRAFT, QUEUED, PROCESSING, PAUSED, DONE, PARTIAL, FAILED, CANCELLED;

    private static final Set<SyncStatus> ACTIVE = EnumSet.of(QUEUED, PROCESSING, PAUSED);
    private static final Set<SyncStatus> FINAL = EnumSet.of(DONE, PARTIAL, FAILED, CANCELLED);

    public String id() {
        return name().toLowerCase();
    }

    public static SyncStatus fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sync status '" + id + "'"));
    }

    /** Counts against the organisation's limit of active syncs. */
    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    public boolean canPause() {
        return this == QUEUED || this == PROCESSING;
    }

    public boolean canResume() {
        return this == PAUSED;
    }

    public boolean canCancel() {
        return !isFinal();
    }

    @Override
    public String toString() {
        return id();
    }
}
