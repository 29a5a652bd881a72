package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.SyncRecord;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What one batch found, decided and did, carried from step to step of the batch route. */
public final class BatchWork {

    /**
     * The exchange property with the records the steps work on now: the batch, the records of one
     * of its DataMismatch retries, or records it refers to (see {@code applyRecords}).
     */
    public static final String PROPERTY = "batchWork";
    /** The exchange property with the batch of a sync's page, from its start to its record. */
    public static final String BATCH = "syncBatch";

    /** The records the steps of an exchange work on now. */
    public static BatchWork of(Exchange exchange) {
        return required(exchange, PROPERTY);
    }

    /** The batch of a sync's page an exchange carries. */
    public static BatchWork batchOf(Exchange exchange) {
        return required(exchange, BATCH);
    }

    private static BatchWork required(Exchange exchange, String property) {
        BatchWork work = exchange.getProperty(property, BatchWork.class);
        if (work == null) {
            throw new IllegalStateException("the exchange carries no batch (property " + property + ")");
        }
        return work;
    }

    /**
     * A record that could not be synced, with the data a person needs to review it.
     *
     * @param attempts how many times it was tried before it ended so
     */
    public record Failed(SyncRecord source, SyncRecord target, ConflictType type, String reason, int attempts) {

        public Failed(SyncRecord source, SyncRecord target, ConflictType type, String reason) {
            this(source, target, type, reason, 1);
        }
    }

    /**
     * A record written (or, in a dry run, that would be).
     *
     * @param targetSeenHash content hash of the target record as read back after the write (null: not read back)
     */
    public record Applied(SyncRecord source, String targetId, String contentHash, String operation,
                          String targetSeenHash) {

        public Applied(SyncRecord source, String targetId, String contentHash, String operation) {
            this(source, targetId, contentHash, operation, null);
        }

        Applied readBack(String seenHash) {
            return new Applied(source, targetId, contentHash, operation, seenHash);
        }
    }

    /**
     * A DataMismatch the pipeline retried on its own (re-read, planned and written again).
     *
     * @param first    the mismatch as first found
     * @param attempts attempts made in all, the first included
     * @param settled  whether the record is in step now (else it was handed over as another conflict)
     */
    public record MismatchRetried(Failed first, int attempts, boolean settled) {
    }

    /**
     * What the target holds for the batch's records, as the look-up found it (see {@link TargetLookup}).
     *
     * @param linkBySource   source id → link, for the records synced before (the batch in flight's included)
     * @param linkedTargets  target id → target record, for those links
     * @param byNaturalKey   normalized natural key → target records with it, for the unlinked records
     * @param sourceOfTarget target id → source id, for those target records already linked
     * @param unchanged      source ids of linked records whose content is the one last applied, their
     *                       targets not read (an incremental sync)
     */
    public record TargetsFound(Map<String, RecordLink> linkBySource, Map<String, SyncRecord> linkedTargets,
                               Map<String, List<SyncRecord>> byNaturalKey, Map<String, String> sourceOfTarget,
                               Set<String> unchanged) {
    }

    private final SyncJob job;
    private final EntityType entity;
    private final int batchIndex;
    private final List<SyncRecord> records;
    private TargetsFound found;
    private List<RecordPlan> plans = List.of();
    private final List<Applied> applied = new ArrayList<>();
    private final List<Failed> failed = new ArrayList<>();
    private final List<MismatchRetried> mismatchesRetried = new ArrayList<>();
    private final List<String> unchangedIds = new ArrayList<>();
    private final Map<String, SyncRecord> answeredStored = new java.util.HashMap<>();
    private int leftOut;
    private long settleMs;
    private long backOffMs;
    private boolean abandoned;
    private boolean createsAnnounced;
    private Checkpoint position;
    private long sequence = -1;
    private Set<String> keys = Set.of();
    private List<SyncRecord> page;
    private boolean lookedUp;

    public BatchWork(SyncJob job, EntityType entity, int batchIndex, List<SyncRecord> records) {
        this.job = job;
        this.entity = entity;
        this.batchIndex = batchIndex;
        this.records = List.copyOf(records);
    }

    public SyncJob job() {
        return job;
    }

    public EntityType entity() {
        return entity;
    }

    public int batchIndex() {
        return batchIndex;
    }

    public List<SyncRecord> records() {
        return records;
    }

    /**
     * Where the batch stands in its sync (its checkpoint once recorded is the next batch), its
     * place in the order the sync handed its batches out, and its records' source ids and natural
     * keys (normalised): a later batch sharing one waits for it ({@link BatchesInFlight}).
     */
    void placed(Checkpoint at, long order, Set<String> recordKeys) {
        position = at;
        sequence = order;
        keys = Set.copyOf(recordKeys);
    }

