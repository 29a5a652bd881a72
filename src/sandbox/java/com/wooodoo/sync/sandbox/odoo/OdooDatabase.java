package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The simulator's database: rows of the stock models, with the rules Odoo and its PostgreSQL
 * apply. Every public operation is atomic, as an Odoo RPC call runs in one transaction: a
 * create of several records that fails on the third creates none.
 */
final class OdooDatabase {

    static final long ADMIN_UID = 2;
    private static final String SYSTEM_STAMP = "2024-01-01 00:00:00";
    private static final java.time.format.DateTimeFormatter MICROSECONDS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final Map<String, ModelDef> models = StockModels.all();
    private final RecordViews views = new RecordViews(this);
    private final Map<String, RowTable> tables = new HashMap<>();
    private final Map<String, Long> nextIds = new HashMap<>();
    private final Map<String, Set<String>> uniqueFields = new HashMap<>();
    private final Set<String> writeProtected = new HashSet<>();
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final String adminLogin;
    private Clock clock = Clock.systemUTC();
    private String stampOverride;
    private long orderSequence;

    OdooDatabase(String adminLogin) {
        this.adminLogin = adminLogin;
        resetData();
    }

    synchronized void resetData() {
        tables.clear();
        nextIds.clear();
        overrides.clear();
        models.keySet().forEach(name -> tables.put(name, new RowTable()));
        orderSequence = 0;
        systemRow("res.users", Map.of("name", "OdooBot", "login", "__system__", "active", false));
        systemRow("res.users", Map.of("name", "Administrator", "login", adminLogin, "active", true));
        String[] codes = Locale.getISOCountries();
        Arrays.sort(codes);
        for (String code : codes) {
            systemRow("res.country", Map.of("name", new Locale("", code).getDisplayCountry(Locale.ENGLISH), "code", code));
        }
    }

    synchronized void setClock(Clock value) {
        clock = value;
    }

    synchronized void setUnique(String model, String field, boolean enabled) {
        model(model).fieldOrFail(field);
        if (enabled) {
            uniqueFields.computeIfAbsent(model, m -> new HashSet<>()).add(field);
        } else {
            uniqueFields.getOrDefault(model, new HashSet<>()).remove(field);
        }
    }

    /** A field an installed module sets itself after each API create or write, a number of times. */
    private record FieldOverride(String field, JsonNode value, int[] remaining) {
    }

    private final java.util.Map<String, FieldOverride> overrides = new java.util.HashMap<>();

    synchronized void setFieldOverride(String model, String field, JsonNode value, int times) {
        model(model);
        if (times <= 0) {
            overrides.remove(model);
        } else {
            overrides.put(model, new FieldOverride(field, value, new int[] {times}));
        }
    }

    /** Runs the override of the model, if one is left, over records just created or written by a call. */
    synchronized void applyOverride(String model, List<Long> ids) {
        FieldOverride override = overrides.get(model(model).name());
        if (override == null || override.remaining()[0] <= 0 || ids.isEmpty()) {
            return;
        }
        override.remaining()[0]--;
        ModelDef def = model(model);
        ObjectNode vals = OdooJson.NODES.objectNode().set(override.field(), override.value());
        ids.forEach(id -> writeOne(def, id, vals));
    }

    synchronized void setWriteProtected(String model, boolean enabled) {
        model(model);
        if (enabled) {
            writeProtected.add(model);
        } else {
            writeProtected.remove(model);
        }
    }

    boolean hasModel(String name) {
        return models.containsKey(name);
    }

    ModelDef model(String name) {
        ModelDef model = models.get(name);
        if (model == null) {
            throw OdooError.unknownModel(name);
        }
        return model;
    }

