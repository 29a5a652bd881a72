package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.store.LinkStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps "referenced records" of a batch: the records its creates and updates refer to (an order's
 * customer, its lines' products) are written with the ids they have in the target. Those not
 * synced yet are synced first, in this batch (route {@code syncReferencedRecords}: read from the
 * source, then written and recorded like any batch); a reference that still has no target id then
 * makes its record a ValidationError.
 */
@Component("referencedRecords")
public class ReferencedRecords {

    /** The exchange property listing the referenced records to sync before the batch is written. */
    public static final String TO_SYNC = "referencedRecordsToSync";
    /** The target ids found for the references before those not synced were synced (read once). */
    private static final String KNOWN = "referencedRecordsKnown";
    /** The batch holding its sync's turn to sync referenced records, while it does. */
    private static final String SYNCING = "referencedRecordsSyncing";

    /** Records of one entity type that the batch refers to and that are not in the target yet. */
    public record NotSynced(EntityType entity, List<String> sourceIds) {
    }

    private final ConnectorRegistry connectors;
    private final MappingCatalog mappings;
    private final LinkStore links;
    private final SyncControl control;

    public ReferencedRecords(ConnectorRegistry connectors, MappingCatalog mappings, LinkStore links, SyncControl control) {
        this.control = control;
        this.connectors = connectors;
        this.mappings = mappings;
        this.links = links;
    }

    /**
     * Sets {@link #TO_SYNC}: the referenced records without a link yet (none in a dry run). When
     * there are some, the batch first takes its sync's turn to sync referenced records (batches in
     * flight at once often refer to one customer) and looks again: another batch may have synced
     * them meanwhile. The turn is given back by {@link #letOthersSync}, however the batch goes on.
     *
     * @throws BatchStart.Abandoned when the sync stopped while the batch waited for its turn
     */
    public void findNotSynced(Exchange exchange) {
        BatchWork work = BatchWork.of(exchange);
        List<NotSynced> toSync = notSynced(work, exchange);
        if (!toSync.isEmpty()) {
            SyncJob job = work.job();
            if (!job.referencedRecordsTurn().take(() -> control.mayContinue(job))) {
                work.abandon();
                throw new BatchStart.Abandoned("batch " + work.batchIndex() + " of " + work.entity().id()
                        + " abandoned: the sync stopped while it waited to sync the records it refers to");
            }
            exchange.setProperty(SYNCING, work);
            notSynced(work, exchange);
        }
    }

    /**
     * Gives the sync's turn to sync referenced records back, if this batch took it (the batches of
     * the referenced records, whose exchanges are copies of this one, leave it).
     */
    public void letOthersSync(Exchange exchange) {
        BatchWork work = BatchWork.of(exchange);
        if (exchange.getProperty(SYNCING) == work) {
            exchange.removeProperty(SYNCING);
            work.job().referencedRecordsTurn().giveBack();
        }
    }

    private List<NotSynced> notSynced(BatchWork work, Exchange exchange) {
        SyncJob job = work.job();
        List<NotSynced> toSync = new ArrayList<>();
        Map<EntityType, Map<String, String>> knownByEntity = new HashMap<>();
        EntityMapping mapping = mappings.of(work.entity());
        if (ReferenceTranslator.hasReferences(mapping)) {
            ReferenceTranslator.referencedIds(mapping, writable(work)).forEach((entity, ids) -> {
                Map<String, String> known = links.targetIds(job.orgId(), entity.id(), job.source().id(), ids);
                knownByEntity.put(entity, known);
                List<String> unknown = ids.stream().filter(id -> !known.containsKey(id)).sorted().toList();
                if (!unknown.isEmpty() && !job.config().dryRun()) {
                    toSync.add(new NotSynced(entity, unknown));
                }
            });
        }
        exchange.setProperty(TO_SYNC, toSync);
        exchange.setProperty(KNOWN, knownByEntity);
        return toSync;
    }

    /** Route {@code syncReferencedRecords}: reads the referenced records from the source, as a batch of their own. */
    public void read(Exchange exchange) {
        NotSynced wanted = exchange.getIn().getBody(NotSynced.class);
        SyncJob job = SyncJob.of(exchange);
        List<SyncRecord> records = connectors.connector(job.orgId(), job.source()).readByIds(wanted.entity(), wanted.sourceIds());
        exchange.setProperty(BatchWork.PROPERTY, new BatchWork(job, wanted.entity(), -1, records));
    }

    /** Rewrites the references of the creates and updates to target ids; one that has none makes its record a ValidationError. */
    public void resolve(Exchange exchange) {
        BatchWork work = BatchWork.of(exchange);
        EntityMapping mapping = mappings.of(work.entity());
        if (!ReferenceTranslator.hasReferences(mapping)) {
            return;
        }
        SyncJob job = work.job();
        @SuppressWarnings("unchecked")
        Map<EntityType, Map<String, String>> knownBefore = exchange.getProperty(KNOWN, Map.of(), Map.class);
        // only the references that had no target id before are read again: those synced meanwhile
        ReferenceTranslator translator = new ReferenceTranslator(mapping, (entity, ids) -> {
            Map<String, String> known = new HashMap<>(knownBefore.getOrDefault(entity, Map.of()));
            List<String> missing = ids.stream().filter(id -> !known.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                known.putAll(links.targetIds(job.orgId(), entity.id(), job.source().id(), missing));
            }
            return known;
        });
        List<RecordPlan> writable = writable(work);
        List<RecordPlan> resolved = new ArrayList<>();
        Map<RecordPlan, String> missing = translator.translate(writable, resolved);
        List<RecordPlan> plans = new ArrayList<>();
        int next = 0;
        for (RecordPlan plan : work.plans()) {
            if (!plan.writes()) {
                plans.add(plan);
            } else if (missing.containsKey(plan)) {
                plans.add(RecordPlan.conflict(plan.source(), plan.contentHash(), ConflictType.ValidationError,
                        missing.get(plan), plan.target()));
            } else {
                plans.add(resolved.get(next++));
            }
        }
        work.planned(plans);
    }

    private static List<RecordPlan> writable(BatchWork work) {
        return work.plans().stream().filter(RecordPlan::writes).toList();
    }
}
