package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What Odoo 17's Inventory app does, reduced to stock levels and reservations:
 * <ul>
 *   <li>a warehouse created with a name and a code gets its view location (the code) and its stock
 *       location ({@code CODE/Stock}); a location's {@code complete_name} is its parent's and its
 *       name joined by "/", but a view location's children start afresh;</li>
 *   <li>a variant's {@code qty_available} is what the quants of internal locations hold,
 *       {@code free_qty} that less what is reserved, {@code virtual_available} that plus incoming
 *       and less outgoing moves not yet done; all restricted to the {@code warehouse} (or
 *       {@code warehouse_id}) and {@code location} of the context, given by id or name, each
 *       location with its children (every warehouse when the context names none);</li>
 *   <li>"Update quantity": a quant's {@code inventory_quantity} written, then
 *       {@code action_apply_inventory}, sets its quantity with a done move from the inventory
 *       adjustment location; the quant's write date moves, the product's does not;</li>
 *   <li>confirming a sales order makes one outgoing move per line of a consumable or storable
 *       product, from the order's warehouse's stock location to the customers' location; a
 *       storable product's move reserves what the quants there have free (first quants first),
 *       a consumable's is available at once without reserving, as Odoo's
 *       {@code _should_bypass_reservation} has it; cancelling the order cancels its moves and frees
 *       what they reserved.</li>
 * </ul>
 * There are no pickings, routes or units of measure. Called with the database's lock held,
 * within an operation.
 */
final class StockRules {

    static final String LOCATION = "stock.location";
    static final String WAREHOUSE = "stock.warehouse";
    static final String QUANT = "stock.quant";
    static final String MOVE = "stock.move";
    /** Where a move keeps the quants it reserved from (Odoo keeps them on its move lines): not a field. */
    private static final String RESERVED_FROM = "__reserved_from";
    private static final Set<String> OPEN_MOVE_STATES = Set.of("waiting", "confirmed", "partially_available", "assigned");

    private final OdooDatabase db;

    StockRules(OdooDatabase db) {
        this.db = db;
    }

    // ---- create and write ------------------------------------------------------------------

    /** A warehouse without locations gets them, as Odoo's warehouse create makes them. */
    JsonNode beforeCreate(ModelDef def, JsonNode vals) {
        if (!def.name().equals(WAREHOUSE) || !vals.isObject() || vals.hasNonNull("view_location_id")) {
            return vals;
        }
        ObjectNode copy = ((ObjectNode) vals).deepCopy();
        String code = copy.path("code").asText("");
        if (code.isEmpty()) {
            return copy; // a mandatory field is missing: the create fails on it
        }
        ModelDef locations = db.model(LOCATION);
        ObjectNode view = OdooJson.NODES.objectNode().put("name", code).put("usage", "view");
        Long physical = find(LOCATION, "complete_name", "Physical Locations");
        if (physical != null) {
            view.put("location_id", physical);
        }
        long viewId = db.createOne(locations, view);
        long stock = db.createOne(locations, OdooJson.NODES.objectNode().put("name", "Stock").put("usage", "internal")
                .put("location_id", viewId));
        copy.put("view_location_id", viewId);
        if (!copy.hasNonNull("lot_stock_id")) {
            copy.put("lot_stock_id", stock);
        }
        return copy;
    }

    /** Values computed from other records, before the row is checked. */
    void complete(ModelDef def, Map<String, Object> row, boolean creating, String now) {
        switch (def.name()) {
            case LOCATION -> row.put("complete_name", locationName(row));
            case QUANT -> {
                if (creating) {
                    row.putIfAbsent("in_date", now);
                }
            }
            case "sale.order" -> {
                if (creating && !row.containsKey("warehouse_id")) {
                    row.put("warehouse_id", defaultWarehouse());
                }
            }
            default -> {
            }
        }
    }

    /** A quant whose counted quantity is written is marked counted, as the inventory view does. */
    void beforeStore(ModelDef def, Map<String, Object> row, JsonNode vals) {
        if (def.name().equals(QUANT) && vals.has("inventory_quantity") && !vals.has("inventory_quantity_set")) {
            row.put("inventory_quantity_set", true);
        }
    }

