package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.NeutralOrder;
import com.wooodoo.sync.connector.NeutralOrder.Address;
import com.wooodoo.sync.connector.mapping.OrderRules.ShopTaxRate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Reads what a WooCommerce order holds beyond its mapped fields (see {@link NeutralOrder}): the
 * addresses, whether prices include tax, each line's amounts and tax rates, the shipping lines and
 * the fees. A tax rate's percentage comes from the order's {@code tax_lines} ({@code rate_percent},
 * WooCommerce 3.7 and later) or, for older shops, from the shop's tax rates.
 */
final class WooOrderExtras {

    private WooOrderExtras() {
    }

    /**
     * The order's neutral fields with its extras added.
     *
     * @param ratePercent the percentage of a tax rate the order does not state; null when unknown
     */
    static Map<String, Object> add(Map<String, Object> mapped, JsonNode order, LongFunction<BigDecimal> ratePercent) {
        String where = "orders " + order.path("id").asText();
        Map<String, Object> fields = new LinkedHashMap<>(mapped);
        fields.put(NeutralOrder.PRICES_INCLUDE_TAX, order.path("prices_include_tax").asBoolean(false));
        putAddress(fields, NeutralOrder.BILLING, address(order.path("billing"), true));
        putAddress(fields, NeutralOrder.SHIPPING, address(order.path("shipping"), false));
        Map<Long, ShopTaxRate> rates = rates(order.path("tax_lines"), ratePercent, where);
        List<Map<String, Object>> lines = new ArrayList<>();
        List<?> mappedLines = mapped.get(NeutralOrder.LINES) instanceof List<?> l ? l : List.of();
        JsonNode items = order.path("line_items");
        for (int i = 0; i < mappedLines.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> line = new LinkedHashMap<>((Map<String, Object>) mappedLines.get(i));
            JsonNode item = items.path(i);
            line.put(NeutralOrder.NAME, text(item.path("name")));
            line.put(NeutralOrder.SUBTOTAL, money(item.path("subtotal"), where + " line " + i + " subtotal"));
            line.put(NeutralOrder.SUBTOTAL_TAX, money(item.path("subtotal_tax"), where + " line " + i + " subtotal_tax"));
            line.put(NeutralOrder.AMOUNT, money(item.path("total"), where + " line " + i + " total"));
            line.put(NeutralOrder.TAX, money(item.path("total_tax"), where + " line " + i + " total_tax"));
            line.put(NeutralOrder.TAXES, taxes(item.path("taxes"), rates, where + " line " + i));
            lines.add(Collections.unmodifiableMap(line));
        }
        fields.put(NeutralOrder.LINES, List.copyOf(lines));
        List<Map<String, Object>> shipping = new ArrayList<>();
        for (JsonNode line : order.path("shipping_lines")) {
            shipping.add(serviceLine(line, text(line.path("method_id")), text(line.path("method_title")), rates,
                    where + " shipping line"));
        }
        fields.put(NeutralOrder.SHIPPING_LINES, List.copyOf(shipping));
        List<Map<String, Object>> fees = new ArrayList<>();
        for (JsonNode line : order.path("fee_lines")) {
            fees.add(serviceLine(line, null, text(line.path("name")), rates, where + " fee"));
        }
        fields.put(NeutralOrder.FEE_LINES, List.copyOf(fees));
        return Collections.unmodifiableMap(fields);
    }

    /** A shipping line (with its method) or a fee (without): name, amount before tax, tax, tax rates. */
    private static Map<String, Object> serviceLine(JsonNode line, String method, String name, Map<Long, ShopTaxRate> rates,
                                                   String where) {
        Map<String, Object> neutral = new LinkedHashMap<>();
        if (method != null) {
            neutral.put(NeutralOrder.METHOD, method);
        }
        neutral.put(NeutralOrder.NAME, name);
        neutral.put(NeutralOrder.AMOUNT, money(line.path("total"), where + " total"));
        neutral.put(NeutralOrder.TAX, money(line.path("total_tax"), where + " total_tax"));
        neutral.put(NeutralOrder.TAXES, taxes(line.path("taxes"), rates, where));
        return Collections.unmodifiableMap(neutral);
    }

