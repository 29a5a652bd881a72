package com.wooodoo.sync.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Records a sync's batches one after the other on a thread of their own, so that the database
 * transaction of batch N runs while the runner plans and writes batch N+1. Steps run in the order
 * they were handed over, so batches commit in their order and the stored checkpoint only moves
 * forward; at most one batch is in flight: handing the next one over waits for it.
 *
 * <p>A crash while a batch is in flight loses at most that batch's record and the writes of the
 * batch after it; both are planned again after the restart and their records found in the target
 * (by natural key, or by the announced creates), never written twice. Until the batch in flight
 * has committed, the next batch's plan sees its links through {@link #inFlight()}.
 *
 * <p>When a step fails, the sync cannot go on from there (its counters and checkpoint would skip
 * the batch): the job is failed with the reason and later steps are dropped; the runner stops at
 * its next check.
 */
final class RecordingLane {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingLane.class);

    private final SyncJob job;
    private final Executor executor;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    private volatile BatchWork inFlight;
    private volatile boolean failed;

    private RecordingLane(SyncJob job, Executor executor) {
        this.job = job;
        this.executor = executor;
    }

    /** A lane that records on the executor's threads, overlapping the next batch. */
    static RecordingLane on(SyncJob job, Executor executor) {
        return new RecordingLane(job, executor);
    }

    /** A lane that records on the caller's thread before it returns (a conflict's resolution). */
    static RecordingLane inline(SyncJob job) {
        return new RecordingLane(job, Runnable::run);
    }

    /** Records a batch once the step before it has committed; the caller goes on meanwhile. */
    void submit(BatchWork work, Runnable recording) {
        drain(); // one batch in flight at most
        enqueue(work, recording, "batch " + work.batchIndex() + " of " + work.entity());
    }

    /**
     * Runs a step of the sync's progress (the checkpoint moved at a page's end) after the steps
     * handed over before it, without waiting for them.
     */
    void submit(String what, Runnable step) {
        enqueue(null, step, what);
    }

    private void enqueue(BatchWork work, Runnable step, String what) {
        if (work != null) {
            inFlight = work;
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        last = last.thenRunAsync(() -> {
            Map<String, String> callers = MDC.getCopyOfContextMap();
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                if (failed) {
                    LOG.warn("{}: {} is not recorded: an earlier step of the sync could not be recorded", job, what);
                    return;
                }
                step.run();
            } catch (RuntimeException | Error e) {
                failed = true;
                LOG.error("{}: {} could not be recorded: {}", job, what, e.getMessage(), e);
                job.fail("recording " + what + " failed: " + e.getMessage());
            } finally {
                if (work != null) {
                    inFlight = null;
                }
                if (callers == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(callers);
                }
            }
        }, executor);
    }

    /** Waits until every step handed over has committed (or failed, which fails the job). */
    void drain() {
        boolean interrupted = false;
        while (true) {
            try {
                last.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the step in flight is a short transaction: let it end first
            } catch (java.util.concurrent.ExecutionException e) {
                break; // handled by the step itself
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The batch whose record has not committed yet, or null. */
    BatchWork inFlight() {
        return inFlight;
    }
}