    synchronized List<Long> search(String model, JsonNode domain, long offset, Long limit, String order, boolean activeTest) {
        ModelDef def = model(model);
        Domain.Selection selection = Domain.select(views, def, domain);
        Predicate<Map<String, Object>> filter = selection.test();
        if (activeTest && def.field("active").isPresent() && !Domain.mentions(domain, "active")) {
            filter = filter.and(row -> Domain.truthy(row.get("active")));
        }
        String spec = order == null || order.isBlank() ? def.defaultOrder() : order;
        Comparator<Map<String, Object>> sort = RecordOrder.parse(def, spec);
        RowTable table = rows(def);
        // rows and candidates both come by increasing id: only another order needs a sort
        Stream<Map<String, Object>> matching = (selection.candidates() == null ? table.values().stream()
                : selection.candidates().stream().map(table::get)).filter(filter);
        if (!RecordOrder.isIdAscending(spec)) {
            matching = matching.sorted(sort);
        }
        return matching.skip(Math.max(0, offset)).limit(limit == null || limit <= 0 ? Long.MAX_VALUE : limit)
                .map(row -> (Long) row.get("id")).toList();
    }

    synchronized List<ObjectNode> searchRead(String model, JsonNode domain, long offset, Long limit, String order,
                                             boolean activeTest, List<String> fields) {
        return views.render(model(model), search(model, domain, offset, limit, order, activeTest), fields);
    }

    synchronized List<ObjectNode> read(String model, List<Long> ids, List<String> fields) {
        ModelDef def = model(model);
        ensureExist(def, ids);
        return views.render(def, ids, fields);
    }

    synchronized List<Long> create(String model, List<JsonNode> valsList) {
        return atomically(() -> {
            ModelDef def = model(model);
            checkModify(def, "create");
            List<Long> ids = new ArrayList<>();
            valsList.forEach(vals -> ids.add(createOne(def, vals)));
            return ids;
        });
    }

    /** A create stamped with a given time, as if it had happened then (for seeding). */
    synchronized long createAt(String model, JsonNode vals, LocalDateTime at) {
        stampOverride = at.format(FieldValues.DATETIME);
        try {
            return atomically(() -> createOne(model(model), vals));
        } finally {
            stampOverride = null;
        }
    }

    synchronized void write(String model, List<Long> ids, JsonNode vals) {
        atomically(() -> {
            ModelDef def = model(model);
            checkModify(def, "write");
            ensureExist(def, ids);
            if (!vals.isObject()) {
                throw OdooError.valueError("write() takes a dictionary of field values, not " + vals);
            }
            ids.forEach(id -> writeOne(def, id, vals));
            return null;
        });
    }

    synchronized void unlink(String model, List<Long> ids) {
        atomically(() -> {
            ModelDef def = model(model);
            checkModify(def, "unlink");
            ensureExist(def, ids);
            ids.forEach(id -> unlinkOne(def, id));
            return null;
        });
    }

    synchronized boolean canModify(String model) {
        return !writeProtected.contains(model(model).name());
    }

    synchronized ObjectNode fieldsGet(String model, List<String> allfields, List<String> attributes) {
        ModelDef def = model(model);
        ObjectNode result = OdooJson.NODES.objectNode();
        for (FieldDef field : def.fields().values()) {
            if (allfields != null && !allfields.isEmpty() && !allfields.contains(field.name())) {
                continue;
            }
            ObjectNode description = OdooJson.NODES.objectNode();
            description.put("type", field.type().odooName());
            description.put("string", field.label());
            description.put("required", field.required());
            description.put("readonly", field.readonly());
            if (field.comodel() != null) {
                description.put("relation", field.comodel());
            }
            if (field.inverse() != null) {
                description.put("relation_field", field.inverse());
            }
            if (attributes != null && !attributes.isEmpty()) {
                description.retain(attributes);
            }
            result.set(field.name(), description);
        }
        return result;
    }

    synchronized String displayName(String model, Long id) {
        return views.displayName(model, id);
    }

    synchronized int size(String model) {
        return rows(model(model)).size();
    }

    synchronized List<Long> ids(String model) {
        return rows(model(model)).ids();
    }

    private long createOne(ModelDef def, JsonNode vals) {
        if (vals == null || !vals.isObject()) {
            throw OdooError.valueError("create() takes dictionaries of field values, not " + vals);
        }
        long id = nextIds.merge(def.name(), 1L, Long::sum);
        Map<String, Object> row = new HashMap<>();
        def.fields().values().stream().filter(f -> f.defaultValue() != null).forEach(f -> row.put(f.name(), f.defaultValue()));
        Map<FieldDef, JsonNode> commands = assign(def, row, vals);
        String now = stamp();
        row.put("id", id);
        row.put("create_date", now);
        row.put("create_uid", ADMIN_UID);
        row.put("write_date", now);
        row.put("write_uid", ADMIN_UID);
        completeDefaults(def, row, now);
        check(def, row, id);
        put(def, id, row);
        commands.forEach((field, list) -> applyCommands(field, id, list));
        return id;
    }

