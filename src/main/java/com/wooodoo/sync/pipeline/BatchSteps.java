package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.store.ConflictType;
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
import com.wooodoo.sync.store.CreateIntentStore;
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
 * the target's bulk calls, read the written records back, and retry DataMismatches. Recording
 * the outcome is {@link BatchRecorder}'s.
 */
@Component("batchSteps")
public class BatchSteps {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BatchSteps.class);

    public static final String WORK = "batchWork";
    /** Attempts at a record that meets a DataMismatch, the first included (the contract's "attempts < 3"). */
    static final int MISMATCH_ATTEMPTS = 3;
    static final String LINKED_TARGETS = "batchLinkedTargets";

    private final ConnectorRegistry connectors;
    private final MappingCatalog mappings;
    private final LinkStore links;
    private final ExternalCalls calls;
    private final SyncControl control;
    private final BatchRecorder recorder;

    private final long firstRetryDelayMs;
    private final CreateIntentStore intents;

    public BatchSteps(ConnectorRegistry connectors, MappingCatalog mappings, LinkStore links, ExternalCalls calls,
                      SyncControl control, BatchRecorder recorder, CreateIntentStore intents,
                      @org.springframework.beans.factory.annotation.Value("${wooodoo.pipeline.first-retry-delay-ms:1000}")
                      long firstRetryDelayMs) {
        this.firstRetryDelayMs = firstRetryDelayMs;
        this.intents = intents;
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
        SyncJob job = exchange.getProperty(SyncRunner.JOB, SyncJob.class);
        job.pageInProgress(page);
        int size = job.config().batchSize();
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
        java.util.Optional<LookAhead> ahead = work.batchIndex() < 0 ? java.util.Optional.empty()
                : job.takeLookAhead(work.entity(), job.checkpoint().page(), work.batchIndex());

        // taken before the links are read: once it has committed, they are in the database instead
        List<BatchWork.Applied> recording = appliedInFlight(work);
        Map<String, LinkStore.Link> found = links.find(job.orgId(), work.entity().id(), job.source().id(), sourceIds);
        Map<String, RecordLink> linkBySource = new HashMap<>();
        found.forEach((id, l) -> linkBySource.put(id, new RecordLink(l.sourceId(), l.targetId(), l.appliedHash(),
                l.targetSeenHash())));
        java.util.Set<String> inBatch = new java.util.HashSet<>(sourceIds);
        recording.stream().filter(a -> inBatch.contains(a.source().id())).forEach(a -> linkBySource.put(a.source().id(),
                new RecordLink(a.source().id(), a.targetId(), a.contentHash(), a.targetSeenHash())));

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
            List<SyncRecord> matches = ahead.filter(a -> a.covers(keys)).map(LookAhead::matches)
                    .orElseGet(() -> calls.call(job, job.target(), "find " + work.entity() + " by " + mapping.naturalKey(),
                            () -> target.findByNaturalKeys(work.entity(), keys)));
            for (SyncRecord match : matches) {
                Object key = match.fields().get(mapping.naturalKey());
                if (key != null) {
                    byKey.computeIfAbsent(BatchPlanner.normalizeKey(key.toString()), k -> new ArrayList<>()).add(match);
                }
            }
        }
        findCreatesLeftUnrecorded(work, target, linkBySource, linkedTargets, byKey);
        List<String> required = mapping.fields().stream().filter(f -> f.required()).map(f -> f.name()).toList();
        Map<String, String> takenBy = links.sourcesOfTargets(job.orgId(), work.entity().id(), job.source().id(),
                byKey.values().stream().flatMap(List::stream).map(SyncRecord::id).toList());
        recording.forEach(a -> takenBy.put(a.targetId(), a.source().id()));
        work.planned(BatchPlanner.plan(work.records(), mapping.naturalKey(), required,
                MappedFieldComparison.of(mapping, job.source(), job.target()), job.target().id(), linkBySource,
                linkedTargets, byKey, takenBy));
    }

    /**
     * The records the batch before this one applied, while its record has not committed: their
     * links are not in the database yet (see {@link RecordingLane}).
     */
    private static List<BatchWork.Applied> appliedInFlight(BatchWork work) {
        BatchWork before = work.job().recording().inFlight();
        if (before == null || before.entity() != work.entity() || work.job().config().dryRun()) {
            return List.of();
        }
        return before.applied().stream().filter(a -> a.targetId() != null).toList();
    }

    /**
     * For a target that cannot find our creates by natural key: a record whose create was announced
     * but never recorded (its answer timed out, or the service died) may exist in the target
     * already; it is looked for by the reference the create carried and, when found, planned as an
     * update of it (found under the record's natural key), never created again.
     */
    private void findCreatesLeftUnrecorded(BatchWork work, SystemConnector target, Map<String, RecordLink> linkBySource,
                                           Map<String, SyncRecord> linkedTargets, Map<String, List<SyncRecord>> byKey) {
        SyncJob job = work.job();
        if (target.findsCreatedByNaturalKey(work.entity())) {
            return;
        }
        work.announcesCreates();
        String naturalKey = mappings.of(work.entity()).naturalKey();
        Map<String, SyncRecord> unmatched = new HashMap<>();
        for (SyncRecord record : work.records()) {
            Object key = record.fields().get(naturalKey);
            boolean linked = linkedTargets.containsKey(targetIdOf(linkBySource, record));
            if (!linked && key != null && !byKey.containsKey(BatchPlanner.normalizeKey(key.toString()))) {
                unmatched.put(record.id(), record);
            }
        }
        Map<String, java.time.Instant> announced = intents.find(job.orgId(), work.entity().id(), job.source().id(),
                job.target().id(), unmatched.keySet());
        if (announced.isEmpty()) {
            return;
        }
        java.time.Instant since = java.util.Collections.min(announced.values());
        Map<String, SyncRecord> created = calls.call(job, job.target(), "find " + work.entity() + " created before",
                () -> target.findCreatedFrom(work.entity(), job.source(), announced.keySet(), since));
        created.forEach((sourceId, record) -> byKey.put(
                BatchPlanner.normalizeKey(unmatched.get(sourceId).fields().get(naturalKey).toString()),
                new ArrayList<>(List.of(record))));
        if (!created.isEmpty()) {
            LOG.info("{}: {} {} created by an earlier attempt whose answer never came are updated, not created again",
                    job, created.size(), work.entity());
        }
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
        verify(work);
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
                case UNCHANGED -> work.countUnchanged(plan.source().id());
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
            if (!target.findsCreatedByNaturalKey(work.entity())) {
                intents.announce(job.orgId(), work.entity().id(), job.source().id(), job.target().id(),
                        records.stream().map(SyncRecord::id).toList(), job.syncId());
            }
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
     * Reads the records just written back from the target (one call): a record missing, or holding
     * other values than were written, is a DataMismatch; the others are in step, and the content
     * read back is what a later sync compares the target with to see whether someone changed it.
     */
    public void verify(Exchange exchange) {
        verify(exchange.getProperty(WORK, BatchWork.class));
    }

    private void verify(BatchWork work) {
        SyncJob job = work.job();
        if (job.config().dryRun() || work.applied().isEmpty()) {
            return;
        }
        SystemConnector target = connectors.connector(job.orgId(), job.target());
        List<String> ids = work.applied().stream().map(BatchWork.Applied::targetId).distinct().toList();
        Map<String, SyncRecord> readBack = new HashMap<>();
        java.util.Optional<SyncJob.NextBatch> next = target.readsByIdsOrNaturalKeysAtOnce(work.entity())
                ? nextBatch(work) : java.util.Optional.empty();
        List<String> nextKeys = next.map(n -> naturalKeys(n.records(), mappings.of(work.entity()).naturalKey()))
                .orElse(List.of());
        try {
            if (nextKeys.isEmpty()) {
                calls.call(job, job.target(), "read back " + ids.size() + " " + work.entity(),
                        () -> target.readByIds(work.entity(), ids)).forEach(r -> readBack.put(r.id(), r));
            } else {
                List<SyncRecord> answer = calls.call(job, job.target(), "read back " + ids.size() + " " + work.entity()
                                + " and find the next batch's by " + mappings.of(work.entity()).naturalKey(),
                        () -> target.readByIdsOrNaturalKeys(work.entity(), ids, nextKeys));
                java.util.Set<String> written = new java.util.HashSet<>(ids);
                answer.stream().filter(r -> written.contains(r.id())).forEach(r -> readBack.put(r.id(), r));
                job.lookAhead(lookAhead(work, next.orElseThrow(), nextKeys, answer));
            }
        } catch (RuntimeException e) {
            if (!RetryPolicy.isOpenCircuit(e) && !isTransient(e)) {
                throw e;
            }
            // the writes are done: trying the whole batch again for a failed read-back would only
            // write it again; the records stay unverified (a later sync will not see their target
            // as changed by someone else)
            LOG.warn("{}: {} written {} not read back ({}); recorded unverified", job, ids.size(), work.entity(),
                    e.getMessage());
            return;
        }
        MappedFieldComparison comparison = MappedFieldComparison.of(mappings.of(work.entity()), job.source(), job.target());
        List<BatchWork.Applied> verified = new ArrayList<>();
        for (BatchWork.Applied applied : work.applied()) {
            SyncRecord found = readBack.get(applied.targetId());
            List<String> differing = found == null ? List.of() : comparison.differences(applied.source(), found);
            if (found == null) {
                work.failed().add(new BatchWork.Failed(applied.source(), null, ConflictType.DataMismatch, "the "
                        + applied.operation() + " of " + job.target() + " record " + applied.targetId()
                        + " was answered as done, but the record is not there when read back"));
            } else if (!differing.isEmpty()) {
                work.failed().add(new BatchWork.Failed(applied.source(), found, ConflictType.DataMismatch,
                        "the " + applied.operation() + " was not read back as written: " + String.join(", ", differing)
                                + " differ"));
            } else {
                verified.add(applied.readBack(ContentHash.of(found.fields())));
            }
        }
        work.applied().clear();
        work.applied().addAll(verified);
    }

    /**
     * The batch after this one (the next of its page, or the first of the next page once read
     * ahead), when this is a batch of a sync's page.
     */
    private java.util.Optional<SyncJob.NextBatch> nextBatch(BatchWork work) {
        return work.batchIndex() < 0 ? java.util.Optional.empty() : work.job().batchAfter(work.batchIndex());
    }

    private static List<String> naturalKeys(List<SyncRecord> records, String naturalKey) {
        return records.stream().map(r -> r.fields().get(naturalKey))
                .filter(k -> k != null && !k.toString().isBlank()).map(Object::toString).distinct().toList();
    }

    private LookAhead lookAhead(BatchWork work, SyncJob.NextBatch next, List<String> keys, List<SyncRecord> answer) {
        String naturalKey = mappings.of(work.entity()).naturalKey();
        java.util.Set<String> normalized = keys.stream().map(BatchPlanner::normalizeKey)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        List<SyncRecord> matches = answer.stream().filter(r -> {
            Object key = r.fields().get(naturalKey);
            return key != null && normalized.contains(BatchPlanner.normalizeKey(key.toString()));
        }).toList();
        return new LookAhead(work.entity(), next.page(), next.index(), normalized, matches);
    }

    /**
     * Handles the batch's DataMismatches as the contract says: the record is read again from the
     * source, planned against the target as it is now and written, up to
     * {@value #MISMATCH_ATTEMPTS} attempts in all; one still mismatched then is a RetryExhausted
     * conflict for a person.
     */
    public void retryMismatches(Exchange exchange) {
        retryMismatches(exchange.getProperty(WORK, BatchWork.class));
    }

    private void retryMismatches(BatchWork work) {
        SyncJob job = work.job();
        if (hasMismatches(work)) {
            job.forgetLookAhead(); // what is written again now was not there when the next batch was looked up
        }
        Map<String, BatchWork.Failed> firstSeen = new HashMap<>();
        for (int attempt = 2; attempt <= MISMATCH_ATTEMPTS && hasMismatches(work); attempt++) {
            List<BatchWork.Failed> mismatched = work.failed().stream().filter(BatchSteps::isMismatch).toList();
            work.failed().removeAll(mismatched);
            mismatched.forEach(f -> firstSeen.putIfAbsent(f.source().id(), f));
            settle(firstRetryDelayMs << (attempt - 2));

            SystemConnector source = connectors.connector(job.orgId(), job.source());
            List<String> ids = mismatched.stream().map(f -> f.source().id()).toList();
            Map<String, SyncRecord> reread = new HashMap<>();
            calls.call(job, job.source(), "read again " + ids.size() + " " + work.entity(),
                    () -> source.readByIds(work.entity(), ids)).forEach(r -> reread.put(r.id(), r));
            int tried = attempt;
            mismatched.stream().filter(f -> !reread.containsKey(f.source().id())).forEach(f -> work.failed().add(
                    new BatchWork.Failed(f.source(), f.target(), ConflictType.DataMismatch,
                            f.reason() + "; the source record is no longer there either", tried)));

            BatchWork again = new BatchWork(job, work.entity(), work.batchIndex(), List.copyOf(reread.values()));
            plan(again);
            write(again);
            verify(again);
            work.applied().addAll(again.applied());
            again.unchangedIds().forEach(work::countUnchanged);
            again.failed().forEach(f -> work.failed().add(new BatchWork.Failed(f.source(), f.target(), f.type(),
                    f.reason(), tried)));
            java.util.Set<String> stillMismatched = again.failed().stream().filter(BatchSteps::isMismatch)
                    .map(f -> f.source().id()).collect(Collectors.toSet());
            for (SyncRecord record : reread.values()) {
                if (!stillMismatched.contains(record.id())) {
                    boolean settled = again.failed().stream().noneMatch(f -> f.source().id().equals(record.id()));
                    work.mismatchesRetried().add(new BatchWork.MismatchRetried(firstSeen.remove(record.id()), tried, settled));
                }
            }
        }
        List<BatchWork.Failed> exhausted = work.failed().stream().filter(BatchSteps::isMismatch).toList();
        work.failed().removeAll(exhausted);
        for (BatchWork.Failed f : exhausted) {
            BatchWork.Failed first = firstSeen.getOrDefault(f.source().id(), f);
            work.mismatchesRetried().add(new BatchWork.MismatchRetried(first, f.attempts(), false));
            work.failed().add(new BatchWork.Failed(f.source(), f.target(), ConflictType.RetryExhausted,
                    "DataMismatch after " + f.attempts() + " attempts: " + f.reason(), f.attempts()));
        }
    }

    private static boolean isTransient(RuntimeException e) {
        ConnectorException failure = RetryPolicy.connectorFailure(e);
        return failure != null && failure.isTransient();
    }

    private static boolean hasMismatches(BatchWork work) {
        return work.failed().stream().anyMatch(BatchSteps::isMismatch);
    }

    private static boolean isMismatch(BatchWork.Failed failed) {
        return failed.type() == ConflictType.DataMismatch && failed.source() != null;
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
        verify(referenced);
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
