package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generated variable products and orders of their variations, deterministic for a seed: the
 * global attributes Size (S, M, L, XL), Colour (Black, White, Red, Blue) and Material (Cotton,
 * Wool) with their terms, custom attributes (Fit, Length, Pattern), a category tree three levels
 * deep (Apparel &gt; Knitwear &gt; Jumpers, Apparel &gt; Outerwear &gt; Rain Jackets, Home &gt; Textiles),
 * and products with two or three attributes and up to 30 variations each. Most variations manage
 * their stock; every fourth product has no SKU of its own and two of its variations have none
 * either (a variation without a SKU shows its parent's, here none). Writes go through the same
 * rules as the REST calls. Callers hold the store's monitor.
 */
final class WooCatalogueSeed {

    static final int MAX_VARIATIONS = 30;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Instant PRODUCTS_FROM = Instant.parse("2023-06-01T09:00:00Z");
    private static final Instant ORDERS_FROM = Instant.parse("2024-02-01T10:00:00Z");

    /** An attribute of a template: a global one by name, or a custom one (global false). */
    private record Axis(String name, boolean global, List<String> options) {
    }

    private record Template(String noun, String skuCode, List<String> categoryPath, int basePrice, List<Axis> axes) {
    }

    private static final Axis SIZE = new Axis("Size", true, List.of("S", "M", "L", "XL"));
    private static final Axis COLOUR = new Axis("Colour", true, List.of("Black", "White", "Red", "Blue"));
    private static final Axis MATERIAL = new Axis("Material", true, List.of("Cotton", "Wool"));
    private static final List<Template> TEMPLATES = List.of(
            new Template("Jumper", "JMP", List.of("Apparel", "Knitwear", "Jumpers"), 45, List.of(SIZE, COLOUR, MATERIAL)),
            new Template("Rain Jacket", "RJK", List.of("Apparel", "Outerwear", "Rain Jackets"), 80,
                    List.of(SIZE, COLOUR, new Axis("Fit", false, List.of("Regular", "Slim")))),
            new Template("Scarf", "SCF", List.of("Apparel", "Knitwear"), 20,
                    List.of(COLOUR, new Axis("Length", false, List.of("150 cm", "180 cm")))),
            new Template("Cushion Cover", "CUS", List.of("Home", "Textiles"), 15,
                    List.of(new Axis("Pattern", false, List.of("Plain", "Striped", "Checked")), COLOUR)),
            new Template("Tee", "TEE", List.of("Apparel", "Tops"), 18, List.of(SIZE, COLOUR)));
    private static final List<String> ADJECTIVES = List.of("Nordic", "Harbour", "Classic", "Alpine", "Everyday", "Coastal");
    private static final List<String> SHADES = List.of("Heather", "Slate", "Sand", "Moss", "Ink", "Rust", "Fog", "Clay", "Pine", "Dune");

    private final WooStore store;
    private final WooProducts products;

    WooCatalogueSeed(WooStore store, WooProducts products) {
        this.store = store;
        this.products = products;
    }

    /** Adds {@code count} variable products; answers their ids. */
    List<Long> variableProducts(int count, long seed) {
        List<Long> ids = new ArrayList<>();
        int first = (int) store.inIdOrder(EntityType.PRODUCTS).stream()
                .filter(p -> p.path("type").asText().equals("variable")).count();
        for (int i = 0; i < count; i++) {
            ids.add(variableProduct(first + i, seed));
        }
        return ids;
    }

    private long variableProduct(int ordinal, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + 97L * ordinal);
        Template template = TEMPLATES.get(ordinal % TEMPLATES.size());
        Instant created = PRODUCTS_FROM.plus(Duration.ofHours(ordinal)).plusSeconds(r.nextInt(3600));
        boolean withoutSkus = ordinal % 4 == 3;
        String base = String.format(Locale.ROOT, "%s-%05d", template.skuCode(), ordinal + 1);
        ObjectNode body = NODES.objectNode();
        // names are unique (up to 300 products), as a shop's product names are
        body.put("name", ADJECTIVES.get((ordinal / TEMPLATES.size()) % ADJECTIVES.size()) + " "
                + SHADES.get((ordinal / (TEMPLATES.size() * ADJECTIVES.size())) % SHADES.size()) + " " + template.noun());
        body.put("type", "variable");
        body.put("description", "<p>A " + template.noun().toLowerCase(Locale.ROOT) + " in several variants.</p>\n");
        if (!withoutSkus) {
            body.put("sku", free(base));
        }
        body.putArray("categories").addObject().put("id", category(template.categoryPath()));
        ArrayNode attributes = body.putArray("attributes");
        for (int i = 0; i < template.axes().size(); i++) {
            Axis axis = template.axes().get(i);
            ObjectNode a = attributes.addObject();
            if (axis.global()) {
                a.put("id", attribute(axis));
            } else {
                a.put("name", axis.name());
            }
            a.put("position", i).put("visible", true).put("variation", true);
            ArrayNode options = a.putArray("options");
            axis.options().forEach(options::add);
        }
        ObjectNode product = products.create(body, false, created);
        long id = product.path("id").asLong();
        WooVariations variations = new WooVariations(store, product, products);
        List<List<String>> combinations = combinations(template.axes());
        int unskued = 0;
        for (int c = 0; c < combinations.size() && c < MAX_VARIATIONS; c++) {
            List<String> options = combinations.get(c);
            if (r.nextInt(10) == 0 && c > 0) {
                continue; // not every combination is sold
            }
            ObjectNode v = NODES.objectNode();
            StringBuilder sku = new StringBuilder(base);
            ArrayNode posted = v.putArray("attributes");
            for (int i = 0; i < options.size(); i++) {
                Axis axis = template.axes().get(i);
                ObjectNode a = posted.addObject();
                if (axis.global()) {
                    a.put("id", attribute(axis));
                } else {
                    a.put("name", axis.name());
                }
                a.put("option", options.get(i));
                sku.append('-').append(code(options.get(i)));
            }
            if (withoutSkus && unskued < 2 && r.nextInt(3) == 0) {
                unskued++;
            } else {
                v.put("sku", free(sku.toString()));
            }
            // as shops price variants: each option of an attribute adds its own amount (a larger size, a dearer colour)
            long extras = 0;
            for (int i = 0; i < options.size(); i++) {
                extras += (long) template.axes().get(i).options().indexOf(options.get(i)) * (i + 1);
            }
            BigDecimal price = BigDecimal.valueOf(template.basePrice() + extras).add(new BigDecimal("0.90"));
            v.put("regular_price", price.toPlainString());
            if (r.nextInt(8) == 0) {
                v.put("sale_price", price.subtract(BigDecimal.valueOf(5)).toPlainString());
            }
            if (r.nextInt(10) < 8) {
                v.put("manage_stock", true);
                v.put("stock_quantity", r.nextInt(6) == 0 ? 0 : r.nextInt(40));
                v.put("backorders", r.nextInt(10) == 0 ? "notify" : "no");
            }
            variations.create(v, created.plusSeconds(60L + c));
        }
        return id;
    }

    /** The combinations of the axes' options, the first axis varying slowest. */
    private static List<List<String>> combinations(List<Axis> axes) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (Axis axis : axes) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String option : axis.options()) {
                    List<String> combination = new ArrayList<>(prefix);
                    combination.add(option);
                    next.add(combination);
                }
            }
            out = next;
        }
        return out;
    }

    private static String code(String option) {
        String ascii = WooSeedData.ascii(option).replace("-", "").toUpperCase(Locale.ROOT);
        return ascii.length() <= 3 ? ascii : ascii.substring(0, 3);
    }

    private String free(String sku) {
        String candidate = sku;
        while (store.skuOwner(candidate).isPresent()) {
            candidate = candidate + "-b";
        }
        return candidate;
    }

    /** The global attribute's id, created with its terms (in this order) when the shop lacks it. */
    private long attribute(Axis axis) {
        WooAttributes attributes = new WooAttributes(store);
        ObjectNode attribute = attributes.byName(axis.name())
                .orElseGet(() -> attributes.create(NODES.objectNode().put("name", axis.name()), null));
        WooAttributeTerms terms = new WooAttributeTerms(store, attribute);
        for (int i = 0; i < axis.options().size(); i++) {
            String option = axis.options().get(i);
            if (terms.byName(option).isEmpty()) {
                terms.create(NODES.objectNode().put("name", option).put("menu_order", i + 1), null);
            }
        }
        return attribute.path("id").asLong();
    }

    /** The id of the last category of the path, each created under the one before when missing. */
    private long category(List<String> path) {
        WooCategories categories = new WooCategories(store);
        long parent = 0;
        for (String name : path) {
            long under = parent;
            parent = categories.inIdOrder().stream()
                    .filter(c -> c.path("parent").asLong() == under && c.path("name").asText().equals(name))
                    .findFirst()
                    .orElseGet(() -> categories.create(NODES.objectNode().put("name", name).put("parent", under), null))
                    .path("id").asLong();
        }
        return parent;
    }

    /**
     * Adds {@code count} orders whose lines are variations (one to three, priced from the
     * variations), of the shop's customers or, when it has none, of guests; completed or
     * processing, dated in the past. Like other seeded orders they leave stock as it is.
     */
    List<Long> variationOrders(WooOrders orders, int count, long seed) {
        List<ObjectNode> variations = store.variationsInIdOrder().stream()
                .filter(v -> !v.path("price").asText().isEmpty()).toList();
        if (variations.isEmpty()) {
            throw new IllegalStateException("seed variable products before orders of variations");
        }
        List<ObjectNode> customers = store.all(EntityType.CUSTOMERS);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SplittableRandom r = new SplittableRandom(seed * 7_919L + 31L * i + 5);
            ObjectNode body = NODES.objectNode();
            if (!customers.isEmpty()) {
                ObjectNode customer = customers.get(r.nextInt(customers.size()));
                body.put("customer_id", customer.path("id").asLong());
                body.set("billing", customer.get("billing").deepCopy());
                body.set("shipping", customer.get("shipping").deepCopy());
            } else {
                WooSeedData.Person guest = WooSeedData.person(r);
                WooSeedData.Address address = WooSeedData.address(r);
                ObjectNode billing = WooCustomers.emptyAddress(WooCustomers.BILLING);
                WooCustomers.fillAddress(billing, guest, "", address);
                billing.put("email", WooSeedData.email(guest, 800_000 + i, r));
                body.set("billing", billing);
            }
            ArrayNode lines = body.putArray("line_items");
            List<Long> chosen = new ArrayList<>();
            int wanted = Math.min(1 + r.nextInt(3), variations.size());
            while (chosen.size() < wanted) {
                ObjectNode v = variations.get(r.nextInt(variations.size()));
                long vid = v.path("id").asLong();
                if (!chosen.contains(vid)) {
                    chosen.add(vid);
                    lines.addObject().put("product_id", v.path("parent_id").asLong()).put("variation_id", vid)
                            .put("quantity", 1 + r.nextInt(3));
                }
            }
            body.putArray("shipping_lines").addObject().put("method_id", "flat_rate").put("method_title", "Flat rate")
                    .put("total", "5.00");
            body.put("payment_method", "bacs").put("payment_method_title", "Direct Bank Transfer");
            body.put("status", r.nextInt(3) == 0 ? "processing" : "completed");
            Instant created = ORDERS_FROM.plus(Duration.ofMinutes(37L * i)).plusSeconds(r.nextInt(60));
            JsonNode order = orders.createSeeded(body, created, created.plusSeconds(3600L + r.nextInt(86_400)));
            ids.add(order.path("id").asLong());
        }
        return ids;
    }
}