    private void writeOne(ModelDef def, long id, JsonNode vals) {
        Map<String, Object> row = new HashMap<>(rows(def).get(id));
        Map<FieldDef, JsonNode> commands = assign(def, row, vals);
        row.put("write_date", stamp());
        row.put("write_uid", ADMIN_UID);
        check(def, row, id);
        put(def, id, row);
        commands.forEach((field, list) -> applyCommands(field, id, list));
    }

    private Map<FieldDef, JsonNode> assign(ModelDef def, Map<String, Object> row, JsonNode vals) {
        Map<FieldDef, JsonNode> commands = new LinkedHashMap<>();
        vals.fields().forEachRemaining(entry -> {
            FieldDef field = def.fieldOrFail(entry.getKey());
            if (field.readonly()) {
                return;
            }
            if (field.type() == OdooFieldType.ONE2MANY) {
                commands.put(field, entry.getValue());
            } else {
                row.put(field.name(), FieldValues.coerce(def, field, entry.getValue()));
            }
        });
        return commands;
    }

    /** The defaults Odoo computes from other values (sequence, order date, line description and price). */
    private void completeDefaults(ModelDef def, Map<String, Object> row, String now) {
        if (def.name().equals("sale.order")) {
            row.computeIfAbsent("name", k -> String.format("S%05d", ++orderSequence));
            row.computeIfAbsent("date_order", k -> now);
        } else if (def.name().equals("sale.order.line") && row.get("product_id") != null) {
            Map<String, Object> product = rows(model("product.product")).get(row.get("product_id"));
            if (product != null) {
                row.computeIfAbsent("name", k -> views.displayName("product.product", (Long) row.get("product_id")));
                row.computeIfAbsent("price_unit", k -> product.get("list_price"));
            }
        }
    }

    private void check(ModelDef def, Map<String, Object> row, long id) {
        for (FieldDef field : def.fields().values()) {
            Object value = row.get(field.name());
            if (field.type() == OdooFieldType.MANY2ONE && value != null && !rows(model(field.comodel())).containsKey(value)) {
                throw foreignKeyViolation(def, def, field);
            }
        }
        for (FieldDef field : def.fields().values()) {
            if (field.required() && row.get(field.name()) == null) {
                throw OdooError.validation("The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n"
                        + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                        + "Model: " + def.label() + "\nField: " + field.label() + " (" + field.name() + ")\n");
            }
        }
        for (String field : uniqueFields.getOrDefault(def.name(), Set.of())) {
            Object value = row.get(field);
            boolean taken = value != null && rows(def).mayEqual(field, value).stream().map(rows(def)::get)
                    .anyMatch(other -> value.equals(other.get(field)) && !Objects.equals(other.get("id"), id));
            if (taken) {
                throw OdooError.validation("The operation cannot be completed: duplicate key value violates unique constraint \""
                        + def.table() + "_" + field + "_uniq\"\nDETAIL:  Key (" + field + ")=(" + value + ") already exists.\n");
            }
        }
    }

    private void applyCommands(FieldDef one2many, long parentId, JsonNode commands) {
        ModelDef child = model(one2many.comodel());
        if (!commands.isArray()) {
            throw OdooError.valueError("Wrong value for " + one2many.name() + ": " + commands);
        }
        for (JsonNode command : commands) {
            int code = command.isArray() && command.size() > 0 && command.get(0).isIntegralNumber() ? command.get(0).asInt() : -1;
            long target = command.path(1).asLong(0);
            switch (code) {
                case 0 -> {
                    ObjectNode vals = command.path(2).isObject() ? ((ObjectNode) command.get(2)).deepCopy() : null;
                    if (vals == null) {
                        throw OdooError.valueError("Command CREATE needs a dictionary of values: " + command);
                    }
                    vals.put(one2many.inverse(), parentId);
                    createOne(child, vals);
                }
                case 1 -> {
                    ensureExist(child, List.of(target));
                    writeOne(child, target, command.path(2));
                }
                case 2, 3 -> {
                    ensureExist(child, List.of(target));
                    unlinkOne(child, target);
                }
                case 4 -> {
                    ensureExist(child, List.of(target));
                    writeOne(child, target, OdooJson.NODES.objectNode().put(one2many.inverse(), parentId));
                }
                case 5 -> views.childIds(one2many, parentId).forEach(line -> unlinkOne(child, line));
                case 6 -> {
                    List<Long> keep = OdooJson.ids(command.path(2));
                    ensureExist(child, keep);
                    views.childIds(one2many, parentId).stream().filter(line -> !keep.contains(line))
                            .forEach(line -> unlinkOne(child, line));
                    keep.forEach(line -> writeOne(child, line, OdooJson.NODES.objectNode().put(one2many.inverse(), parentId)));
                }
                default -> throw OdooError.valueError("Invalid command for " + one2many.name() + ": " + command);
            }
        }
    }

