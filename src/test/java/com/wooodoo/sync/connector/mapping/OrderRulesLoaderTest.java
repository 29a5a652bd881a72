package com.wooodoo.sync.connector.mapping;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.mapping.OrderRules.OdooOrderState;
import com.wooodoo.sync.connector.mapping.OrderRules.ShopTaxRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order sections of orders.yaml (states, guests, taxes, shipping, fees, currencies, totals): read, and refused by entry. */
class OrderRulesLoaderTest {

    private static final Path SHIPPED = Path.of("config/mappings/orders.yaml");

    @TempDir
    Path dir;

    @Test
    void theShippedRulesSayWhatEachShopOrderBecomes() {
        OrderRules rules = MappingLoader.load(SHIPPED, EntityType.ORDERS).orderRules();

        assertThat(rules.stateFor("processing")).isEqualTo(OdooOrderState.CONFIRMED);
        assertThat(rules.stateFor("on-hold")).isEqualTo(OdooOrderState.QUOTATION);
        assertThat(rules.stateFor("cancelled")).isEqualTo(OdooOrderState.CANCELLED);
        assertThat(rules.walkInPartnerRef()).contains("WALK-IN");
        assertThat(rules.tolerance()).isEqualByComparingTo("0.01");
        assertThat(rules.pricelistFor("eur")).contains("EUR Pricelist");
        assertThat(rules.pricelistFor("JPY")).isEmpty();
        assertThat(rules.shippingProductFor("flat_rate")).contains("SHIP-FLAT");
        assertThat(rules.shippingProductFor("flat_rate:3")).as("a method with its instance id").contains("SHIP-FLAT");
        assertThat(rules.shippingProductFor("table_rate")).as("the default product").contains("SHIP");
        assertThat(rules.feeProduct()).contains("FEE");
        ShopTaxRate county = new ShopTaxRate(82, "US-CA-COUNTY TAX-2", new BigDecimal("1.0000"), "US");
        assertThat(rules.taxFor(county, false).orElseThrow().odooTax()).isEqualTo("US County Tax 1%");
        ShopTaxRate caState = new ShopTaxRate(75, "US-CA-STATE TAX", null, "US");
        assertThat(rules.taxFor(caState, false)).as("no rate id entry, no percentage known").isEmpty();
        ShopTaxRate caStateKnown = new ShopTaxRate(75, "US-CA-STATE TAX", new BigDecimal("7.5000"), "US");
        assertThat(rules.taxFor(caStateKnown, false).orElseThrow().odooTax()).isEqualTo("US State Tax 7.5%");
        ShopTaxRate vat = new ShopTaxRate(84, "GB-VAT-1", new BigDecimal("20.0000"), "GB");
        assertThat(rules.taxFor(vat, true).orElseThrow().odooTax()).isEqualTo("UK VAT 20% (incl.)");
        assertThat(rules.taxFor(vat, false).orElseThrow().odooTax()).isEqualTo("UK VAT 20%");
        assertThat(rules.taxFor(new ShopTaxRate(99, "FR-TVA-1", new BigDecimal("20"), "FR"), true)).isEmpty();
    }

    @Test
    void withoutTheSectionsPaidOrdersAreConfirmedAndNothingElseIsMapped() throws IOException {
        String bare = """
                entity: orders
                naturalKey: number
                models: { woocommerce: orders, odoo: sale.order }
                fields:
                  number: { woocommerce: number, odoo: client_order_ref }
                """;
        OrderRules rules = MappingLoader.load(write(bare), EntityType.ORDERS).orderRules();

        assertThat(rules.stateFor("completed")).isEqualTo(OdooOrderState.CONFIRMED);
        assertThat(rules.stateFor("failed")).isEqualTo(OdooOrderState.CANCELLED);
        assertThat(rules.stateFor("pending")).isEqualTo(OdooOrderState.QUOTATION);
        assertThat(rules.taxes()).isEmpty();
        assertThat(rules.pricelists()).isEmpty();
        assertThat(rules.walkInPartnerRef()).isEmpty();
        assertThat(rules.shippingProductFor("flat_rate")).isEmpty();
        assertThat(rules.tolerance()).isEqualByComparingTo("0.01");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "a status that is no shop status|(?m)^  pending: quotation$|  paid: quotation|states: 'paid' is not a WooCommerce order status",
            "a state Odoo has not|(?m)^  pending: quotation$|  pending: invoiced|states.pending: 'invoiced' is not what an Odoo order can become",
            "a tax without its Odoo tax|(?m)^  - \\{ rateId: 82, odoo: \"US County Tax 1%\" \\}$|  - { rateId: 82 }|taxes[0]: 'odoo' is required",
            "a tax by id and by rate|(?m)^  - \\{ rateId: 82, odoo: \"US County Tax 1%\" \\}$|  - { rateId: 82, rate: 1, odoo: X }|taxes[0]: give either rateId, or rate",
            "a tax of a country code too long|(?m)^  - \\{ rateId: 83, odoo: \"US City Tax 0.25%\" \\}$|  - { rate: 1, country: USA, odoo: X }|taxes[1].country: 'USA' is not a two-letter country code",
            "a tax rate that is no number|(?m)^  - \\{ rateId: 83, odoo: \"US City Tax 0.25%\" \\}$|  - { rate: ten, odoo: X }|taxes[1].rate: 'ten' is not a number",
            "an included flag that is no boolean|(?m)^  - \\{ rateId: 83, odoo: \"US City Tax 0.25%\" \\}$|  - { rate: 1, included: maybe, odoo: X }|taxes[1].included: must be true",
            "a currency code in lower case|(?m)^  EUR: \\{ pricelist: \"EUR Pricelist\" \\}$|  eur: { pricelist: X }|currencies.eur: 'eur' is not a currency code",
            "a currency without its pricelist|(?m)^  EUR: \\{ pricelist: \"EUR Pricelist\" \\}$|  EUR: { list: X }|currencies.EUR: unknown key 'list'",
            "a tolerance above one|(?m)^  tolerance: 0.01$|  tolerance: 5|totals.tolerance: must be between 0 and 1",
            "an unknown key of shipping|(?m)^  defaultProduct: SHIP$|  default: SHIP|shipping: unknown key 'default'",
            "an empty walk-in reference|(?m)^  walkInPartnerRef: WALK-IN$|  walkInPartnerRef: ''|guests.walkInPartnerRef: must be a text",
    })
    void aBrokenEntryIsRefusedNamingFileAndEntry(String what, String pattern, String replacement, String message) throws IOException {
        String shipped = Files.readString(SHIPPED);
        String broken = shipped.replaceFirst(pattern, java.util.regex.Matcher.quoteReplacement(replacement));
        assertThat(broken).as("the test edits the shipped file").isNotEqualTo(shipped);
        Path file = write(broken);

        assertThatThrownBy(() -> MappingLoader.load(file, EntityType.ORDERS)).isInstanceOf(MappingException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(message);
    }

    @Test
    void orderSectionsBelongToOrdersOnly() throws IOException {
        Path customers = dir.resolve("customers.yaml");
        Files.writeString(customers, Files.readString(Path.of("config/mappings/customers.yaml")) + "\ntaxes: []\n");

        assertThatThrownBy(() -> MappingLoader.load(customers, EntityType.CUSTOMERS))
                .hasMessageContaining("top level: unknown key 'taxes'");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("orders.yaml");
        Files.writeString(file, content);
        return file;
    }
}
