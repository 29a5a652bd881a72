package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the Sales app does beyond storing rows, as Odoo 17 does it:
 * <ul>
 *   <li>an order's invoice and delivery addresses are its customer when not given, and again
 *       whenever a write gives the customer without them ({@code _compute_partner_invoice_id},
 *       {@code _compute_partner_shipping_id}); its pricelist likewise, while the order is a
 *       quotation ({@code _compute_pricelist_id}): the first active pricelist, "Public Pricelist";</li>
 *   <li>a line's amounts are stored when it is created and when its quantity, unit price,
 *       discount or taxes are written; an order's amounts when its lines' amounts change (so, as in
 *       Odoo, changing a tax or the company's rounding method changes no amount already stored);
 *       both are computed by {@link SaleTotals} in the order's currency (its pricelist's, else the
 *       company's) with the company's {@code tax_calculation_rounding_method};</li>
 *   <li>{@code action_confirm}, {@code action_cancel}, {@code action_draft}; confirming and
 *       cancelling also make and cancel the order's stock moves ({@link StockRules});</li>
 *   <li>a sent or confirmed order cannot be deleted, nor a line of a confirmed one.</li>
 * </ul>
 * Called with the database's lock held, within an operation.
 */
final class SalesRules {

    private static final String ORDER = "sale.order";
    private static final String LINE = "sale.order.line";
    /** What a line's amounts depend on, besides its taxes ({@code @api.depends} of {@code _compute_amount}). */
    private static final Set<String> LINE_AMOUNT_FIELDS = Set.of("product_uom_qty", "discount", "price_unit", "order_id");
    /** Ids a fresh Odoo 17 with Sales gives the cancellation wizard's view and mail template. */
    private static final long CANCEL_VIEW_ID = 1523;
    private static final long CANCEL_TEMPLATE_ID = 21;

    private final OdooDatabase db;
    private final Set<Long> dirtyLines = new LinkedHashSet<>();
    private final Set<Long> dirtyOrders = new LinkedHashSet<>();

    SalesRules(OdooDatabase db) {
        this.db = db;
    }

    // ---- computed defaults -------------------------------------------------------------------

    /** A new order's addresses and pricelist, when the values do not give them. */
    void completeCreate(ModelDef def, Map<String, Object> row) {
        if (!def.name().equals(ORDER)) {
            return;
        }
        Object partner = row.get("partner_id");
        if (!row.containsKey("partner_invoice_id")) {
            row.put("partner_invoice_id", partner);
        }
        if (!row.containsKey("partner_shipping_id")) {
            row.put("partner_shipping_id", partner);
        }
        if (!row.containsKey("pricelist_id")) {
            row.put("pricelist_id", partner == null ? null : defaultPricelist());
        }
    }

    /** A written order's addresses and pricelist, recomputed when the write gives the customer alone. */
    void completeWrite(ModelDef def, Map<String, Object> row, JsonNode vals) {
        if (!def.name().equals(ORDER) || !vals.has("partner_id")) {
            return;
        }
        Object partner = row.get("partner_id");
        if (!vals.has("partner_invoice_id")) {
            row.put("partner_invoice_id", partner);
        }
        if (!vals.has("partner_shipping_id")) {
            row.put("partner_shipping_id", partner);
        }
        if (!vals.has("pricelist_id") && "draft".equals(row.get("state"))) {
            row.put("pricelist_id", partner == null ? null : defaultPricelist());
        }
    }

    /** The pricelist a customer without one of their own gets: the first active one. */
    private Long defaultPricelist() {
        ModelDef pricelists = db.model("product.pricelist");
        return db.rows(pricelists).values().stream().filter(row -> Domain.truthy(row.get("active")))
                .sorted(RecordOrder.parse(pricelists, pricelists.defaultOrder())).map(row -> (Long) row.get("id"))
                .findFirst().orElse(null);
    }

    // ---- amounts -----------------------------------------------------------------------------

    void created(ModelDef def, Map<String, Object> row) {
        if (def.name().equals(LINE)) {
            dirtyLines.add((Long) row.get("id"));
            dirtyOrders.add((Long) row.get("order_id"));
        } else if (def.name().equals(ORDER)) {
            dirtyOrders.add((Long) row.get("id"));
        }
    }

    void written(ModelDef def, Map<String, Object> before, Map<String, Object> row, JsonNode vals) {
        if (!def.name().equals(LINE)) {
            return;
        }
        boolean amounts = vals.has(db.options().orderLineTaxField());
        for (String field : LINE_AMOUNT_FIELDS) {
            amounts |= vals.has(field);
        }
        if (amounts) {
            dirtyLines.add((Long) row.get("id"));
            dirtyOrders.add((Long) before.get("order_id"));
            dirtyOrders.add((Long) row.get("order_id"));
        }
    }

    void unlinking(ModelDef def, Map<String, Object> row) {
        if (def.name().equals(LINE)) {
            dirtyOrders.add((Long) row.get("order_id"));
        }
    }

    void forget() {
        dirtyLines.clear();
        dirtyOrders.clear();
    }

    /** Stores the amounts of the lines and orders changed by the operation ending. */
    void recompute() {
        if (dirtyLines.isEmpty() && dirtyOrders.isEmpty()) {
            return;
        }
        ModelDef lineModel = db.model(LINE);
        ModelDef orderModel = db.model(ORDER);
        RowTable lines = db.rows(lineModel);
        RowTable orders = db.rows(orderModel);
        for (Long id : dirtyLines) {
            Map<String, Object> line = lines.get(id);
            Map<String, Object> order = line == null ? null : orders.get(line.get("order_id"));
            if (order != null) {
                SaleTotals.LineAmounts amounts = totals(order).line(line(line));
                Map<String, Object> row = new HashMap<>(line);
                row.put("price_subtotal", amounts.subtotal());
                row.put("price_tax", amounts.tax());
                row.put("price_total", amounts.total());
                db.put(lineModel, id, row);
            }
        }
        FieldDef orderLines = orderModel.fieldOrFail("order_line");
        for (Long id : dirtyOrders) {
            Map<String, Object> order = id == null ? null : orders.get(id);
            if (order == null) {
                continue;
            }
            SaleTotals totals = totals(order);
            List<SaleTotals.LineAmounts> lineAmounts = new ArrayList<>();
            for (Long lineId : db.views().childIds(orderLines, id)) {
                Map<String, Object> line = lines.get(lineId);
                // round_per_line sums what the lines store; round_globally computes the lines again
                lineAmounts.add(totals.globally() ? totals.line(line(line))
                        : new SaleTotals.LineAmounts(FieldValues.decimal(line.get("price_subtotal")),
                        FieldValues.decimal(line.get("price_tax")), FieldValues.decimal(line.get("price_total")), List.of()));
            }
            SaleTotals.OrderAmounts amounts = totals.order(lineAmounts);
            Map<String, Object> row = new HashMap<>(order);
            row.put("amount_untaxed", amounts.untaxed());
            row.put("amount_tax", amounts.tax());
            row.put("amount_total", amounts.total());
            db.put(orderModel, id, row);
        }
        forget();
    }

    private SaleTotals totals(Map<String, Object> order) {
        Map<String, Object> currency = db.rows(db.model("res.currency")).get(currencyOf(order));
        return new SaleTotals(currency == null ? new BigDecimal("0.01") : FieldValues.decimal(currency.get("rounding")),
                String.valueOf(company().getOrDefault("tax_calculation_rounding_method", SaleTotals.ROUND_PER_LINE)));
    }

    private SaleTotals.Line line(Map<String, Object> line) {
        ModelDef taxModel = db.model("account.tax");
        RowTable taxRows = db.rows(taxModel);
        List<Map<String, Object>> taxes = new ArrayList<>();
        if (line.get(db.options().orderLineTaxField()) instanceof List<?> ids) {
            ids.stream().map(taxRows::get).filter(Objects::nonNull).forEach(taxes::add);
        }
        taxes.sort(RecordOrder.parse(taxModel, taxModel.defaultOrder()));
        return new SaleTotals.Line(FieldValues.decimal(line.get("price_unit")), FieldValues.decimal(line.get("product_uom_qty")),
                FieldValues.decimal(line.get("discount")), taxes.stream().map(tax -> new SaleTotals.Tax((Long) tax.get("id"),
                        String.valueOf(tax.get("amount_type")), FieldValues.decimal(tax.get("amount")),
                        Domain.truthy(tax.get("price_include")))).toList());
    }

    /** An order's currency: its pricelist's, else the company's. */
    Long currencyOf(Map<String, Object> order) {
        Map<String, Object> pricelist = order.get("pricelist_id") == null ? null
                : db.rows(db.model("product.pricelist")).get(order.get("pricelist_id"));
        Object currency = pricelist == null ? company().get("currency_id") : pricelist.get("currency_id");
        return (Long) currency;
    }

    private Map<String, Object> company() {
        return db.rows(db.model("res.company")).values().stream().min(Comparator.comparing(row -> (Long) row.get("id")))
                .orElse(Map.of());
    }

    // ---- methods -----------------------------------------------------------------------------

    /** Runs an order method on existing orders; answers what Odoo answers. */
    JsonNode action(String method, List<Long> ids, JsonNode context) {
        ModelDef def = db.model(ORDER);
        RowTable orders = db.rows(def);
        return switch (method) {
            case "action_confirm" -> {
                for (Long id : ids) {
                    if (!Set.of("draft", "sent").contains(state(orders, id))) {
                        throw OdooError.userError("Some orders are not in a state requiring confirmation.");
                    }
                }
                ObjectNode vals = OdooJson.NODES.objectNode().put("state", "sale").put("date_order", db.now());
                ids.forEach(id -> {
                    db.writeOne(def, id, vals);
                    db.stock().orderConfirmed(id);
                });
                yield OdooJson.NODES.booleanNode(true);
            }
            case "action_cancel" -> {
                boolean warn = !context.path("disable_cancel_warning").asBoolean(false)
                        && ids.stream().anyMatch(id -> !"draft".equals(state(orders, id)));
                if (warn) {
                    yield cancelWizard(ids, state(orders, ids.get(0)));
                }
                ObjectNode vals = OdooJson.NODES.objectNode().put("state", "cancel");
                ids.forEach(id -> {
                    db.writeOne(def, id, vals);
                    db.stock().orderCancelled(id);
                });
                yield OdooJson.NODES.booleanNode(true);
            }
            case "action_draft" -> {
                ObjectNode vals = OdooJson.NODES.objectNode().put("state", "draft");
                ids.stream().filter(id -> Set.of("cancel", "sent").contains(state(orders, id))).forEach(id -> db.writeOne(def, id, vals));
                yield OdooJson.NODES.booleanNode(true);
            }
            default -> throw new IllegalStateException(method);
        };
    }

    /**
     * What {@code action_cancel} answers for an order that is not a quotation, without
     * {@code disable_cancel_warning} in the context: the cancellation wizard, which asks whether
     * to tell the customer. The order is not cancelled.
     */
    private JsonNode cancelWizard(List<Long> ids, String state) {
        if (ids.size() != 1) {
            throw OdooError.valueError("Expected singleton: sale.order(" + String.join(", ", ids.stream().map(String::valueOf).toList())
                    + ")");
        }
        String typeName = Set.of("draft", "sent", "cancel").contains(state) ? "Quotation" : "Sales Order";
        ObjectNode context = OdooJson.NODES.objectNode();
        context.put("default_template_id", CANCEL_TEMPLATE_ID);
        context.put("default_order_id", ids.get(0));
        context.put("mark_so_as_canceled", true);
        context.put("default_email_layout_xmlid", "mail.mail_notification_layout_with_responsible_signature");
        context.put("model_description", typeName);
        ObjectNode action = OdooJson.NODES.objectNode();
        action.put("name", "Cancel " + typeName);
        action.put("view_mode", "form");
        action.put("res_model", "sale.order.cancel");
        action.put("view_id", CANCEL_VIEW_ID);
        action.put("type", "ir.actions.act_window");
        action.set("context", context);
        action.put("target", "new");
        return action;
    }

    /** Odoo's {@code _unlink_except_draft_or_cancel} and {@code _unlink_except_confirmed}. */
    void checkUnlink(ModelDef def, long id) {
        if (def.name().equals(ORDER)) {
            String state = state(db.rows(def), id);
            if (!"draft".equals(state) && !"cancel".equals(state)) {
                throw OdooError.userError("You can not delete a sent quotation or a confirmed sales order. You must first cancel it.");
            }
        } else if (def.name().equals(LINE)) {
            Map<String, Object> line = db.rows(def).get(id);
            if (line != null && "sale".equals(state(db.rows(db.model(ORDER)), (Long) line.get("order_id")))) {
                throw OdooError.userError("Once a sales order is confirmed, you can't remove one of its lines (we need to track if "
                        + "something gets invoiced or delivered).\nSet the quantity to 0 instead.");
            }
        }
    }

    private static String state(RowTable orders, Long id) {
        Map<String, Object> order = id == null ? null : orders.get(id);
        return order == null ? null : (String) order.get("state");
    }
}
