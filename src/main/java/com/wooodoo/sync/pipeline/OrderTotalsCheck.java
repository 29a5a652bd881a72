package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.NeutralOrder;
import com.wooodoo.sync.connector.SyncRecord;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The money check of an order after it was written to Odoo: Odoo's {@code amount_total} and
 * {@code amount_tax} against the shop's {@code total} and {@code total_tax}, within the tolerance
 * of orders.yaml ({@code totals.tolerance}). A difference is described with both totals and the
 * lines whose amounts before tax differ (product lines, then shipping lines, then fees, as written).
 *
 * <p>When the shop's prices include tax, the tax may differ by the tolerance once per line (the
 * total may not): WooCommerce rounds the tax in a tax-included price half down, Odoo half up, so
 * a line whose tax is an exact half cent has one cent less tax in the shop and one cent more
 * before tax. Any accepted difference is logged.
 */
final class OrderTotalsCheck {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OrderTotalsCheck.class);

    private OrderTotalsCheck() {
    }

    /** What differs, or empty when the totals agree within the tolerance (or the shop's are unknown). */
    static Optional<String> difference(SyncRecord shop, SyncRecord odoo, BigDecimal tolerance) {
        BigDecimal total = NeutralOrder.decimal(shop.fields().get(NeutralOrder.TOTAL));
        BigDecimal tax = NeutralOrder.decimal(shop.fields().get(NeutralOrder.TOTAL_TAX));
        if (total == null) {
            return Optional.empty();
        }
        BigDecimal odooTotal = orZero(odoo.fields().get(NeutralOrder.TOTAL));
        BigDecimal odooTax = orZero(odoo.fields().get(NeutralOrder.TOTAL_TAX));
        boolean totalDiffers = total.subtract(odooTotal).abs().compareTo(tolerance) > 0;
        boolean taxDiffers = tax != null && tax.subtract(odooTax).abs().compareTo(taxTolerance(shop, tolerance)) > 0;
        if (!totalDiffers && !taxDiffers) {
            if (total.compareTo(odooTotal) != 0 || (tax != null && tax.compareTo(odooTax) != 0)) {
                LOG.warn("order {} ({} record {}): Odoo's amount_total {} (amount_tax {}) differs from the shop's total {} (tax {})"
                                + " within the tolerance {} of orders.yaml totals", shop.fields().get("number"), shop.system(), shop.id(),
                        plain(odooTotal), plain(odooTax), plain(total), tax == null ? "?" : plain(tax), tolerance.toPlainString());
            }
            return Optional.empty();
        }
        String currency = Optional.ofNullable(NeutralOrder.text(shop.fields().get(NeutralOrder.CURRENCY))).map(c -> " " + c).orElse("");
        StringBuilder message = new StringBuilder("the order's totals differ: the shop's total ").append(plain(total)).append(currency)
                .append(" (tax ").append(tax == null ? "?" : plain(tax)).append("), Odoo's amount_total ").append(plain(odooTotal))
                .append(currency).append(" (amount_tax ").append(plain(odooTax)).append(")");
        List<String> lines = differingLines(shop, odoo);
        if (!lines.isEmpty()) {
            message.append("; lines before tax: ").append(String.join(", ", lines));
        }
        return Optional.of(message.toString());
    }

    private static BigDecimal taxTolerance(SyncRecord shop, BigDecimal tolerance) {
        if (!Boolean.TRUE.equals(shop.fields().get(NeutralOrder.PRICES_INCLUDE_TAX))) {
            return tolerance;
        }
        int lines = NeutralOrder.lines(shop.fields(), NeutralOrder.LINES).size()
                + NeutralOrder.lines(shop.fields(), NeutralOrder.SHIPPING_LINES).size()
                + NeutralOrder.lines(shop.fields(), NeutralOrder.FEE_LINES).size();
        return tolerance.multiply(BigDecimal.valueOf(Math.max(1, lines)));
    }

    private static List<String> differingLines(SyncRecord shop, SyncRecord odoo) {
        List<Map<String, Object>> shopLines = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        add(shopLines, labels, NeutralOrder.lines(shop.fields(), NeutralOrder.LINES), "line");
        add(shopLines, labels, NeutralOrder.lines(shop.fields(), NeutralOrder.SHIPPING_LINES), "shipping");
        add(shopLines, labels, NeutralOrder.lines(shop.fields(), NeutralOrder.FEE_LINES), "fee");
        List<Map<String, Object>> odooLines = new ArrayList<>(NeutralOrder.lines(odoo.fields(), NeutralOrder.LINES));
        odooLines.addAll(NeutralOrder.lines(odoo.fields(), NeutralOrder.SHIPPING_LINES));
        odooLines.addAll(NeutralOrder.lines(odoo.fields(), NeutralOrder.FEE_LINES));
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < Math.max(shopLines.size(), odooLines.size()); i++) {
            BigDecimal shopAmount = i < shopLines.size() ? NeutralOrder.decimal(shopLines.get(i).get(NeutralOrder.AMOUNT)) : null;
            BigDecimal odooAmount = i < odooLines.size() ? NeutralOrder.decimal(odooLines.get(i).get(NeutralOrder.AMOUNT)) : null;
            if (shopAmount == null || odooAmount == null || shopAmount.compareTo(odooAmount) != 0) {
                String label = i < labels.size() ? labels.get(i) : "Odoo line " + (i + 1);
                differing.add(label + " shop " + (shopAmount == null ? "none" : plain(shopAmount)) + " ≠ Odoo "
                        + (odooAmount == null ? "none" : plain(odooAmount)));
            }
        }
        return differing;
    }

    private static void add(List<Map<String, Object>> into, List<String> labels, List<Map<String, Object>> lines, String kind) {
        for (Map<String, Object> line : lines) {
            into.add(line);
            String name = NeutralOrder.text(line.get(NeutralOrder.NAME));
            labels.add(kind + " " + (into.size()) + (name == null ? "" : " '" + name + "'"));
        }
    }

    private static BigDecimal orZero(Object value) {
        BigDecimal decimal = NeutralOrder.decimal(value);
        return decimal == null ? BigDecimal.ZERO : decimal;
    }

    private static String plain(BigDecimal value) {
        return value.setScale(Math.max(2, value.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
