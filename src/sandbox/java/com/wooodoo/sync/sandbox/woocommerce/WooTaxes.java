package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shop's tax rates and tax classes ({@code /taxes}, {@code /taxes/classes}), and the rates
 * that apply at a location for a tax class, chosen as {@code WC_Tax::find_rates} chooses them.
 *
 * <p>A fresh shop has the ten US state rates of WooCommerce's documented example (ids 72 to 81),
 * California's county and city taxes at priorities 2 and 3 (so a Californian order is taxed by
 * 75, 82 and 83, stacked), and British and German VAT at their standard and reduced rates.
 */
final class WooTaxes {

    /** WooCommerce's default classes: slug and name; the standard class's slug is "" on rates and lines. */
    static final Map<String, String> CLASSES = classes();

    private final List<WooTaxRate> rates = defaults();

    private static Map<String, String> classes() {
        Map<String, String> classes = new LinkedHashMap<>();
        classes.put("standard", "Standard Rate");
        classes.put("reduced-rate", "Reduced Rate");
        classes.put("zero-rate", "Zero Rate");
        return classes;
    }

    private static List<WooTaxRate> defaults() {
        List<WooTaxRate> rates = new ArrayList<>();
        rates.add(new WooTaxRate(72, "US", "AL", List.of("35014", "35036", "35041"), List.of("Alpine", "Brookside", "Cardiff"),
                new BigDecimal("4"), "State Tax", 0, false, false, 1, ""));
        rates.add(us(73, "AZ", "5.6", false, 2));
        rates.add(us(74, "AR", "6.5", true, 3));
        rates.add(us(75, "CA", "7.5", false, 4));
        rates.add(us(76, "CO", "2.9", false, 5));
        rates.add(us(77, "CT", "6.35", true, 6));
        rates.add(us(78, "DC", "5.75", true, 7));
        rates.add(us(79, "FL", "6", true, 8));
        rates.add(us(80, "GA", "4", true, 9));
        rates.add(us(81, "GU", "4", false, 10));
        rates.add(new WooTaxRate(82, "US", "CA", List.of(), List.of(), new BigDecimal("1"), "County Tax", 2, false, false, 11, ""));
        rates.add(new WooTaxRate(83, "US", "CA", List.of(), List.of(), new BigDecimal("0.25"), "City Tax", 3, false, false, 12, ""));
        rates.add(new WooTaxRate(84, "GB", "", List.of(), List.of(), new BigDecimal("20"), "VAT", 1, false, true, 13, ""));
        rates.add(new WooTaxRate(85, "GB", "", List.of(), List.of(), new BigDecimal("5"), "VAT", 1, false, false, 14, "reduced-rate"));
        rates.add(new WooTaxRate(86, "DE", "", List.of(), List.of(), new BigDecimal("19"), "MwSt.", 1, false, true, 15, ""));
        rates.add(new WooTaxRate(87, "DE", "", List.of(), List.of(), new BigDecimal("7"), "MwSt.", 1, false, false, 16, "reduced-rate"));
        return List.copyOf(rates);
    }

    private static WooTaxRate us(long id, String state, String rate, boolean shipping, int order) {
        return new WooTaxRate(id, "US", state, List.of(), List.of(), new BigDecimal(rate), "State Tax", 0, false, shipping, order, "");
    }

    /** Every rate, by id. */
    List<WooTaxRate> rates() {
        return rates;
    }

    Optional<WooTaxRate> rate(long id) {
        return rates.stream().filter(r -> r.id() == id).findFirst();
    }

    /** The rates of {@code /taxes}: by id, as the list's {@code id} ordering and paging need. */
    List<ObjectNode> ratesAsJson() {
        return rates.stream().map(WooTaxRate::toJson).toList();
    }

    /**
     * The rates that apply at a location for a tax class ("" or {@code standard} for the standard
     * class), in WooCommerce's order: matching rates sorted by priority, then the more specific
     * country and state first, more postcodes and cities first, lower id first; and of each
     * priority only the first. None without a country.
     */
    List<WooTaxRate> find(WooTaxLocation at, String taxClass) {
        String slug = taxClass == null || taxClass.equals("standard") ? "" : taxClass;
        if (at.country().isEmpty()) {
            return List.of();
        }
        List<WooTaxRate> found = new ArrayList<>(rates.stream().filter(r -> r.appliesTo(at, slug)).toList());
        found.sort(Comparator.comparingInt(WooTaxRate::priority)
                .thenComparing(r -> r.country().isEmpty())
                .thenComparing(WooTaxRate::country)
                .thenComparing(r -> r.state().isEmpty())
                .thenComparing(WooTaxRate::state)
                .thenComparing(r -> -r.postcodes().size())
                .thenComparing(r -> -r.cities().size())
                .thenComparingLong(WooTaxRate::id));
        Set<Integer> priorities = new HashSet<>();
        List<WooTaxRate> matched = new ArrayList<>();
        for (WooTaxRate rate : found) {
            if (priorities.add(rate.priority())) {
                matched.add(rate);
            }
        }
        return matched;
    }

    /** {@code WC_Tax::find_shipping_rates}: of the rates found, those that tax shipping. */
    List<WooTaxRate> findForShipping(WooTaxLocation at, String taxClass) {
        return find(at, taxClass).stream().filter(WooTaxRate::shipping).toList();
    }
}
