package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.WrittenRecord;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes records to Odoo.
 *
 * <p>{@code create} sends up to {@value #CREATE_CHUNK} records per call as a list of values (one
 * transaction each, and a bounded request). Such a call is all-or-nothing: if Odoo rejects it for
 * the data (validation, duplicate key, missing record), nothing of that chunk was created, and the
 * chunk's records are created again one call each, so that every record gets its own outcome and
 * the good ones are written. A chunk of 100 with one bad record costs 1 + 100 calls.
 *
 * <p>{@code update} calls {@code write} once per record: Odoo's {@code write} applies one set of
 * values to all the ids it is given, and each record has values of its own.
 *
 * <p>A record whose values cannot be converted (no country with that code, a price that is no
 * number) fails alone without a call. A failure of the call itself (unreachable, refused
 * credentials, not understood) is thrown if nothing was written yet; after some records were
 * written, it becomes the outcome of every record not written, so written ids are never lost.
 */
final class OdooWriter {

    static final int CREATE_CHUNK = 100;

    private final OdooApi api;
    private final MappingCatalog mappings;
    private final RelatedKeys related;
    private final OdooFailures failures;
    private final OdooOrderComposer orders;
    private final OdooOrderStates states;
    private final OdooVariants variants;

    OdooWriter(OdooApi api, MappingCatalog mappings, RelatedKeys related, OdooFailures failures, KeyLookups lookups) {
        this.api = api;
        this.mappings = mappings;
        this.related = related;
        this.failures = failures;
        this.orders = new OdooOrderComposer(related, new OdooSalesSetup(api, failures), new GuestPartners(api, related, failures, lookups),
                new AddressContacts(api, related, failures));
        this.states = new OdooOrderStates(api, failures);
        this.variants = new OdooVariants(api, failures);
    }

    List<WriteOutcome> create(EntityType type, List<SyncRecord> records) {
        EntityMapping mapping = mappings.of(type);
        String model = mapping.model(ExternalSystem.ODOO);
        WriteOutcome[] outcomes = new WriteOutcome[records.size()];
        List<Integer> ready = new ArrayList<>();
        List<ObjectNode> values = convert(mapping, records.stream().map(SyncRecord::fields).toList(), false, outcomes, ready);
        List<Integer> variantIndexes = variantsAmong(type, records.stream().map(SyncRecord::fields).toList(), ready);
        if (!variantIndexes.isEmpty()) {
            variants.write(records.stream().map(SyncRecord::fields).toList(), values,
                    java.util.Collections.nCopies(records.size(), null), variantIndexes, outcomes);
        }
        Progress progress = new Progress(outcomes);
        for (int start = 0; start < ready.size() && !progress.stopped(); start += CREATE_CHUNK) {
            List<Integer> chunk = ready.subList(start, Math.min(start + CREATE_CHUNK, ready.size()));
            try {
                List<Long> ids = createCall(model, chunk.stream().map(values::get).toList());
                for (int i = 0; i < chunk.size(); i++) {
                    progress.written(chunk.get(i), String.valueOf(ids.get(i)));
                }
            } catch (ConnectorException e) {
                if (!OdooFailures.concernsRecords(e)) {
                    progress.callFailed(e, ready.subList(start, ready.size()));
                } else {
                    createOneByOne(model, ready.subList(start, ready.size()), chunk.size(), values, progress);
                }
            }
        }
        return Arrays.asList(outcomes);
    }

    List<WriteOutcome> update(EntityType type, List<TargetUpdate> updates) {
        EntityMapping mapping = mappings.of(type);
        String model = mapping.model(ExternalSystem.ODOO);
        WriteOutcome[] outcomes = new WriteOutcome[updates.size()];
        List<Integer> ready = new ArrayList<>();
        List<ObjectNode> values = convert(mapping, updates.stream().map(u -> u.record().fields()).toList(), true, outcomes, ready);
        List<Integer> variantIndexes = variantsAmong(type, updates.stream().map(u -> u.record().fields()).toList(), ready);
        if (!variantIndexes.isEmpty()) {
            variants.write(updates.stream().map(u -> u.record().fields()).toList(), values,
                    updates.stream().map(u -> parseId(u.targetId())).toList(), variantIndexes, outcomes);
        }
        Map<Long, String> orderStates = type == EntityType.ORDERS ? states.statesOf(updates.stream()
                .map(TargetUpdate::targetId).filter(id -> id.matches("\\d{1,18}")).map(Long::parseLong).toList()) : Map.of();
        for (int index : ready) {
            String state = orderStates.get(parseId(updates.get(index).targetId()));
            if ("sale".equals(state)) {
                // Odoo refuses to remove the lines of a confirmed order; the totals check tells when they differ
                values.get(index).remove("order_line");
            }
        }
        Progress progress = new Progress(outcomes);
        for (int n = 0; n < ready.size() && !progress.stopped(); n++) {
            int index = ready.get(n);
            String targetId = updates.get(index).targetId();
            long id;
            try {
                id = Long.parseLong(targetId);
            } catch (NumberFormatException e) {
                outcomes[index] = WriteOutcome.failed(index, new ConnectorException(ExternalSystem.ODOO, FailureKind.NOT_FOUND,
                        null, 0, "'" + targetId + "' is not an Odoo record id"));
                continue;
            }
            try {
                JsonNode answer = api.call(OdooCall.write(model, id, values.get(index)));
                if (!answer.asBoolean(false)) {
                    throw failures.protocol(model + ".write answered " + answer + " instead of true");
                }
                progress.written(index, targetId);
            } catch (ConnectorException e) {
                if (OdooFailures.concernsRecords(e)) {
                    outcomes[index] = WriteOutcome.failed(index, e);
                } else {
                    progress.callFailed(e, ready.subList(n, ready.size()));
                }
            }
        }
        return Arrays.asList(outcomes);
    }

