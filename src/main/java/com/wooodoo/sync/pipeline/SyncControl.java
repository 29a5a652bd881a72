package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.store.SyncClaimStore;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Whether a running sync may go on: still processing, still held by this runner, not failed. */
@Component
public class SyncControl {

    private final SyncClaimStore claims;
    private final Duration lease;

    public SyncControl(SyncClaimStore claims, PipelineProperties properties) {
        this.claims = claims;
        this.lease = Duration.ofMillis(properties.getLeaseMs());
    }

    /**
     * False once paused, cancelled, failed or taken over. A batch recorded within the last
     * {@link #FRESH_NANOS} found the sync still processing: that answer is taken (a sync at full
     * speed records a batch every few milliseconds); otherwise the state is read, once. The lease
     * is renewed by the route {@code renewSyncLeases}, not here: a check per batch that wrote would
     * cost a commit per batch.
     */
    public boolean mayContinue(SyncJob job) {
        if (job.failure() != null) {
            return false;
        }
        return job.processingConfirmedWithin(FRESH_NANOS) || claims.holdsProcessing(job.syncId(), job.runner());
    }

    /** How old the state seen by the latest recorded batch may be to stand for a check (a pause is seen this late at most). */
    static final long FRESH_NANOS = 250_000_000L;

    public Duration lease() {
        return lease;
    }
}
