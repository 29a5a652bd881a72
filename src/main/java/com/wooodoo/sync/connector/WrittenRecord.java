package com.wooodoo.sync.connector;

/**
 * A record just written to the target and read back as written.
 *
 * @param created whether the write created it (else it updated it)
 */
public record WrittenRecord(SyncRecord source, String targetId, boolean created) {
}
