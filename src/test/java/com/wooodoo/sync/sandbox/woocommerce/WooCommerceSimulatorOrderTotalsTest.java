package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders taxed, discounted and totalled as WooCommerce does, each example worked out by hand to
 * the cent (see {@link WooOrderTotals} for the rules followed).
 */
class WooCommerceSimulatorOrderTotalsTest {

    private static final String API = "/wp-json/wc/v3/";
    private WooCommerceSimulator shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        shop = new WooCommerceSimulator(0, 7, "ck_totals", "cs_totals").start();
        shop.setClock(Clock.fixed(Instant.parse("2025-05-06T07:08:09Z"), ZoneOffset.UTC));
        client = new SimulatorClient(shop.baseUrl(), "ck_totals", "cs_totals");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private long product(String price) {
        return shop.insert(EntityType.PRODUCTS, p -> p.put("regular_price", price).put("price", price));
    }

    private static Map<String, Object> address(String country, String state, String city, String postcode) {
        return Map.of("first_name", "Ada", "last_name", "Lovelace", "address_1", "1 Main Street", "city", city, "state", state,
                "postcode", postcode, "country", country);
    }

    private static Map<String, Object> line(long product, int quantity) {
        return Map.of("product_id", product, "quantity", quantity);
    }

    private static Map<String, Object> shipping(String methodId, String title, String total) {
        return Map.of("method_id", methodId, "method_title", title, "total", total);
    }

    private JsonNode create(Map<String, Object> order) {
        SimulatorClient.Answer answer = client.post(API + "orders", order);
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(201);
        return answer.json();
    }

    private static List<String> taxes(JsonNode item) {
        return java.util.stream.StreamSupport.stream(item.path("taxes").spliterator(), false)
                .map(t -> t.path("id").asLong() + "=" + t.path("total").asText() + "/" + t.path("subtotal").asText()).toList();
    }

    private static List<String> taxLines(JsonNode order) {
        return java.util.stream.StreamSupport.stream(order.path("tax_lines").spliterator(), false)
                .map(t -> t.path("rate_code").asText() + " " + t.path("tax_total").asText() + " " + t.path("shipping_tax_total").asText())
                .toList();
    }

    private static Map<String, String> totals(JsonNode order) {
        Map<String, String> totals = new LinkedHashMap<>();
        for (String field : List.of("discount_total", "discount_tax", "shipping_total", "shipping_tax", "cart_tax", "total_tax", "total")) {
            totals.put(field, order.path(field).asText());
        }
        return totals;
    }

