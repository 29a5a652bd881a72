package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.SandboxServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stock Odoo (Sales app, no custom module) behind its external API, on loopback:
 * <ul>
 *   <li>{@code POST /jsonrpc} with the services {@code common} and {@code object}
 *       ({@code execute_kw}: {@code search_read}, {@code search}, {@code search_count}, {@code read},
 *       {@code create}, {@code write}, {@code unlink}, {@code fields_get}, ...);</li>
 *   <li>Odoo 19's {@code POST /json/2/<model>/<method>} with a bearer API key (answered 404 when
 *       the simulated version is older);</li>
 *   <li>{@code GET /web/version}; the web client's {@code /web/dataset/call_kw} answers "session
 *       expired", as it does without a browser session;</li>
 *   <li>admin calls {@code POST /__sandbox/seed} {@code {"entity":"customers","count":1000}},
 *       {@code POST /__sandbox/unique} {@code {"model","field","enabled"}},
 *       {@code POST /__sandbox/version} {@code {"version":18}}, besides those of
 *       {@link SandboxServer}.</li>
 * </ul>
 * Models: {@code res.partner}, {@code res.country} (every ISO 3166 country), {@code product.template} with its
 * variants {@code product.product} ({@link CatalogueRules}), {@code product.category} ("All", "All / Saleable"),
 * {@code product.attribute}, {@code product.attribute.value}, {@code product.template.attribute.line},
 * {@code product.template.attribute.value}, {@code stock.warehouse} (one, code WH), {@code stock.location},
 * {@code stock.quant} (with {@code action_apply_inventory}), {@code stock.move} ({@link StockRules}),
 * {@code sale.order} (with {@code action_confirm}, {@code action_cancel}, {@code action_draft}),
 * {@code sale.order.line}, {@code account.tax}, {@code product.pricelist} ("Public Pricelist" in
 * USD), {@code res.currency} (USD, EUR and GBP), {@code res.company} (one, in USD),
 * {@code res.users}; order amounts are computed as Odoo 17 computes them ({@link SaleTotals}).
 * There is one user (uid 2) who logs in with the password or the API key. Calls are counted as {@code common.authenticate},
 * {@code execute_kw res.partner.search_read}, {@code json2 res.partner/create}, {@code web.version}.
 */
public class OdooSimulator extends SandboxServer {

    private static final int RECORDED_REQUESTS = 500;
    /**
     * What a PostgreSQL sequential scan costs per row and domain term, in nanoseconds, by default:
     * a scan reads a heap row in roughly 20 to 50 ns when the table is in memory, and an ILIKE
     * evaluation (case-folding the text, then matching it, in a UTF-8 database) takes about 100 to
     * 300 ns per row, so 200 ns per row and term. A 50-term {@code =ilike} OR chain over a
     * 10,000-row {@code res_partner} then costs 10,000 x 50 x 200 ns = 0.1 s.
     */
    public static final long DEFAULT_SCAN_NANOS = 200;

    private final String database;
    private final OdooDatabase db;
    private final LoginGuard guard;
    private final OdooSeeder seeder;
    private final JsonRpcService jsonRpc;
    private final Json2Service json2;
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private final Map<String, Deque<Injected>> injected = new ConcurrentHashMap<>();
    private volatile int serverVersion = 19;
    private volatile long callMs;
    private volatile long scanNanos = DEFAULT_SCAN_NANOS;
    private volatile Clock clock = Clock.systemUTC();

    /** A canned answer, given once {@code skip} calls of its kind have passed. */
    private static final class Injected {
        private final int status;
        private final JsonNode body;
        private int skip;

        Injected(int skip, int status, JsonNode body) {
            this.skip = skip;
            this.status = status;
            this.body = body;
        }
    }

    /**
     * @param port     0 for any free port
     * @param seed     makes generated data and fault draws repeatable
     * @param database the database name clients must give
     * @param login    the user's login
     * @param password the user's password (JSON-RPC)
     * @param apiKey   the user's API key (JSON-2 bearer; JSON-RPC accepts it as a password too)
     */
    public OdooSimulator(int port, long seed, String database, String login, String password, String apiKey) {
        super("odoo", port, seed);
        this.database = database;
        this.db = new OdooDatabase(login);
        this.guard = new LoginGuard(login, password, apiKey);
        this.seeder = new OdooSeeder(db, seed);
        this.jsonRpc = new JsonRpcService(db, guard, database, () -> serverVersion, () -> clock);
        this.json2 = new Json2Service(db, guard, database);
    }

