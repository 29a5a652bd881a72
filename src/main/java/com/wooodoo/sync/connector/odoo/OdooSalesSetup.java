package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one organisation's Odoo says about its sales orders, asked once and kept: the name of the
 * order line's tax field ({@code tax_id} up to Odoo 18, {@code tax_ids} from Odoo 19), the digits
 * of a line's discount and unit price, and the sales taxes by name.
 */
final class OdooSalesSetup {

    static final String LINE_MODEL = "sale.order.line";

    /** An Odoo sales tax. */
    record OdooTax(long id, String name, BigDecimal amount, String amountType, boolean priceInclude) {
    }

    private final OdooApi api;
    private final OdooFailures failures;
    private volatile LineFields lineFields;
    private final Map<String, OdooTax> taxesByName = new ConcurrentHashMap<>();

    /** The order line's tax field and digits. */
    record LineFields(String taxField, int discountDigits, int priceDigits) {
    }

    OdooSalesSetup(OdooApi api, OdooFailures failures) {
        this.api = api;
        this.failures = failures;
    }

    LineFields lineFields() {
        LineFields known = lineFields;
        if (known == null) {
            JsonNode fields = api.call(OdooCall.fieldsGet(LINE_MODEL, List.of("tax_id", "tax_ids", "discount", "price_unit"),
                    List.of("type", "digits")));
            String taxField = fields.has("tax_ids") ? "tax_ids" : fields.has("tax_id") ? "tax_id" : null;
            if (taxField == null) {
                throw failures.protocol(LINE_MODEL + " has neither tax_id nor tax_ids in this Odoo: cannot write taxed lines");
            }
            known = new LineFields(taxField, digits(fields.path("discount"), 2), digits(fields.path("price_unit"), 2));
            lineFields = known;
        }
        return known;
    }

    /**
     * The sales taxes with these names; a name Odoo does not have is missing from the answer.
     *
     * @param fresh read them again rather than answer what was read before (a tax fixed in Odoo)
     */
    Map<String, OdooTax> taxes(Collection<String> names, boolean fresh) {
        if (fresh) {
            names.forEach(taxesByName::remove);
        }
        List<String> unknown = names.stream().distinct().filter(n -> !taxesByName.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            JsonNode found = api.call(OdooCall.searchRead("account.tax",
                    OdooCall.where("name", "in", OdooCall.texts(unknown)), List.of("id", "name", "amount", "amount_type", "price_include", "type_tax_use"), null, 0, null, false));
            for (JsonNode tax : found) {
                if (!"sale".equals(tax.path("type_tax_use").asText("sale"))) {
                    continue;
                }
                taxesByName.putIfAbsent(tax.path("name").asText(), new OdooTax(tax.path("id").asLong(), tax.path("name").asText(),
                        tax.path("amount").decimalValue(), tax.path("amount_type").asText("percent"),
                        tax.path("price_include").asBoolean(false)));
            }
        }
        Map<String, OdooTax> answer = new java.util.HashMap<>();
        names.forEach(n -> Optional.ofNullable(taxesByName.get(n)).ifPresent(t -> answer.put(n, t)));
        return answer;
    }

    private static int digits(JsonNode field, int fallback) {
        JsonNode digits = field.path("digits");
        return digits.isArray() && digits.size() == 2 && digits.get(1).canConvertToInt() ? digits.get(1).asInt() : fallback;
    }
}
