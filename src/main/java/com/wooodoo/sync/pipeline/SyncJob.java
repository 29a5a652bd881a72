package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.orchestration.SyncConfig;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run of a sync by this instance: what to copy, how, and where it stands. The position is the
 * checkpoint: entity type, page of the source read, and batch within that page.
 */
public final class SyncJob {

    /** The exchange property that carries the job through the sync routes. */
    public static final String PROPERTY = "syncJob";

    /** The job an exchange of the sync routes carries. */
    public static SyncJob of(Exchange exchange) {
        SyncJob job = exchange.getProperty(PROPERTY, SyncJob.class);
        if (job == null) {
            throw new IllegalStateException("the exchange carries no sync job (property " + PROPERTY + ")");
        }
        return job;
    }

    private final UUID syncId;
    private final String orgId;
    private final ExternalSystem source;
    private final ExternalSystem target;
    private final List<EntityType> entityTypes;
    private final SyncConfig config;
    private final String runner;
    private final Instant runStartedAt;
    private volatile Checkpoint checkpoint;
    private volatile String failure;
    private volatile boolean stopped;
    private volatile LookAhead lookAhead;
    private volatile SourcePage handingOut;
    /** Pages of the current entity type being read ahead, by page number. */
    private final java.util.Map<Integer, PageReadAhead.Pending> pagesAhead = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<EntityType, Integer> countedPages = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile RecordingLane recording = RecordingLane.inline(this);
    private volatile BatchesInFlight inFlight = new BatchesInFlight(1);
    private final Turn referencedRecordsTurn = new Turn();
    private final PageReads<TargetLookup.LinkedTargets> pageLinkedTargets = new PageReads<>();
    private final PageReads<TargetLookup.KeyMatches> pageKeyMatches = new PageReads<>();
    private final java.util.concurrent.atomic.AtomicBoolean credentialsRefused = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Requeue requeue;
    /** When a recorded batch last found the sync still processing (System.nanoTime); null when the latest did not. */
    private volatile Long processingConfirmedAt;

    public SyncJob(UUID syncId, String orgId, ExternalSystem source, ExternalSystem target, List<EntityType> entityTypes,
                   SyncConfig config, String runner, Checkpoint checkpoint, Instant runStartedAt) {
        this.syncId = syncId;
        this.orgId = orgId;
        this.source = source;
        this.target = target;
        this.entityTypes = List.copyOf(entityTypes);
        this.config = config;
        this.runner = runner;
        this.checkpoint = checkpoint;
        this.runStartedAt = runStartedAt;
    }

    public UUID syncId() {
        return syncId;
    }

    public String orgId() {
        return orgId;
    }

    public ExternalSystem source() {
        return source;
    }

    public ExternalSystem target() {
        return target;
    }

    public List<EntityType> entityTypes() {
        return entityTypes;
    }

    public SyncConfig config() {
        return config;
    }

    public String runner() {
        return runner;
    }

