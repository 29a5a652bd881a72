package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.observability.LogContext;
import com.wooodoo.sync.orchestration.SyncConfigJson;
import com.wooodoo.sync.orchestration.SyncLifecycle;
import com.wooodoo.sync.outbound.OutboundBudgets;
import com.wooodoo.sync.outbound.OutboundWaits;
import com.wooodoo.sync.store.SyncClaimStore;
import com.wooodoo.sync.store.SyncProgressStore;
import com.wooodoo.sync.store.SyncRow;
import com.wooodoo.sync.store.SyncStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims queued syncs (or ones whose runner died) and runs each on a worker: the job is read from
 * the database and sent to the route {@code syncRun} ({@code routes/sync-pipeline.camel.yaml}),
 * which reads page after page from the checkpoint. While a sync runs its requests are metered at
 * its {@code rateLimit} (the organisation's throttle) and its lease is renewed.
 */
@Component("syncRunner")
public class SyncRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final SyncClaimStore claims;
    private final SyncControl control;
    private final SyncLifecycle lifecycle;
    private final SyncProgressStore progress;
    private final OutboundBudgets budgets;
    private final RunEnd runEnd;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final ExecutorService workers;
    private final ExecutorService recorders;
    private final int maxWorkers;
    private final int maxWorkersPerOrganisation;
    private final int batchesInFlight;
    private final AtomicInteger running = new AtomicInteger();
    /** Syncs running here per organisation (only organisations with one or more). */
    private final Map<String, Integer> runningByOrganisation = new ConcurrentHashMap<>();
    private final Set<UUID> runningSyncs = ConcurrentHashMap.newKeySet();
    private final String runnerId;

    public SyncRunner(SyncClaimStore claims, SyncControl control, SyncLifecycle lifecycle, SyncProgressStore progress,
                      OutboundBudgets budgets, RunEnd runEnd, ProducerTemplate producer, ObjectMapper json,
                      CamelContext camel, PipelineProperties properties) {
        this.claims = claims;
        this.control = control;
        this.lifecycle = lifecycle;
        this.progress = progress;
        this.budgets = budgets;
        this.runEnd = runEnd;
        this.producer = producer;
        this.json = json;
        this.maxWorkers = properties.getWorkers();
        this.maxWorkersPerOrganisation = properties.getWorkersPerOrganisation();
        this.batchesInFlight = properties.getBatchesInFlight();
        this.workers = camel.getExecutorServiceManager().newFixedThreadPool(this, "syncRunner", maxWorkers);
        this.recorders = camel.getExecutorServiceManager().newCachedThreadPool(this, "batchRecorder");
        this.runnerId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Called by the route {@code claimQueuedSyncs}: claims work while this instance has free
     * workers, never more syncs of one organisation at once than
     * {@code wooodoo.pipeline.workers-per-organisation}: the claim leaves out the organisations at
     * that limit, so another organisation's queued sync is taken instead.
     */
    public void claimAndStart() {
        while (running.get() < maxWorkers) {
            var claimed = claims.claimNext(runnerId, control.lease(), organisationsAtLimit());
            if (claimed.isEmpty()) {
                return;
            }
            running.incrementAndGet();
            UUID syncId = claimed.get().syncId();
            String orgId = claimed.get().orgId();
            runningByOrganisation.merge(orgId, 1, Integer::sum);
            runningSyncs.add(syncId);
            workers.submit(() -> {
                try {
                    run(syncId);
                } finally {
                    runningSyncs.remove(syncId);
                    runningByOrganisation.computeIfPresent(orgId, (org, n) -> n > 1 ? n - 1 : null);
                    running.decrementAndGet();
                }
            });
        }
    }

    private Set<String> organisationsAtLimit() {
        Set<String> atLimit = new java.util.HashSet<>();
        runningByOrganisation.forEach((org, n) -> {
            if (n >= maxWorkersPerOrganisation) {
                atLimit.add(org);
            }
        });
        return atLimit;
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
        SyncJob job = load(syncId);
        if (job == null) {
            return;
        }
        job.recordOn(recorders);
        job.handOutUpTo(batchesInFlight);
        LogContext.organisation(job.orgId());
        LogContext.sync(syncId);
        try (OutboundBudgets.Budget budget = budgets.open(job.orgId(), job.config().rateLimit())) {
            // a request waiting for the organisation's rate limit is withdrawn once the sync stops
            Exchange done = OutboundWaits.whileWanted(() -> control.mayContinue(job),
                    () -> producer.send("direct:syncRun", exchange -> exchange.setProperty(SyncJob.PROPERTY, job)));
            if (done.getException() != null) {
                Exception failure = done.getException();
                LOG.error("{} failed: {}", job, failure.getMessage(), failure);
                job.fail(reason(failure));
                runEnd.finish(job);
            }
        } catch (RuntimeException e) {
            LOG.error("{} failed: {}", job, e.getMessage(), e);
            job.fail(reason(e));
            runEnd.finish(job);
        } finally {
            job.recording().drain();
            LogContext.clear();
        }
    }

    /** What an operator reads as the failure: its message, or its kind when it has none. */
    private static String reason(Exception failure) {
        return failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName() + " (see the service's log)" : failure.getMessage();
    }

    /** The job of a claimed sync, as stored; null (and the sync failed) when it cannot be read. */
    private SyncJob load(UUID syncId) {
        try {
            SyncRow row = lifecycle.findById(syncId);
            return new SyncJob(syncId, row.orgId(), ExternalSystem.fromId(row.sourceSystem()).orElseThrow(),
                    ExternalSystem.fromId(row.targetSystem()).orElseThrow(),
                    row.entityTypes().stream().map(e -> EntityType.fromId(e).orElseThrow()).toList(),
                    SyncConfigJson.fromJson(json.readTree(row.syncConfigJson())), runnerId,
                    Checkpoint.fromJson(progress.checkpointJson(syncId), json), Instant.now());
        } catch (Exception e) {
            LOG.error("Sync {} cannot be read to run it", syncId, e);
            progress.finish(syncId, runnerId, SyncStatus.FAILED, "cannot be read: " + e.getMessage());
            return null;
        }
    }
}
