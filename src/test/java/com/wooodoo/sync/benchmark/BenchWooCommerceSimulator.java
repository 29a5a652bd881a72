package com.wooodoo.sync.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The WooCommerce simulator, telling its calls apart by purpose ({@link CallKinds}): a list read
 * by {@code include} (linked records, read-backs) is a read by ids; by {@code email}, {@code sku}
 * or the e-mail index's {@code _fields=id,email} a look-up by natural key.
 */
final class BenchWooCommerceSimulator extends WooCommerceSimulator {

    private final CallKinds kinds = new CallKinds();

    BenchWooCommerceSimulator(int port, long seed, String consumerKey, String consumerSecret) {
        super(port, seed, consumerKey, consumerSecret);
    }

    @Override
    public BenchWooCommerceSimulator start() {
        super.start();
        return this;
    }

    CallKinds kinds() {
        return kinds;
    }

    @Override
    protected void handleApi(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String query = String.valueOf(exchange.getRequestURI().getRawQuery());
        boolean list = exchange.getRequestURI().getPath().matches(".*/wc/v3/(customers|products|orders)/?");
        if ("GET".equals(method) && list) {
            String decoded = URLDecoder.decode(query, StandardCharsets.UTF_8);
            kinds.count(decoded.contains("per_page=1&") || decoded.endsWith("per_page=1") ? CallKinds.COUNT
                    // the connector's e-mail index (ids and e-mails of every customer) is for look-ups
                    : decoded.contains("_fields=id,email") || decoded.contains("email=") || decoded.contains("sku=")
                    ? CallKinds.LOOKUP_BY_KEY
                    : decoded.contains("include=") ? CallKinds.READ_BY_IDS : CallKinds.PAGE_READ);
        } else if ("GET".equals(method)) {
            kinds.count(CallKinds.READ_BY_IDS);
        } else {
            kinds.count(CallKinds.WRITE);
        }
        super.handleApi(exchange);
    }
}
