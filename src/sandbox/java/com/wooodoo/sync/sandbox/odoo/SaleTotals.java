package com.wooodoo.sync.sandbox.odoo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The amounts of sales order lines and of their orders, as Odoo 17 computes them, in
 * {@link BigDecimal}. What is followed, from Odoo 17's {@code account.tax} ({@code compute_all},
 * {@code _compute_taxes_for_single_line}, {@code _aggregate_taxes}, {@code _compute_taxes}),
 * {@code sale.order.line._compute_amount} and {@code sale.order._compute_amounts}:
 * <ol>
 *   <li>A line's base is its unit price after discount, {@code price_unit × (1 − discount / 100)},
 *       times its quantity, rounded to the currency (always, whatever the rounding method). A
 *       negative base is computed as positive and its results negated.</li>
 *   <li>The taxes apply in their order (sequence, then id), in batches of neighbours of the same
 *       computation and price inclusion. Fixed taxes are computed first: the quantity times the
 *       amount. Then, from the last batch to the first, the price-included taxes are taken out of
 *       the base: a batch of percentages takes {@code base / (1 + Σ rates)} times each rate, a
 *       division tax {@code base × rate}, a fixed one its amount; each tax amount is rounded (see
 *       4) and taken from the base. What is left is the line's untaxed amount (its
 *       {@code price_subtotal}, rounded to the currency).</li>
 *   <li>The price-excluded taxes are then computed on that untaxed amount: a percentage
 *       {@code base × rate}, a division tax {@code base / (1 − rate) − base}, a fixed one its
 *       amount.</li>
 *   <li>With the company's {@code round_per_line}, every tax amount of every line is rounded to
 *       the currency (its {@code rounding}, half away from zero as {@code float_round}). With
 *       {@code round_globally}, to the currency's rounding × 10⁻⁵ only (Odoo's
 *       {@code prec *= 1e-5}), so that line amounts are kept unrounded.</li>
 *   <li>A line's {@code price_tax} is the sum over its taxes of each tax amount rounded to the
 *       currency; {@code price_total} is {@code price_subtotal + price_tax}.</li>
 *   <li>The order: with {@code round_per_line}, {@code amount_untaxed} is the sum of the lines'
 *       {@code price_subtotal} and {@code amount_tax} the sum of their {@code price_tax}. With
 *       {@code round_globally}, the amounts of each tax are gathered over the lines in their
 *       order, each rounded to the currency with the rounding left over carried to the next line
 *       of the same tax (Odoo's {@code delta_tax_amount}), so that a tax's total is its unrounded
 *       sum rounded once; {@code amount_tax} is the sum of those totals, {@code amount_untaxed}
 *       the sum of the lines' untaxed amounts. {@code amount_total = amount_untaxed + amount_tax}.</li>
 * </ol>
 * A price-included fixed tax is taken out of the price before the price-included percentages of
 * the taxes before it, as in the example {@code compute_all} documents ({@code (145 − 15) / 1.3}).
 * Not simulated: groups of taxes, repartition lines other than one of 100 %, "affect base of
 * subsequent taxes", currency rates (an order's amounts are in its own currency), early payment
 * discounts.
 */
final class SaleTotals {

    static final String ROUND_PER_LINE = "round_per_line";
    static final String ROUND_GLOBALLY = "round_globally";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext DIVISION = MathContext.DECIMAL128;

    /** A tax as a line applies it; {@code amount} is a rate in percent, or an amount for {@code fixed}. */
    record Tax(long id, String amountType, BigDecimal amount, boolean priceIncluded) {
    }

    /** An order line: its taxes in the order they apply. */
    record Line(BigDecimal priceUnit, BigDecimal quantity, BigDecimal discount, List<Tax> taxes) {
    }

    /** A tax's amount on a line, rounded as the rounding method rounds line amounts. */
    record TaxAmount(long taxId, BigDecimal amount) {
    }

    /** A line's {@code price_subtotal}, {@code price_tax}, {@code price_total}, and its tax amounts. */
    record LineAmounts(BigDecimal subtotal, BigDecimal tax, BigDecimal total, List<TaxAmount> taxes) {
    }

    /** An order's {@code amount_untaxed}, {@code amount_tax}, {@code amount_total}. */
    record OrderAmounts(BigDecimal untaxed, BigDecimal tax, BigDecimal total) {
    }

    private final BigDecimal rounding;
    private final boolean globally;

    /**
     * @param currencyRounding the currency's smallest unit ({@code 0.01})
     * @param roundingMethod   the company's {@code tax_calculation_rounding_method}
     */
    SaleTotals(BigDecimal currencyRounding, String roundingMethod) {
        this.rounding = currencyRounding.signum() > 0 ? currencyRounding : new BigDecimal("0.01");
        this.globally = ROUND_GLOBALLY.equals(roundingMethod);
    }

    /** Whether tax amounts are rounded once per order and tax rather than per line. */
    boolean globally() {
        return globally;
    }

    LineAmounts line(Line line) {
        BigDecimal precision = globally ? rounding.movePointLeft(5) : rounding;
        BigDecimal discounted = line.priceUnit().multiply(BigDecimal.ONE.subtract(line.discount().movePointLeft(2)));
        BigDecimal base = round(discounted.multiply(line.quantity()), rounding);
        int sign = base.signum() < 0 ? -1 : 1;
        base = base.abs();

        List<Tax> taxes = line.taxes();
        BigDecimal[] amounts = new BigDecimal[taxes.size()];
        List<int[]> batches = batches(taxes); // from the last tax's batch to the first's
        for (int i = 0; i < taxes.size(); i++) {
            if (taxes.get(i).amountType().equals("fixed")) {
                amounts[i] = round(line.quantity().abs().multiply(taxes.get(i).amount()), precision);
            }
        }
        for (int[] batch : batches) {
            Tax first = taxes.get(batch[0]);
            if (!first.priceIncluded()) {
                continue;
            }
            switch (first.amountType()) {
                case "percent" -> {
                    BigDecimal rates = BigDecimal.ZERO;
                    for (int i = batch[0]; i <= batch[1]; i++) {
                        rates = rates.add(taxes.get(i).amount());
                    }
                    BigDecimal computationBase = base.divide(BigDecimal.ONE.add(rates.movePointLeft(2)), DIVISION);
                    for (int i = batch[0]; i <= batch[1]; i++) {
                        amounts[i] = round(computationBase.multiply(taxes.get(i).amount()).movePointLeft(2), precision);
                    }
                }
                case "division" -> {
                    for (int i = batch[0]; i <= batch[1]; i++) {
                        amounts[i] = round(base.multiply(taxes.get(i).amount()).movePointLeft(2), precision);
                    }
                }
                default -> {
                    // fixed: computed above
                }
            }
            for (int i = batch[0]; i <= batch[1]; i++) {
                base = base.subtract(amounts[i]);
            }
        }
        BigDecimal excluded = base;
        for (int i = 0; i < taxes.size(); i++) {
            Tax tax = taxes.get(i);
            if (tax.priceIncluded()) {
                continue;
            }
            BigDecimal rate = tax.amount().movePointLeft(2);
            switch (tax.amountType()) {
                case "percent" -> amounts[i] = round(excluded.multiply(rate), precision);
                case "division" -> amounts[i] = BigDecimal.ONE.compareTo(rate) == 0 ? BigDecimal.ZERO
                        : round(excluded.divide(BigDecimal.ONE.subtract(rate), DIVISION).subtract(excluded), precision);
                default -> {
                    // fixed: computed above
                }
            }
        }

        BigDecimal subtotal = round(excluded, rounding).multiply(BigDecimal.valueOf(sign));
        List<TaxAmount> taxAmounts = new ArrayList<>();
        BigDecimal tax = BigDecimal.ZERO;
        for (int i = 0; i < taxes.size(); i++) {
            BigDecimal amount = amounts[i].multiply(BigDecimal.valueOf(sign));
            taxAmounts.add(new TaxAmount(taxes.get(i).id(), amount));
            tax = tax.add(round(amount, rounding));
        }
        return new LineAmounts(subtotal, tax, subtotal.add(tax), List.copyOf(taxAmounts));
    }

    OrderAmounts order(List<LineAmounts> lines) {
        BigDecimal untaxed = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (LineAmounts line : lines) {
            untaxed = untaxed.add(line.subtotal());
            if (!globally) {
                tax = tax.add(line.tax());
            }
        }
        if (globally) {
            Map<Long, BigDecimal[]> perTax = new LinkedHashMap<>(); // tax id: {rounding carried over, total}
            for (LineAmounts line : lines) {
                for (TaxAmount amount : line.taxes()) {
                    BigDecimal[] sums = perTax.computeIfAbsent(amount.taxId(), id -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    BigDecimal withCarry = amount.amount().add(sums[0]);
                    BigDecimal rounded = round(withCarry, rounding);
                    sums[0] = withCarry.subtract(rounded);
                    sums[1] = sums[1].add(rounded);
                }
            }
            for (BigDecimal[] sums : perTax.values()) {
                tax = tax.add(round(sums[1], rounding));
            }
        }
        return new OrderAmounts(untaxed, tax, untaxed.add(tax));
    }

    /**
     * Odoo's {@code _prepare_taxes_batches}: neighbouring taxes of the same computation and price
     * inclusion, as {@code [first index, last index]}, from the last tax's batch to the first's.
     */
    private static List<int[]> batches(List<Tax> taxes) {
        List<int[]> batches = new ArrayList<>();
        int end = taxes.size() - 1;
        for (int i = taxes.size() - 1; i >= 0; i--) {
            boolean sameAsPrevious = i > 0 && taxes.get(i - 1).amountType().equals(taxes.get(i).amountType())
                    && taxes.get(i - 1).priceIncluded() == taxes.get(i).priceIncluded();
            if (!sameAsPrevious) {
                batches.add(new int[] {i, end});
                end = i - 1;
            }
        }
        return batches;
    }

    /** Odoo's {@code float_round} to a multiple of {@code step}: half away from zero. */
    static BigDecimal round(BigDecimal value, BigDecimal step) {
        return value.divide(step, 0, RoundingMode.HALF_UP).multiply(step);
    }
}
