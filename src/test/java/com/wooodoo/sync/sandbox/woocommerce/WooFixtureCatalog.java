package com.wooodoo.sync.sandbox.woocommerce;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Map.entry;

/**
 * Which test checks each official WooCommerce example against the project: a fixture added to the
 * folder without a test fails {@code WooFixtureCatalogTest}, and each test below must have a case
 * for exactly the fixtures given to it here.
 */
public final class WooFixtureCatalog {

    /** How a fixture is checked. */
    public enum Use {
        /** The simulator answers the same call in the fixture's shape ({@code WooCommerceSimulatorConformanceTest}). */
        SIMULATOR,
        /** The connector reads it into the project's records with the right values ({@code WooFixtureMappingTest}). */
        MAPPING,
        /** No model of the project covers it yet: the fields later work maps are pinned ({@code WooFixtureFieldsTest}). */
        FIELDS
    }

    private static final Set<Use> SIMULATOR_AND_MAPPING = EnumSet.of(Use.SIMULATOR, Use.MAPPING);

    static final Map<String, Set<Use>> USED_BY = new TreeMap<>(Map.ofEntries(
            entry("customer-create-response.json", SIMULATOR_AND_MAPPING),
            entry("customer-single.json", SIMULATOR_AND_MAPPING),
            entry("customers-batch-response.json", SIMULATOR_AND_MAPPING),
            entry("customers-list.json", SIMULATOR_AND_MAPPING),
            entry("error-woocommerce-rest-term-invalid.json", SIMULATOR_AND_MAPPING),
            entry("error-wp-rest-no-route.json", SIMULATOR_AND_MAPPING),
            entry("order-single.json", SIMULATOR_AND_MAPPING),
            entry("orders-batch-response.json", SIMULATOR_AND_MAPPING),
            entry("orders-list.json", SIMULATOR_AND_MAPPING),
            entry("product-single.json", SIMULATOR_AND_MAPPING),
            entry("products-batch-response-item-error.json", SIMULATOR_AND_MAPPING),
            entry("products-batch-response.json", SIMULATOR_AND_MAPPING),
            entry("products-list.json", SIMULATOR_AND_MAPPING),
            // the official "create a paid order" request, sent to the simulator, answers like the response
            entry("order-create-request.json", EnumSet.of(Use.SIMULATOR, Use.FIELDS)),
            entry("order-create-response.json", SIMULATOR_AND_MAPPING),
            // a variable product and its variations are read as products (price, attributes pinned);
            // the simulator answers the same calls in their shape, the requests sent as they are
            entry("product-variable-create-response.json", EnumSet.of(Use.SIMULATOR, Use.MAPPING, Use.FIELDS)),
            entry("product-variation-single.json", EnumSet.of(Use.SIMULATOR, Use.MAPPING, Use.FIELDS)),
            entry("product-variations-list.json", EnumSet.of(Use.SIMULATOR, Use.MAPPING, Use.FIELDS)),
            entry("product-variations-batch-response.json", EnumSet.of(Use.SIMULATOR, Use.MAPPING, Use.FIELDS)),
            entry("product-variable-create-request.json", EnumSet.of(Use.SIMULATOR, Use.FIELDS)),
            entry("product-variations-batch-request.json", EnumSet.of(Use.SIMULATOR, Use.FIELDS)),
            // the catalogue's attributes, terms and categories: the simulator answers in their shape;
            // the categories are the tree a product's category path is read from
            entry("product-attribute-single.json", EnumSet.of(Use.SIMULATOR, Use.FIELDS)),
            entry("product-attribute-terms-list.json", EnumSet.of(Use.SIMULATOR, Use.FIELDS)),
            entry("product-categories-list.json", EnumSet.of(Use.SIMULATOR, Use.MAPPING, Use.FIELDS)),
            entry("product-category-single.json", EnumSet.of(Use.SIMULATOR, Use.MAPPING, Use.FIELDS)),
            // the shop's tax settings: the simulator's /taxes and /taxes/classes answer in their shape
            entry("tax-rates-list.json", EnumSet.of(Use.SIMULATOR, Use.FIELDS)),
            entry("tax-classes-list.json", EnumSet.of(Use.SIMULATOR, Use.FIELDS)),
            entry("currency-current.json", EnumSet.of(Use.FIELDS)),
            entry("order-refunds-list.json", EnumSet.of(Use.FIELDS)),
            entry("order-note-create-response.json", EnumSet.of(Use.FIELDS)),
            entry("webhook-create-request.json", EnumSet.of(Use.FIELDS)),
            entry("webhook-create-response.json", EnumSet.of(Use.FIELDS)),
            entry("webhooks-list.json", EnumSet.of(Use.FIELDS))));

    private WooFixtureCatalog() {
    }

    /** Every fixture the catalogue knows. */
    public static Set<String> all() {
        return USED_BY.keySet();
    }

    /** The fixtures a test of the given kind must have a case for. */
    public static Set<String> usedFor(Use use) {
        Set<String> names = new TreeSet<>();
        USED_BY.forEach((name, uses) -> {
            if (uses.contains(use)) {
                names.add(name);
            }
        });
        return names;
    }
}
