package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shop and an Odoo that answer on the loopback interface only, for the start-up warm-up: a
 * WooCommerce customers list of synthetic customers ({@code GET /wp-json/wc/v3/customers}) and
 * Odoo's JSON-RPC ({@code common.authenticate}; {@code execute_kw} {@code search_read},
 * {@code search_count}, {@code create}, {@code read}, {@code fields_get}) on partners kept in memory. Just enough
 * for a first customer sync's calls; nothing is checked.
 */
final class WarmupSystems implements AutoCloseable {

    private static final String[] COUNTRIES = {"DE", "FR", "NL", "GB", "US"};

    private final ObjectMapper json;
    private final int customers;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<Long, ObjectNode> partners = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    WarmupSystems(ObjectMapper json, int customers) throws IOException {
        this.json = json;
        this.customers = customers;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "warmup-systems");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/wp-json/wc/v3/", this::shop);
        server.createContext("/jsonrpc", this::odoo);
        server.start();
    }

    URI url() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** Odoo empty again: the next round creates every customer anew. */
    void reset() {
        partners.clear();
    }

    private void shop(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int perPage = Integer.parseInt(query.getOrDefault("per_page", "10"));
            int page = Integer.parseInt(query.getOrDefault("page", "1"));
            ArrayNode list = json.createArrayNode();
            boolean customersList = exchange.getRequestURI().getPath().endsWith("/customers");
            int total = customersList ? customers : 0;
            for (int i = (page - 1) * perPage + 1; i <= Math.min(total, page * perPage); i++) {
                list.add(customer(i));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-WP-Total", String.valueOf(total));
            exchange.getResponseHeaders().add("X-WP-TotalPages", String.valueOf(Math.max(1, (total + perPage - 1) / perPage)));
            send(exchange, json.writeValueAsBytes(list));
        }
    }

    private ObjectNode customer(int n) {
        ObjectNode c = json.createObjectNode();
        c.put("id", n);
        c.put("date_created", "2026-01-01T10:00:00");
        c.put("date_created_gmt", "2026-01-01T10:00:00");
        c.put("date_modified", "2026-01-02T10:00:00");
        c.put("date_modified_gmt", "2026-01-02T10:00:00");
        c.put("email", "customer" + n + "@warmup.invalid");
        c.put("first_name", "First" + n);
        c.put("last_name", "Last" + n);
        c.put("role", "customer");
        c.put("username", "customer" + n);
        ObjectNode billing = c.putObject("billing");
        billing.put("first_name", "First" + n);
        billing.put("last_name", "Last" + n);
        billing.put("company", n % 3 == 0 ? "Company " + n : "");
        billing.put("address_1", n + " Main Street");
        billing.put("address_2", "");
        billing.put("city", "City " + n % 50);
        billing.put("state", "");
        billing.put("postcode", String.valueOf(10_000 + n % 80_000));
        billing.put("country", COUNTRIES[n % COUNTRIES.length]);
        billing.put("email", "customer" + n + "@warmup.invalid");
        billing.put("phone", "+49 30 " + (1_000_000 + n));
        c.set("shipping", billing.deepCopy());
        c.put("is_paying_customer", false);
        c.putArray("meta_data");
        return c;
    }

    private void odoo(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = json.readTree(exchange.getRequestBody());
            JsonNode params = request.path("params");
            JsonNode result;
            if ("common".equals(params.path("service").asText())) {
                result = json.getNodeFactory().numberNode(2);
            } else {
                JsonNode args = params.path("args");
                result = execute(args.path(3).asText(), args.path(4).asText(), args.path(5), args.path(6));
            }
            ObjectNode answer = json.createObjectNode();
            answer.put("jsonrpc", "2.0");
            answer.set("id", request.path("id"));
            answer.set("result", result);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            send(exchange, json.writeValueAsBytes(answer));
        }
    }

    private JsonNode execute(String model, String method, JsonNode args, JsonNode kwargs) {
        switch (method) {
            case "create" -> {
                JsonNode values = args.path(0);
                if (values.isArray()) {
                    ArrayNode ids = json.createArrayNode();
                    values.forEach(v -> ids.add(store(v)));
                    return ids;
                }
                return json.getNodeFactory().numberNode(store(values));
            }
            case "search_count" -> {
                return json.getNodeFactory().numberNode(0);
            }
            case "fields_get" -> { // an Odoo with the mail module: e-mails looked up by email_normalized
                ObjectNode fields = json.createObjectNode();
                fields.putObject("email").put("type", "char");
                fields.putObject("email_normalized").put("type", "char");
                return fields;
            }
            case "read" -> {
                return records(model, ids(args.path(0)), kwargs.path("fields"));
            }
            case "search_read" -> {
                JsonNode domain = kwargs.has("domain") ? kwargs.path("domain") : args.path(0);
                return records(model, ids(domain), kwargs.has("fields") ? kwargs.path("fields") : args.path(1));
            }
            default -> {
                return json.getNodeFactory().booleanNode(true);
            }
        }
    }

    private long store(JsonNode values) {
        long id = nextId.getAndIncrement();
        ObjectNode partner = values.isObject() ? ((ObjectNode) values).deepCopy() : json.createObjectNode();
        partner.put("id", id);
        partners.put(id, partner);
        return id;
    }

    private ArrayNode records(String model, Set<Long> ids, JsonNode fields) {
        ArrayNode out = json.createArrayNode();
        if (model.equals("res.country")) {
            for (int i = 0; i < COUNTRIES.length; i++) {
                out.addObject().put("id", i + 1).put("code", COUNTRIES[i]).put("name", COUNTRIES[i]);
            }
            return out;
        }
        if (!model.equals("res.partner")) {
            return out;
        }
        for (long id : ids) {
            ObjectNode stored = partners.get(id);
            if (stored == null) {
                continue;
            }
            ObjectNode record = out.addObject();
            record.put("id", id);
            fields.forEach(f -> {
                JsonNode value = stored.get(f.asText());
                if (f.asText().equals("country_id") && value != null && value.isNumber()) {
                    record.putArray("country_id").add(value.asLong()).add(COUNTRIES[(int) ((value.asLong() - 1) % COUNTRIES.length)]);
                } else if (!f.asText().equals("id")) {
                    record.set(f.asText(), value == null || value.isNull() ? json.getNodeFactory().booleanNode(false) : value);
                }
            });
        }
        return out;
    }

    /** The ids a domain or an id list names: every number in an {@code ["id", "in", [...]]} clause, or the list itself. */
    private static Set<Long> ids(JsonNode node) {
        Set<Long> ids = new HashSet<>();
        if (node.isArray() && node.size() == 3 && "id".equals(node.path(0).asText()) && node.path(2).isArray()) {
            node.path(2).forEach(id -> ids.add(id.asLong()));
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isNumber()) {
                    ids.add(element.asLong());
                } else if (element.isArray()) {
                    ids.addAll(ids(element));
                }
            }
        }
        return ids;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
