package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.store.SyncClaimStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Whether a running sync may go on: still processing, still held by this runner, not failed. */
@Component
public class SyncControl {

    private final SyncClaimStore claims;
    private final Duration lease;

    public SyncControl(SyncClaimStore claims,
                       @Value("${wooodoo.pipeline.lease-ms:60000}") long leaseMs) {
        this.claims = claims;
        this.lease = Duration.ofMillis(leaseMs);
    }

    /**
     * Checks the state with one read: false once paused, cancelled, failed or taken over. The lease
     * is renewed by the route {@code renewSyncLeases}, not here: a check per batch that wrote would
     * cost a commit per batch.
     */
    public boolean mayContinue(SyncJob job) {
        return job.failure() == null && claims.holdsProcessing(job.syncId(), job.runner());
    }

    public Duration lease() {
        return lease;
    }
}