    /**
     * Adds an order's shipping lines and fees to a new shop order (an Odoo order's delivery and
     * fee lines, see orders.yaml {@code shipping} and {@code fees}). WooCommerce taxes them by its
     * own rates.
     */
    static void writeServiceLines(Map<String, Object> fields, com.fasterxml.jackson.databind.node.ObjectNode json) {
        List<Map<String, Object>> shipping = NeutralOrder.lines(fields, NeutralOrder.SHIPPING_LINES);
        if (!shipping.isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode lines = json.putArray("shipping_lines");
            for (Map<String, Object> line : shipping) {
                lines.addObject().put("method_id", String.valueOf(line.getOrDefault(NeutralOrder.METHOD, "other")))
                        .put("method_title", String.valueOf(line.getOrDefault(NeutralOrder.NAME, "")))
                        .put("total", amount(line));
            }
        }
        List<Map<String, Object>> fees = NeutralOrder.lines(fields, NeutralOrder.FEE_LINES);
        if (!fees.isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode lines = json.putArray("fee_lines");
            for (Map<String, Object> line : fees) {
                lines.addObject().put("name", String.valueOf(line.getOrDefault(NeutralOrder.NAME, "Fee"))).put("total", amount(line));
            }
        }
    }

    private static String amount(Map<String, Object> line) {
        BigDecimal amount = NeutralOrder.decimal(line.get(NeutralOrder.AMOUNT));
        return (amount == null ? BigDecimal.ZERO : amount).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** The ids of the tax rates of these orders whose percentage the orders do not state. */
    static List<Long> ratesWithoutPercent(List<JsonNode> orders) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode order : orders) {
            for (JsonNode tax : order.path("tax_lines")) {
                if (!tax.path("rate_percent").isNumber() && !tax.path("rate_percent").isTextual() && tax.path("rate_id").canConvertToExactIntegral()) {
                    ids.add(tax.path("rate_id").asLong());
                }
            }
        }
        return ids;
    }

    private static Map<Long, ShopTaxRate> rates(JsonNode taxLines, LongFunction<BigDecimal> ratePercent, String where) {
        Map<Long, ShopTaxRate> rates = new HashMap<>();
        for (JsonNode tax : taxLines) {
            if (!tax.path("rate_id").canConvertToExactIntegral()) {
                throw WooRecordMapper.protocol(where + " has a tax line without a numeric rate_id: " + tax);
            }
            long id = tax.path("rate_id").asLong();
            String code = text(tax.path("rate_code"));
            BigDecimal percent = tax.hasNonNull("rate_percent") && !tax.path("rate_percent").asText().isBlank()
                    ? money(tax.path("rate_percent"), where + " tax line rate_percent") : ratePercent.apply(id);
            rates.put(id, new ShopTaxRate(id, code, percent, country(code)));
        }
        return rates;
    }

    private static List<Map<String, Object>> taxes(JsonNode taxes, Map<Long, ShopTaxRate> rates, String where) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonNode tax : taxes) {
            if (!tax.path("id").canConvertToExactIntegral()) {
                throw WooRecordMapper.protocol(where + " names a tax without a numeric id: " + tax);
            }
            long id = tax.path("id").asLong();
            ShopTaxRate rate = rates.getOrDefault(id, new ShopTaxRate(id, null, null, ""));
            list.add(Collections.unmodifiableMap(NeutralOrder.taxOf(rate)));
        }
        return List.copyOf(list);
    }

    /** The country of a rate code ({@code US-CA-STATE TAX-1}): the part before the first dash. */
    private static String country(String code) {
        if (code == null || !code.matches("^[A-Za-z]{2}-.*")) {
            return "";
        }
        return code.substring(0, 2).toUpperCase(Locale.ROOT);
    }

    private static Address address(JsonNode node, boolean billing) {
        if (!node.isObject()) {
            return null;
        }
        String first = text(node.path("first_name"));
        String last = text(node.path("last_name"));
        String name = first == null ? last : last == null ? first : first + " " + last;
        return new Address(name, text(node.path("company")), text(node.path("address_1")), text(node.path("address_2")),
                text(node.path("city")), text(node.path("postcode")), text(node.path("state")),
                text(node.path("country")) == null ? null : text(node.path("country")).toUpperCase(Locale.ROOT),
                billing ? text(node.path("email")) : null, text(node.path("phone")));
    }

    private static void putAddress(Map<String, Object> fields, String key, Address address) {
        if (address != null && !(address.isBlank() && address.email() == null)) {
            fields.put(key, Collections.unmodifiableMap(address.toMap()));
        }
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static BigDecimal money(JsonNode node, String where) {
        if (node == null || node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return BigDecimal.ZERO;
        }
        try {
            return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().strip());
        } catch (NumberFormatException e) {
            ConnectorException failure = WooRecordMapper.protocol(where + " is not a decimal: " + node);
            throw failure;
        }
    }
}
