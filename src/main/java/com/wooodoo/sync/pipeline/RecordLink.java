package com.wooodoo.sync.pipeline;

/**
 * The target record a source record was synced to, and the content hash last applied.
 *
 * @param appliedHash hash of the source content last written to the target in this direction (null: never)
 */
public record RecordLink(String sourceId, String targetId, String appliedHash) {
}
