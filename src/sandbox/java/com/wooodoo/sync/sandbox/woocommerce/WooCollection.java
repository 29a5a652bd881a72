package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of the product catalogue's collections that are not synced records of their own: product
 * categories, global attributes, an attribute's terms, a variable product's variations. Each is
 * read, written and batched through the same calls as customers, products and orders. Callers
 * hold the store's monitor.
 */
abstract class WooCollection {

    protected static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    protected final WooStore store;

    WooCollection(WooStore store) {
        this.store = store;
    }

    /** The collection's path under the API, e.g. {@code products/categories}, {@code products/22/variations}. */
    abstract String path();

    abstract List<ObjectNode> inIdOrder();

    abstract Optional<ObjectNode> find(long id);

    /** WooCommerce's error for an id the collection does not have, with the status of the operation. */
    abstract WooApiException invalidId(int status);

    abstract ObjectNode create(JsonNode body, Instant now);

    abstract ObjectNode update(ObjectNode current, JsonNode body, Instant now);

    abstract ObjectNode delete(ObjectNode current, boolean force);

    abstract WooListRequest listRequest(Map<String, String> query);

    /** Whether lists are answered whole, without paging (global attributes). */
    boolean unpaged() {
        return false;
    }

    final ObjectNode get(long id, int status) {
        return find(id).orElseThrow(() -> invalidId(status));
    }

    /** The record as the API answers it: what the store keeps aside removed, {@code _links} added. */
    ObjectNode render(ObjectNode record, String apiBase) {
        ObjectNode copy = record.deepCopy();
        conceal(copy);
        ObjectNode links = NODES.objectNode();
        links.putArray("self").addObject().put("href", apiBase + path() + "/" + record.path("id").asLong());
        links.putArray("collection").addObject().put("href", apiBase + path());
        addLinks(links, record, apiBase);
        copy.set("_links", links);
        return copy;
    }

    void conceal(ObjectNode copy) {
        copy.remove("_attribute");
    }

    void addLinks(ObjectNode links, ObjectNode record, String apiBase) {
    }

    /** Terms cannot be trashed, only deleted with {@code force=true}. */
    static WooApiException trashNotSupported() {
        return new WooApiException("woocommerce_rest_trash_not_supported", "Resource does not support trashing.", 501);
    }

    /** WordPress's answer to a missing required argument. */
    static WooApiException missing(String param) {
        return new WooApiException("rest_missing_callback_param", "Missing parameter(s): " + param, 400)
                .with("params", NODES.arrayNode().add(param));
    }

    /** Terms are listed by their {@code menu_order}, then name (WooCommerce sorts its taxonomies so). */
    static Map<String, Comparator<ObjectNode>> termOrderings() {
        Comparator<ObjectNode> byName = WooResource.byText("name");
        Comparator<ObjectNode> byMenuOrder = Comparator.comparingLong(r -> r.path("menu_order").asLong());
        Map<String, Comparator<ObjectNode>> orderings = new java.util.LinkedHashMap<>();
        orderings.put("name", byMenuOrder.thenComparing(byName));
        orderings.put("id", (a, b) -> 0);
        orderings.put("include", (a, b) -> 0);
        orderings.put("slug", WooResource.byText("slug"));
        orderings.put("term_group", (a, b) -> 0);
        orderings.put("description", WooResource.byText("description"));
        orderings.put("count", Comparator.comparingLong(r -> r.path("count").asLong()));
        return orderings;
    }

    /** A term's slug: its name as ASCII, unique among {@code taken} (WordPress appends -2, -3, ...). */
    static String uniqueSlug(String wanted, java.util.function.Predicate<String> taken) {
        String base = WooSeedData.ascii(wanted);
        if (base.isEmpty()) {
            base = "term";
        }
        String slug = base;
        for (int n = 2; taken.test(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }
}
