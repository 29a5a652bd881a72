package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.NeutralOrder;
import com.wooodoo.sync.connector.NeutralOrder.Address;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.OrderRules.ShopTaxRate;
import com.wooodoo.sync.sandbox.woocommerce.WooFixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an order holds beyond its mapped fields, read from the official examples: addresses, each
 * line's amounts and tax rates, shipping lines, fees, and the rate percentages an older shop's
 * order does not state.
 */
class WooOrderExtrasTest {

    private static final WooRecordMapper MAPPER = new WooRecordMapper();

    @Test
    void theOfficialOrderReadsWithItsAmountsTaxRatesAndShipping() {
        JsonNode order = WooFixtures.read("order-single.json");
        Map<String, Object> fields = extras(order, id -> id == 75 ? new BigDecimal("7.5000") : null);

        assertThat(fields).containsEntry(NeutralOrder.PRICES_INCLUDE_TAX, false).containsEntry("customer", null)
                .containsEntry("currency", "USD").containsEntry("status", "processing");
        assertThat(NeutralOrder.decimal(fields.get("total"))).isEqualByComparingTo("29.35");
        assertThat(NeutralOrder.decimal(fields.get("totalTax"))).isEqualByComparingTo("1.35");
        Address billing = Address.of(fields.get(NeutralOrder.BILLING));
        assertThat(billing.email()).isEqualTo("john.doe@example.com");
        assertThat(billing.name()).isEqualTo("John Doe");
        assertThat(billing.street()).isEqualTo("969 Market");
        assertThat(billing.country()).isEqualTo("US");
        assertThat(Address.of(fields.get(NeutralOrder.SHIPPING)).samePlaceAs(billing)).isTrue();

        List<Map<String, Object>> lines = NeutralOrder.lines(fields, NeutralOrder.LINES);
        assertThat(lines).hasSize(2);
        assertThat(NeutralOrder.decimal(lines.get(0).get(NeutralOrder.SUBTOTAL))).isEqualByComparingTo("6.00");
        assertThat(NeutralOrder.decimal(lines.get(0).get(NeutralOrder.AMOUNT))).isEqualByComparingTo("6.00");
        assertThat(NeutralOrder.decimal(lines.get(0).get(NeutralOrder.TAX))).isEqualByComparingTo("0.45");
        assertThat(NeutralOrder.decimal(lines.get(1).get(NeutralOrder.SUBTOTAL_TAX))).isEqualByComparingTo("0.90");
        assertThat(lines.get(0)).containsEntry("product", "93");
        assertThat(NeutralOrder.taxesOf(lines.get(0)))
                .containsExactly(new ShopTaxRate(75, "US-CA-STATE TAX", new BigDecimal("7.5000"), "US"));

        List<Map<String, Object>> shipping = NeutralOrder.lines(fields, NeutralOrder.SHIPPING_LINES);
        assertThat(shipping).hasSize(1);
        assertThat(shipping.get(0)).containsEntry(NeutralOrder.METHOD, "flat_rate").containsEntry(NeutralOrder.NAME, "Flat Rate");
        assertThat(NeutralOrder.decimal(shipping.get(0).get(NeutralOrder.AMOUNT))).isEqualByComparingTo("10.00");
        assertThat(NeutralOrder.taxesOf(shipping.get(0))).isEmpty();
        assertThat(NeutralOrder.lines(fields, NeutralOrder.FEE_LINES)).isEmpty();
    }

    @Test
    void aStatedRatePercentWinsAndFeesAndCouponsAreRead() {
        ObjectNode order = (ObjectNode) WooFixtures.read("order-single.json").deepCopy();
        ((ObjectNode) order.get("tax_lines").get(0)).put("rate_percent", 7.5);
        order.putArray("coupon_lines").addObject().put("code", "save10").put("discount", "1.80");
        ((com.fasterxml.jackson.databind.node.ArrayNode) order.get("coupon_lines")).addObject().put("code", "fiveoff");
        order.putArray("fee_lines").addObject().put("name", "Gift wrap").put("total", "2.50").put("total_tax", "0.19")
                .putArray("taxes").addObject().put("id", 75).put("total", "0.19").put("subtotal", "");
        Map<String, Object> fields = extras(order, id -> {
            throw new AssertionError("the order states every rate: the shop's rates are not read");
        });

        assertThat(fields).containsEntry("coupons", "save10, fiveoff");
        Map<String, Object> fee = NeutralOrder.lines(fields, NeutralOrder.FEE_LINES).get(0);
        assertThat(fee).containsEntry(NeutralOrder.NAME, "Gift wrap");
        assertThat(NeutralOrder.decimal(fee.get(NeutralOrder.AMOUNT))).isEqualByComparingTo("2.50");
        assertThat(NeutralOrder.taxesOf(fee)).extracting(ShopTaxRate::rate).containsExactly(new BigDecimal("7.5"));
    }

    @Test
    void aGuestWithoutAddressHasNoBillingAndTaxLinesNeedNumericRateIds() {
        ObjectNode order = (ObjectNode) WooFixtures.read("order-single.json").deepCopy();
        order.putObject("billing").put("first_name", "").put("email", "");
        order.putObject("shipping");
        assertThat(extras(order, id -> BigDecimal.TEN)).doesNotContainKeys(NeutralOrder.BILLING, NeutralOrder.SHIPPING);

        ((ObjectNode) order.get("tax_lines").get(0)).put("rate_id", "seventy-five");
        assertThatThrownBy(() -> extras(order, id -> BigDecimal.TEN)).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("orders 727 has a tax line without a numeric rate_id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theContentHashOfTheExtrasSurvivesAStoredCopy() throws Exception {
        Map<String, Object> fields = extras(WooFixtures.read("order-single.json"), id -> new BigDecimal("7.5000"));
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> stored = json.readValue(json.writeValueAsString(fields), Map.class);

        assertThat(stored).containsKeys(NeutralOrder.SHIPPING_LINES, NeutralOrder.BILLING);
        assertThat(com.wooodoo.sync.pipeline.ContentHash.of(stored)).isEqualTo(com.wooodoo.sync.pipeline.ContentHash.of(fields));
        Map<String, Object> changed = new java.util.LinkedHashMap<>(fields);
        changed.put(NeutralOrder.SHIPPING_LINES, List.of());
        assertThat(com.wooodoo.sync.pipeline.ContentHash.of(changed)).as("a changed shipping line is a change")
                .isNotEqualTo(com.wooodoo.sync.pipeline.ContentHash.of(fields));
    }

    private static Map<String, Object> extras(JsonNode order, java.util.function.LongFunction<BigDecimal> percent) {
        SyncRecord record = MAPPER.toRecord(WooTestShop.MAPPINGS.of(EntityType.ORDERS), order);
        return WooOrderExtras.add(record.fields(), order, percent);
    }
}
