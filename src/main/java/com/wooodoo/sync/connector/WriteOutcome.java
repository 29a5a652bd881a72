package com.wooodoo.sync.connector;

import java.util.Optional;

/**
 * What became of one record of a bulk write, in the order the records were given.
 *
 * @param index    position of the record in the write call
 * @param targetId the record's id in the target system when it was written
 * @param failure  why it was not written (a batch answered 200 can still fail single items)
 * @param stored   the record as the target answered it stored, when its write answers the whole
 *                 record as a read would (WooCommerce's batch writes): read back without a call
 */
public record WriteOutcome(int index, Optional<String> targetId, Optional<ConnectorException> failure,
                           Optional<SyncRecord> stored) {

    public WriteOutcome(int index, Optional<String> targetId, Optional<ConnectorException> failure) {
        this(index, targetId, failure, Optional.empty());
    }

    public static WriteOutcome written(int index, String targetId) {
        return new WriteOutcome(index, Optional.of(targetId), Optional.empty());
    }

    public static WriteOutcome failed(int index, ConnectorException failure) {
        return new WriteOutcome(index, Optional.empty(), Optional.of(failure));
    }

    /** This outcome of a written record, with the record as the target answered it stored. */
    public WriteOutcome withStored(SyncRecord record) {
        return new WriteOutcome(index, targetId, failure, Optional.of(record));
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }
}
