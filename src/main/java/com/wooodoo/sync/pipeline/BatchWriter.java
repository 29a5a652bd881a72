package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.SystemConnector;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.store.CreateIntentStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Step "write" of a batch: the creates and the updates, each with one bulk call of the target
 * (nothing in a dry run). A target that cannot find our creates by natural key has them announced
 * in the database first, so that a create whose answer never came is looked for before anything
 * is created again (see {@link TargetLookup}). An item the target refuses becomes a conflict of
 * its kind; refused credentials stop the batch. An item left without an answer (a transient
 * failure of a call after other calls of the write were answered) fails the attempt: the batch is
 * tried again by the retry policy, never given up at its first attempt.
 */
@Component("batchWriter")
public class BatchWriter {

    private final ConnectorRegistry connectors;
    private final CreateIntentStore intents;

    public BatchWriter(ConnectorRegistry connectors, CreateIntentStore intents) {
        this.connectors = connectors;
        this.intents = intents;
    }

    public void write(Exchange exchange) {
        write(BatchWork.of(exchange));
    }

    void write(BatchWork work) {
        SyncJob job = work.job();
        List<RecordPlan> creates = new ArrayList<>();
        List<RecordPlan> updates = new ArrayList<>();
        for (RecordPlan plan : work.plans()) {
            switch (plan.action()) {
                case CREATE -> creates.add(plan);
                case UPDATE -> updates.add(plan);
                case UNCHANGED -> work.countUnchanged(plan.source().id());
                case LEFT_OUT -> work.countLeftOut(plan.source().id());
                case CONFLICT -> work.failed().add(new BatchWork.Failed(plan.source(), plan.target(), plan.conflictType(),
                        plan.reason()));
            }
        }
        if (job.config().dryRun()) {
            creates.forEach(p -> work.applied().add(new BatchWork.Applied(p.source(), null, p.contentHash(), "create")));
            updates.forEach(p -> work.applied().add(new BatchWork.Applied(p.source(), p.targetId(), p.contentHash(), "update")));
            return;
        }
        SystemConnector target = connectors.connector(job.orgId(), job.target());
        if (!creates.isEmpty()) {
            List<SyncRecord> records = creates.stream().map(RecordPlan::source).toList();
            if (!target.findsCreatedByNaturalKey(work.entity())) {
                intents.announce(job.orgId(), work.entity().id(), job.source().id(), job.target().id(),
                        records.stream().map(SyncRecord::id).toList(), job.syncId());
            }
            collect(work, creates, target.create(work.entity(), records), "create");
        }
        if (!updates.isEmpty()) {
            List<TargetUpdate> changes = updates.stream().map(p -> new TargetUpdate(p.targetId(), p.source())).toList();
            collect(work, updates, target.update(work.entity(), changes), "update");
        }
    }

    private static void collect(BatchWork work, List<RecordPlan> plans, List<WriteOutcome> outcomes, String operation) {
        Map<Integer, WriteOutcome> byIndex = outcomes.stream().collect(Collectors.toMap(WriteOutcome::index, o -> o, (a, b) -> a));
        ConnectorException unanswered = null;
        for (int i = 0; i < plans.size(); i++) {
            RecordPlan plan = plans.get(i);
            WriteOutcome outcome = byIndex.get(i);
            if (outcome == null) {
                throw new ConnectorException(work.job().target(), FailureKind.PROTOCOL, null, 0,
                        "the bulk " + operation + " answered no outcome for item " + i);
            }
            if (outcome.succeeded()) {
                String targetId = outcome.targetId().orElse(plan.targetId());
                work.applied().add(new BatchWork.Applied(plan.source(), targetId, plan.contentHash(), operation));
                outcome.stored().ifPresent(stored -> work.answeredStored(targetId, stored));
            } else {
                ConnectorException failure = outcome.failure().orElseThrow();
                if (failure.kind() == FailureKind.AUTHENTICATION) {
                    throw failure;
                }
                if (failure.isTransient()) {
                    unanswered = unanswered == null ? failure : unanswered;
                    continue;
                }
                work.failed().add(new BatchWork.Failed(plan.source(), plan.target(), ConflictType.forFailure(failure.kind()),
                        failure.getMessage()));
            }
        }
        if (unanswered != null) {
            // a call of the write failed after others were answered (Odoo writes a record a call): the
            // batch is tried again as a whole, as for any transient failure, and finds what this attempt
            // wrote by its keys; what it did write is kept above, for a batch that runs out of retries
            throw unanswered;
        }
    }
}
