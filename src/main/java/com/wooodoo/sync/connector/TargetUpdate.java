package com.wooodoo.sync.connector;

/** A record to write over an existing target record. */
public record TargetUpdate(String targetId, SyncRecord record) {
}
