package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code /products}: simple and variable products. WooCommerce's rules: a SKU is unique among all
 * products and variations (case-insensitive, {@code product_invalid_sku} with the holder's id and
 * a free alternative), prices are decimal strings ({@code price} is computed and read-only).
 *
 * <p>A product has {@code attributes} ({@code id} 0 for a custom one, else a global attribute's,
 * whose options become its terms when missing, as {@code WC_Product_Attribute::get_terms} does)
 * and {@code categories} ({@code [{id}]} posted, {@code [{id, name, slug}]} answered; none means
 * Uncategorized). A variable product's {@code variations} are its variations' ids, its
 * {@code price} the lowest of theirs. Stock is written as {@link WooStock} says, and a change of
 * stock fields alone leaves {@code date_modified} as it is (woocommerce/woocommerce#40060).
 *
 * <p>{@code GET /products?sku=} finds variations too, in the product shape with
 * {@code type: variation} (WooCommerce's products controller queries products and variations
 * when a SKU is given); without {@code sku} only products are listed.
 */
final class WooProducts extends WooResource {

    private static final Set<String> STATUSES = Set.of("draft", "pending", "private", "publish");
    private static final List<String> TYPES = List.of("simple", "grouped", "external", "variable");
    private final Supplier<String> siteUrl;

    WooProducts(WooStore store, Supplier<String> siteUrl) {
        super(EntityType.PRODUCTS, store);
        this.siteUrl = siteUrl;
    }

    @Override
    ObjectNode blank() {
        ObjectNode p = NODES.objectNode();
        p.put("id", 0);
        p.put("name", "");
        p.put("slug", "");
        p.put("permalink", "");
        WooDates.stamp(p, "date_created", null);
        WooDates.stamp(p, "date_modified", null);
        p.put("type", "simple");
        p.put("status", "publish");
        p.put("featured", false);
        p.put("catalog_visibility", "visible");
        p.put("description", "");
        p.put("short_description", "");
        p.put("sku", "");
        p.put("price", "");
        p.put("regular_price", "");
        p.put("sale_price", "");
        WooDates.stamp(p, "date_on_sale_from", null);
        WooDates.stamp(p, "date_on_sale_to", null);
        p.put("price_html", "");
        p.put("on_sale", false);
        p.put("purchasable", false);
        p.put("total_sales", 0);
        p.put("virtual", false);
        p.put("downloadable", false);
        p.set("downloads", NODES.arrayNode());
        p.put("download_limit", -1);
        p.put("download_expiry", -1);
        p.put("external_url", "");
        p.put("button_text", "");
        p.put("tax_status", "taxable");
        p.put("tax_class", "");
        p.put("manage_stock", false);
        p.putNull("stock_quantity");
        p.put("stock_status", "instock");
        p.put("backorders", "no");
        p.put("backorders_allowed", false);
        p.put("backordered", false);
        p.put("sold_individually", false);
        p.put("weight", "");
        p.set("dimensions", NODES.objectNode().put("length", "").put("width", "").put("height", ""));
        p.put("shipping_required", true);
        p.put("shipping_taxable", true);
        p.put("shipping_class", "");
        p.put("shipping_class_id", 0);
        p.put("reviews_allowed", true);
        p.put("average_rating", "0.00");
        p.put("rating_count", 0);
        p.set("related_ids", NODES.arrayNode());
        p.set("upsell_ids", NODES.arrayNode());
        p.set("cross_sell_ids", NODES.arrayNode());
        p.put("parent_id", 0);
        p.put("purchase_note", "");
        p.set("categories", NODES.arrayNode());
        p.set("tags", NODES.arrayNode());
        p.set("images", NODES.arrayNode());
        p.set("attributes", NODES.arrayNode());
        p.set("default_attributes", NODES.arrayNode());
        p.set("variations", NODES.arrayNode());
        p.set("grouped_products", NODES.arrayNode());
        p.put("menu_order", 0);
        p.set("meta_data", NODES.arrayNode());
        return p;
    }

    @Override
    void applyCreate(ObjectNode record, JsonNode body, boolean inBatch) {
        apply(record, body, 0);
        if (record.path("name").asText().isEmpty()) {
            record.put("name", "Product");
        }
        if (record.path("categories").isEmpty()) {
            record.set("categories", new WooCategories(store).refs(List.of(WooCategories.UNCATEGORIZED)));
        }
        String sku = record.path("sku").asText();
        if (!sku.isEmpty() && store.isSkuLocked(sku)) {
            // WooCommerce 9.x locks a SKU while another request inserts it
            throw new WooApiException("woocommerce_rest_product_not_created",
                    "The SKU (" + sku + ") you are trying to insert is already under processing", 400);
        }
    }

    @Override
    void applyUpdate(ObjectNode record, JsonNode body, boolean inBatch) {
        apply(record, body, record.path("id").asLong());
    }

    private void apply(ObjectNode record, JsonNode body, long selfId) {
        WooInput.copyText(body, record, "name");
        WooInput.copyText(body, record, "description");
        WooInput.copyText(body, record, "short_description");
        WooInput.copyText(body, record, "weight");
        WooInput.copyText(body, record, "purchase_note");
        String status = WooInput.text(body, "status");
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw WooApiException.invalidParam("status", "status is not one of draft, pending, private, and publish.");
            }
            record.put("status", status);
        }
        String type = WooInput.text(body, "type");
        if (type != null) {
            if (!TYPES.contains(type)) {
                throw WooApiException.invalidParam("type", "type is not one of simple, grouped, external, and variable.");
            }
            record.put("type", type);
        }
        String sku = WooInput.text(body, "sku");
        if (sku != null) {
            record.put("sku", checkedSku(sku.strip(), selfId));
        }
        JsonNode attributes = body.get("attributes");
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isArray()) {
                throw WooApiException.invalidParam("attributes", "attributes is not of type array.");
            }
            record.set("attributes", attributes(attributes));
        }
        JsonNode defaults = body.get("default_attributes");
        if (defaults != null && defaults.isArray()) {
            record.set("default_attributes", defaultAttributes(defaults));
        }
        JsonNode categories = body.get("categories");
        if (categories != null && !categories.isNull()) {
            if (!categories.isArray()) {
                throw WooApiException.invalidParam("categories", "categories is not of type array.");
            }
            List<Long> ids = new ArrayList<>();
            categories.forEach(c -> ids.add(c.path("id").asLong(0)));
            record.set("categories", new WooCategories(store).refs(ids));
        }
        String regular = WooInput.decimal(body, "regular_price");
        if (regular != null) {
            record.put("regular_price", regular);
        }
        String sale = WooInput.decimal(body, "sale_price");
        if (sale != null) {
            record.put("sale_price", sale);
        }
        WooStock.apply(record, body);
        derivePrices(record);
    }

    /** The SKU, or {@code product_invalid_sku} when another product or a variation holds it. */
    String checkedSku(String sku, long selfId) {
        var owner = store.skuOwner(sku);
        if (owner.isPresent() && owner.get().path("id").asLong() != selfId) {
            throw new WooApiException("product_invalid_sku", "Invalid or duplicated SKU.", 400)
                    .with("resource_id", NODES.numberNode(owner.get().path("id").asLong()))
                    .with("unique_sku", NODES.textNode(freeSku(sku)));
        }
        return sku;
    }

    /** Posted {@code attributes} as WooCommerce keeps them; a global attribute's new options become its terms. */
    private ArrayNode attributes(JsonNode posted) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode a : posted) {
            long id = a.path("id").asLong(0);
            ObjectNode global = id == 0 ? null : store.attributes().get(id);
            String name = global != null ? global.path("name").asText() : a.path("name").asText("").strip();
            if (id != 0 && global == null || name.isEmpty()) {
                continue; // WooCommerce skips an attribute it cannot name
            }
            List<String> options = new ArrayList<>();
            JsonNode given = a.get("options");
            if (given != null && given.isArray()) {
                given.forEach(o -> options.add(o.asText().strip()));
            } else if (given != null && given.isTextual()) {
                options.addAll(Arrays.asList(given.asText().split("\\|")));
            }
            options.replaceAll(String::strip);
            options.removeIf(String::isEmpty);
            if (options.isEmpty()) {
                continue;
            }
            if (global != null) {
                WooAttributeTerms terms = new WooAttributeTerms(store, global);
                for (String option : options) {
                    if (terms.byName(option).isEmpty()) {
                        terms.create(NODES.objectNode().put("name", option), null);
                    }
                }
            }
            ObjectNode kept = out.addObject();
            kept.put("id", global == null ? 0 : id);
            kept.put("name", name);
            kept.put("position", Math.max(0, a.path("position").asLong(0)));
            kept.put("visible", Boolean.TRUE.equals(WooInput.bool(a, "visible")));
            kept.put("variation", Boolean.TRUE.equals(WooInput.bool(a, "variation")));
            ArrayNode values = kept.putArray("options");
            options.forEach(values::add);
        }
        return out;
    }

    /** Posted {@code default_attributes}: a global attribute's option kept as its slug, as WooCommerce answers it. */
    private ArrayNode defaultAttributes(JsonNode posted) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode a : posted) {
            long id = a.path("id").asLong(0);
            ObjectNode global = id == 0 ? null : store.attributes().get(id);
            String name = global != null ? global.path("name").asText() : a.path("name").asText("").strip();
            String option = a.path("option").asText("").strip();
            if (id != 0 && global == null || name.isEmpty() || option.isEmpty()) {
                continue;
            }
            out.addObject().put("id", global == null ? 0 : id).put("name", name)
                    .put("option", global == null ? option : WooSeedData.ascii(option));
        }
        return out;
    }

    /**
     * {@code WC_Product_Variable::sync}: a variable product's price is the lowest of its published
     * variations', its stock status in stock when one is, else on backorder when one is; stored
     * without touching its {@code date_modified}.
     */
    static void syncVariable(WooStore store, long parentId) {
        ObjectNode parent = store.get(EntityType.PRODUCTS, parentId).orElse(null);
        if (parent == null || !parent.path("type").asText().equals("variable")) {
            return;
        }
        ObjectNode p = parent.deepCopy();
        List<ObjectNode> variations = WooVariations.of(store, parentId);
        BigDecimal lowest = null;
        BigDecimal highest = null;
        for (ObjectNode v : variations) {
            String price = v.path("price").asText();
            if (!price.isEmpty() && v.path("status").asText().equals("publish")) {
                BigDecimal value = new BigDecimal(price);
                lowest = lowest == null || value.compareTo(lowest) < 0 ? value : lowest;
                highest = highest == null || value.compareTo(highest) > 0 ? value : highest;
            }
        }
        p.put("price", lowest == null ? "" : lowest.toPlainString());
        p.put("purchasable", lowest != null && !p.path("status").asText().equals("draft"));
        p.put("price_html", lowest == null ? "" : lowest.equals(highest) ? amountHtml(lowest)
                : amountHtml(lowest) + " &ndash; " + amountHtml(highest));
        if (!variations.isEmpty() && !p.path("manage_stock").asBoolean()) {
            List<String> statuses = variations.stream().map(v -> v.path("stock_status").asText()).toList();
            p.put("stock_status", statuses.contains("instock") ? "instock"
                    : statuses.contains("onbackorder") ? "onbackorder" : "outofstock");
        }
        if (!p.equals(parent)) {
            store.put(EntityType.PRODUCTS, p);
        }
    }

    void syncVariable(long parentId) {
        syncVariable(store, parentId);
    }

    private static String amountHtml(BigDecimal amount) {
        return "<span class=\"woocommerce-Price-amount amount\"><span class=\"woocommerce-Price-currencySymbol\">&#36;</span>"
                + WooInput.money(amount) + "</span>";
    }

    /** A variable product's variations are its variations' ids, newest first (as WooCommerce lists its children). */
    @Override
    void conceal(ObjectNode copy) {
        ArrayNode ids = NODES.arrayNode();
        if (copy.path("type").asText().equals("variable")) {
            List<ObjectNode> variations = WooVariations.of(store, copy.path("id").asLong());
            for (int i = variations.size() - 1; i >= 0; i--) {
                ids.add(variations.get(i).path("id").asLong());
            }
        }
        copy.set("variations", ids);
    }

    @Override
    boolean keepsModified(ObjectNode before, ObjectNode after) {
        return WooStock.onlyStockChanged(before, after);
    }

    void derivePrices(ObjectNode p) {
        String regular = p.path("regular_price").asText();
        String sale = p.path("sale_price").asText();
        boolean onSale = !sale.isEmpty() && (regular.isEmpty() || new BigDecimal(sale).compareTo(new BigDecimal(regular)) < 0);
        String price = onSale ? sale : regular;
        p.put("price", price);
        p.put("on_sale", onSale);
        p.put("purchasable", !price.isEmpty() && !p.path("status").asText().equals("draft"));
        p.put("price_html", price.isEmpty() ? "" : "<span class=\"woocommerce-Price-amount amount\"><span class=\"woocommerce-Price-currencySymbol\">&#36;</span>"
                + WooInput.money(new BigDecimal(price)) + "</span>");
        WooStock.derive(p);
    }

    @Override
    void identified(ObjectNode record) {
        String base = WooSeedData.ascii(record.path("name").asText());
        if (base.isEmpty()) {
            base = "product";
        }
        String slug = base;
        for (int n = 2; slugTaken(slug, record.path("id").asLong()); n++) {
            slug = base + "-" + n;
        }
        record.put("slug", slug);
        record.put("permalink", siteUrl.get() + "/product/" + slug + "/");
        for (JsonNode image : record.path("images")) {
            ((ObjectNode) image).put("src", siteUrl.get() + "/wp-content/uploads/" + slug + ".jpg");
            WooDates.stamp((ObjectNode) image, "date_created", WooDates.gmt(record, "date_created"));
            WooDates.stamp((ObjectNode) image, "date_modified", WooDates.gmt(record, "date_created"));
        }
    }

    private boolean slugTaken(String slug, long selfId) {
        return store.productBySlug(slug).filter(p -> p.path("id").asLong() != selfId).isPresent();
    }

    /** Like {@code wc_product_generate_unique_sku}: the SKU with -1, -2, ... until it is free. */
    private String freeSku(String sku) {
        String candidate = sku;
        for (int n = 1; store.skuOwner(candidate).isPresent(); n++) {
            candidate = sku + "-" + n;
        }
        return candidate;
    }

    @Override
    ObjectNode generate(int ordinal, SplittableRandom r) {
        WooSeedData.ProductIdea idea = WooSeedData.product(r, ordinal);
        String sku = idea.sku();
        while (store.skuOwner(sku).isPresent()) {
            sku = sku + "-b";
        }
        ObjectNode p = blank();
        p.put("name", idea.name());
        p.put("description", "<p>" + idea.name() + ": a " + idea.category().name().toLowerCase(Locale.ROOT)
                + " favourite, made to last.</p>\n");
        p.put("short_description", "<p>" + idea.category().name() + " by the shop.</p>\n");
        p.put("sku", sku);
        p.put("regular_price", idea.price());
        p.put("total_sales", r.nextInt(200));
        if (r.nextInt(5) == 0) {
            p.put("manage_stock", true);
            p.put("stock_quantity", r.nextInt(50));
        }
        ArrayNode categories = (ArrayNode) p.get("categories");
        categories.addObject().put("id", idea.category().id()).put("name", idea.category().name()).put("slug", idea.category().slug());
        ObjectNode image = ((ArrayNode) p.get("images")).addObject();
        image.put("id", 100_000 + ordinal);
        WooDates.stamp(image, "date_created", null);
        WooDates.stamp(image, "date_modified", null);
        image.put("src", "");
        image.put("name", "");
        image.put("alt", "");
        derivePrices(p);
        return p;
    }

    @Override
    WooApiException invalidId(int status) {
        return new WooApiException("woocommerce_rest_product_invalid_id", "Invalid ID.", status);
    }

    @Override
    WooApiException existsOnCreate() {
        return new WooApiException("woocommerce_rest_product_exists", "Cannot create existing product.", 400);
    }

    @Override
    Predicate<ObjectNode> filter(Map<String, String> query) {
        Predicate<ObjectNode> filter = dateFilters(query).and(r -> !r.path("status").asText().equals("trash"));
        String sku = query.get("sku");
        if (sku != null && !sku.isEmpty()) {
            // a comma-separated list; the whole string counts as one SKU too, as in WooCommerce
            Set<String> skus = Arrays.stream(sku.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            skus.add(sku.toLowerCase(Locale.ROOT));
            filter = filter.and(r -> skus.contains(r.path("sku").asText().toLowerCase(Locale.ROOT)));
        }
        String search = query.get("search");
        if (search != null && !search.isEmpty()) {
            String term = search.toLowerCase(Locale.ROOT);
            filter = filter.and(r -> r.path("name").asText().toLowerCase(Locale.ROOT).contains(term));
        }
        String status = query.getOrDefault("status", "any");
        if (!status.equals("any")) {
            filter = filter.and(r -> r.path("status").asText().equals(status));
        }
        String type = query.get("type");
        if (type != null && !type.isEmpty()) {
            if (!TYPES.contains(type)) {
                throw WooApiException.invalidParam("type", "type is not one of simple, grouped, external, and variable.");
            }
            filter = filter.and(r -> r.path("type").asText().equals(type));
        }
        String category = query.get("category");
        if (category != null && !category.isEmpty()) {
            Set<String> ids = Set.of(category.split(","));
            filter = filter.and(r -> {
                for (JsonNode c : r.path("categories")) {
                    if (ids.contains(c.path("id").asText())) {
                        return true;
                    }
                }
                return false;
            });
        }
        String stockStatus = query.get("stock_status");
        if (stockStatus != null && !stockStatus.isEmpty()) {
            filter = filter.and(r -> r.path("stock_status").asText().equals(stockStatus));
        }
        return filter;
    }

    @Override
    Map<String, Comparator<ObjectNode>> orderings() {
        Map<String, Comparator<ObjectNode>> orderings = new LinkedHashMap<>();
        orderings.put("date", byDate("date_created"));
        orderings.put("modified", byDate("date_modified"));
        orderings.put("id", (a, b) -> 0);
        orderings.put("include", (a, b) -> 0);
        orderings.put("title", byText("name"));
        orderings.put("slug", byText("slug"));
        orderings.put("price", byNumber("price"));
        orderings.put("popularity", Comparator.comparingLong(r -> r.path("total_sales").asLong()));
        orderings.put("rating", byNumber("average_rating"));
        orderings.put("menu_order", Comparator.comparingLong(r -> r.path("menu_order").asLong()));
        return orderings;
    }

    @Override
    String defaultOrderBy() {
        return "date";
    }
}