    /** Orders read back as written, brought to the state their shop status asks for. */
    List<WriteOutcome> settleOrders(List<WrittenRecord> written) {
        WriteOutcome[] outcomes = new WriteOutcome[written.size()];
        for (int i = 0; i < written.size(); i++) {
            outcomes[i] = WriteOutcome.written(i, written.get(i).targetId());
        }
        // a created order is a quotation; an updated one is in whatever state Odoo has it now
        Map<Long, String> before = states.statesOf(written.stream().filter(w -> !w.created()).map(WrittenRecord::targetId)
                .map(OdooWriter::parseId).filter(java.util.Objects::nonNull).toList());
        states.apply(mappings.of(EntityType.ORDERS), written.stream().map(w -> w.source().fields()).toList(), outcomes, before);
        return Arrays.asList(outcomes);
    }

    /** The variant records among those ready, taken out of {@code ready}: {@link OdooVariants} writes them. */
    private static List<Integer> variantsAmong(EntityType type, List<Map<String, Object>> records, List<Integer> ready) {
        if (type != EntityType.PRODUCTS) {
            return List.of();
        }
        List<Integer> found = ready.stream().filter(i -> com.wooodoo.sync.connector.NeutralProduct.isVariant(records.get(i))).toList();
        ready.removeAll(found);
        return found;
    }

    private static Long parseId(String id) {
        return id != null && id.matches("\\d{1,18}") ? Long.valueOf(id) : null;
    }

    /** Creates the first {@code count} of {@code remaining} one call each. */
    private void createOneByOne(String model, List<Integer> remaining, int count, List<ObjectNode> values, Progress progress) {
        for (int n = 0; n < count && !progress.stopped(); n++) {
            int index = remaining.get(n);
            try {
                progress.written(index, String.valueOf(createCall(model, List.of(values.get(index))).get(0)));
            } catch (ConnectorException e) {
                if (OdooFailures.concernsRecords(e)) {
                    progress.outcomes[index] = WriteOutcome.failed(index, e);
                } else {
                    progress.callFailed(e, remaining.subList(n, remaining.size()));
                }
            }
        }
    }

    private List<Long> createCall(String model, List<ObjectNode> valsList) {
        JsonNode answer = api.call(OdooCall.create(model, valsList));
        if (!answer.isArray() || answer.size() != valsList.size()) {
            throw failures.protocol(model + ".create of " + valsList.size() + " records answered " + answer.getNodeType()
                    + (answer.isArray() ? " of " + answer.size() : "") + " instead of as many ids");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : answer) {
            if (!id.isIntegralNumber()) {
                throw failures.protocol(model + ".create answered a non-numeric id");
            }
            ids.add(id.asLong());
        }
        return ids;
    }

    /**
     * The Odoo values of each record, in order; records that cannot be converted get their
     * failed outcome, the others' indexes go to {@code ready}. Keys of many2one fields are turned
     * into ids in one lookup per relation for the whole batch.
     */
    private List<ObjectNode> convert(EntityMapping mapping, List<Map<String, Object>> records, boolean update,
                                     WriteOutcome[] outcomes, List<Integer> ready) {
        Map<RelatedKeys.Relation, Set<String>> wanted = new HashMap<>();
        records.forEach(fields -> OdooRecordMapper.collectKeys(mapping.fields(), fields, wanted));
        Map<RelatedKeys.Relation, Map<String, Long>> ids = new HashMap<>();
        wanted.forEach((relation, keys) -> ids.put(relation, related.idsOf(relation, keys)));
        OdooOrderComposer.Batch orderBatch = mapping.entity() == EntityType.ORDERS
                ? orders.prepare(mapping.orderRules(), records) : null;
        List<ObjectNode> values = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                ObjectNode vals = OdooRecordMapper.toOdoo(mapping.fields(), records.get(i), ids, update);
                if (orderBatch != null) {
                    orders.complete(orderBatch, i, records.get(i), vals, update);
                }
                values.add(vals);
                ready.add(i);
            } catch (ConnectorException e) {
                values.add(null);
                outcomes[i] = WriteOutcome.failed(i, e);
            } catch (IllegalArgumentException e) {
                values.add(null);
                outcomes[i] = WriteOutcome.failed(i, new ConnectorException(ExternalSystem.ODOO, FailureKind.VALIDATION, null, 0,
                        mapping.entity() + " record " + i + naturalKey(mapping, records.get(i)) + " cannot be written to Odoo: "
                                + e.getMessage()));
            }
        }
        return values;
    }

    private static String naturalKey(EntityMapping mapping, Map<String, Object> fields) {
        Object key = fields.get(mapping.naturalKey());
        return key == null || key.toString().isBlank() ? "" : " (" + mapping.naturalKey() + " '" + key + "')";
    }

    /** Outcomes so far; a failed call is thrown while nothing is written, and ends the write afterwards. */
    private static final class Progress {
        private final WriteOutcome[] outcomes;
        private boolean anyWritten;
        private boolean stopped;

        Progress(WriteOutcome[] outcomes) {
            this.outcomes = outcomes;
        }

        void written(int index, String id) {
            outcomes[index] = WriteOutcome.written(index, id);
            anyWritten = true;
        }

        void callFailed(ConnectorException failure, List<Integer> notWritten) {
            if (!anyWritten) {
                throw failure;
            }
            notWritten.forEach(index -> outcomes[index] = WriteOutcome.failed(index, failure));
            stopped = true;
        }

        boolean stopped() {
            return stopped;
        }
    }
}
