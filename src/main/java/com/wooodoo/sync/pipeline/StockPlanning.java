package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.SyncRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How stock is planned, apart from the other entity types:
 * <ul>
 *   <li><b>Source-authoritative.</b> The shop's quantity changes by itself (every sale lowers it),
 *       so a shop quantity that changed since it was last seen is no DataMismatch: Odoo's free
 *       quantity is written over it. The links are planned as if the target had never been seen.</li>
 *   <li><b>Written only when it changed.</b> A link's applied hash is the hash of the quantity
 *       last written (with the SKU); a record whose quantity is the same is planned unchanged and
 *       not written, whatever moved in Odoo meanwhile (a reservation moved between quants).</li>
 *   <li><b>Never created.</b> A SKU the shop does not have is left out, and the batch's activity
 *       names it.</li>
 * </ul>
 */
final class StockPlanning {

    /** Stock records are written only over a product or variation found by link or SKU. */
    static final Predicate<SyncRecord> NEVER_CREATED = record -> true;
    static final String LEFT_OUT_REASON = "SKU not in the shop: stock never creates a product";
    /** How many left-out SKUs a batch's activity entry names. */
    static final int SKUS_NAMED = 20;

    private StockPlanning() {
    }

    static boolean applies(EntityType entity) {
        return entity == EntityType.STOCK;
    }

    /** The links as the planner sees them for stock: without the target's last-seen hash (no DataMismatch). */
    static Map<String, RecordLink> sourceAuthoritative(Map<String, RecordLink> links) {
        Map<String, RecordLink> planned = new LinkedHashMap<>();
        links.forEach((sourceId, link) -> planned.put(sourceId,
                new RecordLink(link.sourceId(), link.targetId(), link.appliedHash(), null)));
        return planned;
    }

    /** Adds why stock records were left out, and their SKUs, to a batch's activity details. */
    static void describeLeftOut(BatchWork work, Map<String, Object> details) {
        if (!applies(work.entity())) {
            return;
        }
        List<String> skus = work.plans().stream().filter(p -> p.action() == PlannedAction.LEFT_OUT)
                .map(p -> String.valueOf(p.source().fields().get("sku"))).toList();
        details.put("leftOutReason", LEFT_OUT_REASON);
        details.put("leftOutSkus", skus.size() > SKUS_NAMED ? skus.subList(0, SKUS_NAMED) : skus);
    }
}