    @Override
    public synchronized OdooSimulator start() {
        super.start();
        return this;
    }

    // ---- configuration -------------------------------------------------------------------

    /** The Odoo major version answered: JSON-RPC errors carry code 200 up to 18 and 0 from 19; JSON-2 exists from 19. */
    public void setServerVersion(int major) {
        if (major < 14 || major > 19) {
            throw new IllegalArgumentException("simulated Odoo versions are 14 to 19, not " + major);
        }
        serverVersion = major;
    }

    public int serverVersion() {
        return serverVersion;
    }

    /**
     * The server time a call takes, spent as a sleep before it is answered: {@code callMs} for
     * every JSON-RPC and JSON-2 call, plus {@code scanNanosPerRowAndTerm} for each row a search
     * scans times the terms of its domain ({@link #DEFAULT_SCAN_NANOS} unless set), summed over the
     * call's searches. A search answered from an index ({@code =} or {@code in} on {@code id},
     * {@code email_normalized}, {@code default_code}, {@code barcode}, {@code ref},
     * {@code client_order_ref}, a country's {@code code} or a many2one) scans nothing; any other
     * domain, {@code =ilike} included, scans the whole table.
     */
    public void setCosts(long callMs, long scanNanosPerRowAndTerm) {
        if (callMs < 0 || scanNanosPerRowAndTerm < 0) {
            throw new IllegalArgumentException("costs are 0 or more, not " + callMs + " ms and " + scanNanosPerRowAndTerm + " ns");
        }
        this.callMs = callMs;
        this.scanNanos = scanNanosPerRowAndTerm;
    }

    /** Rows the API's searches scanned since the last {@link #resetStats()} (or reset): 0 when indexes answered them all. */
    public long rowsScanned() {
        return db.rowsScanned();
    }

    /** Terms the scans evaluated (each row scanned times its domain's terms) since the last {@link #resetStats()}. */
    public long termsEvaluated() {
        return db.termsEvaluated();
    }

    @Override
    public void resetStats() {
        super.resetStats();
        db.resetScans();
    }

    /**
     * Runs as an Odoo without the mail module (true) or with it (false, the default, as the Sales
     * app installs it): without it, contacts have no {@code email_normalized}, {@code fields_get}
     * does not list it and a domain naming it is Odoo's "Invalid field" error.
     */
    public void setWithoutMailModule(boolean without) {
        StockModels.Options options = db.options();
        db.setOptions(new StockModels.Options(options.orderLineTaxField(), options.discountDigits(), !without));
    }

    /** Odoo's login cool-down: after {@code failures} failed logins, logins fail for {@code cooldown}. */
    public void setLoginCooldown(int failures, Duration cooldown) {
        guard.configure(failures, cooldown);
    }

    /** The clock of write dates and of the login cool-down. */
    public void setClock(Clock value) {
        clock = value;
        db.setClock(value);
    }

    /**
     * Switches a unique constraint on or off, as a database-level unique index would add it (stock
     * Odoo has none on e-mail or internal reference): a duplicate is then a ValidationError with
     * PostgreSQL's "duplicate key value violates unique constraint" text.
     */
    public void setUniqueConstraint(String model, String field, boolean enabled) {
        db.setUnique(model, field, enabled);
    }

    /**
     * Makes the next {@code times} create or write calls on a model end with {@code field} set to
     * {@code value}, as a module that sets a field itself would (an automated action, a
     * compute): the call succeeds, but the record does not read back as written.
     */
    public void setFieldOverride(String model, String field, Object value, int times) {
        db.setFieldOverride(model, field, OdooJson.toJson(value), times);
    }

    /**
     * Names the order line's taxes (a many2many to {@code account.tax}) {@code "tax_id"}, as Odoo 16
     * to 18 do (the default), or {@code "tax_ids"}, as Odoo 19 does; only that name exists, in
     * {@code fields_get} too. Taxes already on lines stay on them.
     */
    public void setOrderLineTaxField(String name) {
        StockModels.Options options = db.options();
        db.setOptions(new StockModels.Options(name, options.discountDigits(), options.mailModule()));
    }

    public String orderLineTaxField() {
        return db.options().orderLineTaxField();
    }

    /**
     * The decimals of the 'Discount' decimal precision (2 by default, as in Odoo): order line
     * discounts are rounded to them when written; values already stored keep theirs.
     */
    public void setDiscountDigits(int digits) {
        StockModels.Options options = db.options();
        db.setOptions(new StockModels.Options(options.orderLineTaxField(), digits, options.mailModule()));
    }