    private static Map<String, String> expected(String... values) {
        List<String> fields = List.of("discount_total", "discount_tax", "shipping_total", "shipping_tax", "cart_tax", "total_tax", "total");
        Map<String, String> totals = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            totals.put(fields.get(i), values[i]);
        }
        return totals;
    }

    @Test
    void oneStateRateOnPricesWithoutTaxLeavesShippingUntaxed() {
        long mug = product("19.99");

        JsonNode order = create(Map.of("billing", address("US", "AZ", "Phoenix", "85001"), "line_items", List.of(line(mug, 2)),
                "shipping_lines", List.of(shipping("flat_rate", "Flat rate", "5.00"))));

        // 39.98 × 5.6 % = 2.23888 → 2.24; Arizona's rate does not tax shipping
        JsonNode item = order.at("/line_items/0");
        assertThat(item.path("subtotal").asText()).isEqualTo("39.98");
        assertThat(item.path("total").asText()).isEqualTo("39.98");
        assertThat(item.path("total_tax").asText()).isEqualTo("2.24");
        assertThat(item.path("subtotal_tax").asText()).isEqualTo("2.24");
        assertThat(taxes(item)).containsExactly("73=2.23888/2.23888");
        assertThat(item.path("price").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(order.at("/shipping_lines/0/total_tax").asText()).isEqualTo("0.00");
        assertThat(order.at("/shipping_lines/0/taxes")).isEmpty();
        assertThat(taxLines(order)).containsExactly("US-AZ-STATE TAX 2.24 0.00");
        assertThat(order.at("/tax_lines/0/rate_id").asLong()).isEqualTo(73);
        assertThat(order.at("/tax_lines/0/label").asText()).isEqualTo("State Tax");
        assertThat(order.at("/tax_lines/0/rate_percent").asText()).isEqualTo("5.6");
        assertThat(totals(order)).isEqualTo(expected("0.00", "0.00", "5.00", "0.00", "2.24", "2.24", "47.22"));
    }

    @Test
    void californiaStacksThreeRatesRoundedPerLineAndTaxesATaxableFee() {
        long tee = product("12.99");
        long pin = product("4.50");

        JsonNode order = create(Map.of("shipping", address("US", "CA", "San Francisco", "94103"),
                "line_items", List.of(line(tee, 3), line(pin, 1)),
                "shipping_lines", List.of(shipping("flat_rate", "Flat rate", "10.00")),
                "fee_lines", List.of(Map.of("name", "Gift wrap", "total", "2.50", "tax_status", "taxable"),
                        Map.of("name", "Handling", "total", "1.50", "tax_status", "none"))));

        // 38.97: 7.5 % 2.92275 → 2.92, 1 % 0.3897 → 0.39, 0.25 % 0.097425 → 0.10
        assertThat(taxes(order.at("/line_items/0"))).containsExactly("75=2.92275/2.92275", "82=0.3897/0.3897", "83=0.097425/0.097425");
        assertThat(order.at("/line_items/0/total_tax").asText()).isEqualTo("3.41");
        // 4.50: 0.3375 → 0.34, 0.045 → 0.05, 0.01125 → 0.01
        assertThat(taxes(order.at("/line_items/1"))).containsExactly("75=0.3375/0.3375", "82=0.045/0.045", "83=0.01125/0.01125");
        assertThat(order.at("/line_items/1/total_tax").asText()).isEqualTo("0.40");
        // the gift wrap: 0.1875 → 0.19, 0.025 → 0.03, 0.00625 → 0.01; handling is not taxed
        JsonNode giftWrap = order.at("/fee_lines/0");
        assertThat(giftWrap.path("name").asText()).isEqualTo("Gift wrap");
        assertThat(giftWrap.path("total").asText()).isEqualTo("2.50");
        assertThat(giftWrap.path("total_tax").asText()).isEqualTo("0.23");
        assertThat(taxes(giftWrap)).containsExactly("75=0.1875/", "82=0.025/", "83=0.00625/");
        assertThat(order.at("/fee_lines/1/total_tax").asText()).isEqualTo("0.00");
        assertThat(order.at("/fee_lines/1/taxes")).isEmpty();
        assertThat(order.at("/shipping_lines/0/taxes")).as("California's rates do not tax shipping").isEmpty();
        assertThat(taxLines(order)).containsExactly("US-CA-STATE TAX 3.45 0.00", "US-CA-COUNTY TAX-2 0.47 0.00",
                "US-CA-CITY TAX-3 0.12 0.00");
        // 43.47 + 10.00 + 4.00 fees + 4.04 tax
        assertThat(totals(order)).isEqualTo(expected("0.00", "0.00", "10.00", "0.00", "4.04", "4.04", "61.51"));
    }

    @Test
    void britishPricesIncludeVatWhichIsTakenOutOfTheGrossAndShippingIsTaxed() {
        long book = product("12.00");
        long mug = product("9.99");
        long tea = product("4.20");

        JsonNode order = create(Map.of("prices_include_tax", true, "currency", "GBP",
                "billing", address("GB", "", "London", "SW1A 1AA"),
                "line_items", List.of(line(book, 1), line(mug, 1), Map.of("product_id", tea, "quantity", 2, "tax_class", "reduced-rate")),
                "shipping_lines", List.of(shipping("flat_rate", "Flat rate", "4.80"))));

        assertThat(order.path("prices_include_tax").asBoolean()).isTrue();
        assertThat(order.path("currency").asText()).isEqualTo("GBP");
        // 12.00 gross: 2.00 VAT, 10.00 net
        assertThat(order.at("/line_items/0/total").asText()).isEqualTo("10.00");
        assertThat(order.at("/line_items/0/total_tax").asText()).isEqualTo("2.00");
        // 9.99 gross: 9.99 × 20/120 = 1.665, net 8.325 shown 8.33; its tax 1.665 rounds half down: 1.66
        assertThat(order.at("/line_items/1/total").asText()).isEqualTo("8.33");
        assertThat(order.at("/line_items/1/total_tax").asText()).isEqualTo("1.66");
        assertThat(taxes(order.at("/line_items/1"))).containsExactly("84=1.665/1.665");
        assertThat(order.at("/line_items/1/price").decimalValue()).isEqualByComparingTo("8.325");
        // 8.40 gross at 5 %: 0.40 VAT, 8.00 net
        assertThat(order.at("/line_items/2/tax_class").asText()).isEqualTo("reduced-rate");
        assertThat(order.at("/line_items/2/total").asText()).isEqualTo("8.00");
        assertThat(taxes(order.at("/line_items/2"))).containsExactly("85=0.4/0.4");
        // shipping takes the standard class (an item has it): 4.80 × 20 % = 0.96
        assertThat(order.at("/shipping_lines/0/total_tax").asText()).isEqualTo("0.96");
        assertThat(taxes(order.at("/shipping_lines/0"))).containsExactly("84=0.96/");
        assertThat(taxLines(order)).containsExactly("GB-VAT-1 3.66 0.96", "GB-VAT-1 0.40 0.00");
        assertThat(order.path("tax_lines")).extracting(t -> t.path("rate_id").asLong()).containsExactly(84L, 85L);
        // the gross prices come back: 12.00 + 9.99 + 8.40 = 26.33 + 4.06
        assertThat(totals(order)).isEqualTo(expected("0.00", "0.00", "4.80", "0.96", "4.06", "5.02", "36.15"));
    }

    @Test
    void aPercentCouponFloorsEachLineAndGivesTheMissingCentToTheDearestLine() {
        long mug = product("19.99");
        long pin = product("5.55");

        JsonNode order = create(Map.of("billing", address("US", "AZ", "Phoenix", "85001"),
                "line_items", List.of(line(pin, 1), line(mug, 2)), "coupon_lines", List.of(Map.of("code", "SAVE10"))));

        // 10 %: floor(399.8) = 399 and floor(55.5) = 55 cents; the cart's 455.3 → 455: the missing cent goes to the 39.98 line
        JsonNode pinLine = order.at("/line_items/0");
        JsonNode mugLine = order.at("/line_items/1");
        assertThat(mugLine.path("subtotal").asText()).isEqualTo("39.98");
        assertThat(mugLine.path("total").asText()).isEqualTo("35.98");
        assertThat(pinLine.path("total").asText()).isEqualTo("5.00");
        assertThat(mugLine.path("price").decimalValue()).isEqualByComparingTo("17.99");
        // taxes on what is left: 35.98 × 5.6 % = 2.01488, 5.00 → 0.28; before the discount 2.23888 and 0.3108
        assertThat(taxes(mugLine)).containsExactly("73=2.01488/2.23888");
        assertThat(mugLine.path("total_tax").asText()).isEqualTo("2.01");
        assertThat(mugLine.path("subtotal_tax").asText()).isEqualTo("2.24");
        JsonNode coupon = order.at("/coupon_lines/0");
        assertThat(coupon.path("code").asText()).isEqualTo("save10");
        assertThat(coupon.path("discount").asText()).isEqualTo("4.55");
        // 4.00 × 5.6 % = 0.224 → 0.22, 0.55 × 5.6 % = 0.0308 → 0.03
        assertThat(coupon.path("discount_tax").asText()).isEqualTo("0.25");
        assertThat(coupon.path("discount_type").asText()).isEqualTo("percent");
        assertThat(totals(order)).isEqualTo(expected("4.55", "0.25", "0.00", "0.00", "2.29", "2.29", "43.27"));
    }

    @Test
    void aFixedCartCouponIsSplitOverTheUnitsWithItsLeftoverCentsOneByOne() {
        long book = product("7.00");
        long card = product("3.00");

        JsonNode order = create(Map.of("shipping", address("US", "FL", "Miami", "33101"),
                "line_items", List.of(line(card, 1), line(book, 2)),
                "shipping_lines", List.of(shipping("flat_rate", "Flat rate", "5.00")),
                "coupon_lines", List.of(Map.of("code", "fiveoff"))));

        // 500 cents over 3 units: 166 each (498), the 2 cents left to the dearest line's units
        assertThat(order.at("/line_items/1/total").asText()).isEqualTo("10.66");
        assertThat(order.at("/line_items/0/total").asText()).isEqualTo("1.34");
        // Florida taxes shipping: 5.00 × 6 % = 0.30
        assertThat(taxes(order.at("/shipping_lines/0"))).containsExactly("79=0.3/");
        assertThat(order.at("/shipping_lines/0/total_tax").asText()).isEqualTo("0.30");
        // 10.66 × 6 % = 0.6396 → 0.64, 1.34 × 6 % = 0.0804 → 0.08
        assertThat(taxLines(order)).containsExactly("US-FL-STATE TAX 0.72 0.30");
        JsonNode coupon = order.at("/coupon_lines/0");
        assertThat(coupon.path("discount").asText()).isEqualTo("5.00");
        // 3.34 × 6 % = 0.2004 → 0.20, 1.66 × 6 % = 0.0996 → 0.10
        assertThat(coupon.path("discount_tax").asText()).isEqualTo("0.30");
        assertThat(coupon.path("discount_type").asText()).isEqualTo("fixed_cart");
        assertThat(coupon.path("nominal_amount").asText()).isEqualTo("5.0");
        assertThat(totals(order)).isEqualTo(expected("5.00", "0.30", "5.00", "0.30", "0.72", "1.02", "18.02"));
    }

    @Test
    void aFixedCartCouponNeverTakesALineBelowZero() {
        long sticker = product("1.00");
        long lamp = product("20.00");

        JsonNode order = create(Map.of("billing", address("US", "OR", "Portland", "97205"),
                "line_items", List.of(line(sticker, 1), line(lamp, 1)), "coupon_lines", List.of(Map.of("code", "FIVEOFF"))));

        // 250 cents a unit: the sticker can give 100 only, the 150 left go to the lamp
        assertThat(order.at("/line_items/0/total").asText()).isEqualTo("0.00");
        assertThat(order.at("/line_items/0/price").asLong()).isZero();
        assertThat(order.at("/line_items/1/total").asText()).isEqualTo("16.00");
        assertThat(order.path("tax_lines")).as("Oregon has no sales tax").isEmpty();
        assertThat(totals(order)).isEqualTo(expected("5.00", "0.00", "0.00", "0.00", "0.00", "0.00", "16.00"));
    }

    @Test
    void withPricesIncludingTaxACouponComesOffTheGrossPrice() {
        long mug = product("9.99");

        JsonNode order = create(Map.of("prices_include_tax", true, "currency", "GBP", "billing", address("GB", "", "London", "SW1A 1AA"),
                "line_items", List.of(line(mug, 1)), "coupon_lines", List.of(Map.of("code", "save10"))));

        // 10 % of 9.98½ (8.325 net + 1.66 tax) → 99 cents, 100 for the whole cart: 1.00 gross off,
        // of which 0.166667 VAT: the net 8.325 - 0.833333 = 7.491667, its VAT 1.498333 → 1.50
        JsonNode item = order.at("/line_items/0");
        assertThat(item.path("subtotal").asText()).isEqualTo("8.33");
        assertThat(item.path("total").asText()).isEqualTo("7.49");
        assertThat(item.path("total_tax").asText()).isEqualTo("1.50");
        assertThat(taxes(item)).containsExactly("84=1.498333/1.665");
        assertThat(item.path("price").decimalValue()).isEqualByComparingTo("7.491667");
        assertThat(order.at("/coupon_lines/0/discount").asText()).isEqualTo("0.83");
        assertThat(order.at("/coupon_lines/0/discount_tax").asText()).isEqualTo("0.17");
        // 9.99 - 1.00 = 8.99
        assertThat(totals(order)).isEqualTo(expected("0.84", "0.17", "0.00", "0.00", "1.50", "1.50", "8.99"));
    }

    @Test
    void anUnknownCouponIsWooCommercesInvalidCouponError() {
        long mug = product("9.99");

        SimulatorClient.Answer answer = client.post(API + "orders", Map.of("line_items", List.of(line(mug, 1)),
                "coupon_lines", List.of(Map.of("code", "NOPE20"))));
        SimulatorClient.Answer inBatch = client.post(API + "orders/batch", Map.of("create", List.of(Map.of(
                "line_items", List.of(line(mug, 1)), "coupon_lines", List.of(Map.of("code", "NOPE20"))))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().toString()).isEqualTo("{\"code\":\"woocommerce_rest_invalid_coupon\","
                + "\"message\":\"Coupon \\\"nope20\\\" does not exist!\",\"data\":{\"status\":400}}");
        assertThat(inBatch.json().at("/create/0/error/code").asText()).isEqualTo("woocommerce_rest_invalid_coupon");
        assertThat(shop.count(EntityType.ORDERS)).isZero();
    }

    @Test
    void updatingCouponsOrAddressesComputesTheOrderAgain() {
        long mug = product("19.99");
        JsonNode order = create(Map.of("billing", address("US", "OR", "Portland", "97205"), "line_items", List.of(line(mug, 1)),
                "coupon_lines", List.of(Map.of("code", "take15"))));
        String id = order.path("id").asText();

        JsonNode moved = client.send("PUT", API + "orders/" + id, Map.of("billing", address("US", "GA", "Atlanta", "30301"))).json();
        JsonNode withoutCoupon = client.send("PUT", API + "orders/" + id, Map.of("coupon_lines", List.of())).json();

        // 15 % of 19.99: floor(299.85) = 299, the cart's 299.85 → 300
        assertThat(order.at("/line_items/0/total").asText()).isEqualTo("16.99");
        assertThat(order.path("total").asText()).isEqualTo("16.99");
        // in Georgia 16.99 × 4 % = 0.6796 → 0.68, the discount kept
        assertThat(taxLines(moved)).containsExactly("US-GA-STATE TAX 0.68 0.00");
        assertThat(moved.path("total").asText()).isEqualTo("17.67");
        assertThat(withoutCoupon.path("coupon_lines")).isEmpty();
        assertThat(withoutCoupon.at("/line_items/0/total").asText()).isEqualTo("19.99");
        // 19.99 × 4 % = 0.7996 → 0.80; the tax line keeps its id
        assertThat(taxLines(withoutCoupon)).containsExactly("US-GA-STATE TAX 0.80 0.00");
        assertThat(withoutCoupon.at("/tax_lines/0/id")).isEqualTo(moved.at("/tax_lines/0/id"));
        assertThat(withoutCoupon.path("total").asText()).isEqualTo("20.79");
    }

    @Test
    void cancellingAnOrderBumpsItsModificationDateAndKeepsItsTotals() {
        long mug = product("19.99");
        JsonNode order = create(Map.of("billing", address("US", "CA", "Fresno", "93650"), "line_items", List.of(line(mug, 1)),
                "status", "processing"));
        shop.setClock(Clock.fixed(Instant.parse("2025-05-07T00:00:00Z"), ZoneOffset.UTC));

        JsonNode cancelled = client.send("PUT", API + "orders/" + order.path("id").asText(), Map.of("status", "cancelled")).json();

        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("date_modified_gmt").asText()).isEqualTo("2025-05-07T00:00:00");
        assertThat(order.path("date_modified_gmt").asText()).isEqualTo("2025-05-06T07:08:09");
        assertThat(totals(cancelled)).isEqualTo(totals(order));
        assertThat(cancelled.path("total").asText()).isEqualTo("21.74");
    }

    @Test
    void shippingAndFeeLinesAreCheckedAndRemovedLikeWooCommerce() {
        long mug = product("10.00");

        SimulatorClient.Answer noMethod = client.post(API + "orders", Map.of("line_items", List.of(line(mug, 1)),
                "shipping_lines", List.of(Map.of("method_title", "Flat rate", "total", "5.00"))));
        SimulatorClient.Answer noName = client.post(API + "orders", Map.of("line_items", List.of(line(mug, 1)),
                "fee_lines", List.of(Map.of("total", "5.00"))));
        SimulatorClient.Answer badClass = client.post(API + "orders", Map.of("line_items",
                List.of(Map.of("product_id", mug, "tax_class", "standard"))));
        JsonNode order = create(Map.of("line_items", List.of(line(mug, 1)), "shipping_lines", List.of(shipping("flat_rate", "Flat rate", "5.00")),
                "fee_lines", List.of(Map.of("name", "Handling", "total", "1.50"))));
        Map<String, Object> removedShipping = new java.util.HashMap<>();
        removedShipping.put("id", order.at("/shipping_lines/0/id").asLong());
        removedShipping.put("method_id", null);
        JsonNode updated = client.send("PUT", API + "orders/" + order.path("id").asText(), Map.of(
                "shipping_lines", List.of(removedShipping),
                "fee_lines", List.of(Map.of("id", order.at("/fee_lines/0/id").asLong(), "total", "2.00")))).json();

        assertThat(noMethod.json().path("code").asText()).isEqualTo("woocommerce_rest_invalid_shipping_item");
        assertThat(noName.json().path("code").asText()).isEqualTo("woocommerce_rest_invalid_fee_item");
        assertThat(badClass.json().path("code").asText()).isEqualTo("order_item_product_invalid_tax_class");
        assertThat(order.path("total").asText()).isEqualTo("16.50");
        assertThat(updated.path("shipping_lines")).isEmpty();
        assertThat(updated.at("/fee_lines/0/total").asText()).isEqualTo("2.00");
        assertThat(updated.path("total").asText()).isEqualTo("12.00");
    }

    @Test
    void aLocalPickupIsTaxedAtTheShopsAddress() {
        long mug = product("19.99");

        JsonNode order = create(Map.of("billing", address("US", "CA", "San Francisco", "94103"), "line_items", List.of(line(mug, 1)),
                "shipping_lines", List.of(shipping("local_pickup", "Local pickup", "0.00"))));

        assertThat(order.path("tax_lines")).as("the shop is in Oregon").isEmpty();
        assertThat(order.path("total").asText()).isEqualTo("19.99");
    }
}
