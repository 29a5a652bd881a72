package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.store.SyncClaimStore;
import com.wooodoo.sync.store.SyncProgressStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Whether a running sync may go on: still processing, still held by this runner, not failed. */
@Component
public class SyncControl {

    private final SyncProgressStore progress;
    private final SyncClaimStore claims;
    private final Duration lease;

    public SyncControl(SyncProgressStore progress, SyncClaimStore claims,
                       @Value("${wooodoo.pipeline.lease-ms:60000}") long leaseMs) {
        this.progress = progress;
        this.claims = claims;
        this.lease = Duration.ofMillis(leaseMs);
    }

    /** Checks the state and renews the lease: false once paused, cancelled, failed or taken over. */
    public boolean mayContinue(SyncJob job) {
        return job.failure() == null
                && "processing".equals(progress.status(job.syncId()))
                && claims.renew(job.syncId(), job.runner(), lease);
    }

    public Duration lease() {
        return lease;
    }
}