    /** The source page the batch was cut from (its targets are looked up for the whole page at once). */
    void cutFrom(List<SyncRecord> sourcePage) {
        page = sourcePage;
    }

    /**
     * The source page the batch was cut from, for its first look-up only (one tried again, or
     * planned again after a mismatch, looks at the target afresh); null after it, or when unknown.
     */
    List<SyncRecord> pageForFirstLookUp() {
        List<SyncRecord> first = lookedUp ? null : page;
        lookedUp = true;
        return first;
    }

    /** Where the batch stands in its sync; null for a batch of no sync run (a conflict's resolution). */
    Checkpoint position() {
        return position;
    }

    /** The order in which the sync handed its batches out; -1 for one not handed out. */
    long sequence() {
        return sequence;
    }

    Set<String> keys() {
        return keys;
    }

    /**
     * The source ids and natural keys of {@link #keys()}: what another batch may have created a
     * target for, so that a look-up made before it may miss that target (an order's billing e-mail
     * names a guest's partner, not the order the look-up is for).
     */
    Set<String> recordKeys() {
        return keys.stream().filter(key -> key.startsWith("id:") || key.startsWith("key:"))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** What the look-up found; set before the batch is planned. */
    public TargetsFound found() {
        if (found == null) {
            throw new IllegalStateException("the batch is planned before its targets were looked up");
        }
        return found;
    }

    public void found(TargetsFound value) {
        found = value;
    }

    public List<RecordPlan> plans() {
        return plans;
    }

    public void planned(List<RecordPlan> value) {
        plans = List.copyOf(value);
    }

    public List<Applied> applied() {
        return applied;
    }

    public List<Failed> failed() {
        return failed;
    }

    public List<MismatchRetried> mismatchesRetried() {
        return mismatchesRetried;
    }

    /** The target answered the write of this record with the whole record as stored (its read-back). */
    public void answeredStored(String targetId, SyncRecord stored) {
        answeredStored.put(targetId, stored);
    }

    /** Target id → the record as the target answered its write, for those it answered whole. */
    Map<String, SyncRecord> answeredStored() {
        return answeredStored;
    }

    public int unchanged() {
        return unchangedIds.size();
    }

    /** The source ids of the records found already in step. */
    public List<String> unchangedIds() {
        return unchangedIds;
    }

    public void countUnchanged(String sourceId) {
        unchangedIds.add(sourceId);
    }

    /** A record left out (a shop order of a status not imported): processed, nothing to write, counted apart. */
    public void countLeftOut(String sourceId) {
        unchangedIds.add(sourceId);
        leftOut++;
    }

    /** How many of the {@link #unchanged} records were left out rather than found in step. */
    public int leftOut() {
        return leftOut;
    }

    /**
     * Asks the next attempt to wait this long before it looks at the target again: an earlier
     * attempt's create may still be running there (its answer timed out).
     */
    public void settleBeforeReplanning(long ms) {
        settleMs = Math.max(settleMs, ms);
    }

    /** How long to wait before planning again; resets it. */
    public long takeSettleMs() {
        long ms = settleMs;
        settleMs = 0;
        return ms;
    }

    /** Asks the next attempt to wait this long (the back-off, or what {@code Retry-After} asked). */
    public void backOffBeforeNextAttempt(long ms) {
        backOffMs = Math.max(backOffMs, ms);
    }

    /** How long to wait before the next attempt, the settle aside; resets it. */
    public long takeBackOffMs() {
        long ms = backOffMs;
        backOffMs = 0;
        return ms;
    }

    /**
     * The sync stopped (paused, cancelled, back to the queue) before the batch was done: it is
     * neither recorded nor dead-lettered, and is done again when the sync goes on from its checkpoint.
     */
    public void abandon() {
        abandoned = true;
    }

    public boolean abandoned() {
        return abandoned;
    }

    /** The target is one whose creates are announced first (it cannot find them by natural key). */
    public void announcesCreates() {
        createsAnnounced = true;
    }

    public boolean createsAnnounced() {
        return createsAnnounced;
    }

    /** Forgets the outcome of an attempt, before the batch is tried again. */
    public void restart() {
        found = null;
        plans = List.of();
        applied.clear();
        failed.clear();
        mismatchesRetried.clear();
        unchangedIds.clear();
        answeredStored.clear();
        leftOut = 0;
    }
}
