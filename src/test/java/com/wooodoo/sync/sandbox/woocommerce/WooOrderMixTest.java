package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated mix of 500 orders, read over the REST API: every order adds up as WooCommerce's
 * totals do, and the mix really holds every kind of order it promises.
 */
class WooOrderMixTest {

    private static final String API = "/wp-json/wc/v3/";
    private static final int ORDERS = 500;
    private static WooCommerceSimulator shop;
    private static SimulatorClient client;
    private static List<JsonNode> orders;
    private static Map<Long, String> customerEmails;
    private static Map<Long, BigDecimal> prices;

    @BeforeAll
    static void seedTheMix() {
        shop = seededShop();
        client = new SimulatorClient(shop.baseUrl(), "ck_mix", "cs_mix");
        List<Long> ids = shop.seedOrderMix(ORDERS, 2024);
        assertThat(ids).hasSize(ORDERS);
        orders = new ArrayList<>();
        for (int page = 1; page <= 6; page++) {
            SimulatorClient.Answer answer = client.get(API + "orders?per_page=100&orderby=id&order=asc&page=" + page);
            assertThat(answer.status()).isEqualTo(200);
            answer.json().forEach(orders::add);
        }
        customerEmails = new HashMap<>();
        shop.customers().forEach(c -> customerEmails.put(c.path("id").asLong(), c.path("email").asText()));
        prices = new HashMap<>();
        shop.products().forEach(p -> prices.put(p.path("id").asLong(), new BigDecimal(p.path("price").asText())));
    }