    void written(ModelDef def, Map<String, Object> row, JsonNode vals) {
        if (def.name().equals(LOCATION) && (vals.has("name") || vals.has("location_id") || vals.has("usage"))) {
            renameChildren(def, (Long) row.get("id"));
        }
    }

    private void renameChildren(ModelDef def, long id) {
        RowTable rows = db.rows(def);
        for (Long child : List.copyOf(rows.mayEqual("location_id", id))) {
            Map<String, Object> row = rows.get(child);
            if (row != null && Objects.equals(row.get("location_id"), id)) {
                Map<String, Object> copy = new HashMap<>(row);
                copy.put("complete_name", locationName(copy));
                db.put(def, child, copy);
                renameChildren(def, child);
            }
        }
    }

    private String locationName(Map<String, Object> row) {
        Map<String, Object> parent = db.rows(db.model(LOCATION)).get(row.get("location_id"));
        return parent == null || "view".equals(row.get("usage")) ? String.valueOf(row.get("name"))
                : parent.get("complete_name") + "/" + row.get("name");
    }

    /** The first warehouse, as a sales order's default. */
    Long defaultWarehouse() {
        ModelDef warehouses = db.model(WAREHOUSE);
        return db.rows(warehouses).values().stream().filter(row -> Domain.truthy(row.get("active")))
                .sorted(RecordOrder.parse(warehouses, warehouses.defaultOrder())).map(row -> (Long) row.get("id")).findFirst().orElse(null);
    }

    private Long find(String model, String field, String value) {
        RowTable rows = db.rows(db.model(model));
        return rows.values().stream().filter(row -> value.equals(row.get(field))).map(row -> (Long) row.get("id")).findFirst()
                .orElse(null);
    }

    private Long locationOfUsage(String usage) {
        return find(LOCATION, "usage", usage);
    }

    // ---- inventory -------------------------------------------------------------------------

    /** The quant of a product at a location, made if there is none. */
    long quantFor(long product, long location) {
        RowTable quants = db.rows(db.model(QUANT));
        return quants.mayEqual("product_id", product).stream().map(quants::get)
                .filter(row -> Objects.equals(row.get("product_id"), product) && Objects.equals(row.get("location_id"), location))
                .map(row -> (Long) row.get("id")).findFirst()
                .orElseGet(() -> db.createOne(db.model(QUANT), OdooJson.NODES.objectNode().put("product_id", product)
                        .put("location_id", location)));
    }

    /** Odoo's {@code action_apply_inventory}: counted quantities become the quants' quantities. */
    JsonNode applyInventory(List<Long> ids) {
        ModelDef quants = db.model(QUANT);
        ModelDef moves = db.model(MOVE);
        Long adjustment = locationOfUsage("inventory");
        for (Long id : ids) {
            Map<String, Object> quant = db.rows(quants).get(id);
            BigDecimal counted = FieldValues.decimal(quant.getOrDefault("inventory_quantity", BigDecimal.ZERO));
            BigDecimal difference = counted.subtract(FieldValues.decimal(quant.getOrDefault("quantity", BigDecimal.ZERO)));
            if (difference.signum() != 0 && adjustment != null) {
                boolean in = difference.signum() > 0;
                ObjectNode move = OdooJson.NODES.objectNode().put("name", "Product Quantity Updated")
                        .put("reference", "Product Quantity Updated").put("product_id", (Long) quant.get("product_id"))
                        .put("product_uom_qty", difference.abs()).put("quantity", difference.abs()).put("state", "done")
                        .put("location_id", in ? adjustment : (Long) quant.get("location_id"))
                        .put("location_dest_id", in ? (Long) quant.get("location_id") : adjustment).put("date", db.now());
                db.createOne(moves, move);
            }
            ObjectNode vals = OdooJson.NODES.objectNode().put("quantity", counted).put("inventory_quantity", 0)
                    .put("inventory_quantity_set", false);
            db.writeOne(quants, id, vals);
        }
        return OdooJson.NODES.nullNode();
    }

    // ---- sales -----------------------------------------------------------------------------

