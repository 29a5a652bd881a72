package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
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

    private volatile StockModels.Options options = StockModels.Options.DEFAULT;
    private volatile Map<String, ModelDef> models = StockModels.all(options);
    private final RecordViews views = new RecordViews(this);
    private final SalesRules sales = new SalesRules(this);
    private final CatalogueRules catalogue = new CatalogueRules(this);
    private final StockRules stock = new StockRules(this);
    /** The records being deleted by the operation, as "model:id". */
    private final Set<String> unlinking = new HashSet<>();
    /** The context of the call being answered ({@code warehouse}, {@code location}, ...). */
    private JsonNode context = OdooJson.NODES.objectNode();
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
        sales.forget();
        catalogue.forget();
        models.keySet().forEach(name -> tables.put(name, new RowTable()));
        orderSequence = 0;
        systemRow("res.users", Map.of("name", "OdooBot", "login", "__system__", "active", false));
        systemRow("res.users", Map.of("name", "Administrator", "login", adminLogin, "active", true));
        String[] codes = Locale.getISOCountries();
        Arrays.sort(codes);
        for (String code : codes) {
            systemRow("res.country", Map.of("name", new Locale("", code).getDisplayCountry(Locale.ENGLISH), "code", code));
        }
        BigDecimal cent = new BigDecimal("0.01");
        long usd = systemRow("res.currency", Map.of("name", "USD", "symbol", "$", "rounding", cent, "active", true));
        systemRow("res.currency", Map.of("name", "EUR", "symbol", "€", "rounding", cent, "active", true));
        systemRow("res.currency", Map.of("name", "GBP", "symbol", "£", "rounding", cent, "active", true));
        systemRow("res.company", Map.of("name", "My Company", "currency_id", usd, "tax_calculation_rounding_method", "round_per_line"));
        systemRow("product.pricelist", Map.of("name", "Public Pricelist", "currency_id", usd, "sequence", 16L, "active", true));
        long all = systemRow("product.category", Map.of("name", "All", "complete_name", "All"));
        systemRow("product.category", Map.of("name", "Saleable", "complete_name", "All / Saleable", "parent_id", all));
        long physical = systemRow("stock.location", Map.of("name", "Physical Locations", "complete_name", "Physical Locations",
                "usage", "view", "active", true));
        long partners = systemRow("stock.location", Map.of("name", "Partners", "complete_name", "Partners", "usage", "view",
                "active", true));
        long virtual = systemRow("stock.location", Map.of("name", "Virtual Locations", "complete_name", "Virtual Locations",
                "usage", "view", "active", true));
        systemRow("stock.location", Map.of("name", "Vendors", "complete_name", "Partners/Vendors", "usage", "supplier",
                "location_id", partners, "active", true));
        systemRow("stock.location", Map.of("name", "Customers", "complete_name", "Partners/Customers", "usage", "customer",
                "location_id", partners, "active", true));
        systemRow("stock.location", Map.of("name", "Inventory adjustment", "complete_name", "Virtual Locations/Inventory adjustment",
                "usage", "inventory", "location_id", virtual, "active", true));
        long view = systemRow("stock.location", Map.of("name", "WH", "complete_name", "WH", "usage", "view",
                "location_id", physical, "active", true));
        long stockLocation = systemRow("stock.location", Map.of("name", "Stock", "complete_name", "WH/Stock", "usage", "internal",
                "location_id", view, "active", true));
        systemRow("stock.warehouse", Map.of("name", "My Company", "code", "WH", "active", true, "sequence", 10L,
                "view_location_id", view, "lot_stock_id", stockLocation));
    }

    /**
     * Switches what differs between Odoo versions and databases: the order line's tax field
     * ({@code tax_id} or {@code tax_ids}; stored links move to the new name) and the decimals of
     * the 'Discount' precision (values already stored keep theirs, as in Odoo).
     */
    synchronized void setOptions(StockModels.Options value) {
        String before = options.orderLineTaxField();
        Map<String, ModelDef> rebuilt = StockModels.all(value);
        if (!before.equals(value.orderLineTaxField())) {
            RowTable lines = tables.get("sale.order.line");
            for (Long id : lines.ids()) {
                Map<String, Object> row = new HashMap<>(lines.get(id));
                Object taxes = row.remove(before);
                row.put(value.orderLineTaxField(), taxes);
                lines.put(id, row);
            }
        }
        if (value.mailModule() && !options.mailModule()) {
            RowTable partners = tables.get("res.partner");
            for (Long id : partners.ids()) {
                Map<String, Object> row = new HashMap<>(partners.get(id));
                row.put("email_normalized", StockModels.normalizedEmail(row.get("email")));
                partners.put(id, row);
            }
        }
        options = value;
        models = rebuilt;
    }

    StockModels.Options options() {
        return options;
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
        atomically(() -> {
            ids.forEach(id -> writeOne(def, id, vals));
            return null;
        });
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
        if (selection.candidates() == null) {
            meterScan(table.size(), Math.max(1, selection.leaves()));
        }
        // rows and candidates both come by increasing id: only another order needs a sort
        Stream<Map<String, Object>> matching = (selection.candidates() == null ? table.values().stream()
                : selection.candidates().stream().map(table::get)).filter(filter);
        if (!RecordOrder.isIdAscending(spec)) {
            matching = matching.sorted(sort);
        }
        return matching.skip(Math.max(0, offset)).limit(limit == null || limit <= 0 ? Long.MAX_VALUE : limit)
                .map(row -> (Long) row.get("id")).toList();
    }

    /**
     * What the API call being answered on this thread has scanned: rows, and terms evaluated (a
     * row times the leaves of the domain). Null outside an API call (seeding, the rules' own
     * look-ups), which is not metered.
     */
    private static final ThreadLocal<long[]> METER = new ThreadLocal<>();
    private final java.util.concurrent.atomic.AtomicLong rowsScanned = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong termsEvaluated = new java.util.concurrent.atomic.AtomicLong();

    private void meterScan(long rows, long terms) {
        long[] meter = METER.get();
        if (meter != null) {
            meter[0] += rows;
            meter[1] += rows * terms;
            rowsScanned.addAndGet(rows);
            termsEvaluated.addAndGet(rows * terms);
        }
    }

    /** Meters the scans of one API call on this thread; answers the terms it evaluated (a row times its domain's leaves). */
    static long metered(Runnable call) {
        long[] meter = new long[2];
        METER.set(meter);
        try {
            call.run();
        } finally {
            METER.remove();
        }
        return meter[1];
    }

    /** Rows scanned by API calls since the last {@link #resetScans}: 0 when every search was answered from an index. */
    long rowsScanned() {
        return rowsScanned.get();
    }

    long termsEvaluated() {
        return termsEvaluated.get();
    }

    void resetScans() {
        rowsScanned.set(0);
        termsEvaluated.set(0);
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

    /** Runs a call with its context (read by the computed stock quantities). */
    synchronized <T> T withContext(JsonNode value, Supplier<T> call) {
        JsonNode previous = context;
        context = value == null || !value.isObject() ? OdooJson.NODES.objectNode() : value;
        try {
            return call.get();
        } finally {
            context = previous;
        }
    }

    JsonNode context() {
        return context;
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
            ids.forEach(id -> sales.checkUnlink(def, id));
            ids.forEach(id -> unlinkOne(def, id));
            return null;
        });
    }

    /** A write stamped with a given time, as if it had happened then (for seeding). */
    synchronized void writeAt(String model, long id, JsonNode vals, LocalDateTime at) {
        stampOverride = at.format(FieldValues.DATETIME);
        try {
            atomically(() -> {
                ModelDef def = model(model);
                ensureExist(def, List.of(id));
                writeOne(def, id, vals);
                return null;
            });
        } finally {
            stampOverride = null;
        }
    }

    /** Sets a product's on-hand quantity at a location, as Inventory's "Update quantity" does; answers the quant. */
    synchronized long setOnHand(long product, long location, BigDecimal quantity, LocalDateTime at) {
        stampOverride = at == null ? null : at.format(FieldValues.DATETIME);
        try {
            return atomically(() -> {
                ensureExist(model("product.product"), List.of(product));
                ensureExist(model("stock.location"), List.of(location));
                long quant = stock.quantFor(product, location);
                writeOne(model("stock.quant"), quant, OdooJson.NODES.objectNode().put("inventory_quantity", quantity));
                stock.applyInventory(List.of(quant));
                return quant;
            });
        } finally {
            stampOverride = null;
        }
    }

    /** {@code stock.quant}'s {@code action_apply_inventory}, as one transaction. */
    synchronized JsonNode applyInventory(List<Long> ids) {
        return atomically(() -> {
            ModelDef def = model("stock.quant");
            checkModify(def, "write");
            ensureExist(def, ids);
            return stock.applyInventory(ids);
        });
    }

    /** A sales order's {@code action_confirm}, {@code action_cancel} or {@code action_draft}, as one transaction. */
    synchronized JsonNode orderAction(String method, List<Long> ids, JsonNode context) {
        return atomically(() -> {
            ModelDef def = model("sale.order");
            checkModify(def, "write");
            ensureExist(def, ids);
            return sales.action(method, ids, context);
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
            if (field.type() == OdooFieldType.FLOAT && field.digits() >= 0) {
                description.putArray("digits").add(field.precision()).add(field.digits());
            }
            if (field.type() == OdooFieldType.MONETARY && def.field("currency_id").isPresent()) {
                description.put("currency_field", "currency_id");
            }
            if (field.selection() != null) {
                description.set("selection", OdooJson.toJson(field.selection()));
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

    long createOne(ModelDef def, JsonNode given) {
        if (given == null || !given.isObject()) {
            throw OdooError.valueError("create() takes dictionaries of field values, not " + given);
        }
        JsonNode vals = stock.beforeCreate(def, catalogue.beforeCreate(def, nextIds.getOrDefault(def.name(), 0L) + 1, given));
        long id = nextIds.merge(def.name(), 1L, Long::sum);
        Map<String, Object> row = new HashMap<>();
        for (FieldDef field : def.fields().values()) {
            if (field.defaultValue() != null) {
                boolean decimal = field.type() == OdooFieldType.FLOAT || field.type() == OdooFieldType.MONETARY;
                row.put(field.name(), decimal ? FieldValues.decimal(field.defaultValue()) : field.defaultValue());
            }
        }
        Map<FieldDef, JsonNode> commands = assign(def, row, vals);
        String now = stamp();
        row.put("id", id);
        row.put("create_date", now);
        row.put("create_uid", ADMIN_UID);
        row.put("write_date", now);
        row.put("write_uid", ADMIN_UID);
        completeDefaults(def, row, now);
        completeComputed(def, row);
        sales.completeCreate(def, row);
        catalogue.complete(def, row);
        stock.complete(def, row, true, now);
        stock.beforeStore(def, row, vals);
        check(def, row, id);
        catalogue.check(def, row, id);
        put(def, id, row);
        commands.forEach((field, list) -> applyCommands(field, id, list));
        catalogue.created(def, row);
        sales.created(def, row);
        return id;
    }

    /** Writes values over a record, as {@code write} does for each record. */
    void writeOne(ModelDef def, long id, JsonNode given) {
        JsonNode vals = catalogue.beforeWrite(def, id, given);
        Map<String, Object> before = rows(def).get(id);
        Map<String, Object> row = new HashMap<>(before);
        Map<FieldDef, JsonNode> commands = assign(def, row, vals);
        sales.completeWrite(def, row, vals);
        completeComputed(def, row);
        catalogue.complete(def, row);
        stock.complete(def, row, false, null);
        stock.beforeStore(def, row, vals);
        row.put("write_date", stamp());
        row.put("write_uid", ADMIN_UID);
        check(def, row, id);
        catalogue.check(def, row, id);
        put(def, id, row);
        commands.forEach((field, list) -> applyCommands(field, id, list));
        catalogue.written(def, before, row, vals);
        stock.written(def, row, vals);
        sales.written(def, before, row, vals);
    }

    /** Whether a record is the target of a many2one that restricts deleting it (then Odoo archives instead). */
    boolean isReferenced(ModelDef def, long id) {
        for (ModelDef other : models.values()) {
            for (FieldDef field : other.fields().values()) {
                if (field.type() == OdooFieldType.MANY2ONE && def.name().equals(field.comodel()) && !field.computed()
                        && "restrict".equals(field.ondelete())) {
                    RowTable rows = rows(other);
                    if (rows.mayEqual(field.name(), id).stream().anyMatch(ref -> Objects.equals(rows.get(ref).get(field.name()), id))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private Map<FieldDef, JsonNode> assign(ModelDef def, Map<String, Object> row, JsonNode vals) {
        Map<FieldDef, JsonNode> commands = new LinkedHashMap<>();
        vals.fields().forEachRemaining(entry -> {
            FieldDef field = def.fieldOrFail(entry.getKey());
            if (field.computed()) {
                return;
            }
            if (field.type() == OdooFieldType.ONE2MANY) {
                commands.put(field, entry.getValue());
            } else if (field.type() == OdooFieldType.MANY2MANY) {
                row.put(field.name(), many2many(def, field, (List<?>) row.get(field.name()), entry.getValue()));
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
                row.computeIfAbsent("price_unit", k -> catalogue.salesPrice(product));
            }
        }
    }

    /** The stored computed fields of the contact: the mail module's {@code email_normalized}. */
    private static void completeComputed(ModelDef def, Map<String, Object> row) {
        if (def.name().equals("res.partner") && def.field("email_normalized").isPresent()) {
            row.put("email_normalized", StockModels.normalizedEmail(row.get("email")));
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

    /**
     * The ids a many2many holds after a write: a list of ids replaces them, as do Odoo's commands
     * {@code [6, 0, ids]}; {@code [4, id]} adds one, {@code [3, id]} takes one away, {@code [5]}
     * takes all away, {@code [0, 0, vals]} creates one, {@code [1, id, vals]} writes one and
     * {@code [2, id]} deletes one. An id of no record is a MissingError.
     */
    private List<Long> many2many(ModelDef def, FieldDef field, List<?> current, JsonNode value) {
        ModelDef comodel = model(field.comodel());
        java.util.LinkedHashSet<Long> ids = new java.util.LinkedHashSet<>();
        if (current != null) {
            current.forEach(id -> ids.add((Long) id));
        }
        if (value == null || value.isNull() || (value.isBoolean() && !value.asBoolean())) {
            return List.of();
        }
        if (!value.isArray()) {
            throw OdooError.valueError("Wrong value for " + def.name() + "." + field.name() + ": " + value);
        }
        boolean plainIds = value.size() > 0;
        for (JsonNode element : value) {
            plainIds &= element.isIntegralNumber();
        }
        if (plainIds) {
            List<Long> set = OdooJson.ids(value);
            ensureExist(comodel, set);
            return List.copyOf(new java.util.LinkedHashSet<>(set));
        }
        for (JsonNode command : value) {
            int code = command.isArray() && command.size() > 0 && command.get(0).isIntegralNumber() ? command.get(0).asInt() : -1;
            switch (code) {
                case 0 -> {
                    if (!command.path(2).isObject()) {
                        throw OdooError.valueError("Command CREATE needs a dictionary of values: " + command);
                    }
                    ids.add(createOne(comodel, command.get(2)));
                }
                case 1 -> {
                    long id = targetId(def, field, command);
                    ensureExist(comodel, List.of(id));
                    writeOne(comodel, id, command.path(2));
                }
                case 2 -> {
                    long id = targetId(def, field, command);
                    ensureExist(comodel, List.of(id));
                    unlinkOne(comodel, id);
                    ids.remove(id);
                }
                case 3 -> ids.remove(targetId(def, field, command));
                case 4 -> {
                    long id = targetId(def, field, command);
                    ensureExist(comodel, List.of(id));
                    ids.add(id);
                }
                case 5 -> ids.clear();
                case 6 -> {
                    if (!command.path(2).isArray()) {
                        throw OdooError.valueError("Command SET needs a list of ids: " + command);
                    }
                    List<Long> set = OdooJson.ids(command.get(2));
                    ensureExist(comodel, set);
                    ids.clear();
                    ids.addAll(set);
                }
                default -> throw OdooError.valueError("Wrong value for " + def.name() + "." + field.name() + ": " + command);
            }
        }
        return List.copyOf(ids);
    }

    private static long targetId(ModelDef def, FieldDef field, JsonNode command) {
        if (!command.path(1).isIntegralNumber()) {
            throw OdooError.valueError("Wrong value for " + def.name() + "." + field.name() + ": " + command);
        }
        return command.get(1).asLong();
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
                    sales.checkUnlink(child, target);
                    unlinkOne(child, target);
                }
                case 4 -> {
                    ensureExist(child, List.of(target));
                    writeOne(child, target, OdooJson.NODES.objectNode().put(one2many.inverse(), parentId));
                }
                case 5 -> views.childIds(one2many, parentId).forEach(line -> {
                    sales.checkUnlink(child, line);
                    unlinkOne(child, line);
                });
                case 6 -> {
                    List<Long> keep = OdooJson.ids(command.path(2));
                    ensureExist(child, keep);
                    views.childIds(one2many, parentId).stream().filter(line -> !keep.contains(line)).forEach(line -> {
                        sales.checkUnlink(child, line);
                        unlinkOne(child, line);
                    });
                    keep.forEach(line -> writeOne(child, line, OdooJson.NODES.objectNode().put(one2many.inverse(), parentId)));
                }
                default -> throw OdooError.valueError("Invalid command for " + one2many.name() + ": " + command);
            }
        }
    }

    void unlinkOne(ModelDef def, long id) {
        if (!rows(def).containsKey(id) || catalogue.archiveInsteadOfUnlink(def, id, unlinking)) {
            return;
        }
        String key = def.name() + ":" + id;
        boolean outermost = unlinking.add(key);
        try {
            unlinkRow(def, id);
        } finally {
            if (outermost) {
                unlinking.remove(key);
            }
        }
    }

    private void unlinkRow(ModelDef def, long id) {
        sales.unlinking(def, rows(def).get(id));
        for (ModelDef other : models.values()) {
            for (FieldDef field : other.fields().values()) {
                if (field.type() == OdooFieldType.MANY2MANY && def.name().equals(field.comodel())) {
                    unlinkFromMany2many(other, field, id);
                }
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
        if (previous == null) {
            return; // deleted meanwhile by a cascade
        }
        undo.push(() -> rows(def).put(id, previous));
        catalogue.unlinked(def, previous, unlinking);
    }

    /** Takes a deleted record out of the many2many fields holding it, as the relation table's cascade does. */
    private void unlinkFromMany2many(ModelDef model, FieldDef field, long id) {
        for (Map<String, Object> holder : List.copyOf(rows(model).values())) {
            Object ids = holder.get(field.name());
            if (ids instanceof List<?> list && list.contains(id)) {
                Map<String, Object> row = new HashMap<>(holder);
                row.put(field.name(), list.stream().filter(other -> !Objects.equals(other, id)).toList());
                put(model, (Long) row.get("id"), row);
                sales.written(model, holder, row, OdooJson.NODES.objectNode().set(field.name(), OdooJson.NODES.arrayNode()));
            }
        }
    }

    private static OdooError foreignKeyViolation(ModelDef reported, ModelDef referring, FieldDef field) {
        return OdooError.validation("The operation cannot be completed: another model requires the record being deleted."
                + " If possible, archive it instead.\n\nModel: " + reported.label() + "\nConstraint: "
                + referring.table() + "_" + field.name() + "_fkey\n");
    }

    void ensureExist(ModelDef def, List<Long> ids) {
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

    /** Stores a row so that a failed operation puts the previous one back. */
    void put(ModelDef def, long id, Map<String, Object> row) {
        Map<String, Object> previous = rows(def).put(id, row);
        undo.push(() -> {
            if (previous == null) {
                rows(def).remove(id);
            } else {
                rows(def).put(id, previous);
            }
        });
    }

    /** Runs an operation as one transaction; computed amounts are brought up to date before it ends. */
    <T> T atomically(Supplier<T> work) {
        undo.clear();
        try {
            T result = work.get();
            catalogue.flush();
            sales.recompute();
            undo.clear();
            return result;
        } catch (RuntimeException e) {
            sales.forget();
            catalogue.forget();
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        }
    }

    private long systemRow(String model, Map<String, Object> values) {
        long id = nextIds.merge(model, 1L, Long::sum);
        Map<String, Object> row = new HashMap<>(values);
        row.put("id", id);
        row.put("create_date", SYSTEM_STAMP);
        row.put("write_date", SYSTEM_STAMP);
        tables.get(model).put(id, row);
        return id;
    }

    /** Now to the second, as Odoo's {@code fields.Datetime.now()}. */
    synchronized String now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(FieldValues.DATETIME);
    }

    RecordViews views() {
        return views;
    }

    SalesRules salesRules() {
        return sales;
    }

    CatalogueRules catalogue() {
        return catalogue;
    }

    StockRules stock() {
        return stock;
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
