package com.wooodoo.sync.orchestration;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;

import java.util.List;
import java.util.Optional;

/** A validated request to start a sync of one organisation. */
public record SyncRequest(String orgId, ExternalSystem source, ExternalSystem target,
                          List<EntityType> entityTypes, SyncConfig config,
                          Optional<String> idempotencyKey, String actor) {
}
