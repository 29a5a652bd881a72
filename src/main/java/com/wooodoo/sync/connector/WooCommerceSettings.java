package com.wooodoo.sync.connector;

import java.net.URI;

/**
 * An organisation's WooCommerce shop.
 *
 * @param baseUrl        the shop's address, e.g. {@code https://shop.example.com} (the REST API
 *                       is under {@code /wp-json/wc/v3})
 * @param consumerKey    REST API consumer key ({@code ck_…}), from the environment
 * @param consumerSecret REST API consumer secret ({@code cs_…}), from the environment
 */
public record WooCommerceSettings(URI baseUrl, String consumerKey, String consumerSecret, HttpTimeouts timeouts) {

    @Override
    public String toString() {
        return "WooCommerceSettings[baseUrl=" + baseUrl + ", consumerKey=***, consumerSecret=***]";
    }
}
