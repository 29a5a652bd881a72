package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The ORM methods the external API reaches, with their Python signatures: {@code execute_kw}
 * passes positional arguments and keyword arguments, JSON-2 passes everything by name; both end
 * up here as named arguments.
 */
final class ModelMethods {

    /** Parameter names in order; recordset methods take {@code ids} first over {@code execute_kw}. */
    private static final Map<String, List<String>> SIGNATURES = Map.ofEntries(
            Map.entry("search_read", List.of("domain", "fields", "offset", "limit", "order")),
            Map.entry("search", List.of("domain", "offset", "limit", "order")),
            Map.entry("search_count", List.of("domain", "limit")),
            Map.entry("read", List.of("ids", "fields")),
            Map.entry("create", List.of("vals_list")),
            Map.entry("write", List.of("ids", "vals")),
            Map.entry("unlink", List.of("ids")),
            Map.entry("fields_get", List.of("allfields", "attributes")),
            Map.entry("name_get", List.of("ids")),
            Map.entry("check_access_rights", List.of("operation", "raise_exception")),
            Map.entry("action_confirm", List.of("ids")),
            Map.entry("action_cancel", List.of("ids")),
            Map.entry("action_draft", List.of("ids")),
            Map.entry("action_apply_inventory", List.of("ids")));

    /** The methods only some models have. */
    private static final Map<String, String> MODEL_OF_METHOD = Map.of(
            "action_apply_inventory", "stock.quant",
            "action_confirm", "sale.order",
            "action_cancel", "sale.order",
            "action_draft", "sale.order");

    private final OdooDatabase db;

    ModelMethods(OdooDatabase db) {
        this.db = db;
    }