    /** {@code sale_stock}'s part of {@code action_confirm}: a move per line of goods, reserved as it can be. */
    void orderConfirmed(long orderId) {
        ModelDef orders = db.model("sale.order");
        Map<String, Object> order = db.rows(orders).get(orderId);
        Map<String, Object> warehouse = db.rows(db.model(WAREHOUSE)).get(order.get("warehouse_id") != null
                ? order.get("warehouse_id") : defaultWarehouse());
        Long customers = locationOfUsage("customer");
        if (warehouse == null || customers == null) {
            return;
        }
        ModelDef lines = db.model("sale.order.line");
        for (Long lineId : db.views().childIds(orders.fieldOrFail("order_line"), orderId)) {
            Map<String, Object> line = db.rows(lines).get(lineId);
            Map<String, Object> product = db.rows(db.model(CatalogueRules.PRODUCT)).get(line.get("product_id"));
            BigDecimal quantity = FieldValues.decimal(line.getOrDefault("product_uom_qty", BigDecimal.ZERO));
            if (product == null || "service".equals(product.get("type")) || quantity.signum() <= 0) {
                continue;
            }
            ObjectNode move = OdooJson.NODES.objectNode().put("name", String.valueOf(line.get("name")).split("\n")[0])
                    .put("origin", String.valueOf(order.get("name"))).put("reference", String.valueOf(order.get("name")))
                    .put("product_id", (Long) product.get("id")).put("product_uom_qty", quantity).put("state", "confirmed")
                    .put("location_id", (Long) warehouse.get("lot_stock_id")).put("location_dest_id", customers)
                    .put("warehouse_id", (Long) warehouse.get("id")).put("sale_line_id", lineId).put("date", db.now());
            assign(db.createOne(db.model(MOVE), move));
        }
    }

    /** Odoo's {@code _action_assign} of one move. */
    private void assign(long moveId) {
        ModelDef moves = db.model(MOVE);
        ModelDef quants = db.model(QUANT);
        Map<String, Object> move = db.rows(moves).get(moveId);
        Map<String, Object> product = db.rows(db.model(CatalogueRules.PRODUCT)).get(move.get("product_id"));
        BigDecimal demand = FieldValues.decimal(move.get("product_uom_qty"));
        if (!"product".equals(product.get("type"))) {
            db.writeOne(moves, moveId, OdooJson.NODES.objectNode().put("quantity", demand).put("state", "assigned"));
            return;
        }
        Set<Long> places = internal(descendants(List.of((Long) move.get("location_id"))));
        BigDecimal missing = demand;
        List<List<Object>> reserved = new ArrayList<>();
        for (Map<String, Object> quant : quantsOf((Long) product.get("id"), places)) {
            if (missing.signum() <= 0) {
                break;
            }
            BigDecimal free = available(quant);
            if (free.signum() <= 0) {
                continue;
            }
            BigDecimal take = free.min(missing);
            long quantId = (Long) quant.get("id");
            db.writeOne(quants, quantId, OdooJson.NODES.objectNode().put("reserved_quantity",
                    FieldValues.decimal(quant.getOrDefault("reserved_quantity", BigDecimal.ZERO)).add(take)));
            reserved.add(List.of(quantId, take));
            missing = missing.subtract(take);
        }
        BigDecimal taken = demand.subtract(missing);
        String state = missing.signum() <= 0 ? "assigned" : taken.signum() > 0 ? "partially_available" : "confirmed";
        db.writeOne(moves, moveId, OdooJson.NODES.objectNode().put("quantity", taken).put("state", state));
        Map<String, Object> row = new HashMap<>(db.rows(moves).get(moveId));
        row.put(RESERVED_FROM, List.copyOf(reserved));
        db.put(moves, moveId, row);
    }

