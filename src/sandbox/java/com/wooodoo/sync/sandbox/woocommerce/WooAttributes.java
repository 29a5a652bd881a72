package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /products/attributes}: the shop's global attributes ({@code pa_<slug>} taxonomies), with
 * their own id sequence (WooCommerce keeps them in a table of their own). WooCommerce's rules: a
 * name is needed, a slug already in use is refused ({@code woocommerce_rest_cannot_create}), the
 * list is answered whole (not paged), an attribute is deleted only with {@code force=true} and
 * takes its terms with it.
 */
final class WooAttributes extends WooCollection {

    static final String PATH = "products/attributes";
    private static final Set<String> ORDER_BY = Set.of("menu_order", "name", "name_num", "id");

    WooAttributes(WooStore store) {
        super(store);
    }

    @Override
    String path() {
        return PATH;
    }

    @Override
    List<ObjectNode> inIdOrder() {
        return store.attributes().inIdOrder();
    }

    @Override
    Optional<ObjectNode> find(long id) {
        return Optional.ofNullable(store.attributes().get(id));
    }

    @Override
    WooApiException invalidId(int status) {
        return new WooApiException("woocommerce_rest_attribute_invalid", "Resource does not exist.", 404);
    }

    @Override
    boolean unpaged() {
        return true;
    }

    /** The global attribute with this name (compared as MySQL does), if any. */
    Optional<ObjectNode> byName(String name) {
        return inIdOrder().stream().filter(a -> a.path("name").asText().equalsIgnoreCase(name.strip())).findFirst();
    }

    @Override
    ObjectNode create(JsonNode body, Instant now) {
        String name = WooInput.text(body, "name");
        if (name == null || name.isBlank()) {
            throw missing("name");
        }
        ObjectNode a = NODES.objectNode();
        a.put("id", 0);
        a.put("name", "");
        a.put("slug", "");
        a.put("type", "select");
        a.put("order_by", "menu_order");
        a.put("has_archives", false);
        apply(a, body);
        a.put("id", store.nextAttributeId());
        store.attributes().put(a.path("id").asLong(), a);
        return a;
    }

    @Override
    ObjectNode update(ObjectNode current, JsonNode body, Instant now) {
        ObjectNode a = current.deepCopy();
        apply(a, body);
        store.attributes().put(a.path("id").asLong(), a);
        return a;
    }

    private void apply(ObjectNode a, JsonNode body) {
        long self = a.path("id").asLong();
        String name = WooInput.text(body, "name");
        if (name != null && !name.isBlank()) {
            a.put("name", name.strip());
        }
        String slug = WooInput.text(body, "slug");
        if (slug != null && !slug.isBlank() || a.path("slug").asText().isEmpty()) {
            String base = WooSeedData.ascii(slug != null && !slug.isBlank() ? slug : a.path("name").asText())
                    .replaceFirst("^pa-", "");
            String taxonomy = "pa_" + (base.length() > 28 ? base.substring(0, 28) : base);
            if (base.isEmpty() || inIdOrder().stream().anyMatch(o -> o.path("id").asLong() != self
                    && o.path("slug").asText().equals(taxonomy))) {
                throw new WooApiException("woocommerce_rest_cannot_create",
                        "Slug \"" + base + "\" is already in use. Change it, please.", 400);
            }
            a.put("slug", taxonomy);
        }
        String type = WooInput.text(body, "type");
        if (type != null) {
            a.put("type", type.isBlank() ? "select" : type.strip().toLowerCase(Locale.ROOT));
        }
        String orderBy = WooInput.text(body, "order_by");
        if (orderBy != null) {
            if (!ORDER_BY.contains(orderBy)) {
                throw WooApiException.invalidParam("order_by", "order_by is not one of menu_order, name, name_num, and id.");
            }
            a.put("order_by", orderBy);
        }
        Boolean archives = WooInput.bool(body, "has_archives");
        if (archives != null) {
            a.put("has_archives", archives);
        }
    }

    @Override
    ObjectNode delete(ObjectNode current, boolean force) {
        if (!force) {
            throw trashNotSupported();
        }
        long id = current.path("id").asLong();
        for (ObjectNode term : List.copyOf(store.terms().inIdOrder())) {
            if (term.path("_attribute").asLong() == id) {
                store.terms().remove(term.path("id").asLong());
            }
        }
        store.attributes().remove(id);
        return current;
    }

    @Override
    WooListRequest listRequest(Map<String, String> query) {
        Map<String, java.util.Comparator<ObjectNode>> byId = new LinkedHashMap<>();
        byId.put("id", (x, y) -> 0);
        // the list takes no arguments: all attributes by id, whatever the query says
        return WooListRequest.parse(Map.of("per_page", "100"), byId, "id", "asc", q -> WooResource.EVERY);
    }
}