    public Instant runStartedAt() {
        return runStartedAt;
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    public void moveTo(Checkpoint next) {
        this.checkpoint = next;
    }

    /** Records this job's batches on the executor's threads, overlapping the next batch (see {@link RecordingLane}). */
    void recordOn(java.util.concurrent.Executor executor) {
        recording = RecordingLane.on(this, executor);
    }

    RecordingLane recording() {
        return recording;
    }

    /** Lets up to {@code places} of this job's batches be planned and written at once (see {@link BatchesInFlight}). */
    void handOutUpTo(int places) {
        inFlight = new BatchesInFlight(places);
    }

    BatchesInFlight inFlight() {
        return inFlight;
    }

    PageReads<TargetLookup.LinkedTargets> pageLinkedTargets() {
        return pageLinkedTargets;
    }

    PageReads<TargetLookup.KeyMatches> pageKeyMatches() {
        return pageKeyMatches;
    }

    /** One batch at a time syncs the records its batch refers to (see {@link ReferencedRecords}). */
    Turn referencedRecordsTurn() {
        return referencedRecordsTurn;
    }

    public EntityType currentEntity() {
        return entityTypes.get(checkpoint.entityIndex());
    }

    /** A page being read ahead (or already read) for the run to take. */
    /** The pages the source counted for an entity type when the run read its first page. */
    void counted(EntityType entity, int pages) {
        countedPages.put(entity, pages);
    }

    java.util.Optional<Integer> countedPages(EntityType entity) {
        return java.util.Optional.ofNullable(countedPages.get(entity));
    }

    void readAhead(PageReadAhead.Pending pending) {
        pagesAhead.put(pending.page(), pending);
    }

    boolean readsAhead(int page) {
        return pagesAhead.containsKey(page);
    }

    /** The read made ahead for this page of this entity type, taken; null when none was. */
    PageReadAhead.Pending takePageAhead(EntityType entity, int page) {
        PageReadAhead.Pending pending = pagesAhead.remove(page);
        return pending != null && pending.isOf(entity, page) ? pending : null;
    }

    /** A source page the run took, whose batches are being handed out. */
    record SourcePage(EntityType entity, int page, List<SyncRecord> records) {
    }

    /** The source page whose batches are being handed out now. */
    void handingOut(SourcePage page) {
        this.handingOut = page;
    }

    /** The source page whose batches are being handed out now; null before the first. */
    SourcePage pageHandedOut() {
        return handingOut;
    }

    /** The records of a page read ahead, when its read has ended well; none is waited for. */
    java.util.Optional<List<SyncRecord>> pageReadAhead(EntityType entity, int page) {
        PageReadAhead.Pending pending = pagesAhead.get(page);
        if (pending == null || !pending.isOf(entity, page) || !pending.read().isDone() || pending.read().isCompletedExceptionally()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(pending.read().join().records());
    }

    /** The reads made ahead are not needed (the entity type's last page was read, or the run stops). */
    void forgetPagesAhead() {
        pagesAhead.clear();
    }

    /** Whether the run goes on to another page: pages of its entity types are left, and it was not stopped. */
    public boolean goesOn() {
        return !stopped && checkpoint.entityIndex() < entityTypes.size();
    }

    /** The run stops here: paused, cancelled, taken over or failed. */
    void stop() {
        stopped = true;
    }

    public boolean isStopped() {
        return stopped;
    }

    void lookAhead(LookAhead found) {
        this.lookAhead = found;
    }

    /** The look-ahead made for this batch, once: it is forgotten as it is taken. */
    java.util.Optional<LookAhead> takeLookAhead(BatchWork batch) {
        LookAhead found = lookAhead;
        if (found == null || found.batch() != batch) {
            return java.util.Optional.empty();
        }
        lookAhead = null;
        return java.util.Optional.of(found);
    }

    void forgetLookAhead() {
        lookAhead = null;
    }

    /**
     * What the database said of the sync when the latest batch was recorded: still processing
     * under this runner's lease, or not (paused, cancelled, lease out).
     */
    void stillProcessing(boolean processing) {
        processingConfirmedAt = processing ? System.nanoTime() : null;
    }

    /** Whether a batch recorded less than {@code maxAgeNanos} ago found the sync still processing. */
    boolean processingConfirmedWithin(long maxAgeNanos) {
        Long confirmedAt = processingConfirmedAt;
        return confirmedAt != null && System.nanoTime() - confirmedAt < maxAgeNanos;
    }

    /**
     * The sync goes back to the queue, not to be claimed for {@code waitMs}: a system asked for a
     * longer wait than a worker is held for ({@code reason} says so).
     */
    public record Requeue(long waitMs, String reason) {
    }

    /** The run is to stop and the sync to go back to the queue (the first request counts). */
    void requeue(Requeue request) {
        if (requeue == null) {
            requeue = request;
        }
    }

    /** Whether, and until when, the sync is to go back to the queue; null when it is not. */
    public Requeue requeueRequested() {
        return requeue;
    }

    /** True for the first batch of the run to meet refused credentials, false for every later one. */
    public boolean failsFirstForCredentials() {
        return credentialsRefused.compareAndSet(false, true);
    }

    /** Why the sync cannot go on (an authentication failure), or null. */
    public String failure() {
        return failure;
    }

    public void fail(String reason) {
        if (failure == null) {
            // a failure always has a reason: one without a message (a NullPointerException) must not read as none
            failure = reason == null || reason.isBlank() ? "an unexpected error without a message (see the service's log)" : reason;
        }
    }

    @Override
    public String toString() {
        return "sync " + syncId + " of " + orgId + " (" + source + " → " + target + ")";
    }
}
