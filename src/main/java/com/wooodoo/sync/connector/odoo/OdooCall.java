package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One ORM method call, independent of the protocol: its arguments by their Python names, in
 * order, of which the first {@code positional} go as {@code execute_kw}'s positional
 * {@code args} (the rest as {@code kwargs}); JSON-2 sends them all by name.
 */
record OdooCall(String model, String method, ObjectNode args, int positional) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param limit           null for no limit
     * @param order           null for the model's default order
     * @param includeArchived look past {@code active = False} (context {@code active_test: false})
     */
    static OdooCall searchRead(String model, ArrayNode domain, List<String> fields, Integer limit, long offset, String order,
                               boolean includeArchived) {
        ObjectNode args = NODES.objectNode();
        args.set("domain", domain);
        ArrayNode names = args.putArray("fields");
        fields.forEach(names::add);
        if (limit != null) {
            args.put("limit", limit);
            args.put("offset", offset);
        }
        if (order != null) {
            args.put("order", order);
        }
        if (includeArchived) {
            args.putObject("context").put("active_test", false);
        }
        return new OdooCall(model, "search_read", args, 1);
    }

    static OdooCall searchCount(String model, ArrayNode domain) {
        ObjectNode args = NODES.objectNode();
        args.set("domain", domain);
        return new OdooCall(model, "search_count", args, 1);
    }

    /** {@code create} with a list of value dictionaries: one call creates them all (or none). */
    static OdooCall create(String model, List<ObjectNode> valsList) {
        ObjectNode args = NODES.objectNode();
        ArrayNode list = args.putArray("vals_list");
        valsList.forEach(list::add);
        return new OdooCall(model, "create", args, 1);
    }

    static OdooCall write(String model, long id, ObjectNode vals) {
        ObjectNode args = NODES.objectNode();
        args.putArray("ids").add(id);
        args.set("vals", vals);
        return new OdooCall(model, "write", args, 2);
    }

    /** A method of records ({@code action_confirm}, {@code action_cancel}) called on these ids at once. */
    static OdooCall onRecords(String model, String method, Collection<Long> ids, Map<String, Object> context) {
        ObjectNode args = NODES.objectNode();
        ArrayNode list = args.putArray("ids");
        ids.forEach(list::add);
        if (!context.isEmpty()) {
            ObjectNode ctx = args.putObject("context");
            context.forEach((key, value) -> ctx.set(key, value instanceof Boolean b ? NODES.booleanNode(b)
                    : NODES.textNode(String.valueOf(value))));
        }
        return new OdooCall(model, method, args, 1);
    }

    static OdooCall fieldsGet(String model, List<String> fields, List<String> attributes) {
        ObjectNode args = NODES.objectNode();
        ArrayNode names = args.putArray("allfields");
        fields.forEach(names::add);
        ArrayNode wanted = args.putArray("attributes");
        attributes.forEach(wanted::add);
        return new OdooCall(model, "fields_get", args, 0);
    }

    /** A domain of one leaf {@code [[field, operator, value]]}. */
    static ArrayNode where(String field, String operator, JsonNode value) {
        ArrayNode domain = NODES.arrayNode();
        domain.addArray().add(field).add(operator).add(value);
        return domain;
    }

    /**
     * The domain matching records whose field equals one of the values without regard to case
     * ({@code =ilike} terms joined by Odoo's prefix {@code '|'}): e-mail addresses differ in case
     * between systems, and Odoo's {@code in} compares exactly. Each value goes through
     * {@link #likeLiteral}, so a {@code %} or {@code _} in an e-mail matches only itself.
     */
    static ArrayNode equalsIgnoringCase(String field, Collection<String> values) {
        ArrayNode domain = NODES.arrayNode();
        for (int i = 1; i < values.size(); i++) {
            domain.add("|");
        }
        values.forEach(value -> domain.addArray().add(field).add("=ilike").add(likeLiteral(value)));
        return domain;
    }

    /**
     * A text as a {@code like}/{@code ilike} pattern that matches only itself: Odoo hands the
     * value to PostgreSQL's (I)LIKE, whose escape character is the backslash, so {@code \},
     * {@code %} and {@code _} become {@code \\}, {@code \%} and {@code \_}. Every like-operator
     * value the service sends goes through here.
     */
    static String likeLiteral(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * The most records a look-up by {@code keys} natural keys (or ids) asks Odoo for: ten per key,
     * at least 100. More than that matching is a failure of the look-up ({@link
     * OdooFailures#truncated}), never a silently partial answer.
     */
    static int lookupLimit(int keys) {
        return Math.max(100, 10 * keys);
    }

    /** The domain that matches every record. */
    static ArrayNode everything() {
        return NODES.arrayNode();
    }

    /** The records that match both domains: Odoo joins consecutive expressions with an implicit and. */
    static ArrayNode both(ArrayNode first, ArrayNode second) {
        ArrayNode domain = NODES.arrayNode();
        domain.addAll(first);
        domain.addAll(second);
        return domain;
    }

    /** The records that match either domain (each one expression in Odoo's prefix notation). */
    static ArrayNode either(ArrayNode first, ArrayNode second) {
        ArrayNode domain = NODES.arrayNode().add("|");
        domain.addAll(first);
        domain.addAll(second);
        return domain;
    }

    static ArrayNode ids(Collection<Long> ids) {
        ArrayNode list = NODES.arrayNode();
        ids.forEach(list::add);
        return list;
    }

    static ArrayNode texts(Collection<String> values) {
        ArrayNode list = NODES.arrayNode();
        values.forEach(list::add);
        return list;
    }

    ArrayNode positionalArgs() {
        ArrayNode list = NODES.arrayNode();
        Iterator<JsonNode> values = args.elements();
        for (int i = 0; i < positional && values.hasNext(); i++) {
            list.add(values.next());
        }
        return list;
    }

    ObjectNode keywordArgs() {
        ObjectNode keywords = NODES.objectNode();
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (i >= positional) {
                keywords.set(entry.getKey(), entry.getValue());
            }
        }
        return keywords;
    }

    /** How the call is named in messages: {@code res.partner.search_read}. */
    String label() {
        return model + "." + method;
    }
}
