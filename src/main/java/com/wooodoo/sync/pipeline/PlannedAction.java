package com.wooodoo.sync.pipeline;

/** What the pipeline does with one source record of a batch. */
public enum PlannedAction {
    /** No target record yet: create one. */
    CREATE,
    /** The target record exists and the source changed: write over it. */
    UPDATE,
    /** Same content as last applied: nothing to write. */
    UNCHANGED,
    /**
     * Not to be synced and not synced before: a shop order in a status that is not imported
     * (read only so that an order cancelled after its import is cancelled in Odoo too).
     */
    LEFT_OUT,
    /** Cannot be written as it is: recorded as a conflict for detection and handling. */
    CONFLICT
}
