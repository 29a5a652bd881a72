package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How stored rows read: records as {@code read} answers them (a many2one as {@code [id, "display
 * name"]}, a many2many as its ids in its model's order, {@code false} for no value, datetimes to
 * the second, numbers as JSON numbers), computed fields ({@code display_name}, currencies, one2many
 * ids; amounts are stored by {@link SalesRules}) and the values domains test. Called with the
 * database's lock held.
 */
final class RecordViews {

    private final OdooDatabase db;

    RecordViews(OdooDatabase db) {
        this.db = db;
    }

    List<ObjectNode> render(ModelDef def, List<Long> ids, List<String> fields) {
        List<FieldDef> wanted = new ArrayList<>();
        for (String name : fields == null || fields.isEmpty() ? List.copyOf(def.fields().keySet()) : fields) {
            FieldDef field = def.fieldOrFail(name);
            if (!field.name().equals("id")) {
                wanted.add(field);
            }
        }
        List<ObjectNode> records = new ArrayList<>();
        for (Long id : ids) {
            Map<String, Object> row = db.rows(def).get(id);
            ObjectNode record = OdooJson.NODES.objectNode();
            record.put("id", id);
            wanted.forEach(field -> record.set(field.name(), renderValue(def, row, field)));
            records.add(record);
        }
        return records;
    }

    String displayName(String model, Long id) {
        ModelDef def = db.model(model);
        Map<String, Object> row = db.rows(def).get(id);
        if (row == null) {
            return null;
        }
        return switch (def.name()) {
            case "product.product" -> db.catalogue().variantName(row);
            case "product.template" -> row.get("default_code") == null && db.catalogue().activeVariants(id).size() != 1
                    ? (String) row.get("name") : templateName(row, id);
            case "product.attribute.value" -> displayName("product.attribute", (Long) row.get("attribute_id")) + ": " + row.get("name");
            case "product.template.attribute.value" -> displayName("product.attribute", (Long) row.get("attribute_id")) + ": "
                    + row.get("name");
            case "product.template.attribute.line" -> displayName("product.attribute", (Long) row.get("attribute_id"));
            case "stock.quant" -> displayName("stock.location", (Long) row.get("location_id"));
            case "sale.order.line" -> displayName("sale.order", (Long) row.get("order_id")) + " - "
                    + String.valueOf(row.get("name")).split("\n")[0];
            default -> String.valueOf(row.get(def.recName()));
        };
    }

    /** A template's name, with its only variant's internal reference in brackets. */
    private String templateName(Map<String, Object> row, Long id) {
        List<Long> variants = db.catalogue().activeVariants(id);
        Object code = variants.size() == 1 ? db.rows(db.model("product.product")).get(variants.get(0)).get("default_code") : null;
        return code == null ? (String) row.get("name") : "[" + code + "] " + row.get("name");
    }

    ModelDef model(String name) {
        return db.model(name);
    }

    RowTable rows(ModelDef def) {
        return db.rows(def);
    }

    /** The field a domain path ends at; {@code term} is only for the message. */
    FieldDef fieldAt(ModelDef model, String path, JsonNode term) {
        ModelDef current = model;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            FieldDef field = current.field(parts[i]).orElse(null);
            if (field == null || (i < parts.length - 1 && field.type() != OdooFieldType.MANY2ONE)) {
                throw OdooError.valueError("Invalid field " + model.name() + "." + path + " in leaf " + term);
            }
            if (i == parts.length - 1) {
                return field;
            }
            current = db.model(field.comodel());
        }
        throw new IllegalStateException("empty path");
    }

    /** The value of a (possibly dotted) path, cut at its dots, for a stored row; one2many give their ids. */
    Object valueAt(ModelDef model, Map<String, Object> row, String[] parts) {
        ModelDef current = model;
        Map<String, Object> currentRow = row;
        for (int i = 0; i < parts.length - 1; i++) {
            FieldDef field = current.fieldOrFail(parts[i]);
            Object id = currentRow.get(field.name());
            current = db.model(field.comodel());
            currentRow = id == null ? null : db.rows(current).get(id);
            if (currentRow == null) {
                return null;
            }
        }
        return value(current, currentRow, current.fieldOrFail(parts[parts.length - 1]));
    }

    private Object value(ModelDef def, Map<String, Object> row, FieldDef field) {
        if (field.type() == OdooFieldType.MANY2MANY) {
            return row.get(field.name()) instanceof List<?> ids ? ids : List.of();
        }
        if (!field.computed() && field.type() != OdooFieldType.ONE2MANY) {
            return row.get(field.name()); // a stored field: nothing to compute
        }
        Long id = (Long) row.get("id");
        return switch (def.name() + "." + field.name()) {
            case "sale.order.currency_id" -> db.salesRules().currencyOf(row);
            case "sale.order.line.currency_id" -> {
                Map<String, Object> order = db.rows(db.model("sale.order")).get(row.get("order_id"));
                yield order == null ? null : db.salesRules().currencyOf(order);
            }
            case "res.currency.decimal_places" -> decimalPlaces(FieldValues.decimal(row.get("rounding")));
            case "product.product.lst_price", "product.product.price_extra", "product.template.default_code",
                    "product.template.barcode", "product.template.standard_price", "product.template.weight",
                    "product.template.product_variant_count", "product.template.product_variant_id",
                    "product.template.attribute.line.value_count" -> db.catalogue().value(def, row, field.name());
            case "product.product.qty_available", "product.product.free_qty", "product.product.virtual_available",
                    "product.product.incoming_qty", "product.product.outgoing_qty", "product.template.qty_available",
                    "product.template.virtual_available", "stock.quant.available_quantity", "stock.location.warehouse_id" ->
                    db.stock().value(def, row, field.name());
            default -> field.name().equals("display_name") ? displayName(def.name(), id)
                    : field.type() == OdooFieldType.ONE2MANY ? activeChildIds(field, id) : row.get(field.name());
        };
    }

    /** Odoo's {@code ceil(log10(1 / rounding))} for a rounding between 0 and 1, else 0. */
    private static long decimalPlaces(BigDecimal rounding) {
        if (rounding.signum() <= 0 || rounding.compareTo(BigDecimal.ONE) >= 0) {
            return 0;
        }
        long places = 0;
        for (BigDecimal unit = BigDecimal.ONE; unit.compareTo(rounding) > 0; unit = unit.movePointLeft(1)) {
            places++;
        }
        return places;
    }

    private JsonNode renderValue(ModelDef def, Map<String, Object> row, FieldDef field) {
        Object value = value(def, row, field);
        return switch (field.type()) {
            case MANY2ONE -> {
                if (value == null) {
                    yield OdooJson.NODES.booleanNode(false);
                }
                ArrayNode pair = OdooJson.NODES.arrayNode();
                pair.add((Long) value);
                pair.add(displayName(field.comodel(), (Long) value));
                yield pair;
            }
            case MANY2MANY -> {
                ModelDef comodel = db.model(field.comodel());
                RowTable targets = db.rows(comodel);
                ArrayNode ids = OdooJson.NODES.arrayNode();
                ((List<?>) value).stream().map(targets::get).filter(Objects::nonNull)
                        .sorted(RecordOrder.parse(comodel, comodel.defaultOrder())).forEach(target -> ids.add((Long) target.get("id")));
                yield ids;
            }
            case INTEGER -> OdooJson.NODES.numberNode(value == null ? 0L : ((Number) value).longValue());
            case FLOAT, MONETARY -> OdooJson.NODES.numberNode(value == null ? 0.0 : ((Number) value).doubleValue());
            case BOOLEAN -> OdooJson.NODES.booleanNode(Domain.truthy(value));
            case DATETIME -> value == null ? OdooJson.NODES.booleanNode(false)
                    : OdooJson.NODES.textNode(String.valueOf(value).substring(0, 19));
            default -> OdooJson.toJson(value);
        };
    }

    /** The ids a one2many reads: archived records left out, as Odoo's {@code active_test} does. */
    private List<Long> activeChildIds(FieldDef one2many, Long id) {
        ModelDef child = db.model(one2many.comodel());
        if (child.field("active").isEmpty()) {
            return childIds(one2many, id);
        }
        RowTable rows = db.rows(child);
        return childIds(one2many, id).stream().filter(childId -> Domain.truthy(rows.get(childId).get("active"))).toList();
    }

    /** The ids of the records a one2many lists, in their model's order. */
    List<Long> childIds(FieldDef one2many, Long id) {
        ModelDef child = db.model(one2many.comodel());
        RowTable rows = db.rows(child);
        return rows.mayEqual(one2many.inverse(), id).stream().map(rows::get).filter(row -> id.equals(row.get(one2many.inverse())))
                .sorted(RecordOrder.parse(child, child.defaultOrder())).map(row -> (Long) row.get("id")).toList();
    }
}
