package com.wooodoo.sync.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor of a sync: the design's minimal set of HTTP calls that copies the records of one
 * entity type in one direction into an empty target, sent one after the other with
 * {@code java.net.http} and no orchestration: no read-backs, no database, no Camel. Every floor
 * reads the source in pages of 100 and writes batches of {@code batchSize} (50) with one bulk
 * write each; per batch:
 *
 * <ul>
 *   <li>Odoo target: one look-up of the batch's natural keys ({@code search_read} with one
 *       indexed {@code in}: {@code email_normalized}, internal reference or customer reference)
 *       and one {@code create} of the batch; one login and, for customers, one read of the
 *       countries;</li>
 *   <li>shop target, customers: no look-up per batch (the shop finds a customer by one e-mail at
 *       a time), but one read of the shop's customer list (pages of 100) before the first write,
 *       to know its e-mails; then one {@code POST /customers/batch} per batch;</li>
 *   <li>shop target, products: one {@code GET /products?sku=…} of the batch's SKUs and one
 *       {@code POST /products/batch};</li>
 *   <li>shop target, orders: no look-up (a shop order has no key the shop can be searched by: the
 *       number is the shop's own), one {@code POST /orders/batch}; Odoo's order lines are read
 *       with one {@code search_read} per page of orders.</li>
 * </ul>
 *
 * An order refers to a customer and to products, which the target must hold already (synced
 * before, as the service's orders' sync needs them too); the floor finds their ids in the target
 * with reads made before its clock starts (the service has them in its links).
 */
final class PlainHttpFloor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 100;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String wooBase;
    private final String wooAuth;
    private final String odooBase;
    private final String database;
    private final String login;
    private final String password;
    private long requestId;

    PlainHttpFloor(String wooBase, String consumerKey, String consumerSecret, String odooBase, String database,
                   String login, String password) {
        this.wooBase = wooBase;
        this.wooAuth = "Basic " + Base64.getEncoder().encodeToString((consumerKey + ":" + consumerSecret)
                .getBytes(StandardCharsets.UTF_8));
        this.odooBase = odooBase;
        this.database = database;
        this.login = login;
        this.password = password;
    }

    /**
     * What the floor did: how long it took, how many calls of each kind it made, the CPU of this
     * JVM meanwhile (the floor's client and the simulators answering it) and the busy time of the
     * whole machine.
     */
    record Result(long nanos, int pageReads, int lookups, int writes, int otherCalls, int created, long jvmCpuMillis,
                  long machineBusyMillis) {
        int calls() {
            return pageReads + lookups + writes + otherCalls;
        }
    }

    Result copyCustomers(int batchSize) throws IOException, InterruptedException {
        long jvmCpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        long machineBusy = ServiceProbe.machineCpuMillis()[0];
        long started = System.nanoTime();
        int pageReads = 0;
        int lookups = 0;
        int writes = 0;
        int other = 0;
        int created = 0;
        long uid = rpc("common", "authenticate", args(database, login, password).add(JSON.createObjectNode())).asLong();
        other++;
        Map<String, Long> countries = new HashMap<>();
        ArrayNode countryCall = args(database, uid, password).add("res.country").add("search_read");
        countryCall.addArray().addArray();
        countryCall.addObject().putArray("fields").add("code");
        for (JsonNode country : rpc("object", "execute_kw", countryCall)) {
            countries.put(country.path("code").asText(), country.path("id").asLong());
        }
        other++;
        for (int page = 1; ; page++) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(wooBase
                            + "/wp-json/wc/v3/customers?page=" + page + "&per_page=" + PAGE + "&orderby=id&order=asc"))
                    .header("Authorization", wooAuth).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            pageReads++;
            if (answer.statusCode() != 200) {
                throw new IOException("page " + page + " answered " + answer.statusCode());
            }
            JsonNode customers = JSON.readTree(answer.body());
            for (int from = 0; from < customers.size(); from += batchSize) {
                int to = Math.min(customers.size(), from + batchSize);
                ArrayNode lookup = args(database, uid, password).add("res.partner").add("search_read");
                lookup.addArray().add(keyDomain("email_normalized", customers, from, to, "email", true));
                lookup.addObject().putArray("fields").add("id").add("email");
                if (!rpc("object", "execute_kw", lookup).isEmpty()) {
                    throw new IOException("the floor runs against an empty Odoo, yet partners with these e-mails exist");
                }
                lookups++;
                ArrayNode vals = JSON.createArrayNode();
                for (int i = from; i < to; i++) {
                    vals.add(partner(customers.get(i), countries));
                }
                ArrayNode call = args(database, uid, password).add("res.partner").add("create");
                call.addArray().add(vals);
                call.addObject();
                created += rpc("object", "execute_kw", call).size();
                writes++;
            }
            int totalPages = answer.headers().firstValue("X-WP-TotalPages").map(Integer::parseInt).orElse(page);
            if (customers.size() < PAGE || page >= totalPages) {
                break;
            }
        }
        long nanos = System.nanoTime() - started;
        return new Result(nanos, pageReads, lookups, writes, other, created,
                (((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean()).getProcessCpuTime() - jvmCpu) / 1_000_000,
                ServiceProbe.machineCpuMillis()[0] - machineBusy);
    }

    // ---- every entity type and direction --------------------------------------------------

    private int pageReads;
    private int lookups;
    private int writes;
    private int others;

    /** The floor of a sync of this entity type in this direction into an empty target (see the class comment). */
    Result copy(EntityType entity, BenchData.Direction direction, int batchSize) throws IOException, InterruptedException {
        if (entity == EntityType.CUSTOMERS && direction == BenchData.Direction.SHOP_TO_ODOO) {
            return copyCustomers(batchSize);
        }
        References refs = entity == EntityType.ORDERS ? references() : null; // before the clock starts
        pageReads = 0;
        lookups = 0;
        writes = 0;
        others = 0;
        long jvmCpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        long machineBusy = ServiceProbe.machineCpuMillis()[0];
        long started = System.nanoTime();
        int created = switch (entity) {
            case PRODUCTS -> direction == BenchData.Direction.SHOP_TO_ODOO ? productsToOdoo(batchSize) : productsToShop(batchSize);
            case ORDERS -> direction == BenchData.Direction.SHOP_TO_ODOO ? ordersToOdoo(batchSize, refs) : ordersToShop(batchSize, refs);
            case CUSTOMERS -> customersToShop(batchSize);
            case STOCK -> throw new IllegalArgumentException("stock has a benchmark of its own");
        };
        long nanos = System.nanoTime() - started;
        return new Result(nanos, pageReads, lookups, writes, others, created,
                (((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean()).getProcessCpuTime() - jvmCpu) / 1_000_000,
                ServiceProbe.machineCpuMillis()[0] - machineBusy);
    }

    private int productsToOdoo(int batchSize) throws IOException, InterruptedException {
        long uid = login();
        others++;
        int created = 0;
        for (int page = 1; ; page++) {
            HttpResponse<byte[]> answer = shopGet("products?page=" + page + "&per_page=" + PAGE + "&orderby=id&order=asc");
            pageReads++;
            JsonNode products = JSON.readTree(answer.body());
            for (int from = 0; from < products.size(); from += batchSize) {
                int to = Math.min(products.size(), from + batchSize);
                lookupNone(uid, "product.product", "default_code", products, from, to, "sku");
                ArrayNode vals = JSON.createArrayNode();
                for (int i = from; i < to; i++) {
                    JsonNode p = products.get(i);
                    ObjectNode v = vals.addObject();
                    v.put("name", p.path("name").asText());
                    v.put("default_code", p.path("sku").asText());
                    if (!p.path("regular_price").asText().isBlank()) {
                        v.put("lst_price", new java.math.BigDecimal(p.path("regular_price").asText()));
                    }
                    v.put("description_sale", p.path("short_description").asText());
                }
                created += create(uid, "product.product", vals);
            }
            if (last(answer, products, page)) {
                return created;
            }
        }
    }

    private int ordersToOdoo(int batchSize, References refs) throws IOException, InterruptedException {
        int created = 0;
        for (int page = 1; ; page++) {
            HttpResponse<byte[]> answer = shopGet("orders?page=" + page + "&per_page=" + PAGE
                    + "&orderby=id&order=asc&status=processing,on-hold,completed");
            pageReads++;
            JsonNode orders = JSON.readTree(answer.body());
            for (int from = 0; from < orders.size(); from += batchSize) {
                int to = Math.min(orders.size(), from + batchSize);
                lookupNone(refs.uid, "sale.order", "client_order_ref", orders, from, to, "number");
                ArrayNode vals = JSON.createArrayNode();
                for (int i = from; i < to; i++) {
                    JsonNode o = orders.get(i);
                    ObjectNode v = vals.addObject();
                    String email = o.path("customer_id").asLong() > 0
                            ? refs.shopCustomerEmails.getOrDefault(o.path("customer_id").asLong(), "")
                            : o.path("billing").path("email").asText();
                    v.put("partner_id", refs.odooPartnerByEmail.getOrDefault(email.toLowerCase(java.util.Locale.ROOT),
                            refs.walkIn));
                    v.put("client_order_ref", o.path("number").asText());
                    v.put("note", o.path("customer_note").asText());
                    ArrayNode lines = v.putArray("order_line");
                    for (JsonNode item : o.path("line_items")) {
                        Long product = refs.odooProductByCode.get(refs.shopProductSkus.get(item.path("product_id").asLong()));
                        if (product != null) {
                            ObjectNode line = lines.addArray().add(0).add(0).addObject();
                            line.put("product_id", product);
                            line.put("product_uom_qty", item.path("quantity").asInt());
                            line.put("price_unit", new java.math.BigDecimal(item.path("price").asText("0")));
                        }
                    }
                }
                created += create(refs.uid, "sale.order", vals);
            }
            if (last(answer, orders, page)) {
                return created;
            }
        }
    }

    private int customersToShop(int batchSize) throws IOException, InterruptedException {
        long uid = login();
        others++;
        Map<Long, String> countries = new HashMap<>();
        for (JsonNode country : searchRead(uid, "res.country", JSON.createArrayNode(), List.of("code"), null, 0)) {
            countries.put(country.path("id").asLong(), country.path("code").asText());
        }
        others++;
        java.util.Set<String> known = new java.util.HashSet<>();
        for (JsonNode customer : shopList("customers", true)) {
            known.add(customer.path("email").asText().toLowerCase(java.util.Locale.ROOT));
        }
        int created = 0;
        for (int offset = 0; ; offset += PAGE) {
            JsonNode partners = searchRead(uid, "res.partner", scope("type", "not in", "invoice", "delivery", "other"),
                    List.of("name", "email", "phone", "street", "street2", "city", "zip", "country_id", "company_name"),
                    PAGE, offset);
            pageReads++;
            for (int from = 0; from < partners.size(); from += batchSize) {
                ArrayNode creates = JSON.createArrayNode();
                for (int i = from; i < Math.min(partners.size(), from + batchSize); i++) {
                    JsonNode p = partners.get(i);
                    String email = text(p.path("email"));
                    if (email.isEmpty() || !known.add(email.toLowerCase(java.util.Locale.ROOT))) {
                        continue;
                    }
                    String name = text(p.path("name"));
                    int space = name.indexOf(' ');
                    ObjectNode c = creates.addObject();
                    c.put("email", email);
                    c.put("first_name", space < 0 ? name : name.substring(0, space));
                    c.put("last_name", space < 0 ? "" : name.substring(space + 1));
                    ObjectNode billing = c.putObject("billing");
                    billing.put("company", text(p.path("company_name")));
                    billing.put("phone", text(p.path("phone")));
                    billing.put("address_1", text(p.path("street")));
                    billing.put("address_2", text(p.path("street2")));
                    billing.put("city", text(p.path("city")));
                    billing.put("postcode", text(p.path("zip")));
                    billing.put("country", countries.getOrDefault(p.path("country_id").path(0).asLong(), ""));
                }
                created += shopCreate("customers", creates);
            }
            if (partners.size() < PAGE) {
                return created;
            }
        }
    }

    private int productsToShop(int batchSize) throws IOException, InterruptedException {
        long uid = login();
        others++;
        int created = 0;
        for (int offset = 0; ; offset += PAGE) {
            JsonNode products = searchRead(uid, "product.product", JSON.createArrayNode(),
                    List.of("name", "default_code", "lst_price", "description_sale"), PAGE, offset);
            pageReads++;
            for (int from = 0; from < products.size(); from += batchSize) {
                int to = Math.min(products.size(), from + batchSize);
                List<String> skus = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    skus.add(text(products.get(i).path("default_code")));
                }
                JsonNode found = JSON.readTree(shopGet("products?per_page=" + PAGE + "&sku="
                        + java.net.URLEncoder.encode(String.join(",", skus), StandardCharsets.UTF_8)).body());
                lookups++;
                if (!found.isEmpty()) {
                    throw new IOException("the floor runs against an empty shop, yet products with these SKUs exist");
                }
                ArrayNode creates = JSON.createArrayNode();
                for (int i = from; i < to; i++) {
                    JsonNode p = products.get(i);
                    ObjectNode c = creates.addObject();
                    c.put("name", text(p.path("name")));
                    c.put("type", "simple");
                    c.put("sku", text(p.path("default_code")));
                    c.put("regular_price", p.path("lst_price").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP)
                            .toPlainString());
                    c.put("short_description", text(p.path("description_sale")));
                }
                created += shopCreate("products", creates);
            }
            if (products.size() < PAGE) {
                return created;
            }
        }
    }

    private int ordersToShop(int batchSize, References refs) throws IOException, InterruptedException {
        int created = 0;
        for (int offset = 0; ; offset += PAGE) {
            JsonNode orders = searchRead(refs.uid, "sale.order", JSON.createArrayNode(),
                    List.of("partner_id", "client_order_ref", "note", "order_line"), PAGE, offset);
            pageReads++;
            ArrayNode ids = JSON.createArrayNode();
            orders.forEach(o -> ids.add(o.path("id").asLong()));
            ArrayNode byOrder = JSON.createArrayNode();
            byOrder.addArray().add("order_id").add("in").add(ids);
            Map<Long, List<JsonNode>> lines = new HashMap<>();
            for (JsonNode line : searchRead(refs.uid, "sale.order.line", byOrder,
                    List.of("order_id", "product_id", "product_uom_qty", "price_unit"), null, 0)) {
                lines.computeIfAbsent(line.path("order_id").path(0).asLong(), k -> new ArrayList<>()).add(line);
            }
            pageReads++;
            for (int from = 0; from < orders.size(); from += batchSize) {
                ArrayNode creates = JSON.createArrayNode();
                for (int i = from; i < Math.min(orders.size(), from + batchSize); i++) {
                    JsonNode o = orders.get(i);
                    ObjectNode c = creates.addObject();
                    String email = refs.odooPartnerEmails.getOrDefault(o.path("partner_id").path(0).asLong(), "");
                    c.put("customer_id", refs.shopCustomerByEmail.getOrDefault(email, 0L));
                    c.put("status", "processing");
                    c.put("customer_note", text(o.path("note")));
                    c.putObject("billing").put("email", email);
                    c.putArray("meta_data").addObject().put("key", "_wooodoo_source").put("value", "odoo:" + o.path("id").asLong());
                    ArrayNode items = c.putArray("line_items");
                    for (JsonNode line : lines.getOrDefault(o.path("id").asLong(), List.of())) {
                        Long product = refs.shopProductBySku.get(refs.odooProductCodes.get(line.path("product_id").path(0).asLong()));
                        if (product != null) {
                            items.addObject().put("product_id", product).put("quantity", line.path("product_uom_qty").asInt());
                        }
                    }
                }
                created += shopCreate("orders", creates);
            }
            if (orders.size() < PAGE) {
                return created;
            }
        }
    }

    /** Where an order's customer and products are, in both systems: read before the floor's clock starts. */
    private static final class References {
        long uid;
        long walkIn;
        final Map<String, Long> odooPartnerByEmail = new HashMap<>();
        final Map<Long, String> odooPartnerEmails = new HashMap<>();
        final Map<String, Long> odooProductByCode = new HashMap<>();
        final Map<Long, String> odooProductCodes = new HashMap<>();
        final Map<Long, String> shopCustomerEmails = new HashMap<>();
        final Map<String, Long> shopCustomerByEmail = new HashMap<>();
        final Map<Long, String> shopProductSkus = new HashMap<>();
        final Map<String, Long> shopProductBySku = new HashMap<>();
    }

    private References references() throws IOException, InterruptedException {
        References refs = new References();
        refs.uid = login();
        for (JsonNode p : searchRead(refs.uid, "res.partner", JSON.createArrayNode(), List.of("email", "ref"), null, 0)) {
            String email = text(p.path("email")).toLowerCase(java.util.Locale.ROOT);
            refs.odooPartnerByEmail.putIfAbsent(email, p.path("id").asLong());
            refs.odooPartnerEmails.put(p.path("id").asLong(), email);
            if ("WALK-IN".equals(text(p.path("ref")))) {
                refs.walkIn = p.path("id").asLong();
            }
        }
        for (JsonNode p : searchRead(refs.uid, "product.product", JSON.createArrayNode(), List.of("default_code"), null, 0)) {
            refs.odooProductByCode.put(text(p.path("default_code")).toLowerCase(java.util.Locale.ROOT), p.path("id").asLong());
            refs.odooProductCodes.put(p.path("id").asLong(), text(p.path("default_code")).toLowerCase(java.util.Locale.ROOT));
        }
        for (JsonNode c : shopList("customers", false)) {
            String email = c.path("email").asText().toLowerCase(java.util.Locale.ROOT);
            refs.shopCustomerEmails.put(c.path("id").asLong(), email);
            refs.shopCustomerByEmail.put(email, c.path("id").asLong());
        }
        for (JsonNode p : shopList("products", false)) {
            String sku = p.path("sku").asText().toLowerCase(java.util.Locale.ROOT);
            refs.shopProductSkus.put(p.path("id").asLong(), sku);
            refs.shopProductBySku.put(sku, p.path("id").asLong());
        }
        return refs;
    }

    /**
     * Sets {@code field} of these shop records to {@code value} (its id appended) with
     * {@code POST /<resource>/batch} updates of 100: their {@code date_modified} moves, as an edit
     * in the shop's admin does.
     */
    void updateInShop(String resource, List<Long> ids, String field, String value) throws IOException, InterruptedException {
        for (int from = 0; from < ids.size(); from += PAGE) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode update = body.putArray("update");
            for (long id : ids.subList(from, Math.min(ids.size(), from + PAGE))) {
                update.addObject().put("id", id).put(field, value + " " + id);
            }
            JsonNode answer = shopPost(resource + "/batch", body);
            for (JsonNode item : answer.path("update")) {
                if (item.has("error")) {
                    throw new IOException("updating " + resource + " in the shop: " + item.path("error"));
                }
            }
        }
    }

    // ---- small calls ---------------------------------------------------------------------------

    private long login() throws IOException, InterruptedException {
        return rpc("common", "authenticate", args(database, login, password).add(JSON.createObjectNode())).asLong();
    }

    private JsonNode searchRead(long uid, String model, ArrayNode domain, List<String> fields, Integer limit, int offset)
            throws IOException, InterruptedException {
        ArrayNode call = args(database, uid, password).add(model).add("search_read");
        call.addArray().add(domain);
        ObjectNode options = call.addObject();
        ArrayNode names = options.putArray("fields");
        fields.forEach(names::add);
        if (limit != null) {
            options.put("limit", limit);
            options.put("offset", offset);
        }
        options.put("order", "id asc");
        return rpc("object", "execute_kw", call);
    }

    private int create(long uid, String model, ArrayNode vals) throws IOException, InterruptedException {
        ArrayNode call = args(database, uid, password).add(model).add("create");
        call.addArray().add(vals);
        call.addObject();
        writes++;
        return rpc("object", "execute_kw", call).size();
    }

    /** One look-up of the batch's keys in Odoo, which must find none: the floor writes into an empty target. */
    private void lookupNone(long uid, String model, String field, JsonNode records, int from, int to, String key)
            throws IOException, InterruptedException {
        lookups++;
        if (!searchRead(uid, model, keyDomain(field, records, from, to, key, false), List.of("id", field), null, 0).isEmpty()) {
            throw new IOException("the floor runs against an empty Odoo, yet " + model + " with these keys exist");
        }
    }

    private static ArrayNode scope(String field, String operator, String... values) {
        ArrayNode domain = JSON.createArrayNode();
        ArrayNode list = JSON.createArrayNode();
        for (String v : values) {
            list.add(v);
        }
        domain.addArray().add(field).add(operator).add(list);
        return domain;
    }

    /** Every record of a shop list, in pages of 100 ({@code counted}: as the floor's look-ups). */
    private List<JsonNode> shopList(String resource, boolean counted) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            HttpResponse<byte[]> answer = shopGet(resource + "?page=" + page + "&per_page=" + PAGE + "&orderby=id&order=asc");
            if (counted) {
                lookups++;
            }
            JsonNode records = JSON.readTree(answer.body());
            records.forEach(all::add);
            if (last(answer, records, page)) {
                return all;
            }
        }
    }

    private static boolean last(HttpResponse<byte[]> answer, JsonNode records, int page) {
        int totalPages = answer.headers().firstValue("X-WP-TotalPages").map(Integer::parseInt).orElse(page);
        return records.size() < PAGE || page >= totalPages;
    }

    private HttpResponse<byte[]> shopGet(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(wooBase + "/wp-json/wc/v3/" + pathAndQuery))
                .header("Authorization", wooAuth).timeout(Duration.ofSeconds(120)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + pathAndQuery + " answered " + answer.statusCode() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return answer;
    }

    private JsonNode shopPost(String path, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(wooBase + "/wp-json/wc/v3/" + path))
                .header("Authorization", wooAuth).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(300)).POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200 && answer.statusCode() != 201) {
            throw new IOException("POST " + path + " answered " + answer.statusCode() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(answer.body());
    }

    /** One {@code POST /<resource>/batch} creating these; answers how many the shop created. */
    private int shopCreate(String resource, ArrayNode creates) throws IOException, InterruptedException {
        if (creates.isEmpty()) {
            return 0;
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("create", creates);
        JsonNode answer = shopPost(resource + "/batch", body);
        writes++;
        int created = 0;
        for (JsonNode item : answer.path("create")) {
            if (item.has("error")) {
                throw new IOException("creating " + resource + " in the shop: " + item.path("error"));
            }
            created++;
        }
        return created;
    }

    /** Odoo's text fields answer {@code false} when empty. */
    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : "";
    }

    /**
     * The keys of records {@code from} to {@code to} as Odoo's domain of one indexed equality, as
     * the design looks them up: {@code field in [...]}, e-mails stripped and lower-cased (Odoo's
     * {@code email_normalized}), other keys as given, lower- and upper-cased.
     */
    private static ArrayNode keyDomain(String field, JsonNode records, int from, int to, String key, boolean email) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (int i = from; i < to; i++) {
            String value = records.get(i).path(key).asText().strip();
            if (email) {
                keys.add(value.toLowerCase(java.util.Locale.ROOT));
            } else {
                keys.add(value);
                keys.add(value.toLowerCase(java.util.Locale.ROOT));
                keys.add(value.toUpperCase(java.util.Locale.ROOT));
            }
        }
        ArrayNode values = JSON.createArrayNode();
        keys.forEach(values::add);
        ArrayNode domain = JSON.createArrayNode();
        domain.addArray().add(field).add("in").add(values);
        return domain;
    }

    private static ObjectNode partner(JsonNode customer, Map<String, Long> countries) {
        JsonNode billing = customer.path("billing");
        ObjectNode vals = JSON.createObjectNode();
        vals.put("email", customer.path("email").asText());
        vals.put("name", (customer.path("first_name").asText() + " " + customer.path("last_name").asText()).trim());
        vals.put("company_name", billing.path("company").asText());
        vals.put("phone", billing.path("phone").asText());
        vals.put("street", billing.path("address_1").asText());
        vals.put("street2", billing.path("address_2").asText());
        vals.put("city", billing.path("city").asText());
        vals.put("zip", billing.path("postcode").asText());
        Long country = countries.get(billing.path("country").asText());
        if (country != null) {
            vals.put("country_id", country);
        }
        return vals;
    }

    private static ArrayNode args(Object... values) {
        ArrayNode args = JSON.createArrayNode();
        for (Object value : values) {
            if (value instanceof Long l) {
                args.add(l);
            } else {
                args.add(String.valueOf(value));
            }
        }
        return args;
    }

    private JsonNode rpc(String service, String method, ArrayNode args) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("method", "call");
        request.put("id", ++requestId);
        ObjectNode params = request.putObject("params");
        params.put("service", service);
        params.put("method", method);
        params.set("args", args);
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(odooBase + "/jsonrpc"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode reply = JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || reply.has("error")) {
            throw new IOException(service + "." + method + " answered " + answer.statusCode() + ": " + reply.path("error"));
        }
        return reply.get("result");
    }
}
