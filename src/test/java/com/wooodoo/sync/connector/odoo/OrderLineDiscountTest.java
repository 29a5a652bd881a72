package com.wooodoo.sync.connector.odoo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shop line's discount (subtotal − total) becomes the Odoo line's percentage, with the digits
 * Odoo keeps, such that Odoo's line total is the shop's to the cent; where no percentage of those
 * digits does, there is none (the writer then uses the discounted unit price, or the totals check).
 */
class OrderLineDiscountTest {

    @ParameterizedTest(name = "{1} × {0}, shop total {2} → {4} % with {3} digits")
    @CsvSource({
            // unit price, quantity, shop total, digits, expected percentage ('' = none reaches the cent)
            "10.00, 3, 27.00, 2, 10.00",
            "30.00, 1, 20.00, 2, 33.33",      // a third off: 30 × 0.6667 = 20.001 → 20.00
            "19.99, 2, 34.98, 2, 12.51",      // a fixed 5.00 off 39.98: 12.506 % → 12.51 gives 34.98
            "4.99, 3, 12.47, 2, 16.70",
            "1234.56, 1, 1229.56, 2, ''",     // 5.00 off 1234.56 is 0.405 %: 0.40 % and 0.41 % miss the cent
            "1234.56, 1, 1229.56, 4, 0.4050",
            "12.50, 4, 0.00, 2, 100.00",
    })
    void theDiscountReachesTheShopsLineTotalToTheCent(String unitPrice, String quantity, String total, int digits, String expected) {
        BigDecimal price = new BigDecimal(unitPrice);
        BigDecimal qty = new BigDecimal(quantity);
        BigDecimal amount = new BigDecimal(total);
        BigDecimal discount = OdooOrderComposer.discountFor(price, qty, amount, price.multiply(qty), digits);

        if (expected.isEmpty()) {
            assertThat(discount).isNull();
            return;
        }
        assertThat(discount).isEqualByComparingTo(expected);
        BigDecimal odooLineTotal = price.multiply(qty).multiply(BigDecimal.ONE.subtract(discount.movePointLeft(2)))
                .setScale(2, RoundingMode.HALF_UP);
        assertThat(odooLineTotal).isEqualByComparingTo(amount);
    }
}
