package com.wooodoo.sync.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.mapping.OrderRules.OdooOrderState;
import com.wooodoo.sync.connector.mapping.OrderRules.TaxRule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the sections of {@code orders.yaml} that say how an order becomes an Odoo sales order
 * ({@code states}, {@code guests}, {@code taxes}, {@code shipping}, {@code fees},
 * {@code currencies}, {@code totals}); each mistake is a {@link MappingException} naming the file
 * and the entry.
 */
final class OrderRulesLoader {

    static final Set<String> SECTIONS = Set.of("states", "guests", "taxes", "shipping", "fees", "currencies", "totals");
    private static final String CODE = "^[A-Za-z0-9][A-Za-z0-9_.:/ -]{0,63}$";

    private final String source;

    private OrderRulesLoader(String source) {
        this.source = source;
    }

    static OrderRules parse(JsonNode root, String source) {
        return new OrderRulesLoader(source).parse(root);
    }

    private OrderRules parse(JsonNode root) {
        Map<String, OdooOrderState> states = states(root.get("states"));
        Optional<String> walkIn = Optional.empty();
        JsonNode guests = section(root, "guests");
        if (guests != null) {
            unknownKeys(guests, Set.of("walkInPartnerRef"), "guests");
            walkIn = optionalText(guests, "walkInPartnerRef", "guests");
        }
        List<TaxRule> taxes = taxes(root.get("taxes"));
        Map<String, String> shippingProducts = new LinkedHashMap<>();
        Optional<String> defaultShipping = Optional.empty();
        JsonNode shipping = section(root, "shipping");
        if (shipping != null) {
            unknownKeys(shipping, Set.of("methods", "defaultProduct"), "shipping");
            defaultShipping = optionalText(shipping, "defaultProduct", "shipping");
            JsonNode methods = shipping.get("methods");
            if (methods != null) {
                if (!methods.isObject()) {
                    throw error("shipping.methods", "must map shipping method ids (flat_rate, free_shipping, …) to Odoo product codes");
                }
                methods.fields().forEachRemaining(e -> shippingProducts.put(code(e.getKey(), "shipping.methods"),
                        text(e.getValue(), "shipping.methods." + e.getKey())));
            }
        }
        Optional<String> feeProduct = Optional.empty();
        JsonNode fees = section(root, "fees");
        if (fees != null) {
            unknownKeys(fees, Set.of("product"), "fees");
            feeProduct = optionalText(fees, "product", "fees");
        }
        Map<String, String> pricelists = new LinkedHashMap<>();
        JsonNode currencies = section(root, "currencies");
        if (currencies != null) {
            currencies.fields().forEachRemaining(e -> {
                String where = "currencies." + e.getKey();
                if (!e.getKey().matches("^[A-Z]{3}$")) {
                    throw error(where, "'" + e.getKey() + "' is not a currency code of three capital letters (USD, EUR)");
                }
                if (!e.getValue().isObject()) {
                    throw error(where, "must be {pricelist: <name of the Odoo pricelist>}");
                }
                unknownKeys(e.getValue(), Set.of("pricelist"), where);
                pricelists.put(e.getKey(), optionalText(e.getValue(), "pricelist", where)
                        .orElseThrow(() -> error(where, "'pricelist' is required (the name of the Odoo pricelist)")));
            });
        }
        BigDecimal tolerance = OrderRules.DEFAULT_TOLERANCE;
        JsonNode totals = section(root, "totals");
        if (totals != null) {
            unknownKeys(totals, Set.of("tolerance"), "totals");
            JsonNode value = totals.get("tolerance");
            if (value != null) {
                tolerance = decimal(value, "totals.tolerance");
                if (tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.ONE) > 0) {
                    throw error("totals.tolerance", "must be between 0 and 1 (of the order's currency), not " + tolerance.toPlainString());
                }
            }
        }
        return new OrderRules(Map.copyOf(states), walkIn, List.copyOf(taxes), Map.copyOf(shippingProducts), defaultShipping,
                feeProduct, Map.copyOf(pricelists), tolerance);
    }

    private Map<String, OdooOrderState> states(JsonNode node) {
        if (node == null) {
            return OrderRules.DEFAULT_STATES;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw error("states", "must map shop statuses to quotation, confirmed or cancelled");
        }
        Map<String, OdooOrderState> states = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!MappingLoader.ORDER_STATUSES.contains(entry.getKey())) {
                throw error("states", "'" + entry.getKey() + "' is not a WooCommerce order status ("
                        + String.join(", ", MappingLoader.ORDER_STATUSES) + ")");
            }
            String state = entry.getValue().asText("");
            states.put(entry.getKey(), Arrays.stream(OdooOrderState.values()).filter(s -> s.id().equals(state)).findFirst()
                    .orElseThrow(() -> error("states." + entry.getKey(), "'" + state
                            + "' is not what an Odoo order can become: quotation, confirmed or cancelled")));
        }
        return states;
    }

    private List<TaxRule> taxes(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("taxes", "must be a list of {rateId: …, odoo: …} or {rate: …, country: …, included: …, odoo: …}");
        }
        List<TaxRule> rules = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String where = "taxes[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                throw error(where, "must be {rateId: …, odoo: …} or {rate: …, country: …, included: …, odoo: …}");
            }
            unknownKeys(entry, Set.of("rateId", "rate", "country", "included", "odoo"), where);
            String odoo = optionalText(entry, "odoo", where)
                    .orElseThrow(() -> error(where, "'odoo' is required (the name of the Odoo tax)"));
            Optional<Long> rateId = Optional.empty();
            if (entry.has("rateId")) {
                if (!entry.get("rateId").canConvertToExactIntegral() || entry.get("rateId").asLong() <= 0) {
                    throw error(where + ".rateId", "must be the id of a WooCommerce tax rate (a positive whole number)");
                }
                rateId = Optional.of(entry.get("rateId").asLong());
            }
            Optional<BigDecimal> rate = entry.has("rate") ? Optional.of(decimal(entry.get("rate"), where + ".rate")) : Optional.empty();
            Optional<String> country = optionalText(entry, "country", where).map(c -> c.toUpperCase(Locale.ROOT));
            if (country.isPresent() && !country.get().matches("^[A-Z]{2}$")) {
                throw error(where + ".country", "'" + country.get() + "' is not a two-letter country code");
            }
            Optional<Boolean> included = Optional.empty();
            if (entry.has("included")) {
                if (!entry.get("included").isBoolean()) {
                    throw error(where + ".included", "must be true (the shop's prices include tax) or false");
                }
                included = Optional.of(entry.get("included").asBoolean());
            }
            if (rateId.isPresent() == (rate.isPresent() || country.isPresent() || included.isPresent())) {
                throw error(where, "give either rateId, or rate (with country and included where they matter), not both");
            }
            if (rateId.isEmpty() && rate.isEmpty()) {
                throw error(where, "'rate' is required when there is no rateId");
            }
            rules.add(new TaxRule(rateId, rate, country, included, odoo, where));
        }
        return rules;
    }

    private JsonNode section(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node != null && !node.isObject()) {
            throw error(name, "must be a mapping");
        }
        return node;
    }

    private BigDecimal decimal(JsonNode value, String where) {
        try {
            if (value.isNumber() || value.isTextual()) {
                return new BigDecimal(value.asText().strip());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(where, "'" + value.asText() + "' is not a number");
    }

    private String code(String value, String where) {
        if (!value.matches(CODE)) {
            throw error(where, "'" + value + "' is not a code (letters, digits and _ . : / -)");
        }
        return value;
    }

    private String text(JsonNode value, String where) {
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw error(where, "must be a text");
        }
        return value.asText().strip();
    }

    private Optional<String> optionalText(JsonNode node, String key, String where) {
        return node.has(key) ? Optional.of(text(node.get(key), where + "." + key)) : Optional.empty();
    }

    private void unknownKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(where, "unknown key '" + key + "'; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    private MappingException error(String where, String message) {
        return new MappingException(source + ": " + where + ": " + message);
    }
}