    /**
     * The company's {@code tax_calculation_rounding_method}: {@code "round_per_line"} (the default)
     * or {@code "round_globally"}, as a write of the field through the API sets it. As in Odoo, it
     * applies to the amounts computed from then on.
     */
    public void setTaxCalculationRoundingMethod(String method) {
        db.write("res.company", List.of(1L), OdooJson.toJson(Map.of("tax_calculation_rounding_method", method)));
    }

    /** Takes the user's create/write/delete rights on a model away: those calls fail with AccessError. */
    public void setWriteProtected(String model, boolean enabled) {
        db.setWriteProtected(model, enabled);
    }

    /**
     * Answers the next call of a kind ({@link #stats()} names) with this status and body, verbatim,
     * instead of running it; the call is still counted and recorded.
     */
    public void injectAnswer(String callKind, int status, JsonNode body) {
        injectAnswer(callKind, 0, status, body);
    }

    /** As {@link #injectAnswer(String, int, JsonNode)}, after letting {@code skip} calls of that kind through. */
    public void injectAnswer(String callKind, int skip, int status, JsonNode body) {
        Deque<Injected> queue = injected.computeIfAbsent(callKind, k -> new ArrayDeque<>());
        synchronized (queue) {
            queue.add(new Injected(skip, status, body));
        }
    }

    // ---- data ------------------------------------------------------------------------------

    /**
     * Adds {@code count} generated records of a type and answers their ids (orders bring contacts
     * and products if there are none). The same seed and the same calls give the same records.
     */
    public List<Long> seed(EntityType type, int count) {
        return seeder.seed(type, count);
    }

    /**
     * Creates what a shop's configuration names, once (calling it again creates only what is
     * missing): the sales taxes of the US states and counties, UK VAT and German MwSt. (price
     * excluded and price included), the EUR and GBP pricelists, the service products for shipping
     * and fees ({@code SHIP-FLAT}, {@code SHIP-FREE}, {@code SHIP-PICKUP}, {@code SHIP}, {@code FEE})
     * and the walk-in customer ({@code ref} {@code WALK-IN}). Answers their ids.
     */
    public ShopAccounting seedShopAccounting() {
        return seeder.seedShopAccounting(true);
    }

    /**
     * {@link #seedShopAccounting()}, without the walk-in customer where a test counts the partners
     * (its {@code walkInCustomer} is then 0).
     */
    public ShopAccounting seedShopAccounting(boolean withWalkInCustomer) {
        return seeder.seedShopAccounting(withWalkInCustomer);
    }

    /**
     * Adds {@code templates} generated products with variants (type {@code product}, storable):
     * each takes two or three of the attributes Size (S, M, L, XL), Colour (Black, White, Red,
     * Blue) and Material (Cotton, Wool), some of their values, and so 4 to 30 variants; a category
     * of a two- or three-level tree under "All" ("All / Clothing / Shirts"); a unique internal
     * reference per variant but on every eleventh, which has none; and on-hand stock in
     * {@code WH/Stock} for about four variants in five. Attributes, values and categories are
     * reused when they exist. The same seed and the same calls give the same records. Answers the
     * templates' ids.
     */
    public List<Long> seedVariableProducts(int templates, long seed) {
        return seeder.seedVariableProducts(templates, seed);
    }

    /**
     * Sets a variant's on-hand quantity at an internal location as Inventory's "Update quantity"
     * does (counted quantity applied): the quant's write date moves, the product's does not.
     * Answers the quant's id.
     */
    public long setOnHand(long productId, long locationId, double quantity) {
        return db.setOnHand(productId, locationId, java.math.BigDecimal.valueOf(quantity), null);
    }

    /** The warehouse a fresh database has ("My Company", code WH). */
    public long mainWarehouseId() {
        return db.search("stock.warehouse", OdooJson.toJson(List.of(List.of("code", "=", "WH"))), 0, 1L, "id asc", false).get(0);
    }

    /** A warehouse's stock location ({@code WH/Stock} for the main one). */
    public long stockLocationId(long warehouseId) {
        return record("stock.warehouse", warehouseId).orElseThrow(() -> new IllegalArgumentException("no warehouse " + warehouseId))
                .get("lot_stock_id").get(0).asLong();
    }

    /** Adds a warehouse with its view and stock locations ({@code CODE/Stock}), as Odoo makes them; answers its id. */
    public long addWarehouse(String name, String code) {
        return insert("stock.warehouse", Map.of("name", name, "code", code));
    }

