package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code /products/categories}: the {@code product_cat} taxonomy. WooCommerce's rules: a name is
 * needed, a name already used under the same parent is refused ({@code term_exists}, the existing
 * category's id in {@code data.resource_id}), a parent must exist, terms are deleted only with
 * {@code force=true} (a deleted category's children move up to its parent), the default category
 * cannot be deleted. {@code count} is the number of products in the category.
 *
 * <p>A fresh shop has "Uncategorized" with id {@value #UNCATEGORIZED} (the id WooCommerce's own
 * install gives it on a new WordPress site, after WordPress's and WooCommerce's built-in terms),
 * and the categories of the generated products, with the ids of the official examples (Clothing
 * 9 with T-shirts 14 and Accessories 17 below it, Coffee 21, Books 23, Music 25). Products saved
 * without categories get Uncategorized, as in WooCommerce. The official examples show a missing
 * image as {@code []}; so does the simulator.
 */
final class WooCategories extends WooCollection {

    static final long UNCATEGORIZED = 15;
    static final String PATH = "products/categories";
    private static final Instant IMAGE_DATE = Instant.parse("2023-01-02T07:00:00Z");

    WooCategories(WooStore store) {
        super(store);
    }

    /** The categories of a fresh shop. */
    static List<ObjectNode> freshShop() {
        List<ObjectNode> categories = new ArrayList<>();
        categories.add(category(UNCATEGORIZED, "Uncategorized", "uncategorized", 0));
        ObjectNode clothing = category(9, "Clothing", "clothing", 0);
        ObjectNode image = clothing.putObject("image");
        image.put("id", 730);
        WooDates.stamp(image, "date_created", IMAGE_DATE);
        WooDates.stamp(image, "date_modified", IMAGE_DATE);
        image.put("src", "/wp-content/uploads/clothing.jpg");
        image.put("name", "");
        image.put("alt", "");
        categories.add(clothing);
        categories.add(category(14, "T-shirts", "t-shirts", 9));
        categories.add(category(17, "Accessories", "accessories", 9));
        categories.add(category(21, "Coffee", "coffee", 0));
        categories.add(category(23, "Books", "books", 0));
        categories.add(category(25, "Music", "music", 0));
        return categories;
    }

    private static ObjectNode category(long id, String name, String slug, long parent) {
        ObjectNode c = NODES.objectNode();
        c.put("id", id);
        c.put("name", name);
        c.put("slug", slug);
        c.put("parent", parent);
        c.put("description", "");
        c.put("display", "default");
        c.set("image", NODES.arrayNode());
        c.put("menu_order", 0);
        c.put("count", 0);
        return c;
    }

    @Override
    String path() {
        return PATH;
    }

    @Override
    List<ObjectNode> inIdOrder() {
        return store.categories().inIdOrder();
    }

    @Override
    Optional<ObjectNode> find(long id) {
        return Optional.ofNullable(store.categories().get(id));
    }

    @Override
    WooApiException invalidId(int status) {
        return new WooApiException("woocommerce_rest_term_invalid", "Resource doesn't exist.", 404);
    }

    @Override
    ObjectNode create(JsonNode body, Instant now) {
        String name = WooInput.text(body, "name");
        if (name == null || name.isBlank()) {
            throw missing("name");
        }
        ObjectNode c = category(0, "", "", 0);
        apply(c, body);
        c.put("id", store.nextTermId());
        store.categories().put(c.path("id").asLong(), c);
        return c;
    }

    @Override
    ObjectNode update(ObjectNode current, JsonNode body, Instant now) {
        ObjectNode c = current.deepCopy();
        apply(c, body);
        store.categories().put(c.path("id").asLong(), c);
        return c;
    }

    private void apply(ObjectNode c, JsonNode body) {
        long self = c.path("id").asLong();
        Long parent = WooInput.integer(body, "parent");
        if (parent != null) {
            if (parent != 0 && (find(parent).isEmpty() || parent == self || descendsFrom(parent, self))) {
                throw new WooApiException("woocommerce_rest_term_invalid", "Parent resource doesn't exist.", 404);
            }
            c.put("parent", parent);
        }
        String name = WooInput.text(body, "name");
        if (name != null && !name.isBlank()) {
            String wanted = name.strip();
            long under = c.path("parent").asLong();
            inIdOrder().stream()
                    .filter(o -> o.path("id").asLong() != self && o.path("parent").asLong() == under
                            && o.path("name").asText().equalsIgnoreCase(wanted))
                    .findFirst().ifPresent(o -> {
                        throw termExists(o, "A term with the name provided already exists with this parent.");
                    });
            c.put("name", wanted);
        }
        String slug = WooInput.text(body, "slug");
        if (slug != null && !slug.isBlank() || c.path("slug").asText().isEmpty()) {
            c.put("slug", uniqueSlug(slug != null && !slug.isBlank() ? slug : c.path("name").asText(),
                    s -> inIdOrder().stream().anyMatch(o -> o.path("id").asLong() != self && o.path("slug").asText().equals(s))));
        }
        WooInput.copyText(body, c, "description");
        String display = WooInput.text(body, "display");
        if (display != null) {
            if (!List.of("default", "products", "subcategories", "both").contains(display)) {
                throw WooApiException.invalidParam("display", "display is not one of default, products, subcategories, and both.");
            }
            c.put("display", display);
        }
        Long menuOrder = WooInput.integer(body, "menu_order");
        if (menuOrder != null) {
            c.put("menu_order", menuOrder);
        }
    }

    private boolean descendsFrom(long category, long ancestor) {
        for (long at = category; at != 0; ) {
            if (at == ancestor) {
                return true;
            }
            at = find(at).map(o -> o.path("parent").asLong()).orElse(0L);
        }
        return false;
    }

    static WooApiException termExists(ObjectNode existing, String message) {
        return new WooApiException("term_exists", message, 400)
                .with("resource_id", NODES.numberNode(existing.path("id").asLong()));
    }

    @Override
    ObjectNode delete(ObjectNode current, boolean force) {
        if (!force) {
            throw trashNotSupported();
        }
        long id = current.path("id").asLong();
        if (id == UNCATEGORIZED) {
            throw new WooApiException("woocommerce_rest_cannot_delete", "The resource cannot be deleted.", 500);
        }
        ObjectNode rendered = withCount(current);
        for (ObjectNode child : List.copyOf(inIdOrder())) {
            if (child.path("parent").asLong() == id) {
                ObjectNode moved = child.deepCopy().put("parent", current.path("parent").asLong());
                store.categories().put(moved.path("id").asLong(), moved);
            }
        }
        store.categories().remove(id);
        for (ObjectNode product : store.all(EntityType.PRODUCTS)) {
            if (inCategory(product, id)) {
                ObjectNode changed = product.deepCopy();
                ArrayNode kept = NODES.arrayNode();
                changed.path("categories").forEach(c -> {
                    if (c.path("id").asLong() != id) {
                        kept.add(c);
                    }
                });
                changed.set("categories", kept.isEmpty() ? refs(List.of(UNCATEGORIZED)) : kept);
                store.put(EntityType.PRODUCTS, changed);
            }
        }
        return rendered;
    }

    private static boolean inCategory(ObjectNode product, long id) {
        for (JsonNode c : product.path("categories")) {
            if (c.path("id").asLong() == id) {
                return true;
            }
        }
        return false;
    }

    /** The category with its product count, as listed. */
    ObjectNode withCount(ObjectNode category) {
        long id = category.path("id").asLong();
        long count = store.inIdOrder(EntityType.PRODUCTS).stream()
                .filter(p -> !p.path("status").asText().equals("trash") && inCategory(p, id)).count();
        return category.deepCopy().put("count", count);
    }

    @Override
    ObjectNode render(ObjectNode record, String apiBase) {
        ObjectNode rendered = super.render(withCount(record), apiBase);
        JsonNode image = rendered.get("image");
        if (image.isObject() && image.path("src").asText().startsWith("/")) {
            ((ObjectNode) image).put("src", apiBase.replaceFirst("/wp-json/wc/v3/$", "") + image.path("src").asText());
        }
        return rendered;
    }

    @Override
    void addLinks(ObjectNode links, ObjectNode record, String apiBase) {
        long parent = record.path("parent").asLong();
        if (parent != 0) {
            links.putArray("up").addObject().put("href", apiBase + PATH + "/" + parent);
        }
    }

    @Override
    WooListRequest listRequest(Map<String, String> query) {
        return WooListRequest.parse(query, termOrderings(), "name", "asc", q -> {
            Predicate<ObjectNode> filter = WooResource.EVERY;
            String parent = q.get("parent");
            if (parent != null && !parent.isEmpty()) {
                if (!parent.matches("\\d+")) {
                    throw WooApiException.invalidParam("parent", "parent is not of type integer.");
                }
                long wanted = Long.parseLong(parent);
                filter = WooResource.both(filter, c -> c.path("parent").asLong() == wanted);
            }
            String search = q.get("search");
            if (search != null && !search.isEmpty()) {
                String term = search.toLowerCase(Locale.ROOT);
                filter = WooResource.both(filter, c -> c.path("name").asText().toLowerCase(Locale.ROOT).contains(term)
                        || c.path("slug").asText().contains(term));
            }
            String slug = q.get("slug");
            if (slug != null && !slug.isEmpty()) {
                filter = WooResource.both(filter, c -> c.path("slug").asText().equals(slug));
            }
            return filter;
        });
    }

    /**
     * A product's {@code categories} from posted ids, as {@code [{id, name, slug}]}; an id that is
     * not a category is left out, as WooCommerce leaves it out.
     */
    ArrayNode refs(List<Long> ids) {
        ArrayNode out = NODES.arrayNode();
        for (long id : ids) {
            find(id).ifPresent(c -> out.addObject().put("id", id).put("name", c.path("name").asText())
                    .put("slug", c.path("slug").asText()));
        }
        return out;
    }
}
