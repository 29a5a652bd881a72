package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.DATABASE;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.LOGIN;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated Sales app over HTTP: taxes, pricelists and currencies, order amounts worked out by
 * hand as Odoo 17 works them out, the order methods, and the settings that differ between Odoo
 * versions.
 */
class OdooSalesTest {

    private static final Instant NOW = Instant.parse("2025-06-01T08:30:00Z");

    private OdooSimulator odoo;
    private RawHttp http;
    private long partner;
    private long product;

    @BeforeEach
    void start() {
        odoo = new OdooSimulator(0, 5, DATABASE, LOGIN, PASSWORD, OdooFixtures.API_KEY).start();
        odoo.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        http = new RawHttp(odoo.baseUrl());
        partner = odoo.insert("res.partner", Map.of("name", "Axelor"));
        product = odoo.insert("product.product", Map.of("name", "Desk", "list_price", 100.0));
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    // ---- amounts ---------------------------------------------------------------------------

    @Test
    void oneTaxAddedToThePrice() {
        long stateTax = tax("US State Tax 7.5%", "7.5", false);
        // 19.99 × 3 = 59.97; 7.5 % = 4.49775 → 4.50
        JsonNode order = read("sale.order", order(line("19.99", 3, stateTax)));

        assertAmounts(order, "59.97", "4.50", "64.47");
        JsonNode line = read("sale.order.line", order.get("order_line").get(0).asLong());
        assertThat(amount(line, "price_subtotal")).isEqualByComparingTo("59.97");
        assertThat(amount(line, "price_tax")).isEqualByComparingTo("4.50");
        assertThat(amount(line, "price_total")).isEqualByComparingTo("64.47");
    }

    @Test
    void twoTaxesOnOneLineAreEachRounded() {
        long state = tax("US State Tax 6.35%", "6.35", false);
        long county = tax("US County Tax 1%", "1", false);
        // 33.33: 6.35 % = 2.116455 → 2.12, 1 % = 0.3333 → 0.33
        JsonNode order = read("sale.order", order(line("33.33", 1, state, county)));

        assertAmounts(order, "33.33", "2.45", "35.78");
    }

    @Test
    void aTaxIncludedInThePriceIsTakenOutOfIt() {
        long vat = tax("UK VAT 20% (incl.)", "20", true);
        // 9.99 / 1.2 × 0.2 = 1.665 → 1.67; the untaxed amount is what is left: 8.32
        JsonNode order = read("sale.order", order(line("9.99", 1, vat), line("12.00", 2, vat)));

        // second line: 24.00 / 1.2 × 0.2 = 4.00, 20.00 untaxed
        assertAmounts(order, "28.32", "5.67", "33.99");
    }

    @Test
    void aDiscountComesOffTheUnitPriceBeforeTheTaxes() {
        long stateTax = tax("US State Tax 7.5%", "7.5", false);
        Map<String, Object> discounted = line("19.99", 3, stateTax);
        discounted.put("discount", 15);
        // 19.99 × 0.85 × 3 = 50.9745 → 50.97; 7.5 % = 3.82275 → 3.82
        JsonNode order = read("sale.order", order(discounted));

        assertAmounts(order, "50.97", "3.82", "54.79");
    }

    @Test
    void roundingPerLineAndGloballyGiveDifferentTotalsAndAnOrderKeepsItsAmountsUntilItsLinesChange() {
        long vat = tax("UK VAT 5%", "5", false);
        // three lines of 10.10 at 5 %: 0.505 each
        long perLine = order(line("10.10", 1, vat), line("10.10", 1, vat), line("10.10", 1, vat));
        assertAmounts(read("sale.order", perLine), "30.30", "1.53", "31.83");

        odoo.setTaxCalculationRoundingMethod("round_globally");
        assertThat(read("res.company", 1).get("tax_calculation_rounding_method").asText()).isEqualTo("round_globally");
        long globally = order(line("10.10", 1, vat), line("10.10", 1, vat), line("10.10", 1, vat));
        assertAmounts(read("sale.order", globally), "30.30", "1.52", "31.82");
        assertThat(read("sale.order.line", read("sale.order", globally).get("order_line").get(0).asLong()).get("price_tax").asDouble())
                .as("a line's own tax is rounded all the same").isEqualTo(0.51);
        assertAmounts(read("sale.order", perLine), "30.30", "1.53", "31.83");

        long firstLine = read("sale.order", perLine).get("order_line").get(0).asLong();
        ok(http.executeKw("sale.order.line", "write", List.of(List.of(firstLine), Map.of("product_uom_qty", 1)), Map.of()));
        assertAmounts(read("sale.order", perLine), "30.30", "1.52", "31.82");

        ok(http.executeKw("res.company", "write", List.of(List.of(1), Map.of("tax_calculation_rounding_method", "round_per_line")),
                Map.of()));
        assertThat(http.executeKw("res.company", "write", List.of(List.of(1), Map.of("tax_calculation_rounding_method", "sometimes")),
                Map.of()).json().at("/error/data/name").asText()).isEqualTo("builtins.ValueError");
    }

    @Test
    void fixedTaxesCountTheQuantity() {
        long eco = odoo.insert("account.tax", Map.of("name", "Eco fee", "amount_type", "fixed", "amount", 0.5));
        long vat = tax("UK VAT 5%", "5", false);
        JsonNode order = read("sale.order", order(line("2.00", 3, eco, vat)));

        assertAmounts(order, "6.00", "1.80", "7.80");
    }

    @Test
    void unitPricesAndDiscountsAreRoundedToTheirPrecisions() {
        long order = order(line("10", 1));
        long line = read("sale.order", order).get("order_line").get(0).asLong();

        ok(http.executeKw("sale.order.line", "write", List.of(List.of(line), Map.of("price_unit", 25.555, "discount", 12.345)), Map.of()));
        JsonNode read = read("sale.order.line", line);
        assertThat(read.get("price_unit").asDouble()).isEqualTo(25.56);
        assertThat(read.get("discount").asDouble()).isEqualTo(12.35);
        // 25.56 × 0.8765 = 22.403340 → 22.40
        assertThat(amount(read, "price_subtotal")).isEqualByComparingTo("22.40");

        odoo.setDiscountDigits(3);
        ok(http.executeKw("sale.order.line", "write", List.of(List.of(line), Map.of("price_unit", "25.554", "discount", 12.3456)), Map.of()));
        read = read("sale.order.line", line);
        assertThat(read.get("price_unit").asDouble()).isEqualTo(25.55);
        assertThat(read.get("discount").asDouble()).isEqualTo(12.346);
        assertThat(fields("sale.order.line").at("/discount/digits")).hasToString("[16,3]");
    }

    // ---- fields ----------------------------------------------------------------------------

    @Test
    void fieldsGetDescribesTheNewFieldsAsOdooDoes() {
        JsonNode line = fields("sale.order.line");
        assertThat(line.at("/discount/type").asText()).isEqualTo("float");
        assertThat(line.at("/discount/string").asText()).isEqualTo("Discount (%)");
        assertThat(line.at("/discount/digits")).hasToString("[16,2]");
        assertThat(line.at("/price_unit/digits")).hasToString("[16,2]");
        assertThat(line.at("/tax_id/type").asText()).isEqualTo("many2many");
        assertThat(line.at("/tax_id/relation").asText()).isEqualTo("account.tax");
        assertThat(line.has("tax_ids")).isFalse();
        for (String computed : List.of("price_subtotal", "price_tax", "price_total", "currency_id")) {
            assertThat(line.at("/" + computed + "/readonly").asBoolean()).as(computed).isTrue();
        }
        assertThat(line.at("/price_total/type").asText()).isEqualTo("monetary");
        assertThat(line.at("/price_total/currency_field").asText()).isEqualTo("currency_id");

        JsonNode order = fields("sale.order");
        assertThat(order.at("/partner_invoice_id/relation").asText()).isEqualTo("res.partner");
        assertThat(order.at("/partner_shipping_id/relation").asText()).isEqualTo("res.partner");
        assertThat(order.at("/pricelist_id/relation").asText()).isEqualTo("product.pricelist");
        assertThat(order.at("/currency_id/readonly").asBoolean()).isTrue();
        assertThat(order.at("/origin/type").asText()).isEqualTo("char");
        assertThat(order.at("/state/readonly").asBoolean()).isTrue();
        assertThat(order.at("/state/selection")).hasToString(
                "[[\"draft\",\"Quotation\"],[\"sent\",\"Quotation Sent\"],[\"sale\",\"Sales Order\"],[\"cancel\",\"Cancelled\"]]");
        for (String amount : List.of("amount_untaxed", "amount_tax", "amount_total")) {
            assertThat(order.at("/" + amount + "/readonly").asBoolean()).as(amount).isTrue();
        }
        assertThat(fields("account.tax").at("/amount/digits")).hasToString("[16,4]");
        assertThat(fields("account.tax").at("/country_id/relation").asText()).isEqualTo("res.country");
        assertThat(fields("res.company").at("/tax_calculation_rounding_method/type").asText()).isEqualTo("selection");
    }

    @Test
    void many2manyFieldsTakeOdoosCommandsAndPlainIds() {
        long a = tax("A", "1", false);
        long b = tax("B", "2", false);
        long c = tax("C", "3", false);
        long line = read("sale.order", order(line("10", 1))).get("order_line").get(0).asLong();

        writeTaxes(line, List.of(List.of(6, 0, List.of(b, a))));
        assertThat(taxesOf(line)).containsExactly(a, b);
        writeTaxes(line, List.of(List.of(4, c)));
        assertThat(taxesOf(line)).containsExactly(a, b, c);
        writeTaxes(line, List.of(List.of(3, a)));
        assertThat(taxesOf(line)).containsExactly(b, c);
        writeTaxes(line, List.of(List.of(5)));
        assertThat(taxesOf(line)).isEmpty();
        writeTaxes(line, List.of(a, c));
        assertThat(taxesOf(line)).containsExactly(a, c);
        assertThat(amount(read("sale.order.line", line), "price_tax")).as("1 % + 3 % of 10").isEqualByComparingTo("0.40");

        JsonNode found = http.executeKw("sale.order.line", "search", List.of(List.of(List.of("tax_id", "in", List.of(c)))), Map.of()).json();
        assertThat(found.get("result")).extracting(JsonNode::asLong).containsExactly(line);
        assertThat(http.executeKw("sale.order.line", "search_count", List.of(List.of(List.of("tax_id", "in", List.of(b)))), Map.of())
                .json().get("result").asInt()).isZero();
        assertThat(http.executeKw("sale.order.line", "search_count", List.of(List.of(List.of("tax_id", "=", false))), Map.of())
                .json().get("result").asInt()).isZero();

        for (Object unknown : List.of(List.of(List.of(6, 0, List.of(a, 99999))), List.of(List.of(4, 99999)), List.of(99999))) {
            JsonNode refused = http.executeKw("sale.order.line", "write", List.of(List.of(line), Map.of("tax_id", unknown)), Map.of()).json();
            assertThat(refused.at("/error/data/name").asText()).as(unknown.toString()).isEqualTo("odoo.exceptions.MissingError");
            assertThat(refused.at("/error/data/message").asText()).contains("account.tax(99999,)");
        }
        assertThat(taxesOf(line)).as("a refused write changes nothing").containsExactly(a, c);

        ok(http.executeKw("account.tax", "unlink", List.of(List.of(a)), Map.of()));
        assertThat(taxesOf(line)).as("a deleted tax leaves the lines").containsExactly(c);
    }

    @Test
    void theTaxFieldIsTaxIdUntilTheSimulatorIsToldToNameItTaxIds() {
        long vat = tax("UK VAT 20%", "20", false);
        long order = order(line("10", 1, vat));
        long line = read("sale.order", order).get("order_line").get(0).asLong();
        assertThat(odoo.orderLineTaxField()).isEqualTo("tax_id");

        odoo.setOrderLineTaxField("tax_ids");

        JsonNode fields = fields("sale.order.line");
        assertThat(fields.has("tax_ids")).isTrue();
        assertThat(fields.has("tax_id")).isFalse();
        assertThat(fields.at("/tax_ids/type").asText()).isEqualTo("many2many");
        assertThat(read("sale.order.line", line).get("tax_ids")).extracting(JsonNode::asLong).containsExactly(vat);
        assertThat(read("sale.order.line", line).has("tax_id")).isFalse();
        assertThat(http.executeKw("sale.order.line", "write", List.of(List.of(line), Map.of("tax_id", List.of(vat))), Map.of()).json()
                .at("/error/data/name").asText()).isEqualTo("builtins.ValueError");
        long other = order(Map.of("product_id", product, "price_unit", 10, "tax_ids", List.of(List.of(6, 0, List.of(vat)))));
        assertAmounts(read("sale.order", other), "10.00", "2.00", "12.00");

        odoo.setOrderLineTaxField("tax_id");
        assertThat(read("sale.order.line", line).get("tax_id")).extracting(JsonNode::asLong).containsExactly(vat);
    }

    // ---- addresses, pricelists, currencies ---------------------------------------------------

    @Test
    void theInvoiceAndDeliveryAddressesAreTheCustomerUnlessGiven() {
        long other = odoo.insert("res.partner", Map.of("name", "Axelor, Warehouse"));
        JsonNode plain = read("sale.order", order(line("10", 1)));
        assertThat(plain.at("/partner_invoice_id/0").asLong()).isEqualTo(partner);
        assertThat(plain.at("/partner_shipping_id/0").asLong()).isEqualTo(partner);

        long shipped = create(Map.of("partner_id", partner, "partner_shipping_id", other));
        assertThat(read("sale.order", shipped).at("/partner_shipping_id/0").asLong()).isEqualTo(other);
        assertThat(read("sale.order", shipped).at("/partner_invoice_id/0").asLong()).isEqualTo(partner);

        ok(http.executeKw("sale.order", "write", List.of(List.of(shipped), Map.of("partner_id", other)), Map.of()));
        assertThat(read("sale.order", shipped).at("/partner_invoice_id/0").asLong()).as("recomputed from the new customer")
                .isEqualTo(other);
        ok(http.executeKw("sale.order", "write", List.of(List.of(shipped), Map.of("partner_id", partner, "partner_shipping_id", other)),
                Map.of()));
        assertThat(read("sale.order", shipped).at("/partner_shipping_id/0").asLong()).isEqualTo(other);
        assertThat(read("sale.order", shipped).at("/partner_invoice_id/0").asLong()).isEqualTo(partner);
    }

    @Test
    void theCurrencyIsThePricelistsAndThePublicPricelistIsInUsd() {
        assertThat(odoo.records("res.currency")).extracting(c -> c.get("name").asText()).containsExactly("USD", "EUR", "GBP");
        assertThat(odoo.records("res.currency")).allSatisfy(c -> {
            assertThat(c.get("rounding").asDouble()).isEqualTo(0.01);
            assertThat(c.get("decimal_places").asInt()).isEqualTo(2);
            assertThat(c.get("active").asBoolean()).isTrue();
        });
        assertThat(read("res.company", 1).at("/currency_id/1").asText()).isEqualTo("USD");
        assertThat(read("res.company", 1).get("tax_calculation_rounding_method").asText()).isEqualTo("round_per_line");

        JsonNode order = read("sale.order", order(line("10", 1)));
        assertThat(order.at("/pricelist_id/1").asText()).isEqualTo("Public Pricelist");
        assertThat(order.at("/currency_id/1").asText()).isEqualTo("USD");

        long eur = odoo.insert("product.pricelist", Map.of("name", "EUR Pricelist", "currency_id", currency("EUR")));
        long inEuros = create(Map.of("partner_id", partner, "pricelist_id", eur,
                "order_line", List.of(List.of(0, 0, line("10", 1)))));
        JsonNode euros = read("sale.order", inEuros);
        assertThat(euros.at("/currency_id/1").asText()).isEqualTo("EUR");
        assertThat(read("sale.order.line", euros.get("order_line").get(0).asLong()).at("/currency_id/1").asText()).isEqualTo("EUR");
        assertThat(http.executeKw("sale.order", "write", List.of(List.of(inEuros), Map.of("currency_id", currency("GBP"))), Map.of())
                .json().has("result")).isTrue();
        assertThat(read("sale.order", inEuros).at("/currency_id/1").asText()).as("computed, not written").isEqualTo("EUR");
        assertThat(http.executeKw("product.pricelist", "create", List.of(Map.of("name", "No currency")), Map.of()).json()
                .at("/error/data/name").asText()).isEqualTo("odoo.exceptions.ValidationError");
    }

    // ---- methods -----------------------------------------------------------------------------

    @Test
    void aQuotationIsConfirmedOnceAndAConfirmedOrderIsNotConfirmedAgain() {
        odoo.setClock(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        long order = create(Map.of("partner_id", partner, "date_order", "2025-05-30 12:00:00"));

        assertThat(http.executeKw("sale.order", "action_confirm", List.of(List.of(order)), Map.of()).json().get("result").asBoolean())
                .isTrue();
        JsonNode confirmed = read("sale.order", order);
        assertThat(confirmed.get("state").asText()).isEqualTo("sale");
        assertThat(confirmed.get("date_order").asText()).as("the confirmation date").isEqualTo("2025-06-01 09:30:00");

        JsonNode again = http.executeKw("sale.order", "action_confirm", List.of(List.of(order)), Map.of()).json();
        assertThat(again.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.UserError");
        assertThat(again.at("/error/data/message").asText()).isEqualTo("Some orders are not in a state requiring confirmation.");
        RawHttp.Answer json2 = http.json2("sale.order", "action_confirm", Map.of("ids", List.of(order)));
        assertThat(json2.status()).isEqualTo(422);
        assertThat(json2.json().get("name").asText()).isEqualTo("odoo.exceptions.UserError");

        long sent = create(Map.of("partner_id", partner, "state", "sent"));
        RawHttp.Answer byJson2 = http.json2("sale.order", "action_confirm", Map.of("ids", List.of(sent)));
        assertThat(byJson2.status()).isEqualTo(200);
        assertThat(byJson2.json().asBoolean()).isTrue();
        assertThat(read("sale.order", sent).get("state").asText()).isEqualTo("sale");

        assertThat(http.executeKw("sale.order", "action_confirm", List.of(List.of(99999)), Map.of()).json().at("/error/data/name").asText())
                .isEqualTo("odoo.exceptions.MissingError");
        assertThat(http.executeKw("res.partner", "action_confirm", List.of(List.of(partner)), Map.of()).json()
                .at("/error/data/name").asText()).isEqualTo("builtins.AttributeError");
    }

    @Test
    void aConfirmedOrderIsCancelledWithoutTheWizardOnlyWhenTheContextSaysSo() {
        long quotation = create(Map.of("partner_id", partner));
        assertThat(http.executeKw("sale.order", "action_cancel", List.of(List.of(quotation)), Map.of()).json().get("result").asBoolean())
                .as("a quotation is cancelled at once").isTrue();
        assertThat(read("sale.order", quotation).get("state").asText()).isEqualTo("cancel");

        long order = create(Map.of("partner_id", partner));
        ok(http.executeKw("sale.order", "action_confirm", List.of(List.of(order)), Map.of()));
        JsonNode wizard = http.executeKw("sale.order", "action_cancel", List.of(List.of(order)), Map.of()).json().get("result");
        assertThat(wizard.get("type").asText()).isEqualTo("ir.actions.act_window");
        assertThat(wizard.get("res_model").asText()).isEqualTo("sale.order.cancel");
        assertThat(wizard.get("name").asText()).isEqualTo("Cancel Sales Order");
        assertThat(wizard.at("/context/default_order_id").asLong()).isEqualTo(order);
        assertThat(read("sale.order", order).get("state").asText()).as("not cancelled yet").isEqualTo("sale");

        assertThat(http.executeKw("sale.order", "action_cancel", List.of(List.of(order)),
                Map.of("context", Map.of("disable_cancel_warning", true))).json().get("result").asBoolean()).isTrue();
        assertThat(read("sale.order", order).get("state").asText()).isEqualTo("cancel");
        RawHttp.Answer again = http.json2("sale.order", "action_cancel", Map.of("ids", List.of(order),
                "context", Map.of("disable_cancel_warning", true)));
        assertThat(again.json().asBoolean()).as("cancelling a cancelled order").isTrue();
    }

    @Test
    void aCancelledOrSentOrderGoesBackToDraftAndAConfirmedOneStaysAsItIs() {
        long cancelled = create(Map.of("partner_id", partner, "state", "cancel"));
        long sent = create(Map.of("partner_id", partner, "state", "sent"));
        long confirmed = create(Map.of("partner_id", partner, "state", "sale"));

        assertThat(http.executeKw("sale.order", "action_draft", List.of(List.of(cancelled, sent, confirmed)), Map.of()).json()
                .get("result").asBoolean()).isTrue();

        assertThat(read("sale.order", cancelled).get("state").asText()).isEqualTo("draft");
        assertThat(read("sale.order", sent).get("state").asText()).isEqualTo("draft");
        assertThat(read("sale.order", confirmed).get("state").asText()).isEqualTo("sale");
        assertThat(http.executeKw("sale.order", "action_confirm", List.of(List.of(cancelled)), Map.of()).json().get("result").asBoolean())
                .isTrue();
    }

    @Test
    void aConfirmedOrderAndItsLinesCannotBeDeleted() {
        long order = order(line("10", 1), line("20", 1));
        ok(http.executeKw("sale.order", "action_confirm", List.of(List.of(order)), Map.of()));
        long line = read("sale.order", order).get("order_line").get(0).asLong();

        JsonNode orderRefused = http.executeKw("sale.order", "unlink", List.of(List.of(order)), Map.of()).json();
        assertThat(orderRefused.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.UserError");
        assertThat(orderRefused.at("/error/data/message").asText()).startsWith("You can not delete a sent quotation or a confirmed");
        JsonNode lineRefused = http.executeKw("sale.order.line", "unlink", List.of(List.of(line)), Map.of()).json();
        assertThat(lineRefused.at("/error/data/message").asText()).startsWith("Once a sales order is confirmed");
        assertThat(http.executeKw("sale.order", "write", List.of(List.of(order), Map.of("order_line", List.of(List.of(2, line)))),
                Map.of()).json().at("/error/data/name").asText()).isEqualTo("odoo.exceptions.UserError");
        assertThat(odoo.count("sale.order.line")).isEqualTo(2);

        ok(http.executeKw("sale.order", "action_cancel", List.of(List.of(order)), Map.of("context", Map.of("disable_cancel_warning", true))));
        ok(http.executeKw("sale.order", "unlink", List.of(List.of(order)), Map.of()));
        assertThat(odoo.count("sale.order.line")).isZero();
    }

    // ---- seeding -------------------------------------------------------------------------------

    @Test
    void seedingTheShopsAccountingCreatesWhatTheConfigurationNamesOnce() {
        ShopAccounting first = odoo.seedShopAccounting();
        ShopAccounting second = odoo.seedShopAccounting();

        assertThat(second).isEqualTo(first);
        assertThat(first.taxes()).hasSize(18).containsKeys("US State Tax 2.9%", "US City Tax 0.25%", "UK VAT 20% (incl.)",
                "DE MwSt. 7% (incl.)");
        assertThat(odoo.count("account.tax")).isEqualTo(18);
        JsonNode included = read("account.tax", first.taxes().get("UK VAT 20% (incl.)"));
        assertThat(included.get("amount").asDouble()).isEqualTo(20.0);
        assertThat(included.get("price_include").asBoolean()).isTrue();
        assertThat(included.get("amount_type").asText()).isEqualTo("percent");
        assertThat(included.get("type_tax_use").asText()).isEqualTo("sale");
        JsonNode cityTax = read("account.tax", first.taxes().get("US City Tax 0.25%"));
        assertThat(cityTax.get("amount").asDouble()).isEqualTo(0.25);
        assertThat(cityTax.get("price_include").asBoolean()).isFalse();
        assertThat(cityTax.at("/country_id/1").asText()).isEqualTo("United States");

        assertThat(first.pricelists()).containsOnlyKeys("Public Pricelist", "EUR Pricelist", "GBP Pricelist");
        assertThat(read("product.pricelist", first.pricelists().get("GBP Pricelist")).at("/currency_id/1").asText()).isEqualTo("GBP");
        assertThat(odoo.count("product.pricelist")).isEqualTo(3);

        assertThat(first.products()).containsOnlyKeys("SHIP-FLAT", "SHIP-FREE", "SHIP-PICKUP", "SHIP", "FEE");
        JsonNode flat = read("product.product", first.products().get("SHIP-FLAT"));
        assertThat(flat.get("name").asText()).isEqualTo("Flat rate shipping");
        assertThat(flat.get("type").asText()).isEqualTo("service");
        assertThat(read("product.product", first.products().get("SHIP-PICKUP")).get("name").asText()).isEqualTo("Local pickup");

        JsonNode walkIn = read("res.partner", first.walkInCustomer());
        assertThat(walkIn.get("name").asText()).isEqualTo("Walk-in customer");
        assertThat(walkIn.get("ref").asText()).isEqualTo("WALK-IN");
        assertThat(odoo.count("res.partner")).isEqualTo(2);

        long inPounds = create(Map.of("partner_id", first.walkInCustomer(), "pricelist_id", first.pricelists().get("GBP Pricelist"),
                "order_line", List.of(List.of(0, 0, Map.of("product_id", first.products().get("SHIP-FLAT"), "price_unit", 4.99,
                        "tax_id", List.of(first.taxes().get("UK VAT 20% (incl.)")))))));
        JsonNode order = read("sale.order", inPounds);
        assertThat(order.at("/currency_id/1").asText()).isEqualTo("GBP");
        // 4.99 / 1.2 × 0.2 = 0.831666… → 0.83
        assertAmounts(order, "4.16", "0.83", "4.99");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private long tax(String name, String rate, boolean included) {
        return odoo.insert("account.tax", Map.of("name", name, "amount", new BigDecimal(rate), "price_include", included));
    }

    private long currency(String name) {
        return odoo.records("res.currency").stream().filter(c -> c.get("name").asText().equals(name)).findFirst().orElseThrow()
                .get("id").asLong();
    }

    private Map<String, Object> line(String price, int quantity, long... taxes) {
        Map<String, Object> line = new HashMap<>();
        line.put("product_id", product);
        line.put("price_unit", new BigDecimal(price));
        line.put("product_uom_qty", quantity);
        List<Long> ids = new ArrayList<>();
        for (long tax : taxes) {
            ids.add(tax);
        }
        line.put("tax_id", List.of(List.of(6, 0, ids)));
        return line;
    }

    /** Creates an order of the test's customer with these lines over {@code execute_kw}. */
    @SafeVarargs
    private long order(Map<String, Object>... lines) {
        List<Object> commands = new ArrayList<>();
        for (Map<String, Object> line : lines) {
            commands.add(List.of(0, 0, line));
        }
        return create(Map.of("partner_id", partner, "order_line", commands));
    }

    private long create(Map<String, Object> vals) {
        JsonNode answer = http.executeKw("sale.order", "create", List.of(vals), Map.of()).json();
        assertThat(answer.has("result")).as(answer.toString()).isTrue();
        return answer.get("result").asLong();
    }

    private JsonNode read(String model, long id) {
        JsonNode answer = http.executeKw(model, "read", List.of(List.of(id)), Map.of()).json();
        assertThat(answer.has("result")).as(answer.toString()).isTrue();
        return answer.get("result").get(0);
    }

    private JsonNode fields(String model) {
        return http.executeKw(model, "fields_get", List.of(), Map.of("attributes", List.of("type", "string", "relation", "readonly",
                "digits", "selection", "currency_field"))).json().get("result");
    }

    private void writeTaxes(long line, Object value) {
        ok(http.executeKw("sale.order.line", "write", List.of(List.of(line), Map.of("tax_id", value)), Map.of()));
    }

    private List<Long> taxesOf(long line) {
        List<Long> ids = new ArrayList<>();
        read("sale.order.line", line).get("tax_id").forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    private static void ok(RawHttp.Answer answer) {
        assertThat(answer.json().has("result")).as(answer.text()).isTrue();
    }

    private static BigDecimal amount(JsonNode record, String field) {
        assertThat(record.get(field).isNumber()).as(field + " in " + record).isTrue();
        return BigDecimal.valueOf(record.get(field).asDouble());
    }

    private static void assertAmounts(JsonNode order, String untaxed, String tax, String total) {
        assertThat(amount(order, "amount_untaxed")).as("amount_untaxed").isEqualByComparingTo(untaxed);
        assertThat(amount(order, "amount_tax")).as("amount_tax").isEqualByComparingTo(tax);
        assertThat(amount(order, "amount_total")).as("amount_total").isEqualByComparingTo(total);
    }
}
