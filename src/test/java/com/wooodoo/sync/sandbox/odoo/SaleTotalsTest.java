package com.wooodoo.sync.sandbox.odoo;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Line and order amounts, checked against amounts worked out by hand as Odoo 17 works them out. */
class SaleTotalsTest {

    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final SaleTotals.Tax VAT_5 = new SaleTotals.Tax(1, "percent", new BigDecimal("5"), false);
    private static final SaleTotals.Tax VAT_20_INCLUDED = new SaleTotals.Tax(2, "percent", new BigDecimal("20"), true);
    private static final SaleTotals.Tax VAT_10_INCLUDED = new SaleTotals.Tax(3, "percent", new BigDecimal("10"), true);

    @Test
    void aPriceIncludedTaxIsRoundedFirstAndTheUntaxedAmountIsWhatIsLeft() {
        // 9.99 / 1.2 × 0.2 = 1.665 → 1.67; 9.99 − 1.67 = 8.32
        SaleTotals.LineAmounts line = new SaleTotals(CENT, SaleTotals.ROUND_PER_LINE).line(line("9.99", "1", "0", VAT_20_INCLUDED));

        assertThat(line.subtotal()).isEqualByComparingTo("8.32");
        assertThat(line.tax()).isEqualByComparingTo("1.67");
        assertThat(line.total()).isEqualByComparingTo("9.99");
    }

    @Test
    void neighbouringPriceIncludedPercentagesShareOneBase() {
        // 11.50 / 1.3 = 8.846153…: 20 % → 1.769230… → 1.77, 10 % → 0.884615… → 0.88; 11.50 − 2.65 = 8.85
        SaleTotals.LineAmounts line = new SaleTotals(CENT, SaleTotals.ROUND_PER_LINE)
                .line(line("11.50", "1", "0", VAT_20_INCLUDED, VAT_10_INCLUDED));

        assertThat(line.subtotal()).isEqualByComparingTo("8.85");
        assertThat(line.tax()).isEqualByComparingTo("2.65");
        assertThat(line.taxes()).extracting(SaleTotals.TaxAmount::amount).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1.77"), new BigDecimal("0.88"));
    }

    @Test
    void roundingGloballyRoundsEachTaxOnceOverTheOrder() {
        // three lines of 10.10 at 5 %: 0.505 each, 0.51 each when rounded, 1.515 → 1.52 in all
        List<SaleTotals.Line> lines = List.of(line("10.10", "1", "0", VAT_5), line("10.10", "1", "0", VAT_5),
                line("10.10", "1", "0", VAT_5));

        SaleTotals perLine = new SaleTotals(CENT, SaleTotals.ROUND_PER_LINE);
        SaleTotals globally = new SaleTotals(CENT, SaleTotals.ROUND_GLOBALLY);

        assertThat(perLine.order(lines.stream().map(perLine::line).toList()))
                .isEqualTo(new SaleTotals.OrderAmounts(new BigDecimal("30.30"), new BigDecimal("1.53"), new BigDecimal("31.83")));
        SaleTotals.OrderAmounts global = globally.order(lines.stream().map(globally::line).toList());
        assertThat(global.untaxed()).isEqualByComparingTo("30.30");
        assertThat(global.tax()).isEqualByComparingTo("1.52");
        assertThat(global.total()).isEqualByComparingTo("31.82");
        assertThat(globally.line(lines.get(0)).tax()).as("a line's own tax is rounded all the same").isEqualByComparingTo("0.51");
    }

    @Test
    void fixedTaxesCountTheQuantityAndANegativeLineIsNegated() {
        SaleTotals.Tax eco = new SaleTotals.Tax(4, "fixed", new BigDecimal("0.5"), false);
        SaleTotals totals = new SaleTotals(CENT, SaleTotals.ROUND_PER_LINE);

        SaleTotals.LineAmounts line = totals.line(line("2.00", "3", "0", eco, VAT_5));
        assertThat(line.subtotal()).isEqualByComparingTo("6.00");
        assertThat(line.tax()).as("1.50 + 0.30").isEqualByComparingTo("1.80");

        SaleTotals.LineAmounts refund = totals.line(line("2.00", "-3", "0", eco, VAT_5));
        assertThat(refund.subtotal()).isEqualByComparingTo("-6.00");
        assertThat(refund.tax()).isEqualByComparingTo("-1.80");
        assertThat(refund.total()).isEqualByComparingTo("-7.80");
    }

    @Test
    void aPriceIncludedFixedTaxComesOutOfThePriceBeforeThePercentages() {
        SaleTotals.Tax fixedIncluded = new SaleTotals.Tax(5, "fixed", new BigDecimal("15"), true);
        SaleTotals.Tax percentIncluded = new SaleTotals.Tax(6, "percent", new BigDecimal("30"), true);
        // Odoo's example: (145 − 15) / 1.3 = 100
        SaleTotals.LineAmounts line = new SaleTotals(CENT, SaleTotals.ROUND_PER_LINE).line(line("145", "1", "0", percentIncluded,
                fixedIncluded));

        assertThat(line.subtotal()).isEqualByComparingTo("100.00");
        assertThat(line.tax()).isEqualByComparingTo("45.00");
    }

    @Test
    void theDiscountComesOffTheUnitPriceAndTheBaseIsRoundedToTheCurrency() {
        // 19.99 × 0.85 × 3 = 50.9745 → 50.97; 7.5 % of it = 3.82275 → 3.82
        SaleTotals.Tax stateTax = new SaleTotals.Tax(7, "percent", new BigDecimal("7.5"), false);
        SaleTotals.LineAmounts line = new SaleTotals(CENT, SaleTotals.ROUND_PER_LINE).line(line("19.99", "3", "15", stateTax));

        assertThat(line.subtotal()).isEqualByComparingTo("50.97");
        assertThat(line.tax()).isEqualByComparingTo("3.82");
        assertThat(line.total()).isEqualByComparingTo("54.79");
    }

    private static SaleTotals.Line line(String price, String quantity, String discount, SaleTotals.Tax... taxes) {
        return new SaleTotals.Line(new BigDecimal(price), new BigDecimal(quantity), new BigDecimal(discount), List.of(taxes));
    }
}
