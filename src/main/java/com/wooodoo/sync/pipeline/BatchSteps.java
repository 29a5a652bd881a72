package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.conflict.ConflictType;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.SystemConnector;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.store.LinkStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The steps of one batch, called from {@code routes/sync-pipeline.camel.yaml}: look up the
 * target records (one call by linked ids, one by natural key), plan each record, write with
 * the target's bulk calls. Recording the outcome is {@link BatchRecorder}'s.
 */
@Component("batchSteps")
public class BatchSteps {

    public static final String WORK = "batchWork";
    static final String LINKED_TARGETS = "batchLinkedTargets";

    private final ConnectorRegistry connectors;
    private final MappingCatalog mappings;
    private final LinkStore links;
    private final ExternalCalls calls;
    private final SyncControl control;
    private final BatchRecorder recorder;

    public BatchSteps(ConnectorRegistry connectors, MappingCatalog mappings, LinkStore links, ExternalCalls calls,
                      SyncControl control, BatchRecorder recorder) {
        this.recorder = recorder;
        this.connectors = connectors;
        this.mappings = mappings;
        this.links = links;
        this.calls = calls;
        this.control = control;
    }

    /** Cuts a page of records into batches of the sync's batch size, lazily. */
    @SuppressWarnings("unchecked")
    public java.util.Iterator<List<SyncRecord>> batches(Exchange exchange) {
        List<SyncRecord> page = exchange.getIn().getBody(List.class);
        int size = exchange.getProperty(SyncRunner.JOB, SyncJob.class).config().batchSize();
        return new java.util.Iterator<>() {
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

    /** Makes the batch's work from the split part; false when the batch is to be skipped. */
    @SuppressWarnings("unchecked")
    public boolean begin(Exchange exchange) {
        SyncJob job = exchange.getProperty(SyncRunner.JOB, SyncJob.class);
        int index = exchange.getProperty(Exchange.SPLIT_INDEX, 0, Integer.class);
        if (index < job.checkpoint().batch() || !control.mayContinue(job)) {
            return false; // done before a restart, or the sync was paused, cancelled or failed meanwhile
        }
        List<SyncRecord> records = exchange.getIn().getBody(List.class);
        exchange.setProperty(WORK, new BatchWork(job, job.currentEntity(), index, records));
        return true;
    }

    /** Plans each record against what the target holds now. */
    public void plan(Exchange exchange) {
        plan(exchange.getProperty(WORK, BatchWork.class));
    }

    private void plan(BatchWork work) {
        settle(work.takeSettleMs());
        work.restart();
        SyncJob job = work.job();
        EntityMapping mapping = mappings.of(work.entity());
        SystemConnector target = connectors.connector(job.orgId(), job.target());
        List<String> sourceIds = work.records().stream().map(SyncRecord::id).toList();

        Map<String, LinkStore.Link> found = links.find(job.orgId(), work.entity().id(), job.source().id(), sourceIds);
        Map<String, RecordLink> linkBySource = new HashMap<>();
        found.forEach((id, l) -> linkBySource.put(id, new RecordLink(l.sourceId(), l.targetId(), l.appliedHash())));

        Map<String, SyncRecord> linkedTargets = new HashMap<>();
        if (!linkBySource.isEmpty()) {
            List<String> targetIds = linkBySource.values().stream().map(RecordLink::targetId).toList();
            List<SyncRecord> read = calls.call(job, job.target(), "read linked " + work.entity(),
                    () -> target.readByIds(work.entity(), targetIds));
            read.forEach(r -> linkedTargets.put(r.id(), r));
        }
        List<String> keys = work.records().stream()
                .filter(r -> !linkedTargets.containsKey(targetIdOf(linkBySource, r)))
                .map(r -> r.fields().get(mapping.naturalKey()))
                .filter(k -> k != null && !k.toString().isBlank())
                .map(Object::toString).distinct().toList();
        Map<String, List<SyncRecord>> byKey = new HashMap<>();
        if (!keys.isEmpty()) {
            List<SyncRecord> matches = calls.call(job, job.target(), "find " + work.entity() + " by " + mapping.naturalKey(),
                    () -> target.findByNaturalKeys(work.entity(), keys));
            for (SyncRecord match : matches) {
                Object key = match.fields().get(mapping.naturalKey());
                if (key != null) {
                    byKey.computeIfAbsent(BatchPlanner.normalizeKey(key.toString()), k -> new ArrayList<>()).add(match);
                }
            }
        }
        List<String> required = mapping.fields().stream().filter(f -> f.required()).map(f -> f.name()).toList();
        Map<String, String> takenBy = links.sourcesOfTargets(job.orgId(), work.entity().id(), job.source().id(),
                byKey.values().stream().flatMap(List::stream).map(SyncRecord::id).toList());
        work.planned(BatchPlanner.plan(work.records(), mapping.naturalKey(), required, linkBySource, linkedTargets, byKey,
                takenBy));
    }

    /**
     * Plans one record on its own, outside a sync's batches (a conflict's resolution), as a batch
     * plans it; nothing is written or recorded.
     */
    public RecordPlan planOne(SyncJob job, EntityType entity, SyncRecord record) {
        BatchWork work = new BatchWork(job, entity, -1, List.of(record));
        plan(work);
        return work.plans().get(0);
    }

    /**
     * Writes one record outside a sync's batches: over {@code target}, or as a new record when that
     * is null; referenced records not synced yet are brought along and recorded as in a batch. The
     * answer holds the record as applied or failed; recording that record is the caller's.
     */
    public BatchWork writeOne(SyncJob job, EntityType entity, SyncRecord record, SyncRecord target) {
        BatchWork work = new BatchWork(job, entity, -1, List.of(record));
        String hash = ContentHash.of(record.fields());
        work.planned(List.of(target == null ? RecordPlan.create(record, hash)
                : RecordPlan.update(record, target.id(), hash, target)));
        write(work);
        return work;
    }

    private static void settle(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the target to settle", e);
        }
    }

    /** Writes creates and updates with the target's bulk calls; nothing in a dry run. */
    public void write(Exchange exchange) {
        write(exchange.getProperty(WORK, BatchWork.class));
    }

    private void write(BatchWork work) {
        SyncJob job = work.job();
        SystemConnector target = connectors.connector(job.orgId(), job.target());
        List<RecordPlan> creates = new ArrayList<>();
        List<RecordPlan> updates = new ArrayList<>();
        for (RecordPlan plan : work.plans()) {
            switch (plan.action()) {
                case CREATE -> creates.add(plan);
                case UPDATE -> updates.add(plan);
                case UNCHANGED -> work.countUnchanged();
                case CONFLICT -> work.failed().add(new BatchWork.Failed(plan.source(), plan.target(), plan.conflictType(),
                        plan.reason()));
            }
        }
        List<RecordPlan> writable = resolveReferences(work, creates);
        List<RecordPlan> updatable = resolveReferences(work, updates);
        if (job.config().dryRun()) {
            writable.forEach(p -> work.applied().add(new BatchWork.Applied(p.source(), null, p.contentHash(), "create")));
            updatable.forEach(p -> work.applied().add(new BatchWork.Applied(p.source(), p.targetId(), p.contentHash(), "update")));
            return;
        }
        if (!writable.isEmpty()) {
            List<SyncRecord> records = writable.stream().map(RecordPlan::source).toList();
            List<WriteOutcome> outcomes = calls.call(job, job.target(), "create " + records.size() + " " + work.entity(),
                    () -> target.create(work.entity(), records));
            collect(work, writable, outcomes, "create");
        }
        if (!updatable.isEmpty()) {
            List<TargetUpdate> changes = updatable.stream().map(p -> new TargetUpdate(p.targetId(), p.source())).toList();
            List<WriteOutcome> outcomes = calls.call(job, job.target(), "update " + changes.size() + " " + work.entity(),
                    () -> target.update(work.entity(), changes));
            collect(work, updatable, outcomes, "update");
        }
    }

    private static void collect(BatchWork work, List<RecordPlan> plans, List<WriteOutcome> outcomes, String operation) {
        Map<Integer, WriteOutcome> byIndex = outcomes.stream().collect(Collectors.toMap(WriteOutcome::index, o -> o, (a, b) -> a));
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
            } else {
                ConnectorException failure = outcome.failure().orElseThrow();
                if (failure.kind() == FailureKind.AUTHENTICATION) {
                    throw failure;
                }
                work.failed().add(new BatchWork.Failed(plan.source(), plan.target(), conflictType(failure),
                        failure.getMessage()));
            }
        }
    }

    /**
     * Replaces the ids of referenced records (an order's customer, its lines' products) by the ids
     * they have in the target. A referenced record not synced yet is synced first, in this
     * batch; only when that fails is the record a conflict.
     */
    private List<RecordPlan> resolveReferences(BatchWork work, List<RecordPlan> plans) {
        EntityMapping mapping = mappings.of(work.entity());
        boolean hasReferences = mapping.fields().stream().anyMatch(f -> f.references().isPresent()
                || f.lineFields().stream().anyMatch(l -> l.references().isPresent()));
        if (!hasReferences || plans.isEmpty()) {
            return plans;
        }
        SyncJob job = work.job();
        ReferenceTranslator translator = new ReferenceTranslator(mapping, (entity, ids) -> {
            Map<String, String> known = links.targetIds(job.orgId(), entity.id(), job.source().id(), ids);
            List<String> unknown = ids.stream().filter(id -> !known.containsKey(id)).distinct().toList();
            if (!unknown.isEmpty() && !job.config().dryRun()) {
                syncReferenced(job, entity, unknown);
                known.putAll(links.targetIds(job.orgId(), entity.id(), job.source().id(), unknown));
            }
            return known;
        });
        List<RecordPlan> resolved = new ArrayList<>();
        Map<RecordPlan, String> missing = translator.translate(plans, resolved);
        missing.forEach((plan, reason) -> work.failed().add(new BatchWork.Failed(plan.source(), plan.target(),
                ConflictType.ValidationError, reason)));
        return resolved;
    }

    /** Reads referenced records from the source and writes them to the target, linking them. */
    private void syncReferenced(SyncJob job, EntityType entity, List<String> sourceIds) {
        SystemConnector source = connectors.connector(job.orgId(), job.source());
        List<SyncRecord> records = calls.call(job, job.source(), "read referenced " + entity,
                () -> source.readByIds(entity, sourceIds));
        if (records.isEmpty()) {
            return;
        }
        BatchWork referenced = new BatchWork(job, entity, -1, records);
        plan(referenced);
        write(referenced);
        recorder.recordReferenced(referenced);
    }

    static ConflictType conflictType(ConnectorException failure) {
        return ConflictType.forFailure(failure.kind());
    }

    private static String targetIdOf(Map<String, RecordLink> links, SyncRecord record) {
        RecordLink link = links.get(record.id());
        return link == null ? null : link.targetId();
    }

}
