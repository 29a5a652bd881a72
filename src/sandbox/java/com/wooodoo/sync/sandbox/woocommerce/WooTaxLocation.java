package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;

/** Where an order is taxed: country, state, postcode and city, as {@code WC_Abstract_Order::get_tax_location} gives them. */
record WooTaxLocation(String country, String state, String postcode, String city) {

    /** The simulated shop's base address (Portland, Oregon: no sales tax), WooCommerce's fallback location. */
    static final WooTaxLocation SHOP_BASE = new WooTaxLocation("US", "OR", "97205", "Portland");

    static WooTaxLocation of(JsonNode address) {
        return new WooTaxLocation(address.path("country").asText(""), address.path("state").asText(""),
                address.path("postcode").asText(""), address.path("city").asText(""));
    }
}
