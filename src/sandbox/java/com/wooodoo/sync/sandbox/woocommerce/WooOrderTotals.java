package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An order's taxes, discounts and totals, computed as WooCommerce 8/9 computes them with its
 * default settings (taxes calculated, "Round tax at subtotal level" off, taxes based on the
 * customer's shipping address, shipping tax class inherited from the items, discounts not
 * applied sequentially). What this follows, in WooCommerce's own terms:
 *
 * <ul>
 * <li><b>Location</b> ({@code WC_Abstract_Order::get_tax_location}): the shipping address, the
 * billing address when the shipping country is empty; the shop's base address
 * ({@link WooTaxLocation#SHOP_BASE}) when an order has a local pickup shipping line or no
 * country at all.</li>
 * <li><b>Rates</b> ({@code WC_Tax::find_rates}): see {@link WooTaxes#find}; one per priority, the
 * priorities stacked. Shipping is taxed only by rates with {@code shipping} set, in the class of
 * the items (standard first, then reduced-rate, zero-rate); fees by their own class when their
 * {@code tax_status} is {@code taxable}.</li>
 * <li><b>Tax of a line</b> ({@code WC_Tax::calc_exclusive_tax}): the line's total (and subtotal)
 * times each rate, kept to 6 decimals ({@code WC_Tax::round}, half up); the line's
 * {@code total_tax} is the sum of those taxes each rounded to cents ({@code wc_round_tax_total}:
 * half up, or half down when prices include tax, WooCommerce's "auto" tax rounding mode).
 * {@code taxes[].total} shows the 6-decimal values as WooCommerce does ("0.9", "1.665").</li>
 * <li><b>Prices including tax</b> ({@code wc_get_price_excluding_tax}, {@code calc_inclusive_tax}):
 * a line's net price is the gross price times the quantity less each rate's share
 * {@code gross × rate / (1 + Σ rates)} (6 decimals), with the rates of the order's own location
 * and the line's class (WooCommerce with the base location in the customer's country); the tax
 * is then computed on that net as above.</li>
 * <li><b>Coupons</b> ({@code WC_Discounts}, {@code WC_Abstract_Order::recalculate_coupons}):
 * in cents, items sorted by line price, highest first. {@code percent}: each item
 * {@code floor(price × amount / 100)}, capped at what is left of it; the cents missing to the
 * whole cart's discount (rounded half down) are given one per unit, in that order.
 * {@code fixed_cart}: split equally over the units, {@code floor(amount / units)} each, capped
 * at what is left of an item, repeated with what is left over, and the last cents given one per
 * unit; an item never goes below 0 (WooCommerce splits by units, not by price:
 * woocommerce/woocommerce#46631). {@code fixed_product}: the amount per unit, capped. When
 * prices include tax, the discount is taken off the gross price ({@code price} is subtotal plus
 * subtotal tax) and the tax inside it is taken off the net line total. A coupon line's
 * {@code discount_tax} is the tax of its discount, rounded per item; with prices including tax
 * its {@code discount} is net of that tax.</li>
 * <li><b>Order totals</b> ({@code WC_Abstract_Order::calculate_totals}, {@code update_taxes}):
 * cart subtotal and total are the sums of the line values rounded to cents; {@code cart_tax} and
 * {@code shipping_tax} the sums per rate of the line (and fee) taxes rounded to cents per line;
 * {@code discount_total} is cart subtotal less cart total; {@code discount_tax} the unrounded
 * subtotal taxes less total taxes, rounded; {@code total} is cart total + fees + shipping +
 * cart tax + shipping tax. A tax line per rate (kept across recalculations, as WooCommerce keeps
 * its items) carries {@code tax_total} and {@code shipping_tax_total}.</li>
 * </ul>
 *
 * <p>Amounts are exact decimals where PHP uses floats; they differ from WooCommerce's only where a
 * float's noise would cross a rounding boundary. Lines keep their unrounded values in hidden
 * fields ({@code _subtotal}, {@code _total}), as WooCommerce stores them, and show them rounded to
 * cents. Negative fees are taxed like positive ones (WooCommerce spreads them over the items'
 * classes).
 */
final class WooOrderTotals {

    static final String SUBTOTAL = "_subtotal";
    static final String TOTAL = "_total";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final List<String> LOCAL_PICKUP = List.of("legacy_local_pickup", "local_pickup");
    private static final List<String> CLASS_ORDER = List.of("", "reduced-rate", "zero-rate");

    private final WooStore store;

    WooOrderTotals(WooStore store) {
        this.store = store;
    }

    // ---------------------------------------------------------------- location and rates

    WooTaxLocation location(JsonNode order) {
        JsonNode address = order.path("shipping").path("country").asText("").isEmpty() ? order.path("billing") : order.path("shipping");
        for (JsonNode shipping : order.path("shipping_lines")) {
            if (LOCAL_PICKUP.contains(shipping.path("method_id").asText())) {
                return WooTaxLocation.SHOP_BASE;
            }
        }
        WooTaxLocation at = WooTaxLocation.of(address);
        return at.country().isEmpty() ? WooTaxLocation.SHOP_BASE : at;
    }

    private List<WooTaxRate> rates(JsonNode order, String taxClass) {
        return store.taxes().find(location(order), taxClass);
    }

    /** Whether a line item is taxed: its product's {@code tax_status} (taxable when the product is gone). */
    private String taxStatus(JsonNode line) {
        return store.get(EntityType.PRODUCTS, line.path("product_id").asLong())
                .map(p -> p.path("tax_status").asText("taxable")).orElse("taxable");
    }

    private boolean lineTaxable(JsonNode line) {
        return taxStatus(line).equals("taxable");
    }

    /**
     * {@code wc_get_price_excluding_tax}: the net of a line whose unit price is {@code price};
     * when the order's prices include tax, the tax in the gross is taken out.
     */
    BigDecimal netLinePrice(JsonNode order, JsonNode line, BigDecimal price, long quantity) {
        BigDecimal gross = price.multiply(BigDecimal.valueOf(Math.max(0, quantity)));
        if (!order.path("prices_include_tax").asBoolean() || !lineTaxable(line)) {
            return gross;
        }
        BigDecimal tax = sum(calcInclusive(gross, rates(order, line.path("tax_class").asText(""))).values());
        return gross.subtract(tax);
    }

    // ---------------------------------------------------------------- WC_Tax

    /** {@code WC_Tax::calc_exclusive_tax}: each rate's tax on a net price, to 6 decimals. */
    static Map<Long, BigDecimal> calcExclusive(BigDecimal price, List<WooTaxRate> rates) {
        Map<Long, BigDecimal> taxes = new LinkedHashMap<>();
        for (WooTaxRate rate : rates) {
            if (!rate.compound()) {
                taxes.merge(rate.id(), price.multiply(rate.fraction()), BigDecimal::add);
            }
        }
        BigDecimal preCompound = sum(taxes.values());
        for (WooTaxRate rate : rates) {
            if (rate.compound()) {
                taxes.merge(rate.id(), price.add(preCompound).multiply(rate.fraction()), BigDecimal::add);
                preCompound = sum(taxes.values());
            }
        }
        taxes.replaceAll((id, tax) -> precise(tax));
        return taxes;
    }

    /** {@code WC_Tax::calc_inclusive_tax}: each rate's share of a gross price, to 6 decimals. */
    static Map<Long, BigDecimal> calcInclusive(BigDecimal price, List<WooTaxRate> rates) {
        Map<Long, BigDecimal> taxes = new LinkedHashMap<>();
        rates.forEach(r -> taxes.put(r.id(), BigDecimal.ZERO));
        BigDecimal nonCompound = price;
        List<WooTaxRate> compound = new ArrayList<>(rates.stream().filter(WooTaxRate::compound).toList());
        java.util.Collections.reverse(compound);
        for (WooTaxRate rate : compound) {
            BigDecimal tax = nonCompound.subtract(nonCompound.divide(BigDecimal.ONE.add(rate.fraction()), MathContext.DECIMAL128));
            taxes.merge(rate.id(), tax, BigDecimal::add);
            nonCompound = nonCompound.subtract(tax);
        }
        BigDecimal regular = BigDecimal.ONE.add(sum(rates.stream().filter(r -> !r.compound()).map(WooTaxRate::fraction).toList()));
        for (WooTaxRate rate : rates) {
            if (!rate.compound()) {
                taxes.merge(rate.id(), rate.fraction().divide(regular, MathContext.DECIMAL128).multiply(nonCompound), BigDecimal::add);
            }
        }
        taxes.replaceAll((id, tax) -> precise(tax));
        return taxes;
    }

    /** {@code WC_Tax::round}: 6 decimals, half up. */
    static BigDecimal precise(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_UP);
    }

    /** {@code wc_round_tax_total}: cents, half down when the order's prices include tax, else half up. */
    private static BigDecimal roundTax(JsonNode order, BigDecimal value) {
        return value.setScale(2, order.path("prices_include_tax").asBoolean() ? RoundingMode.HALF_DOWN : RoundingMode.HALF_UP);
    }

    /** {@code NumberUtil::round(x, 2)}: cents, half up. */
    static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal sum(Iterable<BigDecimal> values) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal value : values) {
            total = total.add(value);
        }
        return total;
    }

    static BigDecimal amount(JsonNode line, String field) {
        String value = line.path(field).asText("");
        return value.isEmpty() ? BigDecimal.ZERO : new BigDecimal(value);
    }

    // ---------------------------------------------------------------- calculate_totals

    /** {@code WC_Abstract_Order::calculate_totals(true)}: taxes, tax lines and the order's totals. */
    void calculateTotals(ObjectNode order) {
        BigDecimal cartSubtotal = BigDecimal.ZERO;
        BigDecimal cartTotal = BigDecimal.ZERO;
        for (JsonNode line : order.path("line_items")) {
            cartSubtotal = cartSubtotal.add(cents(amount(line, SUBTOTAL)));
            cartTotal = cartTotal.add(cents(amount(line, TOTAL)));
        }
        BigDecimal shippingTotal = BigDecimal.ZERO;
        for (JsonNode shipping : order.path("shipping_lines")) {
            shippingTotal = shippingTotal.add(cents(amount(shipping, TOTAL)));
        }
        BigDecimal feesTotal = BigDecimal.ZERO;
        for (JsonNode fee : order.path("fee_lines")) {
            BigDecimal total = amount(fee, TOTAL);
            if (total.signum() < 0) {
                BigDecimal maxDiscount = cents(cartTotal.add(feesTotal).add(shippingTotal)).negate();
                if (total.compareTo(maxDiscount) < 0 && maxDiscount.signum() < 0) {
                    ((ObjectNode) fee).put(TOTAL, maxDiscount.toPlainString());
                    total = maxDiscount;
                }
            }
            feesTotal = feesTotal.add(total);
        }

        calculateTaxes(order);

        BigDecimal cartTotalTax = BigDecimal.ZERO;
        BigDecimal cartSubtotalTax = BigDecimal.ZERO;
        for (JsonNode line : order.path("line_items")) {
            for (JsonNode tax : line.path("taxes")) {
                cartTotalTax = cartTotalTax.add(new BigDecimal(tax.path("total").asText()));
                cartSubtotalTax = cartSubtotalTax.add(new BigDecimal(tax.path("subtotal").asText()));
            }
        }
        BigDecimal cartTax = amount(order, "cart_tax");
        BigDecimal shippingTax = amount(order, "shipping_tax");
        order.put("discount_total", WooInput.money(cents(cartSubtotal.subtract(cartTotal))));
        order.put("discount_tax", WooInput.money(roundTax(order, cartSubtotalTax.subtract(cartTotalTax))));
        order.put("shipping_total", WooInput.money(shippingTotal));
        order.put("total", WooInput.money(cents(cartTotal.add(feesTotal).add(shippingTotal).add(cartTax).add(shippingTax))));
        order.put("total_tax", WooInput.money(cents(cartTax.add(shippingTax))));
    }

    /** {@code WC_Abstract_Order::calculate_taxes} and {@code update_taxes}. */
    private void calculateTaxes(ObjectNode order) {
        Set<String> itemClasses = new HashSet<>();
        for (JsonNode line : order.path("line_items")) {
            String status = taxStatus(line);
            if (status.equals("taxable") || status.equals("shipping")) {
                itemClasses.add(line.path("tax_class").asText(""));
            }
        }
        String shippingClass = CLASS_ORDER.stream().filter(itemClasses::contains).findFirst()
                .orElse(order.path("line_items").isEmpty() ? "" : null);

        Map<Long, BigDecimal> cartTaxes = new LinkedHashMap<>();
        Map<Long, BigDecimal> shippingTaxes = new LinkedHashMap<>();
        for (JsonNode node : order.path("line_items")) {
            ObjectNode line = (ObjectNode) node;
            Map<Long, BigDecimal> totals = Map.of();
            Map<Long, BigDecimal> subtotals = Map.of();
            if (lineTaxable(line)) {
                List<WooTaxRate> rates = rates(order, line.path("tax_class").asText(""));
                totals = calcExclusive(amount(line, TOTAL), rates);
                subtotals = calcExclusive(amount(line, SUBTOTAL), rates);
                if (sum(subtotals.values()).compareTo(sum(totals.values())) < 0) {
                    subtotals = totals; // WC_Order_Item_Product::set_taxes: a subtotal is never below the total
                }
            }
            setTaxes(order, line, totals, subtotals);
            totals.forEach((id, tax) -> cartTaxes.merge(id, roundTax(order, tax), BigDecimal::add));
        }
        for (JsonNode node : order.path("fee_lines")) {
            ObjectNode fee = (ObjectNode) node;
            Map<Long, BigDecimal> totals = fee.path("tax_status").asText("taxable").equals("taxable")
                    ? calcExclusive(amount(fee, TOTAL), rates(order, fee.path("tax_class").asText(""))) : Map.of();
            setTaxes(order, fee, totals, null);
            totals.forEach((id, tax) -> cartTaxes.merge(id, roundTax(order, tax), BigDecimal::add));
        }
        for (JsonNode node : order.path("shipping_lines")) {
            ObjectNode shipping = (ObjectNode) node;
            Map<Long, BigDecimal> totals = shippingClass == null ? Map.of()
                    : calcExclusive(amount(shipping, TOTAL), store.taxes().findForShipping(location(order), shippingClass));
            setTaxes(order, shipping, totals, null);
            totals.forEach((id, tax) -> shippingTaxes.merge(id, roundTax(order, tax), BigDecimal::add));
        }
        updateTaxLines(order, cartTaxes, shippingTaxes);
        order.put("shipping_tax", WooInput.money(sum(shippingTaxes.values())));
        order.put("cart_tax", WooInput.money(sum(cartTaxes.values())));
    }

    /**
     * An item's {@code taxes} and its tax totals; a line item's subtotal, total and price shown
     * from its unrounded values. Shipping and fee lines have no subtotal taxes ("").
     */
    private static void setTaxes(JsonNode order, ObjectNode item, Map<Long, BigDecimal> totals, Map<Long, BigDecimal> subtotals) {
        ArrayNode taxes = item.putArray("taxes");
        BigDecimal totalTax = BigDecimal.ZERO;
        BigDecimal subtotalTax = BigDecimal.ZERO;
        for (Map.Entry<Long, BigDecimal> tax : totals.entrySet()) {
            ObjectNode entry = taxes.addObject();
            entry.put("id", tax.getKey());
            entry.put("total", plain(tax.getValue()));
            totalTax = totalTax.add(roundTax(order, tax.getValue()));
            if (subtotals == null) {
                entry.put("subtotal", "");
            } else {
                BigDecimal subtotal = subtotals.getOrDefault(tax.getKey(), BigDecimal.ZERO);
                entry.put("subtotal", plain(subtotal));
                subtotalTax = subtotalTax.add(roundTax(order, subtotal));
            }
        }
        item.put("total", WooInput.money(cents(amount(item, TOTAL))));
        item.put("total_tax", WooInput.money(totalTax));
        if (subtotals != null) {
            item.put("subtotal", WooInput.money(cents(amount(item, SUBTOTAL))));
            item.put("subtotal_tax", WooInput.money(subtotalTax));
            setPrice(item);
        }
        // keep WooCommerce's key order: the hidden values last
        for (String hidden : List.of(SUBTOTAL, TOTAL)) {
            if (item.has(hidden)) {
                item.set(hidden, item.remove(hidden));
            }
        }
    }

    /** {@code price}: the line total over the quantity, a JSON number as WooCommerce sends it (3, 12.5, 7.491667). */
    private static void setPrice(ObjectNode line) {
        long qty = line.path("quantity").asLong();
        BigDecimal price = qty == 0 ? BigDecimal.ZERO
                : amount(line, TOTAL).divide(BigDecimal.valueOf(qty), new MathContext(16, RoundingMode.HALF_UP)).stripTrailingZeros();
        if (price.scale() <= 0) {
            line.put("price", price.longValueExact());
        } else {
            line.put("price", price);
        }
    }

    /** A 6-decimal tax as WooCommerce shows it in {@code taxes}: no trailing zeros ("0.9", "0"). */
    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }

    /** {@code update_taxes}: a tax line per rate, existing ones kept (with their ids), gone ones removed. */
    private void updateTaxLines(ObjectNode order, Map<Long, BigDecimal> cartTaxes, Map<Long, BigDecimal> shippingTaxes) {
        ArrayNode lines = order.withArray("tax_lines");
        Set<Long> saved = new HashSet<>();
        for (Iterator<JsonNode> it = lines.elements(); it.hasNext(); ) {
            ObjectNode line = (ObjectNode) it.next();
            long rateId = line.path("rate_id").asLong();
            if ((!cartTaxes.containsKey(rateId) && !shippingTaxes.containsKey(rateId)) || !saved.add(rateId)) {
                it.remove();
                continue;
            }
            fillTaxLine(line, rateId, cartTaxes, shippingTaxes);
        }
        Set<Long> rateIds = new java.util.LinkedHashSet<>(cartTaxes.keySet());
        rateIds.addAll(shippingTaxes.keySet());
        for (long rateId : rateIds) {
            if (!saved.contains(rateId)) {
                ObjectNode line = lines.addObject();
                line.put("id", store.nextItemId());
                fillTaxLine(line, rateId, cartTaxes, shippingTaxes);
            }
        }
    }

    private void fillTaxLine(ObjectNode line, long rateId, Map<Long, BigDecimal> cartTaxes, Map<Long, BigDecimal> shippingTaxes) {
        Optional<WooTaxRate> rate = store.taxes().rate(rateId);
        line.put("rate_code", rate.map(WooTaxRate::code).orElse(""));
        line.put("rate_id", rateId);
        line.put("label", rate.map(WooTaxRate::name).orElse("Tax"));
        line.put("compound", rate.map(WooTaxRate::compound).orElse(false));
        line.put("tax_total", WooInput.money(cartTaxes.getOrDefault(rateId, BigDecimal.ZERO)));
        line.put("shipping_tax_total", WooInput.money(shippingTaxes.getOrDefault(rateId, BigDecimal.ZERO)));
        line.put("rate_percent", rate.map(WooTaxRate::percent).orElse(BigDecimal.ZERO));
        if (!line.has("meta_data")) {
            line.set("meta_data", NODES.arrayNode());
        } else {
            line.set("meta_data", line.remove("meta_data"));
        }
    }

    // ---------------------------------------------------------------- coupons

    /** A line item as {@code WC_Discounts} sees it: its key, quantity and price in cents. */
    private static final class Item {
        final ObjectNode line;
        final long key;
        final long quantity;
        final BigDecimal price;

        Item(ObjectNode line, BigDecimal price) {
            this.line = line;
            this.key = line.path("id").asLong();
            this.quantity = line.path("quantity").asLong();
            this.price = price;
        }
    }

    /** The discounts given so far: coupon code → item key → cents. */
    private static final class Discounts {
        final Map<String, Map<Long, BigDecimal>> byCoupon = new LinkedHashMap<>();
        final List<Item> items;

        Discounts(List<Item> items) {
            this.items = items;
        }

        BigDecimal of(Item item) {
            BigDecimal total = BigDecimal.ZERO;
            for (Map<Long, BigDecimal> discounts : byCoupon.values()) {
                total = total.add(discounts.getOrDefault(item.key, BigDecimal.ZERO));
            }
            return total;
        }

        /** {@code get_discounted_price_in_cents}: what is left of an item, in whole cents. */
        BigDecimal left(Item item) {
            return item.price.subtract(of(item)).setScale(0, RoundingMode.HALF_UP).abs();
        }

        void add(String code, Item item, BigDecimal cents) {
            byCoupon.get(code).merge(item.key, cents, BigDecimal::add);
        }
    }

    /**
     * {@code WC_Abstract_Order::recalculate_coupons}: the line totals back to their subtotals,
     * every coupon line applied again in its order, the coupon lines' discounts set, the totals
     * calculated.
     */
    void recalculateCoupons(ObjectNode order) {
        boolean inclusive = order.path("prices_include_tax").asBoolean();
        List<Item> items = new ArrayList<>();
        for (JsonNode node : order.path("line_items")) {
            ObjectNode line = (ObjectNode) node;
            line.put(TOTAL, line.path(SUBTOTAL).asText("0"));
            BigDecimal price = amount(line, SUBTOTAL);
            if (inclusive) {
                price = price.add(amount(line, "subtotal_tax"));
            }
            items.add(new Item(line, price.multiply(HUNDRED).setScale(4, RoundingMode.HALF_UP)));
        }
        // WC_Discounts::sort_by_price: by price × quantity, highest first, ties in their order
        items.sort(Comparator.comparing((Item i) -> i.price.multiply(BigDecimal.valueOf(i.quantity))).reversed());
        Discounts discounts = new Discounts(items);
        for (JsonNode couponLine : order.path("coupon_lines")) {
            String code = couponLine.path("code").asText();
            Map<Long, BigDecimal> perItem = new LinkedHashMap<>();
            items.forEach(i -> perItem.put(i.key, BigDecimal.ZERO));
            discounts.byCoupon.putIfAbsent(code, perItem);
            String type = couponLine.path("discount_type").asText("fixed_cart");
            BigDecimal amount = new BigDecimal(couponLine.path("nominal_amount").asText("0"));
            Optional<ObjectNode> coupon = store.couponByCode(code);
            if (coupon.isPresent()) {
                type = coupon.get().path("discount_type").asText();
                amount = new BigDecimal(coupon.get().path("amount").asText("0"));
            }
            List<Item> toApply = items.stream().filter(i -> discounts.left(i).signum() != 0 && i.quantity > 0).toList();
            switch (type) {
                case "percent" -> percent(discounts, code, toApply, amount);
                case "fixed_product" -> fixedProduct(discounts, code, toApply, amount.multiply(HUNDRED));
                default -> fixedCart(discounts, code, toApply, amount.multiply(HUNDRED).setScale(4, RoundingMode.HALF_UP));
            }
        }
        setCouponDiscounts(order, discounts);
        setItemDiscounts(order, discounts);
        calculateTotals(order);
    }

    /** {@code apply_coupon_percent}. */
    private static void percent(Discounts discounts, String code, List<Item> toApply, BigDecimal percent) {
        BigDecimal given = BigDecimal.ZERO;
        BigDecimal cartTotal = BigDecimal.ZERO;
        BigDecimal rate = percent.divide(HUNDRED, MathContext.DECIMAL128);
        for (Item item : toApply) {
            BigDecimal left = discounts.left(item);
            BigDecimal priceToDiscount = item.price.setScale(0, RoundingMode.HALF_UP);
            BigDecimal discount = priceToDiscount.multiply(rate).setScale(0, RoundingMode.FLOOR);
            discount = discount.min(left).setScale(0, RoundingMode.HALF_DOWN);
            cartTotal = cartTotal.add(priceToDiscount);
            given = given.add(discount);
            discounts.add(code, item, discount);
        }
        BigDecimal cartDiscount = cartTotal.multiply(rate).setScale(0, RoundingMode.HALF_DOWN);
        if (given.compareTo(cartDiscount) < 0) {
            remainder(discounts, code, toApply, cartDiscount.subtract(given));
        }
    }

    /** {@code apply_coupon_fixed_product}: the amount (in cents) per unit, capped at what is left of an item. */
    private static BigDecimal fixedProduct(Discounts discounts, String code, List<Item> toApply, BigDecimal perUnit) {
        BigDecimal given = BigDecimal.ZERO;
        for (Item item : toApply) {
            BigDecimal discount = perUnit.multiply(BigDecimal.valueOf(item.quantity)).min(discounts.left(item));
            given = given.add(discount);
            discounts.add(code, item, discount);
        }
        return given;
    }

    /** {@code apply_coupon_fixed_cart}: equal cents per unit, again with what is left, then cent by cent. */
    private static BigDecimal fixedCart(Discounts discounts, String code, List<Item> toApply, BigDecimal amount) {
        List<Item> withPrice = toApply.stream().filter(i -> discounts.left(i).signum() > 0).toList();
        long units = withPrice.stream().mapToLong(i -> i.quantity).sum();
        if (units == 0 || amount.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal perUnit = amount.divide(BigDecimal.valueOf(units), 0, RoundingMode.DOWN);
        BigDecimal given = BigDecimal.ZERO;
        if (perUnit.signum() > 0) {
            given = fixedProduct(discounts, code, withPrice, perUnit);
            if (given.signum() > 0 && given.compareTo(amount) < 0) {
                given = given.add(fixedCart(discounts, code, withPrice, amount.subtract(given)));
            }
        } else if (amount.signum() > 0) {
            given = given.add(remainder(discounts, code, withPrice, amount));
        }
        return given;
    }

    /** {@code apply_coupon_remainder}: one cent per unit, items in their order, until the amount is given. */
    private static BigDecimal remainder(Discounts discounts, String code, List<Item> toApply, BigDecimal amount) {
        BigDecimal given = BigDecimal.ZERO;
        for (Item item : toApply) {
            for (long unit = 0; unit < item.quantity; unit++) {
                BigDecimal discount = discounts.left(item).min(BigDecimal.ONE);
                given = given.add(discount);
                discounts.add(code, item, discount);
                if (given.compareTo(amount) >= 0) {
                    return given;
                }
            }
        }
        return given;
    }

    /** {@code set_coupon_discount_amounts}: each coupon line's discount and the tax it removed. */
    private void setCouponDiscounts(ObjectNode order, Discounts discounts) {
        boolean inclusive = order.path("prices_include_tax").asBoolean();
        for (JsonNode node : order.path("coupon_lines")) {
            ObjectNode couponLine = (ObjectNode) node;
            Map<Long, BigDecimal> perItem = discounts.byCoupon.getOrDefault(couponLine.path("code").asText(), Map.of());
            BigDecimal amount = sum(perItem.values()).divide(HUNDRED);
            BigDecimal discountTax = BigDecimal.ZERO;
            for (Item item : discounts.items) {
                BigDecimal itemDiscount = perItem.getOrDefault(item.key, BigDecimal.ZERO).divide(HUNDRED);
                if (!lineTaxable(item.line)) {
                    continue;
                }
                List<WooTaxRate> rates = rates(order, item.line.path("tax_class").asText(""));
                BigDecimal taxes = roundTax(order, sum((inclusive ? calcInclusive(itemDiscount, rates) : calcExclusive(itemDiscount, rates)).values()));
                discountTax = discountTax.add(taxes);
                if (inclusive) {
                    amount = amount.subtract(taxes);
                }
            }
            couponLine.put("discount", WooInput.money(amount));
            couponLine.put("discount_tax", WooInput.money(discountTax));
        }
    }

    /** {@code set_item_discount_amounts}: each line's total less its discounts (net of their tax when prices include it), never below 0. */
    private void setItemDiscounts(ObjectNode order, Discounts discounts) {
        boolean inclusive = order.path("prices_include_tax").asBoolean();
        for (Item item : discounts.items) {
            BigDecimal discount = discounts.of(item).divide(HUNDRED);
            if (inclusive && lineTaxable(item.line)) {
                discount = discount.subtract(sum(calcInclusive(discount, rates(order, item.line.path("tax_class").asText(""))).values()));
            }
            BigDecimal total = amount(item.line, TOTAL).subtract(discount).max(BigDecimal.ZERO);
            item.line.put(TOTAL, total.toPlainString());
        }
    }
}
