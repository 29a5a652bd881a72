package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.WrittenRecord;
import com.wooodoo.sync.store.ConflictType;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Step "settle" of a batch, after the read-back: what the records read back as written become in
 * the target (an Odoo order confirmed or cancelled as its shop status says). A record the
 * read-back found not as written is never settled: a wrong order stays a quotation. One the
 * target refuses to settle is a conflict of its own (written, not linked: the next sync finds it
 * by its natural key and tries again).
 */
@Component("targetStates")
public class TargetStates {

    private final ConnectorRegistry connectors;

    public TargetStates(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    public void settle(Exchange exchange) {
        settle(BatchWork.of(exchange));
    }

    void settle(BatchWork work) {
        SyncJob job = work.job();
        if (job.config().dryRun() || work.applied().isEmpty()) {
            return;
        }
        List<BatchWork.Applied> applied = List.copyOf(work.applied());
        List<WriteOutcome> outcomes = connectors.connector(job.orgId(), job.target()).settle(work.entity(), applied.stream()
                .map(a -> new WrittenRecord(a.source(), a.targetId(), a.operation().equals("create"))).toList());
        List<BatchWork.Applied> settled = new ArrayList<>();
        for (int i = 0; i < applied.size(); i++) {
            WriteOutcome outcome = i < outcomes.size() ? outcomes.get(i) : null;
            if (outcome == null || outcome.succeeded()) {
                settled.add(applied.get(i));
                continue;
            }
            ConnectorException failure = outcome.failure().orElseThrow();
            if (failure.kind() == FailureKind.AUTHENTICATION || failure.isTransient()) {
                throw failure; // the batch is tried again: written records are found by their keys, nothing doubles
            }
            work.failed().add(new BatchWork.Failed(applied.get(i).source(), null, ConflictType.forFailure(failure.kind()),
                    failure.getMessage()));
        }
        work.applied().clear();
        work.applied().addAll(settled);
    }
}
