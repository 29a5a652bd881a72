package com.wooodoo.sync.api;

import java.util.UUID;

/** Who calls: the organisation of the token, the token, and the user named in {@code x-user-id}. */
public record Caller(String orgId, UUID tokenId, String userId) {

    /** The actor recorded in the audit trail. */
    public String actor() {
        return userId != null ? userId : "token:" + tokenId;
    }
}
