package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /products/attributes/<id>/terms}: the terms of one global attribute. WooCommerce's rules:
 * a name is needed, a name the attribute already has is refused ({@code term_exists}, the existing
 * term's id in {@code data.resource_id}), terms are deleted only with {@code force=true}.
 * {@code count} is the number of products using the term.
 */
final class WooAttributeTerms extends WooCollection {

    private final ObjectNode attribute;

    WooAttributeTerms(WooStore store, ObjectNode attribute) {
        super(store);
        this.attribute = attribute;
    }

    private long attributeId() {
        return attribute.path("id").asLong();
    }

    @Override
    String path() {
        return WooAttributes.PATH + "/" + attributeId() + "/terms";
    }

    @Override
    List<ObjectNode> inIdOrder() {
        return store.terms().inIdOrder().stream().filter(t -> t.path("_attribute").asLong() == attributeId()).toList();
    }

    @Override
    Optional<ObjectNode> find(long id) {
        return Optional.ofNullable(store.terms().get(id)).filter(t -> t.path("_attribute").asLong() == attributeId());
    }

    @Override
    WooApiException invalidId(int status) {
        return new WooApiException("woocommerce_rest_term_invalid", "Resource doesn't exist.", 404);
    }

    static WooApiException invalidTaxonomy() {
        return new WooApiException("woocommerce_rest_taxonomy_invalid", "Taxonomy does not exist.", 404);
    }

    /** The attribute's term with this name (compared as MySQL does), if any. */
    Optional<ObjectNode> byName(String name) {
        return inIdOrder().stream().filter(t -> t.path("name").asText().equalsIgnoreCase(name.strip())).findFirst();
    }

    @Override
    ObjectNode create(JsonNode body, Instant now) {
        String name = WooInput.text(body, "name");
        if (name == null || name.isBlank()) {
            throw missing("name");
        }
        ObjectNode t = NODES.objectNode();
        t.put("id", 0);
        t.put("name", "");
        t.put("slug", "");
        t.put("description", "");
        t.put("menu_order", 0);
        t.put("count", 0);
        t.put("_attribute", attributeId());
        apply(t, body);
        t.put("id", store.nextTermId());
        store.terms().put(t.path("id").asLong(), t);
        return t;
    }

    @Override
    ObjectNode update(ObjectNode current, JsonNode body, Instant now) {
        ObjectNode t = current.deepCopy();
        apply(t, body);
        store.terms().put(t.path("id").asLong(), t);
        return t;
    }

    private void apply(ObjectNode t, JsonNode body) {
        long self = t.path("id").asLong();
        String name = WooInput.text(body, "name");
        if (name != null && !name.isBlank()) {
            byName(name).filter(o -> o.path("id").asLong() != self).ifPresent(o -> {
                throw WooCategories.termExists(o, "A term with the name provided already exists in this taxonomy.");
            });
            t.put("name", name.strip());
        }
        String slug = WooInput.text(body, "slug");
        if (slug != null && !slug.isBlank() || t.path("slug").asText().isEmpty()) {
            t.put("slug", uniqueSlug(slug != null && !slug.isBlank() ? slug : t.path("name").asText(),
                    s -> inIdOrder().stream().anyMatch(o -> o.path("id").asLong() != self && o.path("slug").asText().equals(s))));
        }
        WooInput.copyText(body, t, "description");
        Long menuOrder = WooInput.integer(body, "menu_order");
        if (menuOrder != null) {
            t.put("menu_order", menuOrder);
        }
    }

    @Override
    ObjectNode delete(ObjectNode current, boolean force) {
        if (!force) {
            throw trashNotSupported();
        }
        store.terms().remove(current.path("id").asLong());
        return current;
    }

    @Override
    ObjectNode render(ObjectNode record, String apiBase) {
        String name = record.path("name").asText();
        long count = store.inIdOrder(com.wooodoo.sync.connector.EntityType.PRODUCTS).stream()
                .filter(p -> usesTerm(p, name)).count();
        return super.render(record.deepCopy().put("count", count), apiBase);
    }

    private boolean usesTerm(ObjectNode product, String name) {
        for (JsonNode a : product.path("attributes")) {
            if (a.path("id").asLong() == attributeId()) {
                for (JsonNode option : a.path("options")) {
                    if (option.asText().equalsIgnoreCase(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    WooListRequest listRequest(Map<String, String> query) {
        return WooListRequest.parse(query, termOrderings(), "name", "asc", q -> {
            String search = q.get("search");
            if (search == null || search.isEmpty()) {
                return WooResource.EVERY;
            }
            String term = search.toLowerCase(Locale.ROOT);
            return t -> t.path("name").asText().toLowerCase(Locale.ROOT).contains(term);
        });
    }
}
