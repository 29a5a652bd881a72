package com.wooodoo.sync.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;

import java.io.IOException;

/** The WooCommerce simulator, telling its calls apart by purpose ({@link CallKinds}). */
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
            kinds.count(query.contains("per_page=1&") || query.endsWith("per_page=1") ? CallKinds.COUNT
                    : query.contains("include=") || query.contains("email=") || query.contains("sku=")
                    ? CallKinds.LOOKUP_BY_KEY : CallKinds.PAGE_READ);
        } else if ("GET".equals(method)) {
            kinds.count(CallKinds.READ_BY_IDS);
        } else {
            kinds.count(CallKinds.WRITE);
        }
        super.handleApi(exchange);
    }
}