    /** {@code sale_stock}'s part of {@code action_cancel}: the order's open moves cancelled, their reservations freed. */
    void orderCancelled(long orderId) {
        ModelDef orders = db.model("sale.order");
        ModelDef moves = db.model(MOVE);
        ModelDef quants = db.model(QUANT);
        RowTable moveRows = db.rows(moves);
        for (Long lineId : db.views().childIds(orders.fieldOrFail("order_line"), orderId)) {
            for (Long moveId : List.copyOf(moveRows.mayEqual("sale_line_id", lineId))) {
                Map<String, Object> move = moveRows.get(moveId);
                if (move == null || !Objects.equals(move.get("sale_line_id"), lineId) || Set.of("done", "cancel").contains(move.get("state"))) {
                    continue;
                }
                if (move.get(RESERVED_FROM) instanceof List<?> reserved) {
                    for (Object entry : reserved) {
                        List<?> pair = (List<?>) entry;
                        Map<String, Object> quant = db.rows(quants).get(pair.get(0));
                        if (quant != null) {
                            BigDecimal left = FieldValues.decimal(quant.getOrDefault("reserved_quantity", BigDecimal.ZERO))
                                    .subtract(FieldValues.decimal(pair.get(1))).max(BigDecimal.ZERO);
                            db.writeOne(quants, (Long) pair.get(0), OdooJson.NODES.objectNode().put("reserved_quantity", left));
                        }
                    }
                }
                db.writeOne(moves, moveId, OdooJson.NODES.objectNode().put("quantity", 0).put("state", "cancel"));
                Map<String, Object> row = new HashMap<>(moveRows.get(moveId));
                row.remove(RESERVED_FROM);
                db.put(moves, moveId, row);
            }
        }
    }

    // ---- quantities ------------------------------------------------------------------------

    /** The computed fields of the stock models and a product's quantities, for the context of the call. */
    Object value(ModelDef def, Map<String, Object> row, String field) {
        switch (def.name()) {
            case QUANT -> {
                return available(row);
            }
            case LOCATION -> {
                return warehouseOf((Long) row.get("id"));
            }
            case CatalogueRules.TEMPLATE -> {
                BigDecimal sum = BigDecimal.ZERO;
                for (Long variant : db.catalogue().activeVariants((Long) row.get("id"))) {
                    sum = sum.add(quantity(variant, field));
                }
                return sum;
            }
            default -> {
                return quantity((Long) row.get("id"), field);
            }
        }
    }

    private BigDecimal quantity(long product, String field) {
        Set<Long> places = contextLocations(db.context());
        BigDecimal onHand = BigDecimal.ZERO;
        BigDecimal free = BigDecimal.ZERO;
        for (Map<String, Object> quant : quantsOf(product, places)) {
            onHand = onHand.add(FieldValues.decimal(quant.getOrDefault("quantity", BigDecimal.ZERO)));
            free = free.add(available(quant));
        }
        if (field.equals("qty_available")) {
            return onHand;
        }
        if (field.equals("free_qty")) {
            return free;
        }
        BigDecimal incoming = BigDecimal.ZERO;
        BigDecimal outgoing = BigDecimal.ZERO;
        RowTable moves = db.rows(db.model(MOVE));
        for (Long id : moves.mayEqual("product_id", product)) {
            Map<String, Object> move = moves.get(id);
            if (!Objects.equals(move.get("product_id"), product) || !OPEN_MOVE_STATES.contains(move.get("state"))) {
                continue;
            }
            boolean from = places.contains(move.get("location_id"));
            boolean to = places.contains(move.get("location_dest_id"));
            BigDecimal demand = FieldValues.decimal(move.get("product_uom_qty"));
            if (to && !from) {
                incoming = incoming.add(demand);
            } else if (from && !to) {
                outgoing = outgoing.add(demand);
            }
        }
        return switch (field) {
            case "incoming_qty" -> incoming;
            case "outgoing_qty" -> outgoing;
            default -> onHand.add(incoming).subtract(outgoing);
        };
    }

    private static BigDecimal available(Map<String, Object> quant) {
        return FieldValues.decimal(quant.getOrDefault("quantity", BigDecimal.ZERO))
                .subtract(FieldValues.decimal(quant.getOrDefault("reserved_quantity", BigDecimal.ZERO)));
    }

    private List<Map<String, Object>> quantsOf(long product, Set<Long> places) {
        RowTable quants = db.rows(db.model(QUANT));
        return quants.mayEqual("product_id", product).stream().map(quants::get)
                .filter(row -> Objects.equals(row.get("product_id"), product) && places.contains(row.get("location_id"))).toList();
    }

