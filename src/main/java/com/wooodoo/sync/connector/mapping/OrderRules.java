package com.wooodoo.sync.connector.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code config/mappings/orders.yaml} says beyond its fields: how a shop order's statuses,
 * guest customers, taxes, shipping, fees and currency become an Odoo sales order, and how close
 * the two totals must be. {@link #NONE} for the other entity types.
 *
 * @param states           per shop status, what the Odoo order becomes
 * @param walkInPartnerRef the {@code ref} of the Odoo partner that takes guest orders without an
 *                         e-mail; empty: such an order is a ValidationError
 * @param taxes            tried in order, the first that matches a shop tax rate names its Odoo tax
 * @param shippingProducts the {@code default_code} of the Odoo product per shipping method id
 * @param defaultShippingProduct for the methods not listed; empty: such a method is a ValidationError
 * @param feeProduct       the {@code default_code} of the Odoo product for fee lines; empty: an
 *                         order with a fee is a ValidationError
 * @param pricelists       the name of the Odoo pricelist per currency code (ISO 4217)
 * @param tolerance        the largest difference accepted between the shop's and Odoo's totals
 */
public record OrderRules(Map<String, OdooOrderState> states, Optional<String> walkInPartnerRef, List<TaxRule> taxes,
                         Map<String, String> shippingProducts, Optional<String> defaultShippingProduct,
                         Optional<String> feeProduct, Map<String, String> pricelists, BigDecimal tolerance) {

    public static final BigDecimal DEFAULT_TOLERANCE = new BigDecimal("0.01");
    /** Without a {@code states} section: paid orders are confirmed, the others stay quotations, cancelled ones are cancelled. */
    public static final Map<String, OdooOrderState> DEFAULT_STATES = Map.of(
            "pending", OdooOrderState.QUOTATION, "processing", OdooOrderState.CONFIRMED, "on-hold", OdooOrderState.QUOTATION,
            "completed", OdooOrderState.CONFIRMED, "cancelled", OdooOrderState.CANCELLED, "refunded", OdooOrderState.CANCELLED,
            "failed", OdooOrderState.CANCELLED);
    public static final OrderRules NONE = new OrderRules(Map.of(), Optional.empty(), List.of(), Map.of(), Optional.empty(),
            Optional.empty(), Map.of(), DEFAULT_TOLERANCE);

    /** What an Odoo sales order becomes for a shop status. */
    public enum OdooOrderState {
        /** left a quotation ({@code draft}) */
        QUOTATION,
        /** confirmed through {@code action_confirm} ({@code sale}) */
        CONFIRMED,
        /** cancelled through {@code action_cancel} ({@code cancel}) */
        CANCELLED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One entry of {@code taxes}: a shop tax rate, by its id, or by its rate, country and whether
     * the order's prices include tax (each given condition must hold), and the Odoo tax it maps to.
     *
     * @param where the entry's place in the file, for messages ({@code taxes[2]})
     */
    public record TaxRule(Optional<Long> rateId, Optional<BigDecimal> rate, Optional<String> country,
                          Optional<Boolean> included, String odooTax, String where) {

        public boolean matches(ShopTaxRate shopRate, boolean pricesIncludeTax) {
            if (rateId.isPresent()) {
                return rateId.get() == shopRate.rateId();
            }
            return rate.map(r -> shopRate.rate() != null && r.compareTo(shopRate.rate()) == 0).orElse(true)
                    && country.map(c -> c.equalsIgnoreCase(shopRate.country())).orElse(true)
                    && included.map(i -> i == pricesIncludeTax).orElse(true);
        }
    }

    /**
     * A shop tax rate as an order names it.
     *
     * @param rate    the percentage, when the shop says it; null when it does not
     * @param country the country code of the rate ({@code rate_code} starts with it), or ""
     */
    public record ShopTaxRate(long rateId, String code, BigDecimal rate, String country) {

        public String describe(boolean pricesIncludeTax) {
            return "WooCommerce tax rate " + rateId + (code == null || code.isEmpty() ? "" : " (" + code + ")")
                    + (rate == null ? "" : ", " + rate.stripTrailingZeros().toPlainString() + " %")
                    + (country == null || country.isEmpty() ? "" : ", " + country)
                    + (pricesIncludeTax ? ", prices including tax" : ", prices excluding tax");
        }
    }

    /** The Odoo tax of a shop tax rate, by the first entry that matches. */
    public Optional<TaxRule> taxFor(ShopTaxRate shopRate, boolean pricesIncludeTax) {
        return taxes.stream().filter(t -> t.matches(shopRate, pricesIncludeTax)).findFirst();
    }

    /** The Odoo product of a shipping method ({@code flat_rate}, or {@code flat_rate:3} with its instance). */
    public Optional<String> shippingProductFor(String methodId) {
        String method = methodId == null ? "" : methodId.strip();
        String bare = method.contains(":") ? method.substring(0, method.indexOf(':')) : method;
        return Optional.ofNullable(shippingProducts.get(method)).or(() -> Optional.ofNullable(shippingProducts.get(bare)))
                .or(() -> defaultShippingProduct);
    }

    public Optional<String> pricelistFor(String currency) {
        return currency == null ? Optional.empty() : Optional.ofNullable(pricelists.get(currency.toUpperCase(Locale.ROOT)));
    }

    /** What the Odoo order becomes for a shop status; a status without an entry leaves it a quotation. */
    public OdooOrderState stateFor(String status) {
        return status == null ? OdooOrderState.QUOTATION : states.getOrDefault(status, OdooOrderState.QUOTATION);
    }
}
