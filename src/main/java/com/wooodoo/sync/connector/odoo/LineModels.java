package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the lines of a one2many live: {@code sale.order.order_line} are {@code sale.order.line}
 * records pointing back through {@code order_id}. Other one2many fields are asked from Odoo once
 * with {@code fields_get}.
 */
final class LineModels {

    /** The model of the lines and its many2one back to the parent. */
    record LineModel(String model, String parentField) {
    }

    private static final Map<String, LineModel> KNOWN = Map.of("sale.order.order_line",
            new LineModel("sale.order.line", "order_id"));

    private final OdooApi api;
    private final OdooFailures failures;
    private final Map<String, LineModel> learnt = new ConcurrentHashMap<>(KNOWN);

    LineModels(OdooApi api, OdooFailures failures) {
        this(api, failures, KNOWN);
    }

    LineModels(OdooApi api, OdooFailures failures, Map<String, LineModel> known) {
        this.api = api;
        this.failures = failures;
        this.learnt.clear();
        this.learnt.putAll(known);
    }

    LineModel of(String model, String one2many) {
        return learnt.computeIfAbsent(model + "." + one2many, key -> {
            JsonNode field = api.call(OdooCall.fieldsGet(model, List.of(one2many), List.of("type", "relation", "relation_field")))
                    .path(one2many);
            if (!field.path("relation").isTextual() || !field.path("relation_field").isTextual()) {
                throw failures.protocol(model + "." + one2many + " is not a one2many field in this Odoo");
            }
            return new LineModel(field.get("relation").asText(), field.get("relation_field").asText());
        });
    }
}