    /** {@code execute_kw}'s positional {@code args} and {@code kwargs} as named arguments. */
    static ObjectNode named(String method, JsonNode args, JsonNode kwargs) {
        List<String> signature = signature(method);
        ObjectNode named = OdooJson.NODES.objectNode();
        if (args != null && !args.isNull() && !args.isMissingNode()) {
            if (!args.isArray()) {
                throw OdooError.typeError("execute_kw() arguments must be a list, not " + args.getNodeType().name().toLowerCase());
            }
            if (args.size() > signature.size()) {
                throw OdooError.typeError(method + "() takes at most " + (signature.size() + 1) + " positional arguments but "
                        + (args.size() + 1) + " were given");
            }
            for (int i = 0; i < args.size(); i++) {
                named.set(signature.get(i), args.get(i));
            }
        }
        if (kwargs != null && kwargs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = kwargs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (named.has(entry.getKey())) {
                    throw OdooError.typeError(method + "() got multiple values for argument '" + entry.getKey() + "'");
                }
                named.set(entry.getKey(), entry.getValue());
            }
        }
        return named;
    }

    /**
     * Runs a method.
     *
     * @param singleCreate whether a {@code create} given one dictionary answers one id (as over
     *                     {@code execute_kw}) rather than a list (as JSON-2 serialises a recordset)
     */
    JsonNode call(String model, String method, ObjectNode args, boolean singleCreate) {
        List<String> signature = signature(method);
        for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!signature.contains(name) && !name.equals("context") && !name.equals("ids")) {
                throw OdooError.typeError(method + "() got an unexpected keyword argument '" + name + "'");
            }
        }
        db.model(model);
        String owner = MODEL_OF_METHOD.get(method);
        if (owner != null && !owner.equals(model)) {
            throw OdooError.attributeError("The method '" + method + "' does not exist");
        }
        return db.withContext(args.path("context"), () -> run(model, method, args, singleCreate));
    }

    private JsonNode run(String model, String method, ObjectNode args, boolean singleCreate) {
        boolean activeTest = args.path("context").path("active_test").asBoolean(true);
        return switch (method) {
            case "search_read" -> array(db.searchRead(model, args.get("domain"), offset(args), limit(args), order(args),
                    activeTest, fields(args)));
            case "search" -> OdooJson.toJson(db.search(model, args.get("domain"), offset(args), limit(args), order(args), activeTest));
            case "search_count" -> OdooJson.NODES.numberNode(db.search(model, args.get("domain"), 0, limit(args), "id", activeTest).size());
            case "read" -> array(db.read(model, OdooJson.ids(args.get("ids")), fields(args)));
            case "create" -> create(model, args.get("vals_list"), singleCreate);
            case "write" -> {
                db.write(model, OdooJson.ids(args.get("ids")), args.path("vals"));
                db.applyOverride(model, OdooJson.ids(args.get("ids")));
                yield OdooJson.NODES.booleanNode(true);
            }
            case "unlink" -> {
                db.unlink(model, OdooJson.ids(args.get("ids")));
                yield OdooJson.NODES.booleanNode(true);
            }
            case "fields_get" -> db.fieldsGet(model, strings(args.get("allfields")), strings(args.get("attributes")));
            case "name_get" -> nameGet(model, OdooJson.ids(args.get("ids")));
            case "check_access_rights" -> checkAccessRights(model, args);
            case "action_apply_inventory" -> db.applyInventory(OdooJson.ids(args.get("ids")));
            case "action_confirm", "action_cancel", "action_draft" ->
                    db.orderAction(method, OdooJson.ids(args.get("ids")), args.path("context"));
            default -> throw new IllegalStateException(method);
        };
    }

    private static List<String> signature(String method) {
        List<String> signature = SIGNATURES.get(method);
        if (signature == null) {
            if (method.startsWith("_")) {
                throw OdooError.accessError("Private methods (such as " + method + ") cannot be called remotely.");
            }
            throw OdooError.attributeError("The method '" + method + "' does not exist");
        }
        return signature;
    }

    private JsonNode create(String model, JsonNode vals, boolean singleCreate) {
        if (vals != null && vals.isObject()) {
            long id = db.create(model, List.of(vals)).get(0);
            db.applyOverride(model, List.of(id));
            return singleCreate ? OdooJson.NODES.numberNode(id) : OdooJson.toJson(List.of(id));
        }
        if (vals == null || !vals.isArray()) {
            throw OdooError.typeError("create() missing 1 required positional argument: 'vals_list'");
        }
        List<JsonNode> list = new ArrayList<>();
        vals.forEach(list::add);
        List<Long> ids = db.create(model, list);
        db.applyOverride(model, ids);
        return OdooJson.toJson(ids);
    }

    private JsonNode nameGet(String model, List<Long> ids) {
        ArrayNode pairs = OdooJson.NODES.arrayNode();
        for (ObjectNode record : db.read(model, ids, List.of("display_name"))) {
            pairs.addArray().add(record.get("id")).add(record.get("display_name"));
        }
        return pairs;
    }

    private JsonNode checkAccessRights(String model, ObjectNode args) {
        String operation = args.path("operation").asText("read");
        boolean allowed = operation.equals("read") || db.canModify(model);
        if (!allowed && args.path("raise_exception").asBoolean(true)) {
            throw OdooError.accessError("You are not allowed to modify '" + db.model(model).description() + "' (" + model
                    + ") records.");
        }
        return OdooJson.NODES.booleanNode(allowed);
    }

    private static ArrayNode array(List<ObjectNode> records) {
        ArrayNode array = OdooJson.NODES.arrayNode();
        records.forEach(array::add);
        return array;
    }

    private static long offset(ObjectNode args) {
        return args.path("offset").asLong(0);
    }

    private static Long limit(ObjectNode args) {
        JsonNode limit = args.get("limit");
        return limit == null || !limit.isNumber() ? null : limit.asLong();
    }

    private static String order(ObjectNode args) {
        JsonNode order = args.get("order");
        return order == null || !order.isTextual() ? null : order.asText();
    }

    private static List<String> fields(ObjectNode args) {
        return strings(args.get("fields"));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
