package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.NeutralOrder;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Step "plan" of a batch: what to do with each record against what the look-up found, decided by
 * {@link BatchPlanner} (create, update, unchanged, left out, or a conflict); stock as
 * {@link StockPlanning} says.
 */
@Component("recordPlanning")
public class RecordPlanning {

    private final MappingCatalog mappings;

    public RecordPlanning(MappingCatalog mappings) {
        this.mappings = mappings;
    }

    public void plan(Exchange exchange) {
        plan(BatchWork.of(exchange));
    }

    void plan(BatchWork work) {
        SyncJob job = work.job();
        EntityMapping mapping = mappings.of(work.entity());
        List<String> required = mapping.fields().stream().filter(FieldMapping::required).map(FieldMapping::name).toList();
        BatchWork.TargetsFound found = work.found();
        boolean stock = StockPlanning.applies(work.entity());
        List<SyncRecord> toPlan = work.records().stream().filter(r -> !found.unchanged().contains(r.id())).toList();
        List<RecordPlan> planned = BatchPlanner.plan(toPlan, mapping.naturalKey(), required,
                MappedFieldComparison.of(mapping, job.source(), job.target()), job.target().id(),
                stock ? StockPlanning.sourceAuthoritative(found.linkBySource()) : found.linkBySource(),
                found.linkedTargets(), found.byNaturalKey(), found.sourceOfTarget(),
                stock ? StockPlanning.NEVER_CREATED : notImported(mapping, job));
        work.planned(found.unchanged().isEmpty() ? planned : inBatchOrder(work.records(), planned, found));
    }

    /** The plans of the records planned and of those unchanged since last applied, in the batch's order. */
    private static List<RecordPlan> inBatchOrder(List<SyncRecord> records, List<RecordPlan> planned,
                                                 BatchWork.TargetsFound found) {
        Iterator<RecordPlan> others = planned.iterator();
        List<RecordPlan> plans = new ArrayList<>(records.size());
        for (SyncRecord record : records) {
            RecordLink link = found.linkBySource().get(record.id());
            plans.add(found.unchanged().contains(record.id())
                    ? RecordPlan.unchanged(record, link.targetId(), link.appliedHash()) : others.next());
        }
        return plans;
    }

    /** Shop orders of a status orders.yaml does not import, when they go to Odoo. */
    private static Predicate<SyncRecord> notImported(EntityMapping mapping, SyncJob job) {
        if (mapping.entity() != EntityType.ORDERS || job.source() != ExternalSystem.WOOCOMMERCE
                || mapping.importedStatuses().isEmpty()) {
            return record -> false;
        }
        return record -> {
            Object status = record.fields().get(NeutralOrder.STATUS);
            return status != null && !mapping.importedStatuses().contains(status.toString());
        };
    }
}