    private static WooCommerceSimulator seededShop() {
        WooCommerceSimulator simulator = new WooCommerceSimulator(0, 31, "ck_mix", "cs_mix").start();
        simulator.seed(EntityType.CUSTOMERS, 40);
        simulator.seed(EntityType.PRODUCTS, 60);
        return simulator;
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    private static BigDecimal money(JsonNode node, String field) {
        return new BigDecimal(node.path(field).asText());
    }

    private static BigDecimal sum(JsonNode lines, String field) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : lines) {
            total = total.add(money(line, field));
        }
        return total;
    }

    private static long count(Predicate<JsonNode> kind) {
        return orders.stream().filter(kind).count();
    }

    @Test
    void everyOrderOfTheMixIsInTheShop() {
        assertThat(orders).hasSize(ORDERS);
        assertThat(orders).allSatisfy(o -> assertThat(o.path("created_via").asText()).isEqualTo("checkout"));
    }

    @Test
    void everyOrderAddsUpAsWooCommercesTotals() {
        assertThat(orders).allSatisfy(o -> {
            String id = "order " + o.path("id").asText();
            BigDecimal lines = sum(o.path("line_items"), "total");
            BigDecimal fees = sum(o.path("fee_lines"), "total");
            assertThat(money(o, "total")).as(id + " total").isEqualByComparingTo(
                    lines.add(money(o, "shipping_total")).add(fees).add(money(o, "total_tax")));
            assertThat(money(o, "total_tax")).as(id + " total tax").isEqualByComparingTo(
                    sum(o.path("tax_lines"), "tax_total").add(sum(o.path("tax_lines"), "shipping_tax_total")));
            assertThat(money(o, "total_tax")).isEqualByComparingTo(money(o, "cart_tax").add(money(o, "shipping_tax")));
            assertThat(money(o, "cart_tax")).as(id + " cart tax").isEqualByComparingTo(sum(o.path("tax_lines"), "tax_total"))
                    .isEqualByComparingTo(sum(o.path("line_items"), "total_tax").add(sum(o.path("fee_lines"), "total_tax")));
            assertThat(money(o, "shipping_tax")).as(id + " shipping tax")
                    .isEqualByComparingTo(sum(o.path("tax_lines"), "shipping_tax_total"))
                    .isEqualByComparingTo(sum(o.path("shipping_lines"), "total_tax"));
            assertThat(money(o, "shipping_total")).isEqualByComparingTo(sum(o.path("shipping_lines"), "total"));
            assertThat(money(o, "discount_total")).as(id + " discount")
                    .isEqualByComparingTo(sum(o.path("line_items"), "subtotal").subtract(lines));
        });
    }

    @Test
    void everyLineAddsUp() {
        assertThat(orders).allSatisfy(o -> o.path("line_items").forEach(line -> {
            String id = "order " + o.path("id").asText() + " line " + line.path("id").asText();
            assertThat(money(line, "total")).as(id).isBetween(BigDecimal.ZERO, money(line, "subtotal"));
            BigDecimal rounded = BigDecimal.ZERO;
            for (JsonNode tax : line.path("taxes")) {
                rounded = rounded.add(new BigDecimal(tax.path("total").asText()).setScale(2,
                        o.path("prices_include_tax").asBoolean() ? java.math.RoundingMode.HALF_DOWN : java.math.RoundingMode.HALF_UP));
            }
            assertThat(money(line, "total_tax")).as(id + " tax").isEqualByComparingTo(rounded);
            assertThat(line.path("price").decimalValue().multiply(BigDecimal.valueOf(line.path("quantity").asLong()))
                    .subtract(money(line, "total")).abs()).as(id + " price").isLessThanOrEqualTo(new BigDecimal("0.005"));
            BigDecimal listed = prices.get(line.path("product_id").asLong()).multiply(BigDecimal.valueOf(line.path("quantity").asLong()));
            BigDecimal charged = o.path("prices_include_tax").asBoolean() ? money(line, "subtotal").add(money(line, "subtotal_tax"))
                    : money(line, "subtotal");
            assertThat(charged.subtract(listed).abs()).as(id + " the product's price before discounts").isLessThanOrEqualTo(new BigDecimal("0.01"));
        }));
    }

    @Test
    void couponLinesAccountForTheDiscount() {
        assertThat(orders).allSatisfy(o -> {
            String id = "order " + o.path("id").asText();
            BigDecimal discounts = sum(o.path("coupon_lines"), "discount");
            BigDecimal discountTaxes = sum(o.path("coupon_lines"), "discount_tax");
            if (o.path("coupon_lines").isEmpty()) {
                assertThat(money(o, "discount_total")).as(id).isZero();
                assertThat(money(o, "discount_tax")).as(id).isZero();
            } else if (!o.path("prices_include_tax").asBoolean()) {
                assertThat(discounts).as(id).isEqualByComparingTo(money(o, "discount_total"));
                assertThat(discountTaxes.subtract(money(o, "discount_tax")).abs()).as(id)
                        .isLessThanOrEqualTo(new BigDecimal("0.01").multiply(BigDecimal.valueOf(o.path("line_items").size())));
            } else {
                // with prices including tax the gross discount is split in net and tax, each rounded
                assertThat(discounts.add(discountTaxes).subtract(money(o, "discount_total").add(money(o, "discount_tax"))).abs()).as(id)
                        .isLessThanOrEqualTo(new BigDecimal("0.01").multiply(BigDecimal.valueOf(o.path("line_items").size())));
            }
        });
    }

    @Test
    void theMixHoldsRegisteredCustomersAndEveryKindOfGuest() {
        Predicate<JsonNode> guest = o -> o.path("customer_id").asLong() == 0;
        Map<String, Integer> guestEmails = new HashMap<>();
        orders.stream().filter(guest).map(o -> o.at("/billing/email").asText()).filter(e -> !e.isEmpty())
                .forEach(e -> guestEmails.merge(e, 1, Integer::sum));
        Set<String> registeredEmails = new HashSet<>(customerEmails.values());

        assertThat(count(guest.negate())).as("registered customers' orders").isBetween(250L, 350L);
        assertThat(orders.stream().filter(guest.negate())).allSatisfy(o -> assertThat(customerEmails).containsKey(o.path("customer_id").asLong()));
        assertThat(count(guest.and(o -> o.at("/billing/email").asText().isEmpty()))).as("guests without an e-mail").isPositive();
        assertThat(count(guest.and(o -> registeredEmails.contains(o.at("/billing/email").asText()))))
                .as("guests with a registered customer's e-mail").isPositive();
        assertThat(guestEmails.entrySet().stream().filter(e -> !registeredEmails.contains(e.getKey()) && e.getValue() > 1))
                .as("a new guest e-mail used again").isNotEmpty();
        assertThat(guestEmails.entrySet().stream().filter(e -> !registeredEmails.contains(e.getKey()) && e.getValue() == 1))
                .as("a guest e-mail used once").isNotEmpty();
    }

    @Test
    void theMixHoldsEveryWayOfBeingTaxed() {
        Map<Integer, Long> byRates = new HashMap<>();
        orders.forEach(o -> byRates.merge(o.path("tax_lines").size(), 1L, Long::sum));

        assertThat(byRates).containsKeys(0, 1, 2, 3);
        assertThat(count(o -> o.path("tax_lines").size() == 3 && o.at("/tax_lines/0/rate_code").asText().equals("US-CA-STATE TAX")))
                .as("Californian orders").isPositive();
        assertThat(count(o -> o.path("prices_include_tax").asBoolean())).isPositive();
        assertThat(count(o -> !o.path("prices_include_tax").asBoolean())).isPositive();
        assertThat(orders.stream().filter(o -> o.path("prices_include_tax").asBoolean()))
                .allSatisfy(o -> assertThat(o.at("/billing/country").asText()).isIn("GB", "DE"));
        assertThat(count(o -> o.path("tax_lines").findValuesAsText("rate_id").contains("84"))).as("GB VAT").isPositive();
        assertThat(count(o -> o.path("tax_lines").findValuesAsText("rate_id").contains("85"))).as("GB reduced VAT").isPositive();
        assertThat(count(o -> o.path("tax_lines").findValuesAsText("rate_id").contains("86"))).as("DE MwSt.").isPositive();
        assertThat(count(o -> o.path("tax_lines").findValuesAsText("rate_id").contains("87"))).as("DE reduced MwSt.").isPositive();
        assertThat(count(o -> money(o, "shipping_tax").signum() > 0)).as("taxed shipping").isPositive();
        assertThat(count(o -> money(o, "shipping_total").signum() > 0 && money(o, "shipping_tax").signum() == 0))
                .as("untaxed shipping").isPositive();
        Map<String, String> currencies = new HashMap<>();
        orders.forEach(o -> currencies.put(o.at("/billing/country").asText(), o.path("currency").asText()));
        assertThat(currencies).containsEntry("US", "USD").containsEntry("GB", "GBP").containsEntry("DE", "EUR");
        assertThat(orders).allSatisfy(o -> assertThat(o.path("currency").asText())
                .isEqualTo(Map.of("US", "USD", "GB", "GBP", "DE", "EUR").get(o.at("/billing/country").asText())));
    }

    @Test
    void theMixHoldsCouponsFeesShippingMethodsAndStatuses() {
        Map<String, Long> coupons = new HashMap<>();
        orders.forEach(o -> o.path("coupon_lines").forEach(c -> coupons.merge(c.path("code").asText(), 1L, Long::sum)));
        Map<String, Long> shipping = new HashMap<>();
        orders.forEach(o -> shipping.merge(o.path("shipping_lines").isEmpty() ? "none" : o.at("/shipping_lines/0/method_id").asText(),
                1L, Long::sum));
        Map<String, Long> statuses = new HashMap<>();
        orders.forEach(o -> statuses.merge(o.path("status").asText(), 1L, Long::sum));

        assertThat(coupons).containsKeys("save10", "take15", "fiveoff");
        assertThat(count(o -> o.path("coupon_lines").size() == 2)).as("two coupons").isPositive();
        assertThat(count(o -> o.path("coupon_lines").isEmpty())).as("no coupon").isGreaterThan(ORDERS / 2);
        assertThat(count(o -> o.path("fee_lines").findValuesAsText("name").contains("Gift wrap"))).isPositive();
        assertThat(count(o -> o.path("fee_lines").findValuesAsText("name").contains("Handling"))).isPositive();
        assertThat(count(o -> o.path("fee_lines").isEmpty())).isGreaterThan(ORDERS / 2);
        assertThat(shipping).containsKeys("flat_rate", "free_shipping", "local_pickup", "none");
        assertThat(orders.stream().filter(o -> o.at("/shipping_lines/0/method_id").asText().equals("free_shipping")))
                .allSatisfy(o -> assertThat(o.at("/shipping_lines/0/method_title").asText() + " " + o.at("/shipping_lines/0/total").asText())
                        .isEqualTo("Free shipping 0.00"));
        assertThat(statuses).containsKeys("processing", "completed", "on-hold", "pending", "cancelled");
        assertThat(statuses.get("processing") + statuses.get("completed") + statuses.get("on-hold")).isGreaterThan(ORDERS * 3 / 4L);
        assertThat(statuses.get("pending")).isLessThan(ORDERS / 10L);
        assertThat(statuses.get("cancelled")).isLessThan(ORDERS / 10L);
    }

    @Test
    void theMixHoldsAddressesLinesAndQuantitiesAsPromised() {
        assertThat(count(o -> o.at("/shipping/country").asText().isEmpty())).as("no shipping address").isPositive();
        assertThat(count(o -> !o.at("/shipping/country").asText().isEmpty()
                && !o.at("/shipping/address_1").asText().equals(o.at("/billing/address_1").asText()))).as("shipped elsewhere").isPositive();
        assertThat(count(o -> o.at("/shipping/address_1").asText().equals(o.at("/billing/address_1").asText()))).as("shipped home")
                .isGreaterThan(ORDERS / 3);
        List<JsonNode> lines = new ArrayList<>();
        orders.forEach(o -> o.path("line_items").forEach(lines::add));
        assertThat(orders).allSatisfy(o -> assertThat(o.path("line_items").size()).isBetween(1, 4));
        assertThat(lines).allSatisfy(l -> assertThat(l.path("quantity").asInt()).isBetween(1, 3));
        assertThat(lines.stream().filter(l -> l.path("tax_class").asText().equals("reduced-rate"))).isNotEmpty();
        assertThat(lines.stream().filter(l -> money(l, "subtotal").compareTo(new BigDecimal("100")) < 0).count())
                .as("lines below 100").isGreaterThan(lines.size() * 9L / 10);
        assertThat(orders.stream().filter(o -> o.path("line_items").findValuesAsText("subtotal").stream()
                .allMatch(s -> new BigDecimal(s).compareTo(new BigDecimal("100")) < 0)).count()).as("orders with every line below 100")
                .isGreaterThan(ORDERS * 3L / 4);
    }

    @Test
    void theSameSeedGivesTheSameOrdersAndTheDefaultSeedingIsLeftAlone() {
        WooCommerceSimulator again = seededShop();
        try {
            again.seedOrderMix(ORDERS, 2024);
            List<JsonNode> first = shop.orders().stream().map(WooOrderMixTest::withoutLinks).toList();
            List<JsonNode> second = again.orders().stream().map(WooOrderMixTest::withoutLinks).toList();

            assertThat(second).isEqualTo(first);
            assertThat(again.seedOrderMix(3, 99)).hasSize(3);
            assertThat(again.seed(EntityType.ORDERS, 2)).hasSize(2);
            assertThat(again.count(EntityType.ORDERS)).isEqualTo(ORDERS + 5);
            assertThat(again.count(EntityType.CUSTOMERS)).isEqualTo(40);
        } finally {
            again.close();
        }
    }

    @Test
    void theAdminSeedCallTakesAMix() {
        WooCommerceSimulator other = seededShop();
        try {
            SimulatorClient admin = new SimulatorClient(other.baseUrl(), null, null);
            SimulatorClient.Answer seeded = admin.post("/__sandbox/seed", Map.of("entity", "orders", "count", 20, "mix", 7));
            SimulatorClient.Answer wrong = admin.post("/__sandbox/seed", Map.of("entity", "customers", "count", 2, "mix", 7));

            assertThat(seeded.status()).isEqualTo(200);
            assertThat(other.orders()).hasSize(20).allSatisfy(o -> assertThat(o.path("created_via").asText()).isEqualTo("checkout"));
            assertThat(wrong.status()).isEqualTo(400);
        } finally {
            other.close();
        }
    }

    private static JsonNode withoutLinks(JsonNode order) {
        ObjectNode copy = order.deepCopy();
        copy.remove("_links");
        return copy;
    }
}