    /** Creates a record as {@code create} would (same rules), without a request; returns its id. */
    public long insert(String model, Map<String, ?> values) {
        return db.create(model, List.of(OdooJson.toJson(values))).get(0);
    }

    /** Writes values over a record as {@code write} would (its write date moves on). */
    public void update(String model, long id, Map<String, ?> values) {
        db.write(model, List.of(id), OdooJson.toJson(values));
    }

    /** A record as {@code read} with all fields answers it. */
    public Optional<JsonNode> record(String model, long id) {
        List<ObjectNode> found = db.searchRead(model, OdooJson.toJson(List.of(List.of("id", "=", id))), 0, null, null, false, null);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** All records of a model, archived ones too, by id. */
    public List<JsonNode> records(String model) {
        return new ArrayList<>(db.searchRead(model, OdooJson.NODES.arrayNode(), 0, null, "id asc", false, null));
    }

    public int count(String model) {
        return db.size(model);
    }

    public long countryId(String code) {
        return db.search("res.country", OdooJson.toJson(List.of(List.of("code", "=", code))), 0, 1L, null, false).stream()
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no country " + code));
    }

    public String database() {
        return database;
    }

    /** The uid of the simulator's one user. */
    public long uid() {
        return OdooDatabase.ADMIN_UID;
    }

    /** The API requests received, oldest first (the last {@value #RECORDED_REQUESTS}). */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    @Override
    /**
     * Back to a fresh database with the stock settings (tax field {@code tax_id}, two discount
     * digits, the mail module) and the default costs.
     */
    public void reset() {
        db.setOptions(StockModels.Options.DEFAULT);
        setCosts(0, DEFAULT_SCAN_NANOS);
        db.resetData();
        seeder.reset();
        guard.reset();
        injected.clear();
        clearRequests();
    }

    // ---- HTTP ------------------------------------------------------------------------------

    @Override
    protected void handleApi(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/jsonrpc")) {
            handleJsonRpc(exchange, false);
        } else if (path.startsWith("/json/2/")) {
            handleJson2(exchange, path, false);
        } else if (path.equals("/web/version")) {
            countAs("web.version");
            sendJson(exchange, 200, webVersion());
        } else if (path.startsWith("/web/dataset/call")) {
            JsonNode request = parse(body(exchange));
            countAs("web.dataset");
            sendJson(exchange, 200, OdooErrorBodies.sessionExpired(request == null ? NullNode.getInstance() : request.path("id")));
        } else {
            routeNotFound(exchange);
        }
    }

