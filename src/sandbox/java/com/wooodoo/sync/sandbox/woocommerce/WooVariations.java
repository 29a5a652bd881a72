package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code /products/<id>/variations}: the variations of one product, posts of their own sharing
 * the post id sequence. WooCommerce's rules: a SKU is unique across products and variations
 * ({@code product_invalid_sku}, with the holder's id and a free alternative); a posted attribute
 * counts only when the parent has it as a variation attribute ({@code id} for a global one,
 * {@code name} for a custom one), others are skipped; prices are decimal strings and
 * {@code price} is computed; stock is written as {@link WooStock} says. A change of stock fields
 * alone leaves {@code date_modified} as it is (woocommerce/woocommerce#40060, #19427). After each
 * write the parent's {@code price} (the lowest of its variations') and stock status are synced,
 * its {@code date_modified} left alone, as {@code WC_Product_Variable::sync} does.
 *
 * <p>Newer WooCommerce answers a variation with {@code name}, {@code type} ("variation") and
 * {@code parent_id} besides the fields of the 3.0 examples; so does the simulator. A variation
 * without an image shows WooCommerce's placeholder, as in the examples.
 */
final class WooVariations extends WooCollection {

    private static final Set<String> STATUSES = Set.of("draft", "pending", "private", "publish");
    private final ObjectNode parent;
    private final WooProducts products;

    WooVariations(WooStore store, ObjectNode parent, WooProducts products) {
        super(store);
        this.parent = parent;
        this.products = products;
    }

    static WooApiException invalidParent() {
        return new WooApiException("woocommerce_rest_invalid_product_id", "Invalid product ID.", 404);
    }

    private long parentId() {
        return parent.path("id").asLong();
    }

    @Override
    String path() {
        return "products/" + parentId() + "/variations";
    }

    @Override
    List<ObjectNode> inIdOrder() {
        return of(store, parentId());
    }

    static List<ObjectNode> of(WooStore store, long parentId) {
        return store.variationsInIdOrder().stream().filter(v -> v.path("parent_id").asLong() == parentId).toList();
    }

    @Override
    Optional<ObjectNode> find(long id) {
        return store.variation(id).filter(v -> v.path("parent_id").asLong() == parentId());
    }

    @Override
    WooApiException invalidId(int status) {
        return new WooApiException("woocommerce_rest_product_variation_invalid_id", "Invalid ID.", status);
    }

    static ObjectNode blank() {
        ObjectNode v = NODES.objectNode();
        v.put("id", 0);
        WooDates.stamp(v, "date_created", null);
        WooDates.stamp(v, "date_modified", null);
        v.put("description", "");
        v.put("permalink", "");
        v.put("sku", "");
        v.put("price", "");
        v.put("regular_price", "");
        v.put("sale_price", "");
        WooDates.stamp(v, "date_on_sale_from", null);
        WooDates.stamp(v, "date_on_sale_to", null);
        v.put("on_sale", false);
        v.put("status", "publish");
        v.put("purchasable", false);
        v.put("virtual", false);
        v.put("downloadable", false);
        v.set("downloads", NODES.arrayNode());
        v.put("download_limit", -1);
        v.put("download_expiry", -1);
        v.put("tax_status", "taxable");
        v.put("tax_class", "");
        v.put("manage_stock", false);
        v.putNull("stock_quantity");
        v.put("stock_status", "instock");
        v.put("backorders", "no");
        v.put("backorders_allowed", false);
        v.put("backordered", false);
        v.put("weight", "");
        v.set("dimensions", NODES.objectNode().put("length", "").put("width", "").put("height", ""));
        v.put("shipping_class", "");
        v.put("shipping_class_id", 0);
        v.putNull("image");
        v.set("attributes", NODES.arrayNode());
        v.put("menu_order", 0);
        v.set("meta_data", NODES.arrayNode());
        v.put("name", "");
        v.put("type", "variation");
        v.put("parent_id", 0);
        return v;
    }

    @Override
    ObjectNode create(JsonNode body, Instant now) {
        if (body.path("id").asLong(0) != 0) {
            throw new WooApiException("woocommerce_rest_product_variation_exists", "Cannot create existing product_variation.", 400);
        }
        ObjectNode v = blank();
        v.put("parent_id", parentId());
        apply(v, body);
        v.put("id", store.nextPostId());
        WooDates.stamp(v, "date_created", now);
        WooDates.stamp(v, "date_modified", now);
        store.putVariation(v);
        products.syncVariable(parentId());
        return v;
    }

    @Override
    ObjectNode update(ObjectNode current, JsonNode body, Instant now) {
        ObjectNode v = current.deepCopy();
        apply(v, body);
        if (!v.equals(current) && !WooStock.onlyStockChanged(current, v)) {
            WooDates.stamp(v, "date_modified", now);
        }
        store.putVariation(v);
        products.syncVariable(parentId());
        return v;
    }

    @Override
    ObjectNode delete(ObjectNode current, boolean force) {
        if (!force) {
            throw new WooApiException("woocommerce_rest_trash_not_supported", "Variations do not support trashing.", 501);
        }
        store.removeVariation(current.path("id").asLong());
        products.syncVariable(parentId());
        return current;
    }

    private void apply(ObjectNode v, JsonNode body) {
        long self = v.path("id").asLong();
        String status = WooInput.text(body, "status");
        if (status != null) {
            v.put("status", STATUSES.contains(status) ? status : "draft");
        }
        String sku = WooInput.text(body, "sku");
        if (sku != null) {
            v.put("sku", products.checkedSku(sku.strip(), self));
        }
        WooInput.copyText(body, v, "description");
        WooInput.copyText(body, v, "weight");
        String taxClass = WooInput.text(body, "tax_class");
        if (taxClass != null) {
            v.put("tax_class", taxClass.strip());
        }
        Boolean virtual = WooInput.bool(body, "virtual");
        if (virtual != null) {
            v.put("virtual", virtual);
        }
        WooStock.apply(v, body);
        String regular = WooInput.decimal(body, "regular_price");
        if (regular != null) {
            v.put("regular_price", regular);
        }
        String sale = WooInput.decimal(body, "sale_price");
        if (sale != null) {
            v.put("sale_price", sale);
        }
        Long menuOrder = WooInput.integer(body, "menu_order");
        if (menuOrder != null && menuOrder != 0) {
            v.put("menu_order", menuOrder);
        }
        JsonNode attributes = body.get("attributes");
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isArray()) {
                throw WooApiException.invalidParam("attributes", "attributes is not of type array.");
            }
            v.set("attributes", attributes(attributes));
        }
        JsonNode image = body.get("image");
        if (image != null && image.isObject() && (image.has("src") || image.path("id").asLong(0) != 0)) {
            ObjectNode stored = NODES.objectNode();
            stored.put("id", image.path("id").asLong(0) != 0 ? image.path("id").asLong() : store.nextPostId());
            WooDates.stamp(stored, "date_created", null);
            WooDates.stamp(stored, "date_modified", null);
            stored.put("src", image.path("src").asText(""));
            stored.put("name", image.path("name").asText(""));
            stored.put("alt", image.path("alt").asText(""));
            v.set("image", stored);
        }
        derive(v);
    }

    /** The posted {@code [{id|name, option}]} the parent's variation attributes take, as {@code [{id, name, option}]}. */
    private ArrayNode attributes(JsonNode posted) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode a : posted) {
            long id = a.path("id").asLong(0);
            String name = a.path("name").asText("");
            for (JsonNode own : parent.path("attributes")) {
                boolean same = id != 0 ? own.path("id").asLong() == id
                        : !name.isEmpty() && own.path("id").asLong() == 0
                        && WooSeedData.ascii(own.path("name").asText()).equals(WooSeedData.ascii(name));
                if (same && own.path("variation").asBoolean()) {
                    String option = a.path("option").asText("").strip();
                    for (JsonNode known : own.path("options")) {
                        if (known.asText().equalsIgnoreCase(option)) {
                            option = known.asText();
                        }
                    }
                    out.addObject().put("id", own.path("id").asLong()).put("name", own.path("name").asText())
                            .put("option", option);
                    break;
                }
            }
        }
        return out;
    }

    /** The computed fields: price, sale, purchasability, name and permalink. */
    private void derive(ObjectNode v) {
        String regular = v.path("regular_price").asText();
        String sale = v.path("sale_price").asText();
        boolean onSale = !sale.isEmpty() && (regular.isEmpty() || new BigDecimal(sale).compareTo(new BigDecimal(regular)) < 0);
        String price = onSale ? sale : regular;
        v.put("price", price);
        v.put("on_sale", onSale);
        v.put("purchasable", !price.isEmpty() && v.path("status").asText().equals("publish"));
        List<String> options = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        for (JsonNode a : v.path("attributes")) {
            options.add(a.path("option").asText());
            String key = a.path("id").asLong() != 0
                    ? attributeSlug(a.path("id").asLong()) : WooSeedData.ascii(a.path("name").asText());
            query.append(query.length() == 0 ? "?" : "&").append("attribute_").append(key).append('=')
                    .append(WooSeedData.ascii(a.path("option").asText()));
        }
        String parentName = parent.path("name").asText();
        v.put("name", options.isEmpty() ? parentName : parentName + " - " + String.join(", ", options));
        v.put("permalink", parent.path("permalink").asText() + query);
    }

    private String attributeSlug(long id) {
        return Optional.ofNullable(store.attributes().get(id)).map(a -> a.path("slug").asText()).orElse("pa_" + id);
    }

    @Override
    ObjectNode render(ObjectNode record, String apiBase) {
        ObjectNode rendered = super.render(record, apiBase);
        inheritSku(store, rendered);
        if (rendered.get("image").isNull()) {
            ObjectNode placeholder = rendered.putObject("image");
            placeholder.put("id", 0);
            WooDates.stamp(placeholder, "date_created", WooDates.gmt(record, "date_created"));
            WooDates.stamp(placeholder, "date_modified", WooDates.gmt(record, "date_created"));
            placeholder.put("src", apiBase.replaceFirst("/wp-json/wc/v3/$", "")
                    + "/wp-content/plugins/woocommerce/assets/images/placeholder.png");
            placeholder.put("name", "Placeholder");
            placeholder.put("alt", "Placeholder");
        }
        return rendered;
    }

    @Override
    void addLinks(ObjectNode links, ObjectNode record, String apiBase) {
        links.putArray("up").addObject().put("href", apiBase + "products/" + parentId());
    }

    @Override
    WooListRequest listRequest(Map<String, String> query) {
        Map<String, Comparator<ObjectNode>> orderings = new LinkedHashMap<>();
        orderings.put("date", WooResource.byDate("date_created"));
        orderings.put("modified", WooResource.byDate("date_modified"));
        orderings.put("id", (a, b) -> 0);
        orderings.put("include", (a, b) -> 0);
        orderings.put("title", WooResource.byText("name"));
        orderings.put("slug", WooResource.byText("name"));
        orderings.put("menu_order", Comparator.comparingLong(r -> r.path("menu_order").asLong()));
        return WooListRequest.parse(query, orderings, "date", "desc", q -> {
            Predicate<ObjectNode> filter = WooResource.dateFilters(q);
            String sku = q.get("sku");
            if (sku != null && !sku.isEmpty()) {
                String wanted = sku.toLowerCase(Locale.ROOT);
                filter = filter.and(v -> v.path("sku").asText().toLowerCase(Locale.ROOT).equals(wanted));
            }
            String stock = q.get("stock_status");
            if (stock != null && !stock.isEmpty()) {
                filter = filter.and(v -> v.path("stock_status").asText().equals(stock));
            }
            return filter;
        });
    }

    /**
     * A variation as {@code /products} answers it ({@code GET /products?sku=} finds variations
     * too, {@code GET /products/<variation id>} reads one): the product shape with
     * {@code type: variation}, its parent in {@code parent_id} and its attributes as
     * {@code [{id, name, option}]}.
     */
    static ObjectNode asProduct(WooStore store, ObjectNode variation, ObjectNode productBlank) {
        ObjectNode p = productBlank;
        variation.fields().forEachRemaining(e -> {
            if (p.has(e.getKey())) {
                p.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        p.put("type", "variation");
        inheritSku(store, p);
        p.put("slug", WooSeedData.ascii(variation.path("name").asText()));
        JsonNode image = variation.get("image");
        p.set("images", image != null && image.isObject() ? NODES.arrayNode().add(image.deepCopy()) : NODES.arrayNode());
        p.put("price_html", p.path("price").asText().isEmpty() ? "" : "<span class=\"woocommerce-Price-amount amount\">"
                + "<span class=\"woocommerce-Price-currencySymbol\">&#36;</span>"
                + WooInput.money(new BigDecimal(p.path("price").asText())) + "</span>");
        return p;
    }

    /**
     * A variation without a SKU of its own shows its parent's ({@code WC_Product_Variation::get_sku}
     * in the view context); SKU checks look at its own.
     */
    static void inheritSku(WooStore store, ObjectNode rendered) {
        if (rendered.path("sku").asText().isEmpty()) {
            store.get(EntityType.PRODUCTS, rendered.path("parent_id").asLong())
                    .ifPresent(p -> rendered.put("sku", p.path("sku").asText()));
        }
    }
}
