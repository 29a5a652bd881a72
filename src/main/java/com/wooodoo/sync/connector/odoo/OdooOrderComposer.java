package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.NeutralOrder;
import com.wooodoo.sync.connector.NeutralOrder.Address;
import com.wooodoo.sync.connector.mapping.OrderRules;
import com.wooodoo.sync.connector.mapping.OrderRules.ShopTaxRate;
import com.wooodoo.sync.connector.mapping.OrderRules.TaxRule;
import com.wooodoo.sync.connector.odoo.OdooSalesSetup.OdooTax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a shop order's neutral fields into the values of an Odoo {@code sale.order}, beyond what
 * the field mapping writes: every line with its taxes (by {@code taxes} of orders.yaml, in the
 * server's tax field), its unit price (tax included when its Odoo taxes are price-included) and
 * its discount; the shipping lines and fees as lines of their configured products; the pricelist
 * of the order's currency; a guest's partner ({@link GuestPartners}); the invoice and delivery
 * addresses ({@link AddressContacts}).
 *
 * <p>A line's discount is the difference between its {@code subtotal} and {@code total}, as a
 * percentage with the digits Odoo keeps ({@code discount}'s digits, 2 by default); of the
 * percentages next to the exact one, the one whose line total rounds to the shop's cent is taken.
 * Where none does (a fixed discount on a dear line), the line is written at its discounted unit
 * price when that is exact, else as two lines (see {@link #priceAndTaxes}), and otherwise left to
 * the totals check after the write.
 *
 * <p>Anything the configuration or Odoo cannot answer (a rate without mapping, an unknown tax,
 * currency, product) fails the order alone, as a ValidationError naming it.
 */
final class OdooOrderComposer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final RelatedKeys.Relation PRODUCT_CODE = new RelatedKeys.Relation("product.product", "default_code");
    private static final RelatedKeys.Relation PRICELIST = new RelatedKeys.Relation("product.pricelist", "name");

    private final RelatedKeys related;
    private final OdooSalesSetup setup;
    private final GuestPartners guests;
    private final AddressContacts contacts;

    OdooOrderComposer(RelatedKeys related, OdooSalesSetup setup, GuestPartners guests, AddressContacts contacts) {
        this.related = related;
        this.setup = setup;
        this.guests = guests;
        this.contacts = contacts;
    }

    /** What the batch needs from Odoo, asked once for all its orders. */
    final class Batch {
        private final OrderRules rules;
        private final OdooSalesSetup.LineFields lineFields;
        private final Map<String, OdooTax> taxes;
        private final Map<String, Long> products;
        private final Map<String, Long> pricelists;
        private final Map<Integer, Object> partners;
        private final Map<Integer, Object> invoiceContacts = new HashMap<>();
        private final Map<Integer, Object> deliveryContacts = new HashMap<>();

        private Batch(OrderRules rules, List<Map<String, Object>> orders) {
            this.rules = rules;
            Set<String> taxNames = new LinkedHashSet<>();
            Map<String, Set<BigDecimal>> ratesByTax = new HashMap<>();
            Set<String> productCodes = new LinkedHashSet<>();
            Set<String> pricelistNames = new LinkedHashSet<>();
            boolean taxed = false;
            for (Map<String, Object> order : orders) {
                boolean included = Boolean.TRUE.equals(order.get(NeutralOrder.PRICES_INCLUDE_TAX));
                for (Map<String, Object> line : allLines(order)) {
                    for (ShopTaxRate rate : NeutralOrder.taxesOf(line)) {
                        taxed = true;
                        rules.taxFor(rate, included).ifPresent(rule -> {
                            taxNames.add(rule.odooTax());
                            if (rate.rate() != null) {
                                ratesByTax.computeIfAbsent(rule.odooTax(), n -> new java.util.HashSet<>()).add(rate.rate());
                            }
                        });
                    }
                }
                NeutralOrder.lines(order, NeutralOrder.SHIPPING_LINES)
                        .forEach(l -> rules.shippingProductFor(NeutralOrder.text(l.get(NeutralOrder.METHOD))).ifPresent(productCodes::add));
                if (!NeutralOrder.lines(order, NeutralOrder.FEE_LINES).isEmpty()) {
                    rules.feeProduct().ifPresent(productCodes::add);
                }
                rules.pricelistFor(NeutralOrder.text(order.get(NeutralOrder.CURRENCY))).ifPresent(pricelistNames::add);
            }
            this.lineFields = taxed ? setup.lineFields() : null;
            Map<String, OdooTax> known = taxNames.isEmpty() ? Map.of() : setup.taxes(taxNames, false);
            // taxes kept from earlier batches that no longer answer (missing, another percentage) are asked again once:
            // someone may have fixed them in Odoo since
            boolean stale = !known.keySet().containsAll(taxNames) || ratesByTax.entrySet().stream().anyMatch(e -> known.containsKey(e.getKey())
                    && "percent".equals(known.get(e.getKey()).amountType())
                    && e.getValue().stream().anyMatch(r -> r.compareTo(known.get(e.getKey()).amount()) != 0));
            this.taxes = stale ? setup.taxes(taxNames, true) : known;
            this.products = productCodes.isEmpty() ? Map.of() : related.idsOf(PRODUCT_CODE, productCodes);
            this.pricelists = pricelistNames.isEmpty() ? Map.of() : related.idsOf(PRICELIST, pricelistNames);
            Set<Long> customers = new java.util.HashSet<>();
            for (Map<String, Object> order : orders) {
                Long customer = idOf(NeutralOrder.text(order.get(NeutralOrder.CUSTOMER)));
                if (customer != null && Address.of(order.get(NeutralOrder.BILLING)) != null) {
                    customers.add(customer);
                }
            }
            synchronized (contacts.lock) {
                GuestPartners.Found found = guests.partnersOf(rules, orders, customers);
                this.partners = found.partners();
                addressContacts(orders, found.known());
            }
        }

        private void addressContacts(List<Map<String, Object>> orders, AddressContacts.Known known) {
            Map<Integer, AddressContacts.Wanted[]> wanted = new HashMap<>();
            for (int i = 0; i < orders.size(); i++) {
                Map<String, Object> order = orders.get(i);
                Long partner = partners.get(i) instanceof Long id ? id : idOf(NeutralOrder.text(order.get(NeutralOrder.CUSTOMER)));
                Address billing = Address.of(order.get(NeutralOrder.BILLING));
                if (partner == null || billing == null) {
                    continue;
                }
                Address shipping = Address.of(order.get(NeutralOrder.SHIPPING));
                wanted.put(i, new AddressContacts.Wanted[] {
                        new AddressContacts.Wanted(partner, AddressContacts.INVOICE, billing),
                        new AddressContacts.Wanted(partner, AddressContacts.DELIVERY,
                                shipping == null || shipping.isBlank() ? billing : shipping)});
            }
            Map<AddressContacts.Wanted, Object> ids = contacts.contactsFor(wanted.values().stream()
                    .flatMap(java.util.Arrays::stream).toList(), known);
            wanted.forEach((index, pair) -> {
                invoiceContacts.put(index, ids.get(pair[0]));
                deliveryContacts.put(index, ids.get(pair[1]));
            });
        }
    }

    Batch prepare(OrderRules rules, List<Map<String, Object>> orders) {
        return new Batch(rules, orders);
    }

    /**
     * Completes the mapped values of one order.
     *
     * @throws IllegalArgumentException for what the configuration or Odoo cannot answer (the message names it)
     * @throws ConnectorException       DUPLICATE when a guest's e-mail belongs to several partners
     */
    void complete(Batch batch, int index, Map<String, Object> order, ObjectNode vals, boolean update) {
        Object partner = batch.partners.get(index);
        if (partner instanceof RuntimeException failure) {
            throw failure; // a guest's e-mail of several partners (DuplicateKey), or a partner that cannot be found or made
        }
        if (partner instanceof Long id) {
            vals.put("partner_id", id);
        }
        contact(vals, "partner_invoice_id", batch.invoiceContacts.get(index));
        contact(vals, "partner_shipping_id", batch.deliveryContacts.get(index));
        String currency = NeutralOrder.text(order.get(NeutralOrder.CURRENCY));
        if (currency != null) {
            String pricelist = batch.rules.pricelistFor(currency).orElseThrow(() -> new IllegalArgumentException(
                    "field 'currency': the order's currency " + currency + " has no pricelist in orders.yaml currencies"));
            Long pricelistId = batch.pricelists.get(pricelist);
            if (pricelistId == null) {
                throw new IllegalArgumentException("field 'currency': Odoo has no pricelist named '" + pricelist + "' (currency "
                        + currency + " in orders.yaml currencies)");
            }
            vals.put("pricelist_id", pricelistId);
        }
        if (!order.containsKey(NeutralOrder.SHIPPING_LINES) && !hasShopAmounts(order)) {
            return; // not read from a shop: the mapped lines are all there is
        }
        boolean included = Boolean.TRUE.equals(order.get(NeutralOrder.PRICES_INCLUDE_TAX));
        ArrayNode commands = NODES.arrayNode();
        if (update) {
            commands.addArray().add(5).add(0).add(0);
        }
        JsonNode mapped = vals.path("order_line");
        int productLine = 0;
        for (JsonNode command : mapped) {
            if (command.isArray() && command.size() == 3 && command.get(0).asInt() == 0) {
                Map<String, Object> line = NeutralOrder.lines(order, NeutralOrder.LINES).get(productLine);
                ObjectNode values = ((ObjectNode) command.get(2)).deepCopy();
                ObjectNode oneUnit = priceAndTaxes(batch, values, line, included, "line " + (productLine + 1),
                        NeutralOrder.decimal(line.get(NeutralOrder.QUANTITY)));
                commands.addArray().add(0).add(0).add(values);
                if (oneUnit != null) {
                    commands.addArray().add(0).add(0).add(oneUnit);
                }
                productLine++;
            }
        }
        for (Map<String, Object> line : NeutralOrder.lines(order, NeutralOrder.SHIPPING_LINES)) {
            String method = NeutralOrder.text(line.get(NeutralOrder.METHOD));
            String title = NeutralOrder.text(line.get(NeutralOrder.NAME));
            String code = batch.rules.shippingProductFor(method).orElseThrow(() -> new IllegalArgumentException(
                    "shipping method '" + method + "' has no product in orders.yaml shipping (and there is no defaultProduct)"));
            commands.addArray().add(0).add(0).add(serviceLine(batch, line, code, title == null ? method : title, included,
                    "shipping line " + (title == null ? method : title)));
        }
        for (Map<String, Object> line : NeutralOrder.lines(order, NeutralOrder.FEE_LINES)) {
            String name = NeutralOrder.text(line.get(NeutralOrder.NAME));
            String code = batch.rules.feeProduct().orElseThrow(() -> new IllegalArgumentException(
                    "the order has a fee ('" + name + "') but orders.yaml names no fees product"));
            commands.addArray().add(0).add(0).add(serviceLine(batch, line, code, name == null ? "Fee" : name, included,
                    "fee " + name));
        }
        vals.set("order_line", commands);
    }

    private static void contact(ObjectNode vals, String field, Object contact) {
        if (contact instanceof IllegalArgumentException failure) {
            throw failure;
        }
        if (contact instanceof Long id) {
            vals.put(field, id);
        }
    }

    private static Long idOf(String id) {
        return id != null && id.matches("\\d{1,18}") ? Long.valueOf(id) : null;
    }

    private static boolean hasShopAmounts(Map<String, Object> order) {
        return NeutralOrder.lines(order, NeutralOrder.LINES).stream().anyMatch(l -> l.containsKey(NeutralOrder.SUBTOTAL));
    }

    private ObjectNode serviceLine(Batch batch, Map<String, Object> line, String code, String name, boolean included, String what) {
        Long product = batch.products.get(code);
        if (product == null) {
            throw new IllegalArgumentException(what + ": Odoo has no product with default_code '" + code + "' (orders.yaml)");
        }
        ObjectNode values = NODES.objectNode();
        values.put("product_id", product);
        values.put("name", name);
        values.put("product_uom_qty", 1);
        Map<String, Object> asLine = new HashMap<>(line);
        asLine.put(NeutralOrder.SUBTOTAL, line.get(NeutralOrder.AMOUNT));
        asLine.put(NeutralOrder.SUBTOTAL_TAX, line.get(NeutralOrder.TAX));
        priceAndTaxes(batch, values, asLine, included, what, BigDecimal.ONE); // one unit: its price is always exact
        return values;
    }

    /**
     * Sets the line's taxes, unit price and discount from the shop's amounts. Where no discount
     * percentage of Odoo's digits reproduces the shop's line total to the cent (a fixed discount
     * on a line of several dear units), the line is written as two: all units but one at the
     * nearest percentage, and the last unit at the price that makes up the rest (one whose taxes,
     * rounded per line, still add up to the shop's); that second line is answered, else null.
     */
    private ObjectNode priceAndTaxes(Batch batch, ObjectNode values, Map<String, Object> line, boolean pricesIncludeTax, String what,
                                     BigDecimal quantity) {
        List<OdooTax> taxes = new ArrayList<>();
        for (ShopTaxRate rate : NeutralOrder.taxesOf(line)) {
            TaxRule rule = batch.rules.taxFor(rate, pricesIncludeTax).orElseThrow(() -> new IllegalArgumentException(
                    what + ": " + rate.describe(pricesIncludeTax) + " has no Odoo tax in orders.yaml taxes"));
            OdooTax tax = batch.taxes.get(rule.odooTax());
            if (tax == null) {
                throw new IllegalArgumentException(what + ": Odoo has no sales tax named '" + rule.odooTax() + "' (orders.yaml "
                        + rule.where() + ")");
            }
            if (rate.rate() != null && "percent".equals(tax.amountType()) && tax.amount().compareTo(rate.rate()) != 0) {
                throw new IllegalArgumentException(what + ": " + rate.describe(pricesIncludeTax) + " maps to Odoo tax '" + tax.name()
                        + "' of " + tax.amount().stripTrailingZeros().toPlainString() + " % (orders.yaml " + rule.where() + ")");
            }
            if (!taxes.contains(tax)) {
                taxes.add(tax);
            }
        }
        long priceIncluded = taxes.stream().filter(OdooTax::priceInclude).count();
        if (priceIncluded != 0 && priceIncluded != taxes.size()) {
            throw new IllegalArgumentException(what + ": its Odoo taxes mix price-included and price-excluded ones ("
                    + String.join(", ", taxes.stream().map(OdooTax::name).toList()) + ")");
        }
        boolean gross = priceIncluded > 0;
        if (!taxes.isEmpty() || batch.lineFields != null) {
            ArrayNode ids = NODES.arrayNode();
            taxes.forEach(t -> ids.add(t.id()));
            values.set(setup.lineFields().taxField(), NODES.arrayNode().add(NODES.arrayNode().add(6).add(0).add(ids)));
        }
        BigDecimal subtotal = NeutralOrder.decimal(line.get(NeutralOrder.SUBTOTAL));
        BigDecimal amount = NeutralOrder.decimal(line.get(NeutralOrder.AMOUNT));
        if (subtotal == null || amount == null || quantity == null || quantity.signum() == 0) {
            return null;
        }
        if (gross) {
            subtotal = subtotal.add(orZero(line.get(NeutralOrder.SUBTOTAL_TAX)));
            amount = amount.add(orZero(line.get(NeutralOrder.TAX)));
        }
        OdooSalesSetup.LineFields digits = batch.lineFields != null ? batch.lineFields : new OdooSalesSetup.LineFields("tax_id", 2, 2);
        BigDecimal unitPrice = subtotal.divide(quantity, digits.priceDigits(), RoundingMode.HALF_UP);
        BigDecimal discount = BigDecimal.ZERO;
        if (subtotal.compareTo(amount) != 0 && subtotal.signum() != 0) {
            discount = discountFor(unitPrice, quantity, amount, subtotal, digits.discountDigits());
            if (discount == null) {
                BigDecimal discounted = amount.divide(quantity, 10, RoundingMode.HALF_UP);
                if (discounted.setScale(digits.priceDigits(), RoundingMode.HALF_UP).compareTo(discounted) == 0) {
                    unitPrice = discounted.setScale(digits.priceDigits(), RoundingMode.HALF_UP);
                    discount = BigDecimal.ZERO;
                } else {
                    discount = BigDecimal.ONE.subtract(amount.divide(subtotal, 10, RoundingMode.HALF_UP)).multiply(HUNDRED)
                            .setScale(digits.discountDigits(), RoundingMode.HALF_UP);
                    ObjectNode lastUnit = splitOffOneUnit(values, unitPrice, quantity, amount, discount, digits, taxes, gross,
                            orZero(line.get(NeutralOrder.TAX)));
                    if (lastUnit != null) {
                        return lastUnit;
                    }
                }
            }
        }
        values.put("price_unit", unitPrice);
        values.put("discount", discount);
        return null;
    }

    /** See {@link #priceAndTaxes}: the last unit of a line as a line of its own, when that adds up to the cent. */
    private static ObjectNode splitOffOneUnit(ObjectNode values, BigDecimal unitPrice, BigDecimal quantity, BigDecimal amount,
                                              BigDecimal nearest, OdooSalesSetup.LineFields digits, List<OdooTax> taxes,
                                              boolean gross, BigDecimal shopTax) {
        if (quantity.stripTrailingZeros().scale() > 0 || quantity.compareTo(BigDecimal.valueOf(2)) < 0
                || taxes.stream().anyMatch(t -> !"percent".equals(t.amountType()))) {
            return null;
        }
        BigDecimal rest = quantity.subtract(BigDecimal.ONE);
        BigDecimal step = BigDecimal.ONE.movePointLeft(digits.discountDigits());
        for (int k = 0; k <= 40; k++) {
            BigDecimal candidate = nearest.add(step.multiply(BigDecimal.valueOf(k % 2 == 0 ? k / 2 : -(k + 1) / 2)));
            if (candidate.signum() < 0 || candidate.compareTo(HUNDRED) > 0) {
                continue;
            }
            BigDecimal first = unitPrice.multiply(rest).multiply(BigDecimal.ONE.subtract(candidate.movePointLeft(2)))
                    .setScale(2, RoundingMode.HALF_UP);
            BigDecimal last = amount.subtract(first);
            if (last.signum() <= 0 || last.scale() > digits.priceDigits() && last.stripTrailingZeros().scale() > digits.priceDigits()) {
                continue;
            }
            if (taxOf(first, taxes, gross).add(taxOf(last, taxes, gross)).compareTo(shopTax) == 0) {
                values.put("product_uom_qty", rest);
                values.put("price_unit", unitPrice);
                values.put("discount", candidate);
                ObjectNode lastUnit = values.deepCopy();
                lastUnit.put("product_uom_qty", 1);
                lastUnit.put("price_unit", last);
                lastUnit.put("discount", BigDecimal.ZERO);
                return lastUnit;
            }
        }
        return null;
    }

    /** The tax Odoo computes for a line of this amount (rounded per line and tax; tax included in it when {@code gross}). */
    private static BigDecimal taxOf(BigDecimal amount, List<OdooTax> taxes, boolean gross) {
        BigDecimal rates = taxes.stream().map(t -> t.amount().movePointLeft(2)).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal base = gross ? amount.divide(BigDecimal.ONE.add(rates), 10, RoundingMode.HALF_UP) : amount;
        return taxes.stream().map(t -> base.multiply(t.amount().movePointLeft(2)).setScale(2, RoundingMode.HALF_UP))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The discount percentage (with the given digits) that turns the line into {@code amount} to the cent; null if none does. */
    static BigDecimal discountFor(BigDecimal unitPrice, BigDecimal quantity, BigDecimal amount, BigDecimal subtotal, int digits) {
        BigDecimal exact = BigDecimal.ONE.subtract(amount.divide(subtotal, 12, RoundingMode.HALF_UP)).multiply(HUNDRED);
        BigDecimal nearest = exact.setScale(digits, RoundingMode.HALF_UP);
        BigDecimal step = BigDecimal.ONE.movePointLeft(digits);
        for (BigDecimal candidate : List.of(nearest, nearest.subtract(step), nearest.add(step))) {
            BigDecimal total = unitPrice.multiply(quantity).multiply(BigDecimal.ONE.subtract(candidate.divide(HUNDRED)))
                    .setScale(2, RoundingMode.HALF_UP);
            if (total.compareTo(amount.setScale(2, RoundingMode.HALF_UP)) == 0) {
                return candidate;
            }
        }
        return null;
    }

    private static BigDecimal orZero(Object value) {
        BigDecimal decimal = NeutralOrder.decimal(value);
        return decimal == null ? BigDecimal.ZERO : decimal;
    }

    private static List<Map<String, Object>> allLines(Map<String, Object> order) {
        List<Map<String, Object>> all = new ArrayList<>(NeutralOrder.lines(order, NeutralOrder.LINES));
        all.addAll(NeutralOrder.lines(order, NeutralOrder.SHIPPING_LINES));
        all.addAll(NeutralOrder.lines(order, NeutralOrder.FEE_LINES));
        return all;
    }

    static ConnectorException duplicate(String message) {
        return new ConnectorException(ExternalSystem.ODOO, FailureKind.DUPLICATE, null, 0, message);
    }
}
