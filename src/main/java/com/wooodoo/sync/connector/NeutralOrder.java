package com.wooodoo.sync.connector;

import com.wooodoo.sync.connector.mapping.OrderRules.ShopTaxRate;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of a neutral order that the mapping's fields do not carry, because the two systems
 * shape them too differently for a field path: what WooCommerce reads besides the mapped fields
 * and Odoo writes from them. Values stay in the neutral types (maps, lists, text, decimals), so
 * that they hash, store and compare like the mapped fields.
 *
 * <ul>
 *   <li>{@value #PRICES_INCLUDE_TAX}: whether the shop's prices include tax;</li>
 *   <li>{@value #BILLING}, {@value #SHIPPING}: the addresses, see {@link Address};</li>
 *   <li>per product line of {@code lines}: {@value #SUBTOTAL} (before discounts, before tax),
 *       {@value #SUBTOTAL_TAX}, {@value #AMOUNT} (after discounts, before tax), {@value #TAX}
 *       and {@value #TAXES} (the shop's tax rates of the line, see {@link #taxesOf});</li>
 *   <li>{@value #SHIPPING_LINES}: {@value #METHOD}, {@value #NAME}, {@value #AMOUNT},
 *       {@value #TAX}, {@value #TAXES}; {@value #FEE_LINES}: {@value #NAME}, {@value #AMOUNT},
 *       {@value #TAX}, {@value #TAXES}.</li>
 * </ul>
 */
public final class NeutralOrder {

    public static final String PRICES_INCLUDE_TAX = "pricesIncludeTax";
    public static final String BILLING = "billing";
    public static final String SHIPPING = "shipping";
    public static final String SHIPPING_LINES = "shippingLines";
    public static final String FEE_LINES = "feeLines";
    public static final String LINES = "lines";
    public static final String CUSTOMER = "customer";
    public static final String CURRENCY = "currency";
    public static final String STATUS = "status";
    public static final String TOTAL = "total";
    public static final String TOTAL_TAX = "totalTax";
    public static final String SUBTOTAL = "subtotal";
    public static final String SUBTOTAL_TAX = "subtotalTax";
    public static final String AMOUNT = "amount";
    public static final String TAX = "tax";
    public static final String TAXES = "taxes";
    public static final String METHOD = "method";
    public static final String NAME = "name";
    public static final String QUANTITY = "quantity";

    private NeutralOrder() {
    }

    /**
     * A billing or shipping address.
     *
     * @param email only billing addresses have one
     */
    public record Address(String name, String company, String street, String street2, String city, String zip,
                          String state, String country, String email, String phone) {

        public static Address of(Object value) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            return new Address(text(map.get("name")), text(map.get("company")), text(map.get("street")),
                    text(map.get("street2")), text(map.get("city")), text(map.get("zip")), text(map.get("state")),
                    text(map.get("country")), text(map.get("email")), text(map.get("phone")));
        }

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
            map.put("company", company);
            map.put("street", street);
            map.put("street2", street2);
            map.put("city", city);
            map.put("zip", zip);
            map.put("state", state);
            map.put("country", country);
            map.put("email", email);
            map.put("phone", phone);
            map.values().removeIf(Objects::isNull);
            return map;
        }

        /** Whether nothing of a postal address is filled in. */
        public boolean isBlank() {
            return name == null && company == null && street == null && city == null && zip == null && country == null;
        }

        /**
         * The same place to send an invoice or parcel to: name, street, city, zip and country,
         * letter case and spaces aside (what both systems keep of an address).
         */
        public boolean samePlaceAs(Address other) {
            return other != null && same(name, other.name) && same(street, other.street) && same(street2, other.street2)
                    && same(city, other.city) && same(zip, other.zip) && same(country, other.country);
        }

        private static boolean same(String a, String b) {
            String x = a == null ? "" : a.strip().replaceAll("\\s+", " ");
            String y = b == null ? "" : b.strip().replaceAll("\\s+", " ");
            return x.equalsIgnoreCase(y);
        }
    }

    /** The shop tax rates of a line, shipping line or fee, in the order given. */
    public static List<ShopTaxRate> taxesOf(Map<String, Object> line) {
        Object taxes = line.get(TAXES);
        if (!(taxes instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(t -> (Map<?, ?>) t)
                .map(t -> new ShopTaxRate(Long.parseLong(String.valueOf(t.get("rateId"))), text(t.get("code")),
                        decimal(t.get("rate")), text(t.get("country"))))
                .toList();
    }

    public static Map<String, Object> taxOf(ShopTaxRate rate) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rateId", rate.rateId());
        map.put("code", rate.code());
        map.put("rate", rate.rate());
        map.put("country", rate.country());
        map.values().removeIf(Objects::isNull);
        return map;
    }

    /** A neutral decimal value (BigDecimal, another number or a numeric text); null for none. */
    public static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        String text = value.toString().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }

    /** A neutral text value; null for none or blank. */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> lines(Map<String, Object> fields, String key) {
        Object value = fields.get(key);
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(l -> (Map<String, Object>) l).toList();
    }
}
