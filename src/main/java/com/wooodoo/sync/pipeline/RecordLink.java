package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.SyncRecord;

/**
 * The target record a source record was synced to, and the content hash last applied.
 *
 * @param appliedHash    hash of the source content last written to the target in this direction (null: never)
 * @param targetSeenHash hash of the target record's content as last seen in step (null: never)
 */
public record RecordLink(String sourceId, String targetId, String appliedHash, String targetSeenHash) {

    /**
     * Whether the target record, as read now, changed in its compared fields since it was last
     * seen in step (a link recorded before {@link MappedFieldComparison#seenHash} holds the hash
     * of all its fields: either matching means unchanged).
     */
    boolean targetChangedSince(SyncRecord targetNow, MappedFieldComparison comparison) {
        return targetSeenHash != null && !targetSeenHash.equals(comparison.seenHash(targetNow))
                && !targetSeenHash.equals(ContentHash.of(targetNow.fields()));
    }
}
