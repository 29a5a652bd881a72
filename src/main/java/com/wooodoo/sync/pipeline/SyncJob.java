package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.orchestration.SyncConfig;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run of a sync by this instance: what to copy, how, and where it stands. The position is the
 * checkpoint: entity type, page of the source read, and batch within that page.
 */
public final class SyncJob {

    private final UUID syncId;
    private final String orgId;
    private final ExternalSystem source;
    private final ExternalSystem target;
    private final List<EntityType> entityTypes;
    private final SyncConfig config;
    private final String runner;
    private final Instant runStartedAt;
    private volatile Checkpoint checkpoint;
    private volatile String failure;

    public SyncJob(UUID syncId, String orgId, ExternalSystem source, ExternalSystem target, List<EntityType> entityTypes,
                   SyncConfig config, String runner, Checkpoint checkpoint, Instant runStartedAt) {
        this.syncId = syncId;
        this.orgId = orgId;
        this.source = source;
        this.target = target;
        this.entityTypes = List.copyOf(entityTypes);
        this.config = config;
        this.runner = runner;
        this.checkpoint = checkpoint;
        this.runStartedAt = runStartedAt;
    }

    public UUID syncId() {
        return syncId;
    }

    public String orgId() {
        return orgId;
    }

    public ExternalSystem source() {
        return source;
    }

    public ExternalSystem target() {
        return target;
    }

    public List<EntityType> entityTypes() {
        return entityTypes;
    }

    public SyncConfig config() {
        return config;
    }

    public String runner() {
        return runner;
    }

    public Instant runStartedAt() {
        return runStartedAt;
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    public void moveTo(Checkpoint next) {
        this.checkpoint = next;
    }

    public EntityType currentEntity() {
        return entityTypes.get(checkpoint.entityIndex());
    }

    /** Why the sync cannot go on (an authentication failure), or null. */
    public String failure() {
        return failure;
    }

    public void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    @Override
    public String toString() {
        return "sync " + syncId + " of " + orgId + " (" + source + " → " + target + ")";
    }
}
