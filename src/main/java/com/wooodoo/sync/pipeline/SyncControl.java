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
     * False once paused, cancelled, failed, taken over, or stopped to go back to the queue. A batch
     * recorded within the last {@link #FRESH_NANOS} found the sync still processing: that answer is taken (a sync at full
     * speed records a batch every few milliseconds); otherwise the state is read, once. The lease
     * is renewed by the route {@code renewSyncLeases}, not here: a check per batch that wrote would
     * cost a commit per batch.
     */
    public boolean mayContinue(SyncJob job) {
        if (job.failure() != null || job.isStopped() || job.requeueRequested() != null) {
            return false;
        }
        return job.processingConfirmedWithin(FRESH_NANOS) || claims.holdsProcessing(job.syncId(), job.runner());
    }

    /**
     * Waits {@code ms} while the sync may go on, looking at its state every {@value #WAIT_SLICE_MS}
     * ms, so that a pause or a cancel is taken at once rather than after the wait; false when the
     * sync may not go on (or the thread was interrupted).
     */
    public boolean waitWhileRunning(SyncJob job, long ms) {
        // bounded, so that a wait of centuries (however asked) cannot overflow in nanoseconds
        long end = System.nanoTime() + Math.min(ms, LONGEST_WAIT_MS) * 1_000_000L;
        while (mayContinue(job)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(WAIT_SLICE_MS, Math.max(1, left / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static final long WAIT_SLICE_MS = 100;

    /** No wait is longer than a year ({@code Retry-After} is bounded so when it is read, see {@code RetryAfterHeader}). */
    private static final long LONGEST_WAIT_MS = 365L * 24 * 3_600_000;

    /** How old the state seen by the latest recorded batch may be to stand for a check (a pause is seen this late at most). */
    static final long FRESH_NANOS = 250_000_000L;

    public Duration lease() {
        return lease;
    }
}
