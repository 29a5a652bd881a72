package com.wooodoo.sync.store;

/** The database refused a sync because its organisation already has the most active syncs allowed. */
public class ActiveSyncLimitException extends RuntimeException {
    public ActiveSyncLimitException(String message, Throwable cause) {
        super(message, cause);
    }
}
