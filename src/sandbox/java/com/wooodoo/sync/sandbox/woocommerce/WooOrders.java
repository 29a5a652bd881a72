package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code /orders}. WooCommerce's rules: the order number is the id, totals and line prices are
 * computed (read-only), a line needs a product reference ({@code product_id} or {@code sku}), a
 * {@code customer_id} other than 0 must be an existing customer. As in WooCommerce, a line whose
 * product does not exist is kept without a product, and on update a line without {@code id} is
 * added while a line with an {@code id} and quantity 0 (or {@code product_id: null}) is removed;
 * shipping and fee lines likewise ({@code method_id: null}, {@code name: null} removes one).
 * Changing a line's product or quantity without a {@code total} prices the line again.
 *
 * <p>Taxes, coupons and totals are computed by {@link WooOrderTotals} on create, and on update
 * when the addresses or any lines are sent, as {@code WC_REST_Orders_Controller::save_object}
 * does. {@code coupon_lines} ({@code [{code}]}) replace the order's coupons: an unknown code is
 * {@code woocommerce_rest_invalid_coupon}. {@code prices_include_tax} is read-only in
 * WooCommerce (the shop's setting); here it is taken on create, so one simulated shop can show
 * both kinds of orders.
 *
 * <p>A line may name a variation ({@code variation_id} with its parent's {@code product_id}, or
 * the variation's {@code sku}); it is then priced from the variation. Once an order is
 * {@code processing}, {@code completed} or {@code on-hold}, the managed stock of its lines'
 * products and variations is reduced by their quantities, once, and given back when it is
 * cancelled ({@code wc_maybe_reduce_stock_levels}, {@code wc_maybe_increase_stock_levels}); no
 * line is refused for want of stock, and the products' {@code date_modified} is left alone
 * (woocommerce/woocommerce#40060). Seeded orders leave stock as it is.
 */
final class WooOrders extends WooResource {

    private static final List<String> STATUSES = List.of("pending", "processing", "on-hold", "completed", "cancelled",
            "refunded", "failed", "checkout-draft");
    private static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "BRL", "CAD", "PLN", "JPY");
    private static final Set<String> TAX_CLASS_SLUGS = Set.of("reduced-rate", "zero-rate");
    private static final List<String> RECALCULATING = List.of("billing", "shipping", "line_items", "shipping_lines",
            "fee_lines", "coupon_lines");
    private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Supplier<Clock> clock;
    private final SplittableRandom keys;
    private final WooOrderTotals totals;
    /** Kept on an order whose lines' stock was reduced (WooCommerce's {@code _order_stock_reduced}). */
    private static final String STOCK_REDUCED = "_stock_reduced";
    private static final Set<String> REDUCING = Set.of("processing", "completed", "on-hold");
    private boolean seeding;

    WooOrders(WooStore store, Supplier<Clock> clock, long seed) {
        super(EntityType.ORDERS, store);
        this.clock = clock;
        this.keys = new SplittableRandom(seed ^ 0x0DE5L);
        this.totals = new WooOrderTotals(store);
    }

    @Override
    ObjectNode blank() {
        ObjectNode o = NODES.objectNode();
        o.put("id", 0);
        o.put("parent_id", 0);
        o.put("number", "");
        o.put("order_key", "");
        o.put("created_via", "rest-api");
        o.put("version", "9.3.1");
        o.put("status", "pending");
        o.put("currency", "USD");
        WooDates.stamp(o, "date_created", null);
        WooDates.stamp(o, "date_modified", null);
        for (String money : List.of("discount_total", "discount_tax", "shipping_total", "shipping_tax", "cart_tax", "total",
                "total_tax")) {
            o.put(money, "0.00");
        }
        o.put("prices_include_tax", false);
        o.put("customer_id", 0);
        o.put("customer_ip_address", "");
        o.put("customer_user_agent", "");
        o.put("customer_note", "");
        o.set("billing", WooCustomers.emptyAddress(WooCustomers.BILLING));
        o.set("shipping", WooCustomers.emptyAddress(WooCustomers.SHIPPING));
        o.put("payment_method", "");
        o.put("payment_method_title", "");
        o.put("transaction_id", "");
        WooDates.stamp(o, "date_paid", null);
        WooDates.stamp(o, "date_completed", null);
        o.put("cart_hash", "");
        o.set("meta_data", NODES.arrayNode());
        o.set("line_items", NODES.arrayNode());
        o.set("tax_lines", NODES.arrayNode());
        o.set("shipping_lines", NODES.arrayNode());
        o.set("fee_lines", NODES.arrayNode());
        o.set("coupon_lines", NODES.arrayNode());
        o.set("refunds", NODES.arrayNode());
        return o;
    }

    @Override
    void applyCreate(ObjectNode record, JsonNode body, boolean inBatch) {
        Boolean pricesIncludeTax = WooInput.bool(body, "prices_include_tax");
        if (pricesIncludeTax != null) {
            record.put("prices_include_tax", pricesIncludeTax);
        }
        apply(record, body, inBatch);
        totals.calculateTotals(record);
        applyCoupons(record, body.get("coupon_lines"));
        adjustStock(record);
    }

    @Override
    void applyUpdate(ObjectNode record, JsonNode body, boolean inBatch) {
        apply(record, body, inBatch);
        if (RECALCULATING.stream().anyMatch(key -> body.has(key) && !body.get(key).isNull())) {
            totals.calculateTotals(record);
        }
        applyCoupons(record, body.get("coupon_lines"));
        adjustStock(record);
    }

    /** Reduces the lines' stock when the order reaches a paid or held status, gives it back when it is cancelled. */
    private void adjustStock(ObjectNode order) {
        if (seeding) {
            return;
        }
        String status = order.path("status").asText();
        boolean reduced = order.path(STOCK_REDUCED).asBoolean();
        if (!reduced && REDUCING.contains(status)) {
            changeStock(order, 1);
            order.put(STOCK_REDUCED, true);
        } else if (reduced && status.equals("cancelled")) {
            changeStock(order, -1);
            order.remove(STOCK_REDUCED);
        }
    }

    private void changeStock(ObjectNode order, int sign) {
        for (JsonNode line : order.path("line_items")) {
            long quantity = sign * line.path("quantity").asLong();
            long variationId = line.path("variation_id").asLong();
            if (variationId != 0) {
                store.variation(variationId).ifPresent(v -> {
                    ObjectNode changed = v.deepCopy();
                    WooStock.reduce(changed, quantity);
                    store.putVariation(changed);
                    WooProducts.syncVariable(store, changed.path("parent_id").asLong());
                });
            } else {
                store.get(EntityType.PRODUCTS, line.path("product_id").asLong()).ifPresent(p -> {
                    ObjectNode changed = p.deepCopy();
                    WooStock.reduce(changed, quantity);
                    store.put(EntityType.PRODUCTS, changed);
                });
            }
        }
    }

    /** The lines' unrounded values stay in the store: WooCommerce shows them rounded. */
    @Override
    void conceal(ObjectNode copy) {
        for (String lines : List.of("line_items", "shipping_lines", "fee_lines")) {
            for (JsonNode line : copy.path(lines)) {
                ((ObjectNode) line).remove(List.of(WooOrderTotals.SUBTOTAL, WooOrderTotals.TOTAL));
            }
        }
        copy.remove(STOCK_REDUCED);
    }

    /** Adds meta entries ({@code key}, {@code value}) as WooCommerce does, each with an id of its own. */
    private static void copyMetaData(ObjectNode record, JsonNode meta) {
        if (meta == null || meta.isNull()) {
            return;
        }
        if (!meta.isArray()) {
            throw WooApiException.invalidParam("meta_data", "meta_data is not of type array.");
        }
        ArrayNode stored = record.withArray("meta_data");
        for (JsonNode entry : meta) {
            if (!entry.isObject() || !entry.path("key").isTextual()) {
                throw WooApiException.invalidParam("meta_data", "meta_data item is not a key and value.");
            }
            stored.addObject().put("id", stored.size() + 1L).put("key", entry.get("key").asText())
                    .set("value", entry.path("value"));
        }
    }

    private void apply(ObjectNode record, JsonNode body, boolean inBatch) {
        Long customerId = WooInput.integer(body, "customer_id");
        if (customerId != null) {
            if (customerId != 0 && store.get(EntityType.CUSTOMERS, customerId).isEmpty()) {
                throw new WooApiException("woocommerce_rest_invalid_customer_id", "Customer ID is invalid.", 400);
            }
            record.put("customer_id", customerId);
        }
        String currency = WooInput.text(body, "currency");
        if (currency != null) {
            if (!CURRENCIES.contains(currency)) {
                throw new WooApiException("order_invalid_currency", "Invalid currency code", 400);
            }
            record.put("currency", currency);
        }
        WooInput.copyText(body, record, "customer_note");
        copyMetaData(record, body.get("meta_data"));
        WooInput.copyText(body, record, "payment_method");
        WooInput.copyText(body, record, "payment_method_title");
        WooInput.copyText(body, record, "transaction_id");
        WooInput.copyObject(body, record, "billing", WooCustomers.BILLING);
        WooInput.copyObject(body, record, "shipping", WooCustomers.SHIPPING);
        String billingEmail = record.path("billing").path("email").asText();
        if (!billingEmail.isEmpty() && !WooInput.isEmail(billingEmail)) {
            throw new WooApiException("order_invalid_billing_email", "Invalid billing email address", 400);
        }
        List<Runnable> pricing = new java.util.ArrayList<>();
        for (JsonNode line : items(body, "line_items")) {
            applyLine(record, line, pricing);
        }
        for (JsonNode line : items(body, "shipping_lines")) {
            applyShippingLine(record, line);
        }
        for (JsonNode line : items(body, "fee_lines")) {
            applyFeeLine(record, line);
        }
        // lines are priced once the order's lines are known: a local pickup decides where they are taxed
        pricing.forEach(Runnable::run);
        String status = WooInput.text(body, "status");
        if (status != null) {
            if (!STATUSES.contains(status)) {
                if (!inBatch) {
                    throw WooApiException.invalidParam("status", "status is not one of " + String.join(", ", STATUSES) + ".");
                }
                status = "pending"; // WC_Order::set_status() falls back to pending
            }
            setStatus(record, status);
        }
        if (Boolean.TRUE.equals(WooInput.bool(body, "set_paid"))) {
            if (record.path("status").asText().equals("pending")) {
                setStatus(record, "processing");
            }
            markPaid(record);
        }
    }

    private static JsonNode items(JsonNode body, String field) {
        JsonNode lines = body.get(field);
        if (lines == null || lines.isNull()) {
            return NODES.arrayNode();
        }
        if (!lines.isArray()) {
            throw WooApiException.invalidParam(field, field + " is not of type array.");
        }
        return lines;
    }

    /** The order's item with this id among {@code lines}, or WooCommerce's error for an id of another order. */
    private static Iterator<JsonNode> itemOf(ArrayNode lines, long itemId) {
        for (Iterator<JsonNode> it = lines.elements(); it.hasNext(); ) {
            if (it.next().path("id").asLong() == itemId) {
                return it;
            }
        }
        throw new WooApiException("woocommerce_rest_invalid_item_id", "Order item ID provided is not associated with order.", 400);
    }

    private static boolean isNull(JsonNode posted, String... keys) {
        for (String key : keys) {
            if (posted.has(key) && posted.get(key).isNull()) {
                return true;
            }
        }
        return false;
    }

    private void applyLine(ObjectNode order, JsonNode posted, List<Runnable> pricing) {
        ArrayNode lines = (ArrayNode) order.get("line_items");
        Long itemId = WooInput.integer(posted, "id");
        if (itemId != null && itemId != 0) {
            ObjectNode line = null;
            for (Iterator<JsonNode> it = lines.elements(); it.hasNext(); ) {
                JsonNode candidate = it.next();
                if (candidate.path("id").asLong() == itemId) {
                    line = (ObjectNode) candidate;
                    if (removes(posted)) {
                        it.remove();
                        return;
                    }
                }
            }
            if (line == null) {
                throw new WooApiException("woocommerce_rest_invalid_item_id",
                        "Order item ID provided is not associated with order.", 400);
            }
            fillLine(order, line, posted, false, pricing);
            return;
        }
        if (!hasProductReference(posted)) {
            throw new WooApiException("woocommerce_rest_required_product_reference", "Product ID or SKU is required.", 400);
        }
        ObjectNode line = lines.addObject();
        line.put("id", store.nextItemId());
        line.put("name", "");
        line.put("product_id", 0);
        line.put("variation_id", 0);
        line.put("quantity", 1);
        line.put("tax_class", "");
        line.put("subtotal", "0.00");
        line.put("subtotal_tax", "0.00");
        line.put("total", "0.00");
        line.put("total_tax", "0.00");
        line.set("taxes", NODES.arrayNode());
        line.set("meta_data", NODES.arrayNode());
        line.put("sku", "");
        line.put("price", 0);
        line.put(WooOrderTotals.SUBTOTAL, "0");
        line.put(WooOrderTotals.TOTAL, "0");
        fillLine(order, line, posted, true, pricing);
    }

    private static boolean removes(JsonNode posted) {
        return (posted.has("product_id") && posted.get("product_id").isNull())
                || (posted.has("quantity") && posted.get("quantity").isIntegralNumber() && posted.get("quantity").asLong() == 0);
    }

    private static boolean hasProductReference(JsonNode posted) {
        return posted.path("product_id").asLong(0) != 0 || !posted.path("sku").asText("").isEmpty()
                || posted.path("variation_id").asLong(0) != 0;
    }

    private void fillLine(ObjectNode order, ObjectNode line, JsonNode posted, boolean creating, List<Runnable> pricing) {
        boolean productChanged = false;
        if (hasProductReference(posted)) {
            String sku = posted.path("sku").asText("");
            ObjectNode variation = sku.isEmpty() ? store.variation(posted.path("variation_id").asLong(0)).orElse(null)
                    : store.variationBySku(sku).orElse(null);
            long productId = variation != null ? variation.path("parent_id").asLong()
                    : sku.isEmpty() ? posted.path("product_id").asLong(0)
                    : store.productBySku(sku).map(p -> p.path("id").asLong()).orElse(0L);
            ObjectNode product = store.get(EntityType.PRODUCTS, productId).orElse(null);
            long variationId = variation == null ? 0 : variation.path("id").asLong();
            if (product != null && (product.path("id").asLong() != line.path("product_id").asLong()
                    || variationId != line.path("variation_id").asLong())) {
                ObjectNode item = variation != null ? variation : product;
                line.put("product_id", product.path("id").asLong());
                line.put("variation_id", variationId);
                line.put("name", variation != null ? variation.path("name").asText() : product.path("name").asText());
                line.put("sku", item.path("sku").asText().isEmpty() ? product.path("sku").asText() : item.path("sku").asText());
                line.put("tax_class", item.path("tax_class").asText(""));
                productChanged = true;
            }
        }
        Long quantity = WooInput.integer(posted, "quantity");
        boolean quantityChanged = quantity != null && quantity != line.path("quantity").asLong();
        if (quantity != null) {
            line.put("quantity", quantity);
        }
        WooInput.copyText(posted, line, "name");
        String taxClass = WooInput.text(posted, "tax_class");
        if (taxClass != null) {
            line.put("tax_class", validTaxClass(taxClass, "order_item_product_invalid_tax_class"));
        }
        String subtotal = WooInput.decimal(posted, "subtotal");
        String total = WooInput.decimal(posted, "total");
        boolean reprice = creating || ((productChanged || quantityChanged) && total == null);
        pricing.add(() -> price(order, line, reprice, subtotal, total));
    }

    /**
     * A line's subtotal and total: its product's price times the quantity (net of tax when the
     * order's prices include it), then a posted {@code total} and {@code subtotal} as given.
     */
    private void price(ObjectNode order, ObjectNode line, boolean reprice, String subtotal, String total) {
        if (reprice) {
            long variationId = line.path("variation_id").asLong();
            BigDecimal unit = (variationId != 0 ? store.variation(variationId) : store.get(EntityType.PRODUCTS, line.path("product_id").asLong()))
                    .map(p -> WooInput.money(p.path("price").asText(""))).orElse(BigDecimal.ZERO);
            String net = totals.netLinePrice(order, line, unit, line.path("quantity").asLong()).toPlainString();
            line.put(WooOrderTotals.TOTAL, net);
            line.put(WooOrderTotals.SUBTOTAL, net);
        }
        if (total != null) {
            // WC_Order_Item_Product::set_total: a subtotal below the total follows it
            BigDecimal value = WooInput.money(total);
            line.put(WooOrderTotals.TOTAL, value.toPlainString());
            if (WooOrderTotals.amount(line, WooOrderTotals.SUBTOTAL).compareTo(value) < 0) {
                line.put(WooOrderTotals.SUBTOTAL, value.toPlainString());
            }
        }
        if (subtotal != null) {
            line.put(WooOrderTotals.SUBTOTAL, WooInput.money(subtotal).toPlainString());
        }
    }

    /** {@code set_tax_class}: "" (standard) or one of the shop's other classes' slugs. */
    private static String validTaxClass(String taxClass, String errorCode) {
        String slug = taxClass.strip();
        if (!slug.isEmpty() && !TAX_CLASS_SLUGS.contains(slug)) {
            throw new WooApiException(errorCode, "Invalid tax class", 400);
        }
        return slug;
    }

    /** {@code prepare_shipping_lines}: a new line needs a {@code method_id}. */
    private void applyShippingLine(ObjectNode order, JsonNode posted) {
        ArrayNode lines = (ArrayNode) order.get("shipping_lines");
        Long itemId = WooInput.integer(posted, "id");
        ObjectNode line;
        if (itemId != null && itemId != 0) {
            Iterator<JsonNode> at = itemOf(lines, itemId);
            if (isNull(posted, "method_id", "method_title")) {
                at.remove();
                return;
            }
            line = (ObjectNode) lines.get(indexOf(lines, itemId));
        } else {
            if (WooInput.text(posted, "method_id") == null || WooInput.text(posted, "method_id").isEmpty()) {
                throw new WooApiException("woocommerce_rest_invalid_shipping_item", "Shipping method ID is required.", 400);
            }
            line = addShippingLine(order, "", "", "0");
        }
        WooInput.copyText(posted, line, "method_title");
        WooInput.copyText(posted, line, "method_id");
        String total = WooInput.decimal(posted, "total");
        if (total != null) {
            line.put(WooOrderTotals.TOTAL, WooInput.money(total).toPlainString());
        }
    }

    /** {@code prepare_fee_lines}: a new fee needs a {@code name}; its tax status is {@code taxable} unless {@code none}. */
    private void applyFeeLine(ObjectNode order, JsonNode posted) {
        ArrayNode lines = (ArrayNode) order.get("fee_lines");
        Long itemId = WooInput.integer(posted, "id");
        ObjectNode line;
        if (itemId != null && itemId != 0) {
            Iterator<JsonNode> at = itemOf(lines, itemId);
            if (isNull(posted, "name")) {
                at.remove();
                return;
            }
            line = (ObjectNode) lines.get(indexOf(lines, itemId));
        } else {
            String name = WooInput.text(posted, "name");
            if (name == null || name.isBlank()) {
                throw new WooApiException("woocommerce_rest_invalid_fee_item", "Fee name is required.", 400);
            }
            line = lines.addObject();
            line.put("id", store.nextItemId());
            line.put("name", "");
            line.put("tax_class", "");
            line.put("tax_status", "taxable");
            line.put("total", "0.00");
            line.put("total_tax", "0.00");
            line.set("taxes", NODES.arrayNode());
            line.set("meta_data", NODES.arrayNode());
            line.put(WooOrderTotals.TOTAL, "0");
        }
        WooInput.copyText(posted, line, "name");
        String taxClass = WooInput.text(posted, "tax_class");
        if (taxClass != null) {
            line.put("tax_class", validTaxClass(taxClass, "order_item_fee_invalid_tax_class"));
        }
        String taxStatus = WooInput.text(posted, "tax_status");
        if (taxStatus != null) {
            line.put("tax_status", taxStatus.equals("none") ? "none" : "taxable");
        }
        String total = WooInput.decimal(posted, "total");
        if (total != null) {
            line.put(WooOrderTotals.TOTAL, WooInput.money(total).toPlainString());
        }
    }

    private static int indexOf(ArrayNode lines, long itemId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).path("id").asLong() == itemId) {
                return i;
            }
        }
        return -1;
    }

    private ObjectNode addShippingLine(ObjectNode order, String methodId, String title, String total) {
        ObjectNode line = ((ArrayNode) order.get("shipping_lines")).addObject();
        line.put("id", store.nextItemId());
        line.put("method_title", title == null ? "" : title);
        line.put("method_id", methodId == null ? "" : methodId);
        line.put("total", WooInput.money(WooInput.money(total)));
        line.put("total_tax", "0.00");
        line.set("taxes", NODES.arrayNode());
        line.set("meta_data", NODES.arrayNode());
        line.put(WooOrderTotals.TOTAL, WooInput.money(total).toPlainString());
        return line;
    }

    /**
     * {@code WC_REST_Orders_Controller::calculate_coupons}: every code must be a coupon of the
     * shop (unless the order has it already); the order's coupons are then replaced by these, in
     * their order, and the discounts computed again.
     */
    private void applyCoupons(ObjectNode order, JsonNode posted) {
        if (posted == null || posted.isNull()) {
            return;
        }
        if (!posted.isArray()) {
            throw WooApiException.invalidParam("coupon_lines", "coupon_lines is not of type array.");
        }
        ArrayNode current = (ArrayNode) order.get("coupon_lines");
        Set<String> applied = new LinkedHashSet<>();
        current.forEach(c -> applied.add(c.path("code").asText()));
        List<String> codes = new java.util.ArrayList<>();
        for (JsonNode item : posted) {
            if (item.path("id").asLong(0) != 0) {
                throw new WooApiException("woocommerce_rest_coupon_item_id_readonly", "Coupon item ID is readonly.", 400);
            }
            String code = WooCoupons.formatCode(item.path("code").asText(""));
            if (code.isEmpty()) {
                throw new WooApiException("woocommerce_rest_invalid_coupon", "Coupon code is required.", 400);
            }
            if (!applied.contains(code) && store.couponByCode(code).isEmpty()) {
                throw new WooApiException("woocommerce_rest_invalid_coupon", "Coupon \"" + code + "\" does not exist!", 400);
            }
            if (codes.contains(code)) {
                throw new WooApiException("woocommerce_rest_invalid_coupon", "Coupon code \"" + code + "\" already applied!", 400);
            }
            codes.add(code);
        }
        if (current.isEmpty() && codes.isEmpty()) {
            return;
        }
        Map<String, JsonNode> previous = new LinkedHashMap<>();
        current.forEach(c -> previous.put(c.path("code").asText(), c));
        current.removeAll();
        for (String code : codes) {
            ObjectNode coupon = store.couponByCode(code).map(ObjectNode::deepCopy).orElse(null);
            JsonNode before = previous.get(code);
            ObjectNode line = current.addObject();
            line.put("id", store.nextItemId());
            line.put("code", code);
            line.put("discount", "0.00");
            line.put("discount_tax", "0.00");
            line.set("meta_data", NODES.arrayNode());
            line.put("discount_type", coupon != null ? coupon.path("discount_type").asText() : before.path("discount_type").asText());
            BigDecimal nominal = coupon != null ? WooInput.money(coupon.path("amount").asText())
                    : new BigDecimal(before.path("nominal_amount").asText("0"));
            BigDecimal plain = nominal.stripTrailingZeros();
            line.put("nominal_amount", plain.scale() < 1 ? plain.setScale(1) : plain);
            line.put("free_shipping", false);
        }
        totals.recalculateCoupons(order);
    }

    private void setStatus(ObjectNode order, String status) {
        order.put("status", status);
        if (status.equals("processing") || status.equals("completed")) {
            markPaid(order);
        }
        if (status.equals("completed") && order.get("date_completed_gmt").isNull()) {
            WooDates.stamp(order, "date_completed", clock.get().instant());
        }
    }

    private void markPaid(ObjectNode order) {
        if (order.get("date_paid_gmt").isNull()) {
            WooDates.stamp(order, "date_paid", clock.get().instant());
        }
    }

    @Override
    void identified(ObjectNode record) {
        record.put("number", String.valueOf(record.path("id").asLong()));
        if (record.path("order_key").asText().isEmpty()) {
            StringBuilder key = new StringBuilder("wc_order_");
            for (int i = 0; i < 13; i++) {
                key.append(KEY_CHARS.charAt(keys.nextInt(KEY_CHARS.length())));
            }
            record.put("order_key", key.toString());
        }
    }

    @Override
    void addLinks(ObjectNode links, ObjectNode record, String apiBase) {
        long customer = record.path("customer_id").asLong();
        if (customer != 0) {
            links.set("customer", NODES.arrayNode().add(NODES.objectNode().put("href", apiBase + "customers/" + customer)));
        }
    }

    @Override
    ObjectNode generate(int ordinal, SplittableRandom r) {
        return generate(ordinal, r, true);
    }

    /**
     * A realistic order; one in five is a guest order (no customer account) unless
     * {@code guests} is false, in which case that order belongs to a customer too (the draws
     * are the same, so the other orders do not change).
     */
    ObjectNode generate(int ordinal, SplittableRandom r, boolean guests) {
        List<ObjectNode> products = store.all(EntityType.PRODUCTS);
        if (products.isEmpty()) {
            throw new IllegalStateException("seed products before orders: an order's lines refer to existing products");
        }
        List<ObjectNode> customers = store.all(EntityType.CUSTOMERS);
        ObjectNode o = blank();
        o.put("created_via", "checkout");
        if (!customers.isEmpty() && (r.nextInt(5) != 0 || !guests)) {
            ObjectNode customer = customers.get(r.nextInt(customers.size()));
            o.put("customer_id", customer.path("id").asLong());
            o.set("billing", customer.get("billing").deepCopy());
            o.set("shipping", customer.get("shipping").deepCopy());
        } else {
            WooSeedData.Person guest = WooSeedData.person(r);
            WooSeedData.Address address = WooSeedData.address(r);
            WooCustomers.fillAddress((ObjectNode) o.get("billing"), guest, "", address);
            ((ObjectNode) o.get("billing")).put("email", WooSeedData.email(guest, 900_000 + ordinal, r));
            ((ObjectNode) o.get("billing")).put("phone", address.phone());
            WooCustomers.fillAddress((ObjectNode) o.get("shipping"), guest, "", address);
        }
        o.put("customer_note", WooSeedData.note(r));
        int lines = Math.min(1 + r.nextInt(4), products.size());
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < lines) {
            chosen.add(r.nextInt(products.size()));
        }
        List<Runnable> pricing = new java.util.ArrayList<>();
        for (int index : chosen) {
            applyLine(o, NODES.objectNode().put("product_id", products.get(index).path("id").asLong()).put("quantity", 1 + r.nextInt(3)),
                    pricing);
        }
        pricing.forEach(Runnable::run);
        if (r.nextInt(10) < 7) {
            addShippingLine(o, "flat_rate:1", "Flat rate", "5.00");
        } else {
            addShippingLine(o, "free_shipping:2", "Free shipping", "0.00");
        }
        String[][] payments = {{"bacs", "Direct Bank Transfer"}, {"cod", "Cash on delivery"}, {"paypal", "PayPal"}};
        String[] payment = payments[r.nextInt(payments.length)];
        o.put("payment_method", payment[0]);
        o.put("payment_method_title", payment[1]);
        int draw = r.nextInt(10);
        String status = draw < 5 ? "completed" : draw < 8 ? "processing" : draw < 9 ? "pending" : "on-hold";
        o.put("status", status);
        totals.calculateTotals(o);
        return o;
    }

    /**
     * An order created from a REST body as {@code POST /orders} creates it, dated in the past as
     * a checkout's: created and modified at the given instants, paid and completed then too.
     */
    ObjectNode createSeeded(JsonNode body, Instant created, Instant modified) {
        seeding = true;
        ObjectNode order;
        try {
            order = create(body, false, created);
        } finally {
            seeding = false;
        }
        order.put("created_via", "checkout");
        WooDates.stamp(order, "date_modified", modified);
        WooDates.stamp(order, "date_paid", null);
        WooDates.stamp(order, "date_completed", null);
        seeded(order);
        return order;
    }

    /** Seeded orders are paid and completed at their own (past) dates, not now. */
    @Override
    void seeded(ObjectNode order) {
        String status = order.path("status").asText();
        Instant created = WooDates.gmt(order, "date_created");
        if (status.equals("processing") || status.equals("completed")) {
            WooDates.stamp(order, "date_paid", created.plusSeconds(60));
        }
        if (status.equals("completed")) {
            WooDates.stamp(order, "date_completed", WooDates.gmt(order, "date_modified"));
        }
    }

    @Override
    WooApiException invalidId(int status) {
        return new WooApiException("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", status);
    }

    @Override
    WooApiException existsOnCreate() {
        return new WooApiException("woocommerce_rest_shop_order_exists", "Cannot create existing shop_order.", 400);
    }

    @Override
    Predicate<ObjectNode> filter(Map<String, String> query) {
        Predicate<ObjectNode> filter = dateFilters(query).and(r -> !r.path("status").asText().equals("trash"));
        String customer = query.get("customer");
        if (customer != null && !customer.isEmpty()) {
            if (!customer.matches("\\d+")) {
                throw WooApiException.invalidParam("customer", "customer is not of type integer.");
            }
            filter = filter.and(r -> r.path("customer_id").asLong() == Long.parseLong(customer));
        }
        String status = query.getOrDefault("status", "any");
        if (!status.equals("any")) {
            Set<String> statuses = Set.of(status.split(","));
            filter = filter.and(r -> statuses.contains(r.path("status").asText()));
        }
        return filter;
    }

    @Override
    Map<String, Comparator<ObjectNode>> orderings() {
        Map<String, Comparator<ObjectNode>> orderings = new LinkedHashMap<>();
        orderings.put("date", byDate("date_created"));
        orderings.put("modified", byDate("date_modified"));
        orderings.put("id", (a, b) -> 0);
        orderings.put("include", (a, b) -> 0);
        orderings.put("title", byText("number"));
        orderings.put("slug", byText("number"));
        return orderings;
    }

    @Override
    String defaultOrderBy() {
        return "date";
    }
}
