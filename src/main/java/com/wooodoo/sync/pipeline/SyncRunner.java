package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.SystemConnector;
import com.wooodoo.sync.observability.LogContext;
import com.wooodoo.sync.orchestration.ActivityRecorder;
import com.wooodoo.sync.orchestration.SyncConfigJson;
import com.wooodoo.sync.orchestration.SyncLifecycle;
import com.wooodoo.sync.orchestration.SyncMode;
import com.wooodoo.sync.store.ConflictStore;
import com.wooodoo.sync.store.SyncClaimStore;
import com.wooodoo.sync.store.SyncProgressStore;
import com.wooodoo.sync.store.SyncRow;
import com.wooodoo.sync.store.SyncStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims queued syncs (or ones whose runner died) and runs them: for each entity type, page by
 * page from the checkpoint, each page handed to the route {@code syncPage} which splits it into
 * batches. Between pages it checks for pause and cancel and renews its lease.
 */
@Component
public class SyncRunner {

    public static final String JOB = "syncJob";
    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);
    private static final int PAGE_SIZE = 100;

    private final SyncClaimStore claims;
    private final SyncProgressStore progress;
    private final SyncLifecycle lifecycle;
    private final SyncControl control;
    private final ConnectorRegistry connectors;
    private final ExternalCalls calls;
    private final ActivityRecorder activity;
    private final ConflictStore conflicts;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final PageReadAhead readAhead;
    private final ExecutorService workers;
    private final ExecutorService recorders;
    private final int maxWorkers;
    private final AtomicInteger running = new AtomicInteger();
    private final java.util.Set<UUID> runningSyncs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final String runnerId;

    public SyncRunner(SyncClaimStore claims, SyncProgressStore progress, SyncLifecycle lifecycle, SyncControl control,
                      ConnectorRegistry connectors, ExternalCalls calls, ActivityRecorder activity,
                      ProducerTemplate producer, ObjectMapper json, CamelContext camel, ConflictStore conflicts,
                      PageReadAhead readAhead, @Value("${wooodoo.pipeline.workers:4}") int maxWorkers) {
        this.readAhead = readAhead;
        this.conflicts = conflicts;
        this.claims = claims;
        this.progress = progress;
        this.lifecycle = lifecycle;
        this.control = control;
        this.connectors = connectors;
        this.calls = calls;
        this.activity = activity;
        this.producer = producer;
        this.json = json;
        this.maxWorkers = maxWorkers;
        this.workers = camel.getExecutorServiceManager().newFixedThreadPool(this, "syncRunner", maxWorkers);
        this.recorders = camel.getExecutorServiceManager().newCachedThreadPool(this, "batchRecorder");
        this.runnerId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Called by the route {@code claimQueuedSyncs}: claims work while this instance has free workers. */
    public void claimAndStart() {
        while (running.get() < maxWorkers) {
            Optional<UUID> claimed = claims.claimNext(runnerId, control.lease());
            if (claimed.isEmpty()) {
                return;
            }
            running.incrementAndGet();
            UUID syncId = claimed.get();
            runningSyncs.add(syncId);
            workers.submit(() -> {
                try {
                    run(syncId);
                } finally {
                    runningSyncs.remove(syncId);
                    running.decrementAndGet();
                }
            });
        }
    }

    /**
     * Called by the route {@code renewSyncLeases}: keeps the leases of the syncs running here,
     * also while a batch waits out retries or an open circuit, so that no other instance takes
     * over a sync that is still alive.
     */
    public void renewLeases() {
        for (UUID syncId : runningSyncs) {
            claims.renew(syncId, runnerId, control.lease());
        }
    }

    void run(UUID syncId) {
        SyncRow row;
        SyncJob job;
        try {
            row = lifecycle.findById(syncId);
            job = new SyncJob(syncId, row.orgId(), ExternalSystem.fromId(row.sourceSystem()).orElseThrow(),
                    ExternalSystem.fromId(row.targetSystem()).orElseThrow(),
                    row.entityTypes().stream().map(e -> EntityType.fromId(e).orElseThrow()).toList(),
                    SyncConfigJson.fromJson(json.readTree(row.syncConfigJson())), runnerId,
                    Checkpoint.fromJson(progress.checkpointJson(syncId), json), Instant.now());
        } catch (Exception e) {
            LOG.error("Sync {} cannot be read to run it", syncId, e);
            progress.finish(syncId, runnerId, SyncStatus.FAILED, "cannot be read: " + e.getMessage());
            return;
        }
        job.recordOn(recorders);
        LogContext.organisation(job.orgId());
        LogContext.sync(syncId);
        try {
            runEntities(job, row);
        } catch (RuntimeException e) {
            LOG.error("{} failed: {}", job, e.getMessage(), e);
            job.fail(e.getMessage());
            finish(job);
        } finally {
            job.recording().drain();
            LogContext.clear();
        }
    }

    private void runEntities(SyncJob job, SyncRow row) {
        LOG.info("Running {} from {}", job, job.checkpoint());
        activity.record(job.orgId(), job.syncId(), null, "pipeline", "run", ActivityRecorder.Outcome.OK,
                Map.of("runner", runnerId, "checkpoint", job.checkpoint().toJson()), null);
        SystemConnector source = connectors.connector(job.orgId(), job.source());
        if (row.totalRecords() == 0) {
            progress.setTotal(job.syncId(), countAll(job, source));
        }
        PageReadAhead.Pending ahead = null;
        while (job.checkpoint().entityIndex() < job.entityTypes().size()) {
            if (!control.mayContinue(job)) {
                stopHere(job);
                return;
            }
            EntityType entity = job.currentEntity();
            Optional<Instant> since = since(job, source, entity);
            Checkpoint at = job.checkpoint();
            RecordPage page = readAhead.take(ahead, entity, at.page(), () -> readPage(job, source, entity, at.page(), since));
            ahead = page.isLast() || page.records().isEmpty() ? null
                    : readAhead.start(entity, at.page() + 1, () -> readPage(job, source, entity, at.page() + 1, since));
            job.nextPageAhead(ahead);
            if (!page.records().isEmpty()) {
                Exchange done = producer.send("direct:syncPage", exchange -> {
                    exchange.getIn().setBody(page.records());
                    exchange.setProperty(JOB, job);
                });
                if (done.getException() != null) {
                    throw new IllegalStateException("page " + at.page() + " of " + entity + " failed: "
                            + done.getException().getMessage(), done.getException());
                }
            }
            if (job.failure() != null || !control.mayContinue(job)) {
                stopHere(job);
                return;
            }
            Checkpoint next = page.isLast() || page.records().isEmpty() ? at.nextEntity() : at.nextPage();
            if (next.entityIndex() != at.entityIndex()) {
                // the next entity type may refer to this one's records (orders to customers): all recorded first
                job.recording().drain();
                if (!job.config().dryRun()) {
                    advanceWatermark(job, entity);
                }
            }
            job.moveTo(next);
            job.recording().submit("the checkpoint " + next.toJson(),
                    () -> progress.moveCheckpoint(job.syncId(), runnerId, entity.id(), next.toJson()));
        }
        finish(job);
    }

    private RecordPage readPage(SyncJob job, SystemConnector source, EntityType entity, int page, Optional<Instant> since) {
        return calls.call(job, job.source(), "read " + entity + " page " + page,
                () -> source.readPage(entity, page, PAGE_SIZE, since));
    }

    /**
     * The next incremental sync of the entity reads only what changed from now on, unless a record
     * of it could not be synced: then it reads from the earlier mark again, so that the record is
     * tried again rather than forgotten (what is unchanged is not written).
     */
    private void advanceWatermark(SyncJob job, EntityType entity) {
        if (conflicts.hasOpen(job.syncId(), entity.id())) {
            LOG.info("{}: {} keeps its incremental mark, so that the records that failed are read again next time",
                    job, entity);
            return;
        }
        progress.setWatermark(job.orgId(), entity.id(), job.source().id(), job.target().id(), job.runStartedAt(),
                job.syncId());
    }

    private long countAll(SyncJob job, SystemConnector source) {
        long total = 0;
        for (EntityType entity : job.entityTypes()) {
            Optional<Instant> since = since(job, source, entity);
            total += calls.call(job, job.source(), "count " + entity, () -> source.readPage(entity, 1, 1, since)).total();
        }
        return total;
    }

    private Optional<Instant> since(SyncJob job, SystemConnector source, EntityType entity) {
        if (job.config().mode() != SyncMode.INCREMENTAL || !source.canFilterByModification(entity)) {
            return Optional.empty();
        }
        return progress.watermark(job.orgId(), entity.id(), job.source().id(), job.target().id());
    }

    /** Paused, cancelled, taken over or failed: let go, or end it as failed. */
    private void stopHere(SyncJob job) {
        job.recording().drain();
        if (job.failure() != null) {
            finish(job);
            return;
        }
        LOG.info("{} stops at {}: it is {}", job, job.checkpoint(), progress.status(job.syncId()));
        claims.release(job.syncId(), runnerId);
    }

    private void finish(SyncJob job) {
        job.recording().drain();
        SyncRow row = lifecycle.findById(job.syncId());
        SyncStatus status = SyncStatus.outcome(job.failure() != null, row.failedRecords(), row.skippedRecords());
        if (progress.finish(job.syncId(), runnerId, status, job.failure())) {
            activity.record(job.orgId(), job.syncId(), null, "pipeline", "finish",
                    status == SyncStatus.FAILED ? ActivityRecorder.Outcome.ERROR : ActivityRecorder.Outcome.OK,
                    Map.of("status", status.id(), "processed", row.processedRecords(), "failed", row.failedRecords(),
                            "skipped", row.skippedRecords()), null);
            LOG.info("{} finished: {} ({} processed, {} failed, {} skipped)", job, status, row.processedRecords(),
                    row.failedRecords(), row.skippedRecords());
        } else {
            claims.release(job.syncId(), runnerId);
        }
    }
}
