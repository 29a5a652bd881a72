package com.wooodoo.sync.conflict;

import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.pipeline.BatchRecorder;
import com.wooodoo.sync.pipeline.BatchWork;
import com.wooodoo.sync.pipeline.SyncJob;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The dead-letter route's work: a batch that still failed after its retries is classified and
 * recorded as conflicts. An authentication failure stops the sync with one conflict (not one per
 * record); transient failures that outlasted the retries are {@code RetryExhausted}, one per record.
 */
@Component("conflictDetection")
public class ConflictDetection {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictDetection.class);

    private final BatchRecorder recorder;

    public ConflictDetection(BatchRecorder recorder) {
        this.recorder = recorder;
    }

    @SuppressWarnings("unchecked")
    public void batchFailed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SyncJob job = exchange.getProperty(SyncJob.PROPERTY, SyncJob.class);
        BatchWork work = exchange.getProperty(BatchWork.BATCH, BatchWork.class);
        if (job == null || work == null) {
            LOG.error("A batch failed outside of a sync run", failure);
            return;
        }
        if (work.abandoned()) {
            // the sync stopped (paused, cancelled, back to the queue) before the batch was done:
            // nothing is recorded, the batch is done again from the checkpoint
            LOG.info("{}: batch {} of {} abandoned, not recorded: {}", job, work.batchIndex(), work.entity(),
                    failure == null ? "the sync stopped" : failure.getMessage());
            return;
        }
        ConflictType type = classify(failure);
        String reason = failure == null ? "unknown failure" : failure.getMessage();
        LOG.warn("{}: batch {} of {} failed ({}): {}", job, work.batchIndex(), work.entity(), type, reason);
        if (type == ConflictType.AuthError) {
            job.fail("authentication failed: " + reason);
            // every batch in flight meets the refused credentials: each is recorded with what it
            // wrote, and the sync has one AuthError, of whichever batch met them first
            recorder.recordFailedBatch(work, job.failsFirstForCredentials()
                    ? List.of(new BatchWork.Failed(null, null, type, reason)) : List.of());
            return;
        }
        // records the failed attempt did write are recorded as applied; the others as conflicts
        java.util.Set<String> written = new java.util.HashSet<>();
        work.applied().forEach(a -> written.add(a.source().id()));
        List<SyncRecord> records = work.records().stream().filter(r -> !written.contains(r.id())).toList();
        recorder.recordFailedBatch(work, records.stream()
                .map(r -> new BatchWork.Failed(r, null, type, reason)).toList());
    }

    static ConflictType classify(Throwable failure) {
        // an open circuit that outlasted the retries is a transient failure too
        return ConnectorException.causeIn(failure).map(c -> ConflictType.forFailure(c.kind()))
                .orElse(ConflictType.RetryExhausted);
    }

}
