package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.SandboxServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A WooCommerce shop's REST API v3 ({@code /wp-json/wc/v3}) on loopback: customers, products and
 * orders held in memory, with WooCommerce's paging headers, batch limit, per-item batch errors,
 * validation rules and error shapes. Faults come from {@link SandboxServer}. The shop's tax rates
 * and classes ({@link WooTaxes}) and coupons ({@link WooCoupons}) are there too, and orders are
 * taxed, discounted and totalled with them as WooCommerce does ({@link WooOrderTotals}). The
 * product catalogue is there as well: variable products and their variations
 * ({@link WooVariations}), global attributes and their terms ({@link WooAttributes},
 * {@link WooAttributeTerms}) and categories ({@link WooCategories}), with stock as
 * {@link WooStock} says; paid orders reduce the stock of their lines.
 *
 * <p>Seeding: {@link #seed} adds generated records (the admin call
 * {@code POST /__sandbox/seed {"entity":"orders","count":100}}); {@link #seedOrderMix} adds a
 * {@link WooOrderMix} of orders ({@code {"entity":"orders","count":100,"mix":42}});
 * {@link #seedVariableProducts} and {@link #seedVariationOrders} add a catalogue of variable
 * products and orders of their variations ({@link WooCatalogueSeed}).
 *
 * <p>Authentication is WooCommerce's over HTTPS (the simulator applies it to plain HTTP): the
 * consumer key and secret from the query ({@code consumer_key}, {@code consumer_secret}) or from
 * HTTP Basic auth. A known key with a wrong secret is {@code woocommerce_rest_authentication_error};
 * no credentials or an unknown key leave the caller anonymous, and every route then refuses with
 * its permission error ({@code woocommerce_rest_cannot_view}, {@code ..._cannot_create}, ...), 401.
 *
 * <p>A batch of more than 100 items in all is refused as WooCommerce's
 * {@code WC_REST_Controller::check_batch_limit} does: HTTP 413
 * {@code woocommerce_rest_request_entity_too_large}.
 *
 * <p>Costs ({@link #setCosts}, none by default): the server time a WordPress spends, slept before
 * the answer is sent and never while holding the store's monitor, so calls answered at once by the
 * server's threads (32, as PHP-FPM workers) overlap as they would on a real shop.
 */
public class WooCommerceSimulator extends SandboxServer {

    /** The most items WooCommerce takes in one batch call (create, update and delete together). */
    public static final int BATCH_LIMIT = 100;
    private static final int LIST_CALLS_KEPT = 10_000;

    private final String consumerKey;
    private final String consumerSecret;
    private final long seed;
    private final WooStore store = new WooStore();
    private final Map<String, WooResource> resources = new LinkedHashMap<>();
    private final WooProducts products;
    private volatile Clock clock = Clock.systemUTC();
    private volatile String[] claimedPaging;
    private volatile long pageMs;
    private volatile long itemWrittenMs;
    private final AtomicLong serverTimeCharged = new AtomicLong();
    private final AtomicLong itemsWritten = new AtomicLong();
    private final Deque<String> listCalls = new ConcurrentLinkedDeque<>();

    public WooCommerceSimulator(int port, long seed, String consumerKey, String consumerSecret) {
        super("woocommerce", port, seed);
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret;
        this.seed = seed;
        this.products = new WooProducts(store, this::siteUrl);
        List.of(new WooCustomers(store), products, new WooOrders(store, () -> clock, seed))
                .forEach(r -> resources.put(r.name(), r));
    }

    @Override
    public WooCommerceSimulator start() {
        super.start();
        return this;
    }

    /**
     * The server time a real WordPress spends, charged as a sleep before the answer: {@code pageMs}
     * on every list read (a collection's {@code GET}, any page, any filter), {@code itemWrittenMs}
     * per item a call created, updated or deleted (each item of a {@code /batch} call that
     * succeeded, a single create, update or delete). 0 and 0 by default.
     */
    public void setCosts(long pageMs, long itemWrittenMs) {
        if (pageMs < 0 || itemWrittenMs < 0) {
            throw new IllegalArgumentException("pageMs and itemWrittenMs must not be negative, got " + pageMs + " and "
                    + itemWrittenMs);
        }
        this.pageMs = pageMs;
        this.itemWrittenMs = itemWrittenMs;
    }

    /** The server time charged by {@link #setCosts} since the last {@link #resetStats}, in ms. */
    public long serverTimeChargedMs() {
        return serverTimeCharged.get();
    }

    /** Items created, updated or deleted by API calls since the last {@link #resetStats}. */
    public long itemsWritten() {
        return itemsWritten.get();
    }

    /**
     * The list reads since the last {@link #resetStats}, oldest first, as {@code collection?query}
     * with the query decoded and without credentials, such as
     * {@code customers?page=1&per_page=100&orderby=id&order=desc&role=all&_fields=id,email}; the
     * last {@value #LIST_CALLS_KEPT} only.
     */
    public List<String> listCalls() {
        return List.copyOf(listCalls);
    }

    @Override
    public void resetStats() {
        super.resetStats();
        serverTimeCharged.set(0);
        itemsWritten.set(0);
        listCalls.clear();
    }

    /** The clock of writes ({@code date_modified}, {@code date_paid}); the system clock by default. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void reset() {
        synchronized (store) {
            store.clear();
        }
        claimedPaging = null;
    }

    /**
     * Every list answers these paging headers ({@code X-WP-Total}, {@code X-WP-TotalPages}) as they
     * are, whatever the store holds, as a broken caching plugin or a hostile shop might; the records
     * of each page stay the real ones. Cleared by {@link #reset}.
     */
    public void claimPaging(String total, String totalPages) {
        claimedPaging = new String[] {total, totalPages};
    }

    /** Adds generated records, deterministic for the simulator's seed; answers their ids. */
    public List<Long> seed(EntityType type, int count) {
        List<Long> ids = new ArrayList<>();
        synchronized (store) {
            for (int i = 0; i < count; i++) {
                ids.add(resource(type).seed(seed).path("id").asLong());
            }
        }
        return ids;
    }

    /**
     * Adds generated orders that all belong to customer accounts (no guest orders, which
     * {@link #seed} makes one in five of); needs customers and products. Answers their ids.
     */
    public List<Long> seedCustomerOrders(int count) {
        WooOrders orders = (WooOrders) resource(EntityType.ORDERS);
        List<Long> ids = new ArrayList<>();
        synchronized (store) {
            if (store.count(EntityType.CUSTOMERS) == 0) {
                throw new IllegalStateException("seed customers before orders without guests");
            }
            for (int i = 0; i < count; i++) {
                ids.add(orders.seed(seed, (ordinal, random) -> orders.generate(ordinal, random, false)).path("id").asLong());
            }
        }
        return ids;
    }

    /**
     * Adds {@code count} orders of a {@link WooOrderMix} with this seed: registered customers'
     * and guests' orders, taxed, discounted and shipped in the ways the mix describes; needs
     * products (and customers for registered ones). The shop's other seeding is left as it is.
     * Answers their ids.
     */
    public List<Long> seedOrderMix(int count, long mixSeed) {
        WooOrders orders = (WooOrders) resource(EntityType.ORDERS);
        List<Long> ids = new ArrayList<>();
        synchronized (store) {
            for (WooOrderMix.Planned planned : new WooOrderMix(mixSeed, count).plan(store.all(EntityType.CUSTOMERS),
                    store.all(EntityType.PRODUCTS))) {
                ids.add(orders.createSeeded(planned.body(), planned.created(), planned.modified()).path("id").asLong());
            }
        }
        return ids;
    }

    /**
     * Adds {@code count} variable products, deterministic for {@code catalogueSeed}: with two or
     * three attributes (the global Size, Colour and Material with their terms, and custom ones),
     * up to 30 variations each, most with managed stock and a SKU (every fourth product and two
     * of its variations have none), in a category tree three levels deep; see
     * {@link WooCatalogueSeed}. The shop's other seeding is left as it is. Answers the products' ids.
     */
    public List<Long> seedVariableProducts(int count, long catalogueSeed) {
        synchronized (store) {
            return new WooCatalogueSeed(store, products).variableProducts(count, catalogueSeed);
        }
    }

    /**
     * Adds {@code count} orders whose lines are variations (of the shop's customers, or guests
     * when it has none), deterministic for {@code orderSeed}; needs variable products. Answers
     * their ids.
     */
    public List<Long> seedVariationOrders(int count, long orderSeed) {
        synchronized (store) {
            return new WooCatalogueSeed(store, products).variationOrders((WooOrders) resource(EntityType.ORDERS), count,
                    orderSeed);
        }
    }

    /** The variations of a product as the API answers them, by id. */
    public List<JsonNode> variations(long productId) {
        synchronized (store) {
            ObjectNode parent = store.get(EntityType.PRODUCTS, productId).orElseThrow(() -> new IllegalArgumentException("no product " + productId));
            WooVariations variations = new WooVariations(store, parent, products);
            return variations.inIdOrder().stream().map(v -> (JsonNode) variations.render(v, apiBase())).toList();
        }
    }

    /** Every variation of the shop, as its product's variations call answers it, by id. */
    public List<JsonNode> allVariations() {
        synchronized (store) {
            List<JsonNode> all = new ArrayList<>();
            for (ObjectNode v : store.variationsInIdOrder()) {
                ObjectNode parent = store.get(EntityType.PRODUCTS, v.path("parent_id").asLong()).orElseThrow();
                all.add(new WooVariations(store, parent, products).render(v, apiBase()));
            }
            return all;
        }
    }

    /** The product categories as the API answers them, by id. */
    public List<JsonNode> categories() {
        synchronized (store) {
            WooCategories categories = new WooCategories(store);
            return categories.inIdOrder().stream().map(c -> (JsonNode) categories.render(c, apiBase())).toList();
        }
    }

    /** The global attributes as the API answers them, by id. */
    public List<JsonNode> attributes() {
        synchronized (store) {
            WooAttributes attributes = new WooAttributes(store);
            return attributes.inIdOrder().stream().map(a -> (JsonNode) attributes.render(a, apiBase())).toList();
        }
    }

    /**
     * Adds one generated record changed by {@code edit}, without WooCommerce's checks: the way to
     * plant data a sync must cope with (an e-mail or SKU that a later write will collide with, a
     * malformed value). Answers its id.
     */
    public long insert(EntityType type, Consumer<ObjectNode> edit) {
        synchronized (store) {
            ObjectNode record = resource(type).seed(seed).deepCopy();
            edit.accept(record);
            store.put(type, record);
            return record.path("id").asLong();
        }
    }

    public long insertCustomer(String email) {
        return insert(EntityType.CUSTOMERS, c -> {
            c.put("email", email);
            ((ObjectNode) c.get("billing")).put("email", email);
        });
    }

    public long insertProduct(String sku) {
        return insert(EntityType.PRODUCTS, p -> p.put("sku", sku));
    }

    /**
     * Sets a field of a stored record (dotted path, e.g. {@code billing.country}) to any value,
     * leaving {@code date_modified} alone: data damaged behind WooCommerce's back.
     */
    public void corrupt(EntityType type, long id, String path, JsonNode value) {
        synchronized (store) {
            ObjectNode record = store.get(type, id).orElseThrow(() -> new IllegalArgumentException("no " + type + " " + id))
                    .deepCopy();
            String[] parts = path.split("\\.");
            ObjectNode parent = record;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.with(parts[i]);
            }
            parent.set(parts[parts.length - 1], value);
            store.put(type, record);
        }
    }

    /** From now on, creating a product with this SKU fails as "already under processing" (WooCommerce 9.x's SKU lock). */
    public void lockSku(String sku) {
        synchronized (store) {
            store.lockSku(sku);
        }
    }

    public void unlockSku(String sku) {
        synchronized (store) {
            store.unlockSku(sku);
        }
    }

    /** The records as the API answers them, by id. */
    public List<JsonNode> records(EntityType type) {
        synchronized (store) {
            return store.all(type).stream().map(r -> (JsonNode) render(resource(type), r)).toList();
        }
    }

    public List<JsonNode> customers() {
        return records(EntityType.CUSTOMERS);
    }

    public List<JsonNode> products() {
        return records(EntityType.PRODUCTS);
    }

    public List<JsonNode> orders() {
        return records(EntityType.ORDERS);
    }

    public Optional<JsonNode> record(EntityType type, long id) {
        synchronized (store) {
            return store.get(type, id).map(r -> render(resource(type), r));
        }
    }

    public int count(EntityType type) {
        synchronized (store) {
            return store.count(type);
        }
    }

    @Override
    protected void handleApi(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Optional<WooRoute> route = WooRoute.match(method, exchange.getRequestURI().getPath(), resources);
        if (route.isEmpty()) {
            countAs(method + " rest_no_route");
            sendError(exchange, WooApiException.noRoute());
            return;
        }
        countAs(route.get().statsName());
        try {
            authenticate(exchange, query, route.get());
            if (route.get().kind() == WooRoute.Kind.LIST) {
                recordList(route.get(), query);
                charge(pageMs);
            }
            answer(exchange, route.get(), query);
        } catch (WooApiException e) {
            sendError(exchange, e);
        }
    }

    private void recordList(WooRoute route, Map<String, String> query) {
        StringBuilder call = new StringBuilder(route.collection()).append('?');
        query.forEach((name, value) -> {
            if (!name.equals("consumer_key") && !name.equals("consumer_secret")) {
                call.append(call.charAt(call.length() - 1) == '?' ? "" : "&").append(name).append('=').append(value);
            }
        });
        listCalls.addLast(call.toString());
        while (listCalls.size() > LIST_CALLS_KEPT) {
            listCalls.pollFirst();
        }
    }

    /** Charges the server time of {@code items} written; called holding no monitor. */
    private void chargeWrites(long items) {
        itemsWritten.addAndGet(items);
        charge(items * itemWrittenMs);
    }

    /** The items of a batch answer that were written (those without an {@code error}). */
    private static long written(JsonNode batchAnswer) {
        long written = 0;
        for (String section : List.of("create", "update", "delete")) {
            for (JsonNode item : batchAnswer.path(section)) {
                if (!item.has("error")) {
                    written++;
                }
            }
        }
        return written;
    }

    private void charge(long ms) {
        if (ms <= 0) {
            return;
        }
        serverTimeCharged.addAndGet(ms);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void authenticate(HttpExchange exchange, Map<String, String> query, WooRoute route) {
        String[] credentials = credentials(exchange, query);
        boolean knownKey = credentials != null && same(credentials[0], consumerKey);
        if (knownKey && !same(credentials[1], consumerSecret)) {
            throw new WooApiException("woocommerce_rest_authentication_error", "Consumer secret is invalid.", 401);
        }
        if (!knownKey) {
            throw route.permissionDenied();
        }
    }

    private static String[] credentials(HttpExchange exchange, Map<String, String> query) {
        if (query.containsKey("consumer_key") && query.containsKey("consumer_secret")) {
            return new String[] {query.get("consumer_key"), query.get("consumer_secret")};
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private void answer(HttpExchange exchange, WooRoute route, Map<String, String> query) throws IOException {
        WooResource resource = route.resource();
        if (route.catalogue()) {
            answerCatalogue(exchange, route, query);
            return;
        }
        if (resource == null) {
            answerSetting(exchange, route, query);
            return;
        }
        switch (route.kind()) {
            case LIST -> list(exchange, resource, query);
            case READ -> {
                JsonNode record;
                synchronized (store) {
                    Optional<ObjectNode> variation = resource == products && store.get(resource.type(), route.id()).isEmpty()
                            ? store.variation(route.id()) : Optional.empty();
                    record = onlyFields(variation.isPresent() ? renderVariationAsProduct(variation.get())
                            : render(resource, store.get(resource.type(), route.id()).orElseThrow(() -> resource.invalidId(404))),
                            query);
                }
                sendJson(exchange, 200, record);
            }
            case CREATE -> {
                JsonNode body = body(exchange);
                JsonNode created;
                synchronized (store) {
                    created = render(resource, resource.create(body, false, now()));
                }
                chargeWrites(1);
                exchange.getResponseHeaders().set("Location", created.at("/_links/self/0/href").asText());
                sendJson(exchange, 201, created);
            }
            case UPDATE -> {
                JsonNode body = body(exchange);
                JsonNode updated;
                synchronized (store) {
                    updated = render(resource, resource.update(route.id(), body, false, now()));
                }
                chargeWrites(1);
                sendJson(exchange, 200, updated);
            }
            case DELETE -> {
                JsonNode deleted = delete(resource, route.id(), WooResource.parseBoolean(query, "force"));
                chargeWrites(1);
                sendJson(exchange, 200, deleted);
            }
            case BATCH -> {
                ObjectNode answer = batch(resource, body(exchange));
                chargeWrites(written(answer));
                sendJson(exchange, 200, answer);
            }
        }
    }

    private void list(HttpExchange exchange, WooResource resource, Map<String, String> query) throws IOException {
        WooListRequest request = WooListRequest.parse(query, resource);
        if (resource == products && !query.getOrDefault("sku", "").isEmpty()) {
            // with a SKU, WooCommerce queries products and variations
            list(exchange, resource.name(), request, query, this::productsAndVariations,
                    id -> store.get(EntityType.PRODUCTS, id).or(() -> store.variation(id)).orElse(null),
                    r -> r.path("type").asText().equals("variation") ? renderVariationAsProduct(r) : render(resource, r));
            return;
        }
        list(exchange, resource.name(), request, query, () -> store.inIdOrder(resource.type()),
                id -> store.get(resource.type(), id).orElse(null), r -> render(resource, r));
    }

    private List<ObjectNode> productsAndVariations() {
        List<ObjectNode> all = new ArrayList<>(store.inIdOrder(EntityType.PRODUCTS));
        all.addAll(store.variationsInIdOrder());
        all.sort(Comparator.comparingLong(r -> r.path("id").asLong()));
        return all;
    }

    /** A variation as {@code /products} answers it, with the links of a product that has a parent. */
    private ObjectNode renderVariationAsProduct(ObjectNode variation) {
        ObjectNode p = WooVariations.asProduct(store, variation, products.blank());
        products.conceal(p);
        String collection = apiBase() + products.name();
        ObjectNode links = JSON.createObjectNode();
        links.putArray("self").addObject().put("href", collection + "/" + variation.path("id").asLong());
        links.putArray("collection").addObject().put("href", collection);
        links.putArray("up").addObject().put("href", collection + "/" + variation.path("parent_id").asLong());
        p.set("_links", links);
        return p;
    }

    /** The catalogue collection a route is for, or WooCommerce's error for a parent that does not exist. */
    private WooCollection collection(WooRoute route) {
        return switch (route.collection()) {
            case WooRoute.CATEGORIES -> new WooCategories(store);
            case WooRoute.ATTRIBUTES -> new WooAttributes(store);
            case WooRoute.TERMS -> new WooAttributeTerms(store, Optional.ofNullable(store.attributes().get(route.parent()))
                    .orElseThrow(WooAttributeTerms::invalidTaxonomy));
            default -> new WooVariations(store, store.get(EntityType.PRODUCTS, route.parent())
                    .orElseThrow(WooVariations::invalidParent), products);
        };
    }

    /** Categories, attributes, terms and variations, answered as customers, products and orders are. */
    private void answerCatalogue(HttpExchange exchange, WooRoute route, Map<String, String> query) throws IOException {
        switch (route.kind()) {
            case LIST -> {
                WooCollection collection;
                WooListRequest request;
                List<JsonNode> unpaged = null;
                synchronized (store) {
                    collection = collection(route);
                    request = collection.listRequest(query);
                    if (collection.unpaged()) {
                        unpaged = collection.inIdOrder().stream()
                                .map(r -> onlyFields(collection.render(r, apiBase()), query)).toList();
                    }
                }
                if (unpaged != null) {
                    sendJson(exchange, 200, unpaged); // sent after the store's monitor is let go
                    return;
                }
                list(exchange, collection.path(), request, query, collection::inIdOrder,
                        id -> collection.find(id).orElse(null), r -> collection.render(r, apiBase()));
            }
            case READ -> {
                JsonNode record;
                synchronized (store) {
                    WooCollection collection = collection(route);
                    record = onlyFields(collection.render(collection.get(route.id(), 404), apiBase()), query);
                }
                sendJson(exchange, 200, record);
            }
            case CREATE -> {
                JsonNode body = body(exchange);
                ObjectNode created;
                synchronized (store) {
                    WooCollection collection = collection(route);
                    created = collection.render(collection.create(body, now()), apiBase());
                }
                chargeWrites(1);
                exchange.getResponseHeaders().set("Location", created.at("/_links/self/0/href").asText());
                sendJson(exchange, 201, created);
            }
            case UPDATE -> {
                JsonNode body = body(exchange);
                ObjectNode updated;
                synchronized (store) {
                    WooCollection collection = collection(route);
                    updated = collection.render(collection.update(collection.get(route.id(), 400), body, now()), apiBase());
                }
                chargeWrites(1);
                sendJson(exchange, 200, updated);
            }
            case DELETE -> {
                boolean force = WooResource.parseBoolean(query, "force");
                ObjectNode deleted;
                synchronized (store) {
                    WooCollection collection = collection(route);
                    ObjectNode current = collection.get(route.id(), 404);
                    ObjectNode shown = collection.render(current, apiBase());
                    collection.delete(current, force);
                    deleted = shown;
                }
                chargeWrites(1);
                sendJson(exchange, 200, deleted);
            }
            case BATCH -> {
                JsonNode body = body(exchange);
                ObjectNode answer;
                synchronized (store) {
                    WooCollection collection = collection(route);
                    answer = batch(body, now -> item -> collection.render(collection.create(item, now), apiBase()),
                            now -> item -> collection.render(collection.update(collection.get(item.path("id").asLong(0), 400),
                                    item, now), apiBase()),
                            id -> {
                                ObjectNode current = collection.get(id, 404);
                                ObjectNode shown = collection.render(current, apiBase());
                                collection.delete(current, true);
                                return shown;
                            });
                }
                chargeWrites(written(answer));
                sendJson(exchange, 200, answer);
            }
        }
    }

    /** A page of a collection with WordPress's paging headers; the records are read holding the store's monitor. */
    private void list(HttpExchange exchange, String collection, WooListRequest request, Map<String, String> query,
                      Supplier<List<ObjectNode>> inIdOrder, LongFunction<ObjectNode> byId,
                      Function<ObjectNode, ObjectNode> render) throws IOException {
        List<JsonNode> page;
        int total;
        synchronized (store) {
            WooListRequest.Page selected = request.select(inIdOrder.get(), byId);
            total = selected.total();
            page = selected.records().stream().map(r -> onlyFields(render.apply(r), query)).toList();
        }
        int totalPages = request.totalPages(total);
        String[] claimed = claimedPaging;
        exchange.getResponseHeaders().set("X-WP-Total", claimed == null ? String.valueOf(total) : claimed[0]);
        exchange.getResponseHeaders().set("X-WP-TotalPages", claimed == null ? String.valueOf(totalPages) : claimed[1]);
        String links = pageLinks(collection, exchange.getRequestURI().getRawQuery(), request.page(), totalPages);
        if (!links.isEmpty()) {
            exchange.getResponseHeaders().set("Link", links);
        }
        sendJson(exchange, 200, page);
    }

    private String pageLinks(String collection, String rawQuery, int page, int totalPages) {
        String base = apiBase() + collection + "?" + (rawQuery == null ? "" : rawQuery.replaceAll("(^|&)page=\\d*", ""))
                .replaceAll("^&", "");
        String joiner = base.endsWith("?") ? "" : "&";
        List<String> links = new ArrayList<>();
        if (page > 1) {
            links.add("<" + base + joiner + "page=" + Math.min(page - 1, Math.max(totalPages, 1)) + ">; rel=\"prev\"");
        }
        if (totalPages > page) {
            links.add("<" + base + joiner + "page=" + (page + 1) + ">; rel=\"next\"");
        }
        return String.join(", ", links);
    }

    /** Tax rates, tax classes and coupons: the shop's settings, not synced records. */
    private void answerSetting(HttpExchange exchange, WooRoute route, Map<String, String> query) throws IOException {
        WooTaxes taxes = store.taxes();
        switch (route.collection() + " " + route.kind()) {
            case WooRoute.TAXES + " LIST" -> {
                List<ObjectNode> rates = taxes.ratesAsJson();
                WooListRequest request = WooListRequest.parse(query, taxOrderings(), "order", "asc", WooCommerceSimulator::taxFilter);
                list(exchange, WooRoute.TAXES, request, query, () -> rates,
                        id -> rates.stream().filter(r -> r.path("id").asLong() == id).findFirst().orElse(null), this::renderTaxRate);
            }
            case WooRoute.TAXES + " READ" -> sendJson(exchange, 200, onlyFields(renderTaxRate(taxes.rate(route.id())
                    .orElseThrow(() -> new WooApiException("woocommerce_rest_invalid_id", "Invalid resource ID.", 404)).toJson()), query));
            case WooRoute.TAX_CLASSES + " LIST" -> {
                ArrayNode classes = JSON.createArrayNode();
                WooTaxes.CLASSES.forEach((slug, name) -> {
                    ObjectNode taxClass = classes.addObject().put("slug", slug).put("name", name);
                    taxClass.putObject("_links").putArray("collection").addObject().put("href", apiBase() + WooRoute.TAX_CLASSES);
                });
                sendJson(exchange, 200, classes);
            }
            case WooRoute.COUPONS + " LIST" -> {
                WooListRequest request = WooListRequest.parse(query, WooCoupons.orderings(), "date", "desc", WooCoupons::filter);
                list(exchange, WooRoute.COUPONS, request, query, store::couponsInIdOrder, id -> store.coupon(id).orElse(null),
                        this::renderCoupon);
            }
            case WooRoute.COUPONS + " READ" -> {
                JsonNode coupon;
                synchronized (store) {
                    coupon = onlyFields(renderCoupon(store.coupon(route.id()).orElseThrow(WooCoupons::invalidId)), query);
                }
                sendJson(exchange, 200, coupon);
            }
            case WooRoute.COUPONS + " CREATE" -> {
                JsonNode body = body(exchange);
                ObjectNode created;
                synchronized (store) {
                    created = renderCoupon(WooCoupons.create(store, body, now()));
                }
                chargeWrites(1);
                exchange.getResponseHeaders().set("Location", created.at("/_links/self/0/href").asText());
                sendJson(exchange, 201, created);
            }
            default -> sendError(exchange, WooApiException.noRoute());
        }
    }

    private static Map<String, Comparator<ObjectNode>> taxOrderings() {
        Map<String, Comparator<ObjectNode>> orderings = new LinkedHashMap<>();
        orderings.put("id", (a, b) -> 0);
        orderings.put("order", Comparator.comparingLong(r -> r.path("order").asLong()));
        orderings.put("priority", Comparator.comparingLong(r -> r.path("priority").asLong()));
        return orderings;
    }

    /** {@code GET /taxes?class=reduced-rate}: the rates of one class. */
    private static Predicate<ObjectNode> taxFilter(Map<String, String> query) {
        String taxClass = query.get("class");
        if (taxClass == null) {
            return WooResource.EVERY;
        }
        if (!WooTaxes.CLASSES.containsKey(taxClass)) {
            throw WooApiException.invalidParam("class", "class is not one of " + String.join(", ", WooTaxes.CLASSES.keySet()) + ".");
        }
        return r -> r.path("class").asText().equals(taxClass);
    }

    private ObjectNode renderTaxRate(ObjectNode rate) {
        ObjectNode copy = rate.deepCopy();
        ObjectNode links = copy.putObject("_links");
        links.putArray("self").addObject().put("href", apiBase() + WooRoute.TAXES + "/" + rate.path("id").asLong());
        links.putArray("collection").addObject().put("href", apiBase() + WooRoute.TAXES);
        return copy;
    }

    private ObjectNode renderCoupon(ObjectNode coupon) {
        ObjectNode copy = coupon.deepCopy();
        ObjectNode links = copy.putObject("_links");
        links.putArray("self").addObject().put("href", apiBase() + WooRoute.COUPONS + "/" + coupon.path("id").asLong());
        links.putArray("collection").addObject().put("href", apiBase() + WooRoute.COUPONS);
        return copy;
    }

    private JsonNode delete(WooResource resource, long id, boolean force) {
        synchronized (store) {
            if (force) {
                JsonNode deleted = render(resource, resource.delete(id));
                if (resource == products) {
                    WooVariations.of(store, id).forEach(v -> store.removeVariation(v.path("id").asLong()));
                }
                return deleted;
            }
            if (resource.type() == EntityType.CUSTOMERS) {
                throw new WooApiException("woocommerce_rest_trash_not_supported", "Customers do not support trashing.", 501);
            }
            ObjectNode trashed = store.get(resource.type(), id).orElseThrow(() -> resource.invalidId(404)).deepCopy();
            trashed.put("status", "trash");
            store.put(resource.type(), trashed);
            return render(resource, trashed);
        }
    }

    /** {@code WC_REST_Controller::batch_items}: HTTP 200, a failed item carries its own {@code error}. */
    private ObjectNode batch(WooResource resource, JsonNode body) {
        synchronized (store) {
            return batch(body, now -> item -> render(resource, resource.create(item, true, now)),
                    now -> item -> render(resource, resource.update(item.path("id").asLong(0), item, true, now)),
                    id -> render(resource, resource.delete(id)));
        }
    }

    /** A batch of creates, updates and deletes (the deletes forced), each given the batch's instant. */
    private ObjectNode batch(JsonNode body, Function<Instant, Function<JsonNode, JsonNode>> create,
                             Function<Instant, Function<JsonNode, JsonNode>> update, LongFunction<JsonNode> delete) {
        if (!body.isObject()) {
            throw new WooApiException("rest_invalid_json", "Invalid JSON body passed.", 400);
        }
        int total = 0;
        for (String section : List.of("create", "update", "delete")) {
            JsonNode items = body.get(section);
            if (items != null && !items.isNull() && !items.isArray()) {
                throw WooApiException.invalidParam(section, section + " is not of type array.");
            }
            total += items == null ? 0 : items.size();
        }
        if (total > BATCH_LIMIT) {
            throw new WooApiException("woocommerce_rest_request_entity_too_large",
                    "Unable to accept more than " + BATCH_LIMIT + " items for this request.", 413);
        }
        ObjectNode answer = JSON.createObjectNode();
        synchronized (store) {
            Instant now = now();
            batchSection(body, answer, "create", create.apply(now), item -> JSON.getNodeFactory().numberNode(0));
            batchSection(body, answer, "update", update.apply(now),
                    item -> item.has("id") ? item.get("id") : JSON.getNodeFactory().nullNode());
            batchSection(body, answer, "delete", item -> delete.apply(item.asLong(0)),
                    item -> JSON.getNodeFactory().numberNode(item.asLong(0)));
        }
        return answer;
    }

    private void batchSection(JsonNode body, ObjectNode answer, String section, Function<JsonNode, JsonNode> apply,
                              Function<JsonNode, JsonNode> idOfFailed) {
        JsonNode items = body.path(section);
        if (!items.isArray() || items.isEmpty()) {
            return;
        }
        ArrayNode results = answer.putArray(section);
        for (JsonNode item : items) {
            if (section.equals("delete") && item.asLong(0) == 0) {
                continue; // WooCommerce skips what is not an id
            }
            try {
                results.add(apply.apply(item.isObject() || section.equals("delete") ? item : JSON.createObjectNode()));
            } catch (WooApiException e) {
                ObjectNode failed = results.addObject();
                failed.set("id", idOfFailed.apply(item));
                failed.set("error", e.body());
            }
        }
    }

    private ObjectNode render(WooResource resource, ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        resource.conceal(copy);
        String collection = apiBase() + resource.name();
        ObjectNode links = JSON.createObjectNode();
        links.putArray("self").addObject().put("href", collection + "/" + record.path("id").asLong());
        links.putArray("collection").addObject().put("href", collection);
        resource.addLinks(links, record, apiBase());
        copy.set("_links", links);
        return copy;
    }

    /** WordPress's {@code _fields=id,email,billing.phone}: only those fields (nested ones keep their top-level object). */
    private static JsonNode onlyFields(ObjectNode record, Map<String, String> query) {
        String fields = query.get("_fields");
        if (fields == null || fields.isBlank()) {
            return record;
        }
        Set<String> keep = new HashSet<>();
        for (String field : fields.split(",")) {
            keep.add(field.strip().split("\\.")[0]);
        }
        record.retain(keep);
        return record;
    }

    private Instant now() {
        return clock.instant();
    }

    private String siteUrl() {
        try {
            return baseUrl();
        } catch (RuntimeException notStarted) {
            return "http://127.0.0.1";
        }
    }

    private String apiBase() {
        return siteUrl() + WooRoute.API_PREFIX;
    }

    private WooResource resource(EntityType type) {
        return resources.get(type.id());
    }

    @Override
    protected void handleSandboxAction(HttpExchange exchange, String action) throws IOException {
        if (!action.equals("seed") || !exchange.getRequestMethod().equals("POST")) {
            super.handleSandboxAction(exchange, action);
            return;
        }
        JsonNode body;
        try {
            body = readJson(exchange);
        } catch (JsonProcessingException e) {
            sendJson(exchange, 400, Map.of("message", "body must be JSON: {\"entity\":\"customers\",\"count\":1000}"));
            return;
        }
        Optional<EntityType> type = EntityType.fromId(body.path("entity").asText());
        int count = body.path("count").asInt(-1);
        if (type.isEmpty() || !body.path("count").isIntegralNumber() || count < 1 || count > 1_000_000) {
            sendJson(exchange, 400, Map.of("message", "entity must be customers, products or orders and count 1 to 1000000"));
            return;
        }
        JsonNode mix = body.get("mix");
        if (mix != null && (type.get() != EntityType.ORDERS || !mix.isIntegralNumber())) {
            sendJson(exchange, 400, Map.of("message", "mix (a seed, an integer) is for orders only"));
            return;
        }
        try {
            List<Long> ids = mix == null ? seed(type.get(), count) : seedOrderMix(count, mix.asLong());
            sendJson(exchange, 200, Map.of("entity", type.get().id(), "created", ids.size(), "total", count(type.get())));
        } catch (IllegalStateException e) {
            sendJson(exchange, 409, Map.of("message", e.getMessage()));
        }
    }

    @Override
    protected void answerAuthFailure(HttpExchange exchange) throws IOException {
        sendError(exchange, new WooApiException("woocommerce_rest_authentication_error", "Consumer secret is invalid.", 401));
    }

    @Override
    protected void answerServerError(HttpExchange exchange) throws IOException {
        sendError(exchange, new WooApiException("internal_server_error", "There has been a critical error on this website.", 503));
    }

    private static void sendError(HttpExchange exchange, WooApiException error) throws IOException {
        sendJson(exchange, error.status(), error.body());
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return JSON.createObjectNode();
            }
            JsonNode body = JSON.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new WooApiException("rest_invalid_json", "Invalid JSON body passed.", 400);
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new WooApiException("rest_invalid_json", "Invalid JSON body passed.", 400)
                    .with("json_error_message", JSON.getNodeFactory().textNode("Syntax error"));
        }
    }

    /** The query's parameters as PHP sees them: the last of a repeated name wins, {@code a[]=1&a[]=2} is a list. */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (name.endsWith("[]")) {
                name = name.substring(0, name.length() - 2);
                value = params.containsKey(name) ? params.get(name) + "," + value : value;
            }
            params.put(name, value);
        }
        return params;
    }
}
