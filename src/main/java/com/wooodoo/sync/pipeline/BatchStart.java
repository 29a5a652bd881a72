package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.store.SyncClaimStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.List;

/**
 * The first steps of a page and of each of its batches: the page cut into batches of the sync's
 * batch size, the batch made from its part of the page (unless it was done before a restart, or
 * the sync was paused, cancelled or failed meanwhile), and each attempt at the batch begun afresh.
 */
@Component("batchStart")
public class BatchStart {

    /** The sync stopped while a batch waited before its next attempt: the batch is abandoned. */
    public static final class Abandoned extends RuntimeException {
        Abandoned(String message) {
            super(message, null, false, false);
        }
    }

    /** The page being cut into batches, on each batch's exchange. */
    private static final String SOURCE_PAGE = "sourcePage";

    private final SyncControl control;
    private final SyncClaimStore claims;

    public BatchStart(SyncControl control, SyncClaimStore claims) {
        this.control = control;
        this.claims = claims;
    }

    /** The page's batches, cut lazily (the split's expression: the batch size is the sync's own). */
    @SuppressWarnings("unchecked")
    public Iterator<List<SyncRecord>> batches(Exchange exchange) {
        List<SyncRecord> page = exchange.getIn().getBody(List.class);
        SyncJob job = SyncJob.of(exchange);
        exchange.setProperty(SOURCE_PAGE, page);
        int size = job.config().batchSize();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < page.size();
            }

            @Override
            public List<SyncRecord> next() {
                List<SyncRecord> batch = page.subList(next, Math.min(page.size(), next + size));
                next += size;
                return batch;
            }
        };
    }

    /** Sets {@link BatchWork#BATCH} from the split part, or leaves it unset when the batch is to be skipped. */
    @SuppressWarnings("unchecked")
    public void begin(Exchange exchange) {
        SyncJob job = SyncJob.of(exchange);
        int index = exchange.getProperty(Exchange.SPLIT_INDEX, 0, Integer.class);
        exchange.removeProperty(BatchWork.BATCH);
        if (index < job.checkpoint().batch() || !control.mayContinue(job)) {
            return; // done before a restart, or the sync was paused, cancelled or failed meanwhile
        }
        List<SyncRecord> records = exchange.getIn().getBody(List.class);
        BatchWork work = new BatchWork(job, job.currentEntity(), index, records);
        work.cutFrom(exchange.getProperty(SOURCE_PAGE, List.class));
        exchange.setProperty(BatchWork.BATCH, work);
    }

    /**
     * An attempt at the batch, the first or one after a failure: it waits as long as the retry
     * policy asked (see {@link BatchWork#backOffBeforeNextAttempt}, {@link BatchWork#settleBeforeReplanning}),
     * looking at the sync's state, forgets what an earlier attempt found and did, and is the
     * records the next steps work on. When the sync stops during the wait (paused, cancelled) the
     * batch is abandoned; what is left of the settle then holds the sync back, so that a quick
     * resume does not plan again a create that may still be running in the target.
     *
     * @throws Abandoned when the sync stopped during the wait
     */
    public void attempt(Exchange exchange) {
        BatchWork batch = BatchWork.batchOf(exchange);
        SyncJob job = batch.job();
        long settleMs = batch.takeSettleMs();
        long waitMs = Math.max(settleMs, batch.takeBackOffMs());
        if (waitMs > 0) {
            long began = System.nanoTime();
            if (!control.waitWhileRunning(job, waitMs)) {
                long settleLeftMs = settleMs - (System.nanoTime() - began) / 1_000_000L;
                if (settleLeftMs > 0) {
                    claims.holdBack(job.syncId(), job.runner(), settleLeftMs, RetryPolicy.settleReason(job, settleLeftMs));
                }
                batch.abandon();
                throw new Abandoned("batch " + batch.batchIndex() + " of " + batch.entity().id()
                        + " abandoned: the sync stopped while it waited to be tried again");
            }
        }
        batch.restart();
        exchange.setProperty(BatchWork.PROPERTY, batch);
    }

    /**
     * The sync's {@code interBatchDelayMs} after a batch, looking at the sync's state as any wait
     * of a batch does: a pause or a cancel ends it at once (the next batch then does not begin).
     */
    public void waitBetweenBatches(Exchange exchange) {
        SyncJob job = SyncJob.of(exchange);
        if (job.config().interBatchDelayMs() > 0) {
            control.waitWhileRunning(job, job.config().interBatchDelayMs());
        }
    }
}
