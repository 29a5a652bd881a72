package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.NeutralOrder;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.OrderRules.OdooOrderState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings sales orders, once read back as written, to the state their shop status asks for (orders.yaml {@code states}):
 * {@code action_confirm} for confirmed, {@code action_cancel} for cancelled, one call per action
 * for the whole batch. A confirmed order is never turned back into a quotation; a cancelled one
 * that must be confirmed goes through {@code action_draft} first. An order is never deleted.
 * When Odoo refuses an action for the batch, each order is tried alone, and one it refuses fails
 * alone (written, not in its state: the next sync tries again).
 */
final class OdooOrderStates {

    private static final String MODEL = "sale.order";

    private final OdooApi api;
    private final OdooFailures failures;

    OdooOrderStates(OdooApi api, OdooFailures failures) {
        this.api = api;
        this.failures = failures;
    }

    /** The states of these orders now, by id (ids Odoo does not have are missing). */
    Map<Long, String> statesOf(java.util.Collection<Long> ids) {
        Map<Long, String> states = new HashMap<>();
        if (!ids.isEmpty()) {
            JsonNode read = api.call(OdooCall.searchRead(MODEL, OdooCall.where("id", "in", OdooCall.ids(ids)),
                    List.of("id", "state"), null, 0, null, true));
            read.forEach(r -> states.put(r.path("id").asLong(), r.path("state").asText()));
        }
        return states;
    }

    /**
     * @param before the states of the orders now, by id; an order not in it is a quotation (just created)
     */
    void apply(EntityMapping mapping, List<Map<String, Object>> orders, WriteOutcome[] outcomes, Map<Long, String> before) {
        Map<Long, Integer> indexOf = new LinkedHashMap<>();
        Map<Long, OdooOrderState> wanted = new HashMap<>();
        for (int i = 0; i < outcomes.length; i++) {
            WriteOutcome outcome = outcomes[i];
            String status = NeutralOrder.text(orders.get(i).get(NeutralOrder.STATUS));
            if (outcome == null || !outcome.succeeded() || status == null || !outcome.targetId().orElse("").matches("\\d{1,18}")) {
                continue;
            }
            OdooOrderState state = mapping.orderRules().stateFor(status);
            long id = Long.parseLong(outcome.targetId().orElseThrow());
            indexOf.put(id, i);
            wanted.put(id, state);
        }
        if (wanted.values().stream().allMatch(s -> s == OdooOrderState.QUOTATION)) {
            return;
        }
        Map<Long, String> current = before == null ? Map.of() : before;
        List<Long> toDraft = new ArrayList<>();
        List<Long> toConfirm = new ArrayList<>();
        List<Long> toCancel = new ArrayList<>();
        wanted.forEach((id, state) -> {
            String now = current.getOrDefault(id, "draft");
            if (state == OdooOrderState.CONFIRMED && !now.equals("sale")) {
                if (now.equals("cancel")) {
                    toDraft.add(id);
                }
                toConfirm.add(id);
            } else if (state == OdooOrderState.CANCELLED && !now.equals("cancel")) {
                toCancel.add(id);
            }
        });
        act("action_draft", toDraft, indexOf, outcomes);
        toConfirm.removeIf(id -> !outcomes[indexOf.get(id)].succeeded());
        act("action_confirm", toConfirm, indexOf, outcomes);
        act("action_cancel", toCancel, indexOf, outcomes);
    }

    private void act(String action, List<Long> ids, Map<Long, Integer> indexOf, WriteOutcome[] outcomes) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            JsonNode answer = api.call(OdooCall.onRecords(MODEL, action, ids, contextOf(action)));
            if (answer.isObject()) {
                // a wizard to fill in instead of the action done (an Odoo asking for a confirmation)
                markFailed(action, ids, indexOf, outcomes, failures.protocol(MODEL + "." + action
                        + " answered with a form to fill in (" + answer.path("res_model").asText("a wizard") + ") instead of doing it"));
            }
        } catch (ConnectorException batchFailure) {
            if (!OdooFailures.concernsRecords(batchFailure) || ids.size() == 1) {
                markFailed(action, ids, indexOf, outcomes, batchFailure);
                return;
            }
            for (Long id : ids) {
                try {
                    api.call(OdooCall.onRecords(MODEL, action, List.of(id), contextOf(action)));
                } catch (ConnectorException e) {
                    markFailed(action, List.of(id), indexOf, outcomes, e);
                }
            }
        }
    }

    /**
     * Odoo 16–18 answer {@code action_cancel} of a confirmed order with the cancel wizard instead
     * of cancelling it, unless told not to warn.
     */
    private static Map<String, Object> contextOf(String action) {
        return action.equals("action_cancel") ? Map.of("disable_cancel_warning", true) : Map.of();
    }

    private void markFailed(String action, List<Long> ids, Map<Long, Integer> indexOf, WriteOutcome[] outcomes,
                            ConnectorException failure) {
        for (Long id : ids) {
            int index = indexOf.get(id);
            outcomes[index] = WriteOutcome.failed(index, new ConnectorException(failure.system(), failure.kind(),
                    failure.code().orElse(null), failure.httpStatus(), "sale.order " + id + " was written but " + MODEL + "."
                    + action + " failed: " + failure.getMessage()));
        }
    }
}
