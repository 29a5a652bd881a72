package com.wooodoo.sync.connector;

import java.util.Optional;

/**
 * What became of one record of a bulk write, in the order the records were given.
 *
 * @param index    position of the record in the write call
 * @param targetId the record's id in the target system when it was written
 * @param failure  why it was not written (a batch answered 200 can still fail single items)
 */
public record WriteOutcome(int index, Optional<String> targetId, Optional<ConnectorException> failure) {

    public static WriteOutcome written(int index, String targetId) {
        return new WriteOutcome(index, Optional.of(targetId), Optional.empty());
    }

    public static WriteOutcome failed(int index, ConnectorException failure) {
        return new WriteOutcome(index, Optional.empty(), Optional.of(failure));
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }
}
