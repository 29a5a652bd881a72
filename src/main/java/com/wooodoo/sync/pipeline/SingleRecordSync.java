package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.SyncRecord;

/**
 * The pipeline's steps for one record outside a sync's batches, as a conflict's resolution uses
 * them: planned as a batch plans it, or written (referenced records not synced yet brought along
 * and recorded) and read back as a batch writes. Nothing of the record itself is recorded here.
 */
public interface SingleRecordSync {

    /** What a batch would do with the record against the target as it is now. */
    RecordPlan plan(SyncJob job, EntityType entity, SyncRecord record);

    /**
     * Writes the record over {@code target}, or as a new record when that is null, and reads it
     * back; the answer holds it as applied or failed.
     */
    BatchWork write(SyncJob job, EntityType entity, SyncRecord record, SyncRecord target);
}
