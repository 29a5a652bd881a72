package com.wooodoo.sync.orchestration;

/** {@code full} reads every record; {@code incremental} only what changed since the last successful sync. */
public enum SyncMode {
    FULL, INCREMENTAL;

    public String id() {
        return name().toLowerCase();
    }
}
