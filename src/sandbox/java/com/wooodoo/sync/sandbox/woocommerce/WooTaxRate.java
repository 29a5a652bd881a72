package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One row of WooCommerce's tax rate table ({@code woocommerce_tax_rates} with its postcode and
 * city locations), as {@code /taxes} shows it. {@code taxClass} is the class slug, "" for the
 * standard class (shown as {@code standard}).
 */
record WooTaxRate(long id, String country, String state, List<String> postcodes, List<String> cities, BigDecimal rate,
                  String name, int priority, boolean compound, boolean shipping, int order, String taxClass) {

    WooTaxRate {
        rate = rate.setScale(4, java.math.RoundingMode.HALF_UP);
        postcodes = List.copyOf(postcodes);
        cities = List.copyOf(cities);
    }

    /** The rate as a fraction of the price (7.5 % is 0.075). */
    BigDecimal fraction() {
        return rate.movePointLeft(2);
    }

    /**
     * {@code WC_Tax::get_rate_code}: country, state, name (or "TAX") and priority joined by "-",
     * upper case, leaving out the empty parts and a priority of 0 ({@code US-CA-STATE TAX},
     * {@code GB-VAT-1}).
     */
    String code() {
        StringBuilder code = new StringBuilder();
        for (String part : new String[] {country, state, name.isEmpty() ? "TAX" : name, priority == 0 ? "" : String.valueOf(priority)}) {
            if (!part.isEmpty()) {
                code.append(code.length() == 0 ? "" : "-").append(part);
            }
        }
        return code.toString().toUpperCase(Locale.ROOT);
    }

    /** The percentage as WooCommerce's {@code rate_percent} (a float: 7.5, 20.0, 0.25). */
    BigDecimal percent() {
        BigDecimal plain = rate.stripTrailingZeros();
        return plain.scale() < 1 ? plain.setScale(1) : plain;
    }

    /**
     * Whether the rate applies at this location, as {@code WC_Tax::get_matched_tax_rates} selects:
     * country and state equal or empty on the rate, and then a rate without postcodes and cities,
     * or a matching postcode (and a matching city when the rate lists cities), or a matching city
     * when the rate lists no postcodes.
     */
    boolean appliesTo(WooTaxLocation at, String slug) {
        if (!taxClass.equals(slug)) {
            return false;
        }
        if (!country.isEmpty() && !country.equalsIgnoreCase(at.country())) {
            return false;
        }
        if (!state.isEmpty() && !state.equalsIgnoreCase(at.state())) {
            return false;
        }
        boolean cityMatches = cities.stream().anyMatch(c -> c.equalsIgnoreCase(at.city().strip()));
        if (postcodes.isEmpty()) {
            return cities.isEmpty() || cityMatches;
        }
        return postcodes.stream().anyMatch(p -> postcodeMatches(p, at.postcode())) && (cities.isEmpty() || cityMatches);
    }

    /** {@code wc_postcode_location_matcher}: exact, a trailing {@code *} wildcard, or a numeric range {@code a...b}. */
    static boolean postcodeMatches(String pattern, String postcode) {
        String p = normalize(pattern);
        String code = normalize(postcode);
        if (p.endsWith("*")) {
            return code.startsWith(p.substring(0, p.length() - 1));
        }
        int dots = p.indexOf("...");
        if (dots > 0) {
            String from = p.substring(0, dots);
            String to = p.substring(dots + 3);
            if (code.matches("\\d+") && from.matches("\\d+") && to.matches("\\d+")) {
                long value = Long.parseLong(code);
                return value >= Long.parseLong(from) && value <= Long.parseLong(to);
            }
            return false;
        }
        return p.equals(code);
    }

    /** {@code wc_normalize_postcode}: upper case without spaces and dashes. */
    private static String normalize(String postcode) {
        return postcode.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s\\-]", "");
    }

    /** The rate as {@code /taxes} shows it, without {@code _links}. */
    ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        node.put("id", id);
        node.put("country", country);
        node.put("state", state);
        node.put("postcode", postcodes.isEmpty() ? "" : postcodes.get(postcodes.size() - 1));
        node.put("city", cities.isEmpty() ? "" : cities.get(cities.size() - 1));
        postcodes.forEach(node.putArray("postcodes")::add);
        cities.forEach(node.putArray("cities")::add);
        node.put("rate", rate.toPlainString());
        node.put("name", name);
        node.put("priority", priority);
        node.put("compound", compound);
        node.put("shipping", shipping);
        node.put("order", order);
        node.put("class", taxClass.isEmpty() ? "standard" : taxClass);
        return node;
    }
}
