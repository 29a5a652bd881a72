package com.wooodoo.sync.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Records a sync's batches one after the other on a thread of their own, so that the database
 * transaction of a batch runs while the runner plans and writes the next ones. Steps run in the
 * order the batches were handed out ({@link #reserve}), whatever order their writes end in, so
 * batches commit in their order and the stored checkpoint is always the last batch of the unbroken
 * prefix already recorded: it only moves forward, and never past a batch not recorded.
 *
 * <p>A batch that ends without being recorded (abandoned when the sync stopped) leaves a gap: no
 * later step of the run is recorded either, and those batches are planned again from the
 * checkpoint when the sync goes on. A crash loses at most the records of the batches in flight and
 * of those not yet recorded; they too are planned again after the restart and their records found
 * in the target (by natural key, or by the announced creates), never written twice. Until a batch
 * has committed, later batches see its links through {@link #unrecorded()}.
 *
 * <p>When a step fails, the sync cannot go on from there (its counters and checkpoint would skip
 * the batch): the job is failed with the reason and later steps are dropped; the runner stops at
 * its next check.
 */
final class RecordingLane {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingLane.class);

    /** What a batch leaves to be recorded when it ends without a record: a gap. */
    private static final Runnable NOTHING_RECORDED = () -> {
    };

    private final SyncJob job;
    private final Executor executor;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    private final Map<BatchWork, CompletableFuture<Runnable>> reserved = new ConcurrentHashMap<>();
    private final Deque<BatchWork> unrecorded = new ConcurrentLinkedDeque<>();
    private volatile boolean failed;
    private volatile boolean gap;

    private RecordingLane(SyncJob job, Executor executor) {
        this.job = job;
        this.executor = executor;
    }

    /** A lane that records on the executor's threads, overlapping the next batches. */
    static RecordingLane on(SyncJob job, Executor executor) {
        return new RecordingLane(job, executor);
    }

    /** A lane that records on the caller's thread before it returns (a conflict's resolution). */
    static RecordingLane inline(SyncJob job) {
        return new RecordingLane(job, Runnable::run);
    }

    /**
     * Keeps the batch's turn, in the order batches are handed out: its record (handed over by
     * {@link #submit(BatchWork, Runnable)}) runs after those of the batches before it. A batch
     * that ends without handing a record over must say so ({@link #leftUnrecorded}).
     */
    synchronized void reserve(BatchWork work) {
        CompletableFuture<Runnable> turn = new CompletableFuture<>();
        reserved.put(work, turn);
        enqueue(work, turn, "batch " + work.batchIndex() + " of " + work.entity());
    }

    /** Records a batch once the steps before it have; the caller goes on meanwhile. */
    void submit(BatchWork work, Runnable recording) {
        CompletableFuture<Runnable> turn = reserved.remove(work);
        if (turn != null) {
            unrecorded.add(work);
            turn.complete(recording);
            return;
        }
        drain(); // a batch not handed out in turn (a conflict's resolution): one in flight at most
        synchronized (this) {
            unrecorded.add(work);
            enqueue(work, CompletableFuture.completedFuture(recording), "batch " + work.batchIndex() + " of " + work.entity());
        }
    }

    /** The batch ended without a record (abandoned, or it failed unexpectedly): nothing from its turn on is recorded. */
    void leftUnrecorded(BatchWork work) {
        CompletableFuture<Runnable> turn = reserved.remove(work);
        if (turn != null) {
            turn.complete(NOTHING_RECORDED);
        }
    }

    /**
     * Runs a step of the sync's progress (the checkpoint moved at a page's end) after the steps
     * handed over before it, without waiting for them.
     */
    synchronized void submit(String what, Runnable step) {
        enqueue(null, CompletableFuture.completedFuture(step), what);
    }

    private void enqueue(BatchWork work, CompletableFuture<Runnable> turn, String what) {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        last = last.thenCombine(turn, (before, step) -> step).thenAcceptAsync(step -> {
            Map<String, String> callers = MDC.getCopyOfContextMap();
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                if (step == NOTHING_RECORDED) {
                    gap = true;
                    LOG.info("{}: {} is not recorded: it was not done; the sync goes on from there next time", job, what);
                } else if (failed) {
                    LOG.warn("{}: {} is not recorded: an earlier step of the sync could not be recorded", job, what);
                } else if (gap) {
                    LOG.info("{}: {} is not recorded: a batch before it was not done; it is done again next time", job, what);
                } else {
                    step.run();
                }
            } catch (RuntimeException | Error e) {
                failed = true;
                LOG.error("{}: {} could not be recorded: {}", job, what, e.getMessage(), e);
                job.fail("recording " + what + " failed: " + e.getMessage());
            } finally {
                if (work != null) {
                    unrecorded.remove(work);
                    job.inFlight().recorded(work);
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
        CompletableFuture<Void> upTo;
        synchronized (this) {
            upTo = last;
        }
        boolean interrupted = false;
        while (true) {
            try {
                upTo.get();
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

    /** The batches done but not recorded yet, in the order they were handed out. */
    List<BatchWork> unrecorded() {
        return List.copyOf(unrecorded);
    }
}
