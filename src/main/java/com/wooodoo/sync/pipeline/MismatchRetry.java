package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.store.ConflictType;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DataMismatch loop of a batch, as the contract says: a record the read-back found not as
 * written is read again from the source, planned against the target as it is now and written
 * again (route {@code applyRecords}), up to {@value #ATTEMPTS} attempts in all, after 1, 2 s (the
 * first retry delay, doubled); one still mismatched then is a RetryExhausted conflict for a
 * person. Each retried mismatch is kept as a DataMismatch resolved {@code retry} by the pipeline.
 */
@Component("mismatchRetry")
public class MismatchRetry {

    /** Attempts at a record that meets a DataMismatch, the first included (the contract's "attempts < 3"). */
    public static final int ATTEMPTS = 3;
    static final String STATE = "mismatchRetry";

    /** The loop's state on the exchange: the batch, the attempt, each mismatch as first seen. */
    static final class State {
        private final BatchWork batch;
        private int attempt = 1;
        private final Map<String, BatchWork.Failed> firstSeen = new HashMap<>();
        private List<SyncRecord> reread = List.of();

        State(BatchWork batch) {
            this.batch = batch;
        }
    }

    private final ConnectorRegistry connectors;
    private final PipelineProperties properties;
    private final SyncControl control;

    public MismatchRetry(ConnectorRegistry connectors, PipelineProperties properties, SyncControl control) {
        this.control = control;
        this.connectors = connectors;
        this.properties = properties;
    }

    /** Before the loop: what the next batch's look-up saw is stale once records are written again. */
    public void prepare(Exchange exchange) {
        BatchWork batch = BatchWork.batchOf(exchange);
        if (hasMismatches(batch)) {
            batch.job().forgetLookAhead();
        }
        exchange.setProperty(STATE, new State(batch));
    }

    /** The loop's condition: mismatches are left and attempts too. */
    public boolean anotherAttempt(Exchange exchange) {
        State state = exchange.getProperty(STATE, State.class);
        return state.attempt < ATTEMPTS && hasMismatches(state.batch);
    }

    /** One more attempt: the mismatched records, read again from the source, are the records the next steps work on. */
    public void beginAttempt(Exchange exchange) {
        State state = exchange.getProperty(STATE, State.class);
        BatchWork batch = state.batch;
        SyncJob job = batch.job();
        state.attempt++;
        List<BatchWork.Failed> mismatched = batch.failed().stream().filter(MismatchRetry::isMismatch).toList();
        batch.failed().removeAll(mismatched);
        mismatched.forEach(f -> state.firstSeen.putIfAbsent(f.source().id(), f));
        if (!control.waitWhileRunning(job, properties.getFirstRetryDelayMs() << (state.attempt - 2))) {
            // paused or cancelled while the target settles: the batch is done again from the checkpoint
            batch.abandon();
            throw new BatchStart.Abandoned("batch " + batch.batchIndex() + " of " + batch.entity().id()
                    + " abandoned: the sync stopped while its mismatched records waited to be written again");
        }

        List<String> ids = mismatched.stream().map(f -> f.source().id()).toList();
        Map<String, SyncRecord> reread = new HashMap<>();
        connectors.connector(job.orgId(), job.source()).readByIds(batch.entity(), ids).forEach(r -> reread.put(r.id(), r));
        int tried = state.attempt;
        mismatched.stream().filter(f -> !reread.containsKey(f.source().id())).forEach(f -> batch.failed().add(
                new BatchWork.Failed(f.source(), f.target(), ConflictType.DataMismatch,
                        f.reason() + "; the source record is no longer there either", tried)));
        state.reread = List.copyOf(reread.values());
        exchange.setProperty(BatchWork.PROPERTY, new BatchWork(job, batch.entity(), batch.batchIndex(), state.reread));
    }

    /** What the attempt did goes into the batch, which is again the records the steps work on. */
    public void endAttempt(Exchange exchange) {
        State state = exchange.getProperty(STATE, State.class);
        BatchWork batch = state.batch;
        BatchWork again = BatchWork.of(exchange);
        int tried = state.attempt;
        batch.applied().addAll(again.applied());
        again.unchangedIds().forEach(batch::countUnchanged);
        again.failed().forEach(f -> batch.failed().add(new BatchWork.Failed(f.source(), f.target(), f.type(), f.reason(), tried)));
        Set<String> stillMismatched = again.failed().stream().filter(MismatchRetry::isMismatch)
                .map(f -> f.source().id()).collect(Collectors.toSet());
        for (SyncRecord record : state.reread) {
            if (!stillMismatched.contains(record.id())) {
                boolean settled = again.failed().stream().noneMatch(f -> f.source().id().equals(record.id()));
                batch.mismatchesRetried().add(new BatchWork.MismatchRetried(state.firstSeen.remove(record.id()), tried, settled));
            }
        }
        exchange.setProperty(BatchWork.PROPERTY, batch);
    }

    /** After the loop: a record still mismatched is handed over as RetryExhausted. */
    public void handOver(Exchange exchange) {
        State state = exchange.removeProperty(STATE) instanceof State s ? s : null;
        if (state == null) {
            return;
        }
        BatchWork batch = state.batch;
        List<BatchWork.Failed> exhausted = batch.failed().stream().filter(MismatchRetry::isMismatch).toList();
        batch.failed().removeAll(exhausted);
        for (BatchWork.Failed f : exhausted) {
            BatchWork.Failed first = state.firstSeen.getOrDefault(f.source().id(), f);
            batch.mismatchesRetried().add(new BatchWork.MismatchRetried(first, f.attempts(), false));
            batch.failed().add(new BatchWork.Failed(f.source(), f.target(), ConflictType.RetryExhausted,
                    "DataMismatch after " + f.attempts() + " attempts: " + f.reason(), f.attempts()));
        }
    }

    private static boolean hasMismatches(BatchWork work) {
        return work.failed().stream().anyMatch(MismatchRetry::isMismatch);
    }

    private static boolean isMismatch(BatchWork.Failed failed) {
        return failed.type() == ConflictType.DataMismatch && failed.source() != null;
    }
}