    /**
     * The internal locations a context's {@code warehouse} (or {@code warehouse_id}) and
     * {@code location} name, with their children; every warehouse's when it names none. As in Odoo,
     * a warehouse and a location together give the locations in both.
     */
    Set<Long> contextLocations(JsonNode context) {
        JsonNode warehouseKey = context.hasNonNull("warehouse") ? context.get("warehouse") : context.path("warehouse_id");
        List<Long> warehouses = resolve(WAREHOUSE, "name", warehouseKey);
        List<Long> locations = resolve(LOCATION, "complete_name", context.path("location"));
        Set<Long> result;
        if (!warehouses.isEmpty()) {
            result = descendants(viewsOf(warehouses));
            if (!locations.isEmpty()) {
                result.retainAll(descendants(locations));
            }
        } else if (!locations.isEmpty()) {
            result = descendants(locations);
        } else {
            ModelDef def = db.model(WAREHOUSE);
            result = descendants(viewsOf(db.rows(def).values().stream().filter(row -> Domain.truthy(row.get("active")))
                    .map(row -> (Long) row.get("id")).toList()));
        }
        return internal(result);
    }

    /** Ids of a context value: an id, a name (ilike) or a list of them; none for no value. */
    private List<Long> resolve(String model, String nameField, JsonNode value) {
        List<Long> ids = new ArrayList<>();
        if (value == null || value.isMissingNode() || value.isNull() || (value.isBoolean() && !value.asBoolean())) {
            return ids;
        }
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(items::add);
        } else {
            items.add(value);
        }
        RowTable rows = db.rows(db.model(model));
        for (JsonNode item : items) {
            if (item.isIntegralNumber()) {
                ids.add(item.asLong());
            } else if (item.isTextual()) {
                String text = item.asText().toLowerCase(Locale.ROOT);
                rows.values().stream().filter(row -> String.valueOf(row.get(nameField)).toLowerCase(Locale.ROOT).contains(text))
                        .forEach(row -> ids.add((Long) row.get("id")));
            }
        }
        if (ids.isEmpty()) {
            ids.add(-1L); // named, yet matching nothing: no location
        }
        return ids;
    }

    private List<Long> viewsOf(List<Long> warehouses) {
        RowTable rows = db.rows(db.model(WAREHOUSE));
        return warehouses.stream().map(rows::get).filter(Objects::nonNull).map(row -> (Long) row.get("view_location_id")).toList();
    }

    /** Locations and all their children. */
    private Set<Long> descendants(List<Long> roots) {
        RowTable rows = db.rows(db.model(LOCATION));
        Set<Long> result = new LinkedHashSet<>();
        List<Long> pending = new ArrayList<>(roots.stream().filter(rows::containsKey).toList());
        while (!pending.isEmpty()) {
            Long id = pending.remove(pending.size() - 1);
            if (result.add(id)) {
                rows.mayEqual("location_id", id).stream().filter(child -> Objects.equals(rows.get(child).get("location_id"), id))
                        .forEach(pending::add);
            }
        }
        return result;
    }

    private Set<Long> internal(Set<Long> locations) {
        RowTable rows = db.rows(db.model(LOCATION));
        locations.removeIf(id -> !"internal".equals(rows.get(id).get("usage")));
        return locations;
    }

    /** The warehouse whose view location holds a location. */
    private Long warehouseOf(Long location) {
        RowTable locations = db.rows(db.model(LOCATION));
        RowTable warehouses = db.rows(db.model(WAREHOUSE));
        Set<Long> seen = new LinkedHashSet<>();
        for (Long current = location; current != null && seen.add(current); ) {
            Long here = current;
            Long found = warehouses.values().stream().filter(row -> Objects.equals(row.get("view_location_id"), here))
                    .map(row -> (Long) row.get("id")).findFirst().orElse(null);
            if (found != null) {
                return found;
            }
            Map<String, Object> row = locations.get(current);
            current = row == null ? null : (Long) row.get("location_id");
        }
        return null;
    }
}
