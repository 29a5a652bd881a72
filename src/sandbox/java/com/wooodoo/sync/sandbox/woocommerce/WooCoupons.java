package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code /coupons}, in a minimal shape (id, code, amount, dates, discount type, description,
 * expiry, meta data). As in WooCommerce a code is kept in lower case and found whatever its case,
 * and it must be unique ({@code woocommerce_rest_coupon_code_already_exists}). A fresh shop has
 * {@code save10} (10 % off), {@code take15} (15 % off) and {@code fiveoff} (5.00 off the cart),
 * created before the shop's other posts (ids 7 to 9).
 */
final class WooCoupons {

    static final List<String> DISCOUNT_TYPES = List.of("percent", "fixed_cart", "fixed_product");
    private static final Instant SEEDED_AT = Instant.parse("2023-01-01T09:00:00Z");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WooCoupons() {
    }

    static List<ObjectNode> seeds() {
        return List.of(coupon(7, "save10", "10", "percent", "10 % off the order", SEEDED_AT),
                coupon(8, "take15", "15", "percent", "15 % off the order", SEEDED_AT.plusSeconds(60)),
                coupon(9, "fiveoff", "5", "fixed_cart", "5.00 off the order", SEEDED_AT.plusSeconds(120)));
    }

    /** {@code wc_format_coupon_code}: trimmed, in lower case. */
    static String formatCode(String code) {
        return code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode coupon(long id, String code, String amount, String type, String description, Instant at) {
        ObjectNode c = NODES.objectNode();
        c.put("id", id);
        c.put("code", code);
        c.put("amount", WooInput.money(new BigDecimal(amount)));
        WooDates.stamp(c, "date_created", at);
        WooDates.stamp(c, "date_modified", at);
        c.put("discount_type", type);
        c.put("description", description);
        WooDates.stamp(c, "date_expires", null);
        c.set("meta_data", NODES.arrayNode());
        return c;
    }

    /** {@code POST /coupons}: a code is required and must be free; the type defaults to {@code fixed_cart}. */
    static ObjectNode create(WooStore store, JsonNode body, Instant now) {
        if (body.path("id").asLong(0) != 0) {
            throw new WooApiException("woocommerce_rest_shop_coupon_exists", "Cannot create existing shop_coupon.", 400);
        }
        String code = WooInput.text(body, "code");
        if (code == null) {
            throw new WooApiException("rest_missing_callback_param", "Missing parameter(s): code", 400)
                    .with("params", NODES.arrayNode().add("code"));
        }
        String type = WooInput.text(body, "discount_type");
        if (type != null && !DISCOUNT_TYPES.contains(type)) {
            throw WooApiException.invalidParam("discount_type", "discount_type is not one of percent, fixed_cart, and fixed_product.");
        }
        String amount = WooInput.decimal(body, "amount");
        String formatted = formatCode(code);
        if (formatted.isEmpty()) {
            throw new WooApiException("woocommerce_rest_empty_coupon_code", "The coupon code cannot be empty.", 400);
        }
        if (store.couponByCode(formatted).isPresent()) {
            throw new WooApiException("woocommerce_rest_coupon_code_already_exists", "The coupon code already exists", 400);
        }
        String description = WooInput.text(body, "description");
        ObjectNode coupon = coupon(store.nextPostId(), formatted, amount == null || amount.isEmpty() ? "0" : amount,
                type == null ? "fixed_cart" : type, description == null ? "" : description.strip(), now);
        store.putCoupon(coupon);
        return coupon;
    }

    static WooApiException invalidId() {
        return new WooApiException("woocommerce_rest_shop_coupon_invalid_id", "Invalid ID.", 404);
    }

    /** The {@code code} filter of {@code GET /coupons}. */
    static Predicate<ObjectNode> filter(Map<String, String> query) {
        String code = query.get("code");
        if (code == null || code.isEmpty()) {
            return WooResource.EVERY;
        }
        String wanted = formatCode(code);
        return c -> c.path("code").asText().equals(wanted);
    }

    static Map<String, Comparator<ObjectNode>> orderings() {
        Map<String, Comparator<ObjectNode>> orderings = new LinkedHashMap<>();
        orderings.put("date", WooResource.byDate("date_created"));
        orderings.put("modified", WooResource.byDate("date_modified"));
        orderings.put("id", (a, b) -> 0);
        orderings.put("include", (a, b) -> 0);
        orderings.put("title", WooResource.byText("code"));
        orderings.put("slug", WooResource.byText("code"));
        return orderings;
    }
}