    @Override
    protected void answerAuthFailure(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/jsonrpc")) {
            handleJsonRpc(exchange, true);
        } else if (path.startsWith("/json/2/")) {
            handleJson2(exchange, path, true);
        } else {
            handleApi(exchange);
        }
    }

    @Override
    protected void answerServerError(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/jsonrpc")) {
            JsonNode request = parse(body(exchange));
            sendJson(exchange, 200, jsonRpc.serverError(request == null ? NullNode.getInstance() : request));
        } else if (path.startsWith("/json/2/")) {
            sendJson(exchange, 500, OdooErrorBodies.json2(OdooError.databaseUnavailable(
                    "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n")));
        } else {
            sendText(exchange, 500, "text/html", "<!doctype html><title>500 Internal Server Error</title>"
                    + "<h1>Internal Server Error</h1>");
        }
    }

    @Override
    protected void handleSandboxAction(HttpExchange exchange, String action) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod()) || !List.of("seed", "unique", "version").contains(action)) {
            super.handleSandboxAction(exchange, action);
            return;
        }
        JsonNode body = readJson(exchange);
        try {
            switch (action) {
                case "seed" -> {
                    EntityType type = EntityType.fromId(body.path("entity").asText())
                            .orElseThrow(() -> new IllegalArgumentException("entity must be customers, products or orders"));
                    int count = body.path("count").asInt(-1);
                    if (count < 1 || count > 1_000_000) {
                        throw new IllegalArgumentException("count must be from 1 to 1000000");
                    }
                    seed(type, count);
                    String model = type == EntityType.CUSTOMERS ? "res.partner"
                            : type == EntityType.PRODUCTS ? "product.product" : "sale.order";
                    sendJson(exchange, 200, Map.of("entity", type.id(), "created", count, "total", count(model)));
                }
                case "unique" -> {
                    setUniqueConstraint(body.path("model").asText(), body.path("field").asText(), body.path("enabled").asBoolean(true));
                    sendJson(exchange, 200, body);
                }
                default -> {
                    setServerVersion(body.path("version").asInt());
                    sendJson(exchange, 200, Map.of("version", serverVersion));
                }
            }
        } catch (IllegalArgumentException | OdooError e) {
            sendJson(exchange, 400, Map.of("message", String.valueOf(e.getMessage())));
        }
    }

    private void handleJsonRpc(HttpExchange exchange, boolean failAuthentication) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            sendText(exchange, 405, "text/html", "<!doctype html><title>405 Method Not Allowed</title>");
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] body = body(exchange);
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            record(exchange, "jsonrpc", null);
            sendText(exchange, 400, "text/html", "<!doctype html><title>400 Bad Request</title><p>Request inferred type is "
                    + "compatible with ['http'] but '/jsonrpc' is type='jsonrpc'</p>");
            return;
        }
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            record(exchange, "jsonrpc", request);
            sendJson(exchange, 200, OdooErrorBodies.jsonRpc(NullNode.getInstance(), OdooError.badRequest("Invalid JSON data"), serverVersion));
            return;
        }
        String kind = JsonRpcService.callKind(request);
        record(exchange, kind, request);
        countAs(kind);
        if (answerInjected(exchange, kind)) {
            return;
        }
        JsonNode[] answer = new JsonNode[1];
        long terms = OdooDatabase.metered(() -> answer[0] = failAuthentication ? jsonRpc.authFailure(request) : jsonRpc.handle(request));
        spendServerTime(terms);
        sendJson(exchange, 200, answer[0]);
    }

    private void handleJson2(HttpExchange exchange, String path, boolean failAuthentication) throws IOException {
        String[] parts = path.substring("/json/2/".length()).split("/");
        if (serverVersion < 19 || parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            routeNotFound(exchange);
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            sendText(exchange, 405, "text/html", "<!doctype html><title>405 Method Not Allowed</title>");
            return;
        }
        byte[] body = body(exchange);
        String kind = "json2 " + parts[0] + "/" + parts[1];
        record(exchange, kind, parse(body));
        countAs(kind);
        if (answerInjected(exchange, kind)) {
            return;
        }
        Json2Service.Answer[] answer = new Json2Service.Answer[1];
        long terms = OdooDatabase.metered(() -> answer[0] = failAuthentication ? Json2Service.failure(OdooError.unauthorized())
                : json2.handle(parts[0], parts[1], exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("X-Odoo-Database"), body));
        spendServerTime(terms);
        sendJson(exchange, answer[0].status(), answer[0].body());
    }

    /** Sleeps the server time of a call that evaluated this many scan terms (see {@link #setCosts}). */
    private void spendServerTime(long scanTerms) {
        long nanos = callMs * 1_000_000L + scanTerms * scanNanos;
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void routeNotFound(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if ("POST".equals(exchange.getRequestMethod()) && contentType != null && contentType.startsWith("application/json")) {
            JsonNode request = parse(body(exchange));
            sendJson(exchange, 200, OdooErrorBodies.routeNotFound(request == null ? NullNode.getInstance() : request.path("id")));
        } else {
            sendText(exchange, 404, "text/html", "<!doctype html><title>404 Not Found</title><h1>Not Found</h1>"
                    + "<p>The requested URL was not found on the server.</p>");
        }
    }

    private boolean answerInjected(HttpExchange exchange, String kind) throws IOException {
        Deque<Injected> queue = injected.get(kind);
        if (queue == null) {
            return false;
        }
        Injected answer;
        synchronized (queue) {
            answer = queue.peek();
            if (answer == null || answer.skip-- > 0) {
                return false;
            }
            queue.poll();
        }
        sendJson(exchange, answer.status, answer.body);
        return true;
    }

    private ObjectNode webVersion() {
        ObjectNode version = OdooJson.NODES.objectNode();
        version.set("version_info", JsonRpcService.versionInfo(serverVersion));
        version.put("version", serverVersion + ".0");
        return version;
    }

    private void record(HttpExchange exchange, String kind, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("Authorization", "X-Odoo-Database", "Content-Type")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                headers.put(name.toLowerCase(), value);
            }
        }
        synchronized (requests) {
            requests.addLast(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), kind,
                    Map.copyOf(headers), body));
            while (requests.size() > RECORDED_REQUESTS) {
                requests.removeFirst();
            }
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static void sendText(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
