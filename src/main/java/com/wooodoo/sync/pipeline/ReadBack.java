package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.SystemConnector;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.store.ConflictType;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Step "read back" of a batch: the records just written, read from the target in one call (none
 * when the target answered its writes with the whole records as stored: WooCommerce's customers
 * and orders). A
 * record missing, or holding other values than were written, is a DataMismatch; the others are in
 * step, and the content read back is what a later sync compares the target with to see whether
 * someone changed it. Where the target can answer both at once, the same call also looks up the
 * natural keys of the next batch (the look-ahead that {@link TargetLookup} then takes), or with
 * several batches in flight those of a whole source page ({@link TargetLookup#readBackWithPageLookUp}).
 */
@Component("readBack")
public class ReadBack {

    private static final Logger LOG = LoggerFactory.getLogger(ReadBack.class);

    private final ConnectorRegistry connectors;
    private final MappingCatalog mappings;
    private final TargetLookup lookUp;

    public ReadBack(ConnectorRegistry connectors, MappingCatalog mappings, TargetLookup lookUp) {
        this.connectors = connectors;
        this.mappings = mappings;
        this.lookUp = lookUp;
    }

    public void verify(Exchange exchange) {
        verify(BatchWork.of(exchange));
    }

    void verify(BatchWork work) {
        SyncJob job = work.job();
        if (job.config().dryRun() || work.applied().isEmpty()) {
            return;
        }
        SystemConnector target = connectors.connector(job.orgId(), job.target());
        EntityMapping mapping = mappings.of(work.entity());
        List<String> ids = work.applied().stream().map(BatchWork.Applied::targetId)
                .filter(id -> !work.answeredStored().containsKey(id)).distinct().toList();
        Map<String, SyncRecord> readBack = new HashMap<>(work.answeredStored());
        Optional<BatchWork> next = target.readsByIdsOrNaturalKeysAtOnce(work.entity()) && work.sequence() >= 0
                && job.inFlight().places() == 1
                ? Optional.ofNullable(job.inFlight().waitingForPlace()).filter(n -> n.entity() == work.entity())
                : Optional.empty();
        List<String> nextKeys = next.map(n -> mapping.naturalKeysOf(n.records())).orElse(List.of());
        // taken before the read: a batch in flight meanwhile may create what the read does not see
        Set<String> keysInFlight = nextKeys.isEmpty() ? Set.of() : job.inFlight().keysInFlightBesides(work);
        try {
            if (nextKeys.isEmpty()) {
                if (!ids.isEmpty()) {
                    lookUp.readBackWithPageLookUp(work, target, ids).forEach(r -> readBack.put(r.id(), r));
                }
            } else {
                List<SyncRecord> answer = target.readByIdsOrNaturalKeys(work.entity(), ids, nextKeys);
                Set<String> written = new HashSet<>(ids);
                answer.stream().filter(r -> written.contains(r.id())).forEach(r -> readBack.put(r.id(), r));
                job.lookAhead(lookAhead(mapping, next.orElseThrow(), nextKeys, answer, keysInFlight));
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
        MappedFieldComparison comparison = MappedFieldComparison.of(mapping, job.source(), job.target());
        boolean checkTotals = work.entity() == EntityType.ORDERS && job.target() == ExternalSystem.ODOO;
        List<BatchWork.Applied> verified = new ArrayList<>();
        for (BatchWork.Applied applied : work.applied()) {
            SyncRecord found = readBack.get(applied.targetId());
            List<String> differing = found == null ? List.of() : comparison.differences(applied.source(), found);
            Optional<String> totals = found == null || !checkTotals ? Optional.empty()
                    : OrderTotalsCheck.difference(applied.source(), found, mapping.orderRules().tolerance());
            if (found == null) {
                work.failed().add(new BatchWork.Failed(applied.source(), null, ConflictType.DataMismatch, "the "
                        + applied.operation() + " of " + job.target() + " record " + applied.targetId()
                        + " was answered as done, but the record is not there when read back"));
            } else if (totals.isPresent()) {
                work.failed().add(new BatchWork.Failed(applied.source(), found, ConflictType.DataMismatch, "the "
                        + applied.operation() + " of " + job.target() + " record " + applied.targetId() + " does not add up: "
                        + totals.get()));
            } else if (!differing.isEmpty()) {
                work.failed().add(new BatchWork.Failed(applied.source(), found, ConflictType.DataMismatch,
                        "the " + applied.operation() + " was not read back as written: " + String.join(", ", differing)
                                + " differ"));
            } else {
                verified.add(applied.readBack(comparison.seenHash(found)));
            }
        }
        work.applied().clear();
        work.applied().addAll(verified);
    }

    private static LookAhead lookAhead(EntityMapping mapping, BatchWork next, List<String> keys, List<SyncRecord> answer,
                                       Set<String> keysInFlight) {
        Set<String> normalized = keys.stream().map(BatchPlanner::normalizeKey).collect(Collectors.toCollection(HashSet::new));
        return new LookAhead(next, normalized, TargetLookup.withKeys(mapping, answer, keys), keysInFlight);
    }

    private static boolean isTransient(RuntimeException e) {
        ConnectorException failure = RetryPolicy.connectorFailure(e);
        return failure != null && failure.isTransient();
    }
}