    private void unlinkOne(ModelDef def, long id) {
        if (!rows(def).containsKey(id)) {
            return;
        }
        for (ModelDef other : models.values()) {
            for (FieldDef field : other.fields().values()) {
                if (field.type() != OdooFieldType.MANY2ONE || !def.name().equals(field.comodel())) {
                    continue;
                }
                List<Long> referring = rows(other).mayEqual(field.name(), id).stream().map(rows(other)::get)
                        .filter(row -> Objects.equals(row.get(field.name()), id)).map(row -> (Long) row.get("id")).toList();
                if (referring.isEmpty()) {
                    continue;
                }
                switch (field.ondelete()) {
                    case "restrict" -> throw foreignKeyViolation(def, other, field);
                    case "cascade" -> referring.forEach(ref -> unlinkOne(other, ref));
                    default -> referring.forEach(ref -> {
                        Map<String, Object> row = new HashMap<>(rows(other).get(ref));
                        row.put(field.name(), null);
                        put(other, ref, row);
                    });
                }
            }
        }
        Map<String, Object> previous = rows(def).remove(id);
        undo.push(() -> rows(def).put(id, previous));
    }

    private static OdooError foreignKeyViolation(ModelDef reported, ModelDef referring, FieldDef field) {
        return OdooError.validation("The operation cannot be completed: another model requires the record being deleted."
                + " If possible, archive it instead.\n\nModel: " + reported.label() + "\nConstraint: "
                + referring.table() + "_" + field.name() + "_fkey\n");
    }

    private void ensureExist(ModelDef def, List<Long> ids) {
        List<Long> missing = ids.stream().filter(id -> !rows(def).containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            throw OdooError.missing(def.name(), missing);
        }
    }

    private void checkModify(ModelDef def, String operation) {
        if (writeProtected.contains(def.name())) {
            String verb = switch (operation) {
                case "create" -> "create";
                case "unlink" -> "delete";
                default -> "modify";
            };
            throw OdooError.accessError("You are not allowed to " + verb + " '" + def.description() + "' (" + def.name() + ") records.");
        }
    }

    private void put(ModelDef def, long id, Map<String, Object> row) {
        Map<String, Object> previous = rows(def).put(id, row);
        undo.push(() -> {
            if (previous == null) {
                rows(def).remove(id);
            } else {
                rows(def).put(id, previous);
            }
        });
    }

    private <T> T atomically(Supplier<T> work) {
        undo.clear();
        try {
            T result = work.get();
            undo.clear();
            return result;
        } catch (RuntimeException e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        }
    }

    private void systemRow(String model, Map<String, Object> values) {
        long id = nextIds.merge(model, 1L, Long::sum);
        Map<String, Object> row = new HashMap<>(values);
        row.put("id", id);
        row.put("create_date", SYSTEM_STAMP);
        row.put("write_date", SYSTEM_STAMP);
        tables.get(model).put(id, row);
    }

    /**
     * Now, to the microsecond as PostgreSQL keeps it: reads show whole seconds, but a domain
     * {@code write_date > '... 10:00:00'} still finds a record written at 10:00:00.3.
     */
    private String stamp() {
        return stampOverride != null ? stampOverride
                : LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(MICROSECONDS);
    }

    RowTable rows(ModelDef def) {
        return tables.get(def.name());
    }
}
