package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.NeutralOrder;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.outbound.OutboundWaits;
import com.wooodoo.sync.store.LinkStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Step "hand out" of a batch: it waits for one of the sync's places
 * ({@code wooodoo.pipeline.batches-in-flight}), keeps its turn on the sync's recording lane, and
 * goes to the route {@code syncBatch} on a thread of its own, while the sync reads on and hands
 * out the next batches. The batch's requests are withdrawn, as the run's are, once the sync
 * stops. However the batch ends, its turn on the lane is taken (recorded, or left as a gap that
 * nothing after it is recorded past), and its place freed then.
 */
@Component("batchHandOut")
public class BatchHandOut {

    private static final Logger LOG = LoggerFactory.getLogger(BatchHandOut.class);

    private final SyncControl control;
    private final MappingCatalog mappings;
    private final LinkStore links;
    private final ProducerTemplate producer;
    private final ExecutorService batchThreads;

    public BatchHandOut(SyncControl control, MappingCatalog mappings, LinkStore links, ProducerTemplate producer,
                        CamelContext camel) {
        this.control = control;
        this.mappings = mappings;
        this.links = links;
        this.producer = producer;
        // at most batches-in-flight per running sync: the places bound the threads
        this.batchThreads = camel.getExecutorServiceManager().newCachedThreadPool(this, "syncBatch");
    }

    public void handOut(Exchange exchange) throws InterruptedException {
        BatchWork work = BatchWork.batchOf(exchange);
        SyncJob job = work.job();
        Checkpoint now = job.checkpoint();
        Checkpoint at = new Checkpoint(now.entityIndex(), now.page(), work.batchIndex());
        if (!job.inFlight().enter(work, at, keysOf(work), () -> control.mayContinue(job))) {
            exchange.removeProperty(BatchWork.BATCH);
            return; // paused, cancelled or failed while it waited for a place
        }
        job.moveTo(at.nextBatch());
        job.recording().reserve(work);
        Exchange batch = exchange.copy();
        BooleanSupplier wanted = OutboundWaits.current();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        try {
            batchThreads.execute(() -> run(work, batch, wanted, logContext));
        } catch (RuntimeException e) {
            ended(work, e);
            throw e;
        }
    }

    private void run(BatchWork work, Exchange batch, BooleanSupplier wanted, Map<String, String> logContext) {
        if (logContext != null) {
            MDC.setContextMap(logContext);
        }
        Throwable failure = null;
        try {
            Exchange done = OutboundWaits.whileWanted(wanted, () -> producer.send("direct:syncBatch", batch));
            failure = done.getException();
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            ended(work, failure);
            MDC.clear();
        }
    }

    /** Frees the batch's place; a batch that handed no record over leaves a gap (and fails the sync unless it stopped). */
    private void ended(BatchWork work, Throwable failure) {
        SyncJob job = work.job();
        try {
            job.recording().leftUnrecorded(work);
            if (failure != null && !work.abandoned()) {
                LOG.error("{}: batch {} of {} ended without its record: {}", job, work.batchIndex(), work.entity(),
                        failure.getMessage(), failure);
                job.fail("batch " + work.batchIndex() + " of " + work.entity().id() + " failed: " + failure.getMessage());
            }
        } finally {
            job.inFlight().done(work);
        }
    }

    /**
     * The batch's source ids and natural keys, and for orders the billing e-mails of those whose
     * partner may be made while the batch is in flight: a guest's ({@code guest:}, found or created
     * by it) and a customer's not synced yet ({@code email:}, synced along with the order). A later
     * batch in flight whose keys meet them ({@link BatchesInFlight#meet}) waits for it.
     */
    private Set<String> keysOf(BatchWork work) {
        EntityMapping mapping = mappings.of(work.entity());
        Set<String> keys = keysOf(mapping, work.records());
        if (work.entity() == EntityType.ORDERS) {
            SyncJob job = work.job();
            Set<String> customers = new HashSet<>();
            work.records().forEach(r -> Optional.ofNullable(NeutralOrder.text(r.fields().get(NeutralOrder.CUSTOMER)))
                    .ifPresent(customers::add));
            Set<String> synced = customers.isEmpty() ? Set.of()
                    : links.targetIds(job.orgId(), EntityType.CUSTOMERS.id(), job.source().id(), customers).keySet();
            for (SyncRecord record : work.records()) {
                NeutralOrder.Address billing = NeutralOrder.Address.of(record.fields().get(NeutralOrder.BILLING));
                if (billing == null || billing.email() == null || billing.email().isBlank()) {
                    continue;
                }
                String customer = NeutralOrder.text(record.fields().get(NeutralOrder.CUSTOMER));
                if (customer == null) {
                    keys.add(BatchesInFlight.GUEST_EMAIL + BatchPlanner.normalizeKey(billing.email()));
                } else if (!synced.contains(customer)) {
                    keys.add(BatchesInFlight.EMAIL + BatchPlanner.normalizeKey(billing.email()));
                }
            }
        }
        return keys;
    }

    /** The source ids and natural keys of these records, as {@link BatchWork#keys()} holds them. */
    static Set<String> keysOf(EntityMapping mapping, List<SyncRecord> records) {
        Set<String> keys = new HashSet<>();
        for (SyncRecord record : records) {
            keys.add("id:" + record.id());
            mapping.naturalKeyOf(record).ifPresent(key -> keys.add("key:" + BatchPlanner.normalizeKey(key)));
        }
        return keys;
    }
}
