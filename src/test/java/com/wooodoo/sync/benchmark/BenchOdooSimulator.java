package com.wooodoo.sync.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The Odoo simulator, telling its JSON-RPC calls apart by purpose ({@link CallKinds}). */
final class BenchOdooSimulator extends OdooSimulator {

    /** A domain term that looks records up by a natural key (not a page's scope such as {@code not in} or {@code = false}). */
    private static final java.util.regex.Pattern KEY_TERM = java.util.regex.Pattern.compile(
            "\\[\"(email|email_normalized|default_code|client_order_ref)\",\"(in|=ilike|=)\",(?!false)");

    private final CallKinds kinds = new CallKinds();

    BenchOdooSimulator(int port, long seed, String database, String login, String password, String apiKey) {
        super(port, seed, database, login, password, apiKey);
    }

    @Override
    public synchronized BenchOdooSimulator start() {
        super.start();
        return this;
    }

    CallKinds kinds() {
        return kinds;
    }

    @Override
    protected void handleApi(HttpExchange exchange) throws IOException {
        if (!"/jsonrpc".equals(exchange.getRequestURI().getPath())) {
            kinds.count(CallKinds.OTHER);
            super.handleApi(exchange);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        kinds.count(classify(body));
        exchange.setStreams(new ByteArrayInputStream(body), null);
        super.handleApi(exchange);
    }

    private static String classify(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return CallKinds.OTHER;
        }
        JsonNode params = request.path("params");
        if ("common".equals(params.path("service").asText())) {
            return CallKinds.LOGIN;
        }
        JsonNode args = params.path("args");
        String model = args.path(3).asText();
        String method = args.path(4).asText();
        return switch (method) {
            case "create", "write", "unlink" -> CallKinds.WRITE;
            case "search_count" -> CallKinds.COUNT;
            case "search_read", "read", "search" -> {
                if (!"res.partner".equals(model) && !"product.product".equals(model) && !"sale.order".equals(model)) {
                    yield CallKinds.REFERENCE_LOOKUP;
                }
                JsonNode domain = args.path(5).path(0);
                if (domain.isMissingNode() || domain.isNull()) {
                    domain = args.path(6).path("domain");
                }
                String fields = domain.toString();
                // a look-up by natural key asks for keys (in, =ilike); a page's scope may name a key field
                // too, with other operators (products: default_code not in the shipping and fee products)
                yield fields.contains("\"id\"") ? CallKinds.READ_BY_IDS
                        : KEY_TERM.matcher(fields).find() ? CallKinds.LOOKUP_BY_KEY
                        : CallKinds.PAGE_READ;
            }
            default -> CallKinds.OTHER;
        };
    }
}
