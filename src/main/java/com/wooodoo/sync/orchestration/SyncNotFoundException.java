package com.wooodoo.sync.orchestration;

import java.util.UUID;

/** No sync with this id in the caller's organisation (a sync of another organisation looks the same). */
public class SyncNotFoundException extends RuntimeException {
    public SyncNotFoundException(UUID syncId) {
        super("sync " + syncId + " not found");
    }
}
