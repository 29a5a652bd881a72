package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates realistic records: contacts with addresses in several countries, products with
 * internal references and prices, sales orders of those contacts with lines of those products.
 * The same seed and the same calls give the same data. Seeded records carry create and write
 * dates from 2025-01-01 on, seven minutes apart, in the order they were generated.
 */
final class OdooSeeder {

    private static final LocalDateTime FIRST_STAMP = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final List<String> FIRST_NAMES = List.of("Anna", "Lukas", "Marie", "Jonas", "Emma", "Noah", "Sofia",
            "Liam", "Chloé", "Mateo", "Aisha", "Ravi", "Yuki", "Olivia", "Lucas", "Inès", "Pedro", "Fatima", "Tom",
            "Clara", "Jan", "Elif", "Hugo", "Zoë", "Matteo", "Priya", "Sven", "Lena", "Omar", "Julia");
    private static final List<String> LAST_NAMES = List.of("Müller", "Schmidt", "Dubois", "Martin", "Rossi", "Silva",
            "Patel", "Kowalski", "Jansen", "Smith", "Johnson", "García", "Nakamura", "Peeters", "Fischer", "Bernard",
            "Costa", "Nielsen", "Novak", "O'Brien", "van Dijk", "Lefèvre", "Santos", "Weber", "Moreau");
    private static final List<Place> PLACES = List.of(
            new Place("DE", "Berlin", "10115", "Invalidenstraße", "+49 30 "),
            new Place("DE", "München", "80331", "Sendlinger Straße", "+49 89 "),
            new Place("FR", "Paris", "75002", "Rue Montorgueil", "+33 1 "),
            new Place("BE", "Bruxelles", "1000", "Rue Neuve", "+32 2 "),
            new Place("NL", "Amsterdam", "1012 JS", "Damrak", "+31 20 "),
            new Place("GB", "London", "EC1A 1BB", "King Edward Street", "+44 20 "),
            new Place("US", "New York", "10001", "W 34th St", "+1 212 "),
            new Place("US", "Austin", "78701", "Congress Ave", "+1 512 "),
            new Place("BR", "São Paulo", "01310-100", "Avenida Paulista", "+55 11 "),
            new Place("IN", "Mumbai", "400001", "Marine Drive", "+91 22 "),
            new Place("ES", "Madrid", "28013", "Calle Mayor", "+34 91 "),
            new Place("IT", "Roma", "00186", "Via del Corso", "+39 06 "),
            new Place("CH", "Zürich", "8001", "Bahnhofstrasse", "+41 44 "),
            new Place("JP", "Tokyo", "100-0005", "Marunouchi", "+81 3 "));
    private static final List<String> MATERIALS = List.of("Oak", "Walnut", "Steel", "Linen", "Ceramic", "Bamboo",
            "Cotton", "Glass", "Leather", "Wool");
    private static final List<String> ITEMS = List.of("Desk Lamp", "Coffee Mug", "Side Table", "Cushion", "Notebook",
            "Tote Bag", "Plant Pot", "Wall Clock", "Bookend", "Throw Blanket", "Chair", "Serving Tray");
    private static final List<String> ADJECTIVES = List.of("Classic", "Nordic", "Compact", "Large", "Vintage", "Modern");

    private final OdooDatabase db;
    private final long seed;
    private final java.util.Map<String, Long> countryIds = new java.util.HashMap<>();
    private long stamps;

    OdooSeeder(OdooDatabase db, long seed) {
        this.db = db;
        this.seed = seed;
    }

    synchronized void reset() {
        stamps = 0;
        countryIds.clear();
    }

    /** Creates {@code count} records and answers their ids; orders first get contacts and products if there are none. */
    synchronized List<Long> seed(EntityType type, int count) {
        String model = switch (type) {
            case CUSTOMERS -> "res.partner";
            case PRODUCTS -> "product.product";
            case ORDERS -> "sale.order";
            case STOCK -> throw new IllegalArgumentException("stock is set per product: setOnHand, seedVariableProducts");
        };
        Random random = new Random(seed * 31 + type.ordinal() * 1_000_003L + db.size(model));
        if (type == EntityType.ORDERS) {
            int support = Math.max(10, count / 5);
            if (db.size("res.partner") == 0) {
                seed(EntityType.CUSTOMERS, support);
            }
            if (db.size("product.product") == 0) {
                seed(EntityType.PRODUCTS, support);
            }
        }
        List<Long> partners = type == EntityType.ORDERS ? db.ids("res.partner") : List.of();
        List<Long> products = type == EntityType.ORDERS ? db.ids("product.product") : List.of();
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode vals = switch (type) {
                case CUSTOMERS -> partner(random, db.size(model) + 1);
                case PRODUCTS -> product(random, db.size(model) + 1);
                case ORDERS -> order(random, db.size(model) + 1, partners, products);
                case STOCK -> throw new IllegalStateException("unreachable");
            };
            ids.add(db.createAt(model, vals, FIRST_STAMP.plusMinutes(7 * stamps++)));
        }
        return ids;
    }

    private ObjectNode partner(Random random, int number) {
        String first = pick(random, FIRST_NAMES);
        String last = pick(random, LAST_NAMES);
        Place place = pick(random, PLACES);
        ObjectNode vals = OdooJson.NODES.objectNode();
        vals.put("name", first + " " + last);
        vals.put("email", ascii(first + "." + last).replace(" ", "").replace("'", "") + "." + number + "@example.com");
        vals.put("phone", place.phonePrefix() + (1000000 + random.nextInt(8999999)));
        vals.put("street", place.street() + " " + (1 + random.nextInt(180)));
        if (random.nextInt(5) == 0) {
            vals.put("street2", "Apt " + (1 + random.nextInt(40)));
        }
        vals.put("city", place.city());
        vals.put("zip", place.zip());
        vals.put("country_id", countryId(place.country()));
        if (random.nextInt(4) == 0) {
            vals.put("company_name", last + " " + pick(random, List.of("GmbH", "SARL", "Ltd", "BV", "Inc.", "S.p.A.")));
        }
        return vals;
    }

    private ObjectNode product(Random random, int number) {
        String item = pick(random, ITEMS);
        String material = pick(random, MATERIALS);
        ObjectNode vals = OdooJson.NODES.objectNode();
        vals.put("name", pick(random, ADJECTIVES) + " " + material + " " + item);
        vals.put("default_code", item.replaceAll("[^A-Z]", "") + "-" + String.format("%05d", number));
        BigDecimal price = BigDecimal.valueOf(4 + random.nextInt(295)).add(new BigDecimal(pick(random, List.of("0.00", "0.50", "0.90", "0.99"))));
        vals.put("list_price", price);
        vals.put("standard_price", price.multiply(new BigDecimal("0.45")).setScale(2, java.math.RoundingMode.HALF_UP));
        vals.put("description_sale", material + " " + item.toLowerCase(Locale.ROOT) + ", made to last.");
        return vals;
    }

    private ObjectNode order(Random random, int number, List<Long> partners, List<Long> products) {
        ObjectNode vals = OdooJson.NODES.objectNode();
        vals.put("partner_id", partners.get(random.nextInt(partners.size())));
        vals.put("client_order_ref", "WEB-" + String.format("%06d", 100000 + number));
        if (random.nextInt(3) == 0) {
            vals.put("note", pick(random, List.of("Please deliver after 5 pm.", "Gift wrap, please.", "Leave at the door.")));
        }
        ArrayNode lines = vals.putArray("order_line");
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            ObjectNode line = lines.addArray().add(0).add(0).addObject();
            line.put("product_id", products.get(random.nextInt(products.size())));
            line.put("product_uom_qty", 1 + random.nextInt(5));
        }
        return vals;
    }

    private long countryId(String code) {
        return countryIds.computeIfAbsent(code, c ->
                db.search("res.country", OdooJson.toJson(List.of(List.of("code", "=", c))), 0, 1L, null, false).get(0));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private record Place(String country, String city, String zip, String street, String phonePrefix) {
    }

    /** A sales tax a shop's configuration names: its rate in percent, whether prices include it, its country. */
    private record ShopTax(String name, String rate, boolean included, String country) {
    }

    private static final List<ShopTax> SHOP_TAXES = List.of(
            new ShopTax("US State Tax 2.9%", "2.9", false, "US"),
            new ShopTax("US State Tax 4%", "4", false, "US"),
            new ShopTax("US State Tax 5.6%", "5.6", false, "US"),
            new ShopTax("US State Tax 5.75%", "5.75", false, "US"),
            new ShopTax("US State Tax 6%", "6", false, "US"),
            new ShopTax("US State Tax 6.35%", "6.35", false, "US"),
            new ShopTax("US State Tax 6.5%", "6.5", false, "US"),
            new ShopTax("US State Tax 7.5%", "7.5", false, "US"),
            new ShopTax("US County Tax 1%", "1", false, "US"),
            new ShopTax("US City Tax 0.25%", "0.25", false, "US"),
            new ShopTax("UK VAT 20%", "20", false, "GB"),
            new ShopTax("UK VAT 20% (incl.)", "20", true, "GB"),
            new ShopTax("UK VAT 5%", "5", false, "GB"),
            new ShopTax("UK VAT 5% (incl.)", "5", true, "GB"),
            new ShopTax("DE MwSt. 19%", "19", false, "DE"),
            new ShopTax("DE MwSt. 19% (incl.)", "19", true, "DE"),
            new ShopTax("DE MwSt. 7%", "7", false, "DE"),
            new ShopTax("DE MwSt. 7% (incl.)", "7", true, "DE"));
    private static final List<List<String>> SHOP_PRICELISTS = List.of(List.of("EUR Pricelist", "EUR"), List.of("GBP Pricelist", "GBP"));
    private static final List<List<String>> SHOP_SERVICES = List.of(List.of("SHIP-FLAT", "Flat rate shipping"),
            List.of("SHIP-FREE", "Free shipping"), List.of("SHIP-PICKUP", "Local pickup"), List.of("SHIP", "Shipping"),
            List.of("FEE", "Fee"));

    /**
     * Makes sure of the records a shop's configuration names (see {@link ShopAccounting}): each is
     * looked up first (a tax by name among sales taxes, a pricelist by name, a product by internal
     * reference, the walk-in customer by {@code ref}, archived ones too) and created only when
     * missing, so calling this again changes nothing. Created records get the seeding's dates.
     */
    synchronized ShopAccounting seedShopAccounting(boolean withWalkInCustomer) {
        java.util.Map<String, Long> taxes = new java.util.LinkedHashMap<>();
        for (ShopTax tax : SHOP_TAXES) {
            taxes.put(tax.name(), find("account.tax", List.of(List.of("name", "=", tax.name()), List.of("type_tax_use", "=", "sale")))
                    .orElseGet(() -> {
                        ObjectNode vals = OdooJson.NODES.objectNode();
                        vals.put("name", tax.name());
                        vals.put("type_tax_use", "sale");
                        vals.put("amount_type", "percent");
                        vals.put("amount", new BigDecimal(tax.rate()));
                        vals.put("price_include", tax.included());
                        vals.put("description", tax.rate() + "%");
                        vals.put("country_id", countryId(tax.country()));
                        return createStamped("account.tax", vals);
                    }));
        }
        java.util.Map<String, Long> pricelists = new java.util.LinkedHashMap<>();
        pricelists.put("Public Pricelist", find("product.pricelist", List.of(List.of("name", "=", "Public Pricelist"))).orElse(null));
        for (List<String> pricelist : SHOP_PRICELISTS) {
            pricelists.put(pricelist.get(0), find("product.pricelist", List.of(List.of("name", "=", pricelist.get(0)))).orElseGet(() -> {
                long currency = find("res.currency", List.of(List.of("name", "=", pricelist.get(1)))).orElseThrow();
                ObjectNode vals = OdooJson.NODES.objectNode().put("name", pricelist.get(0)).put("currency_id", currency);
                return createStamped("product.pricelist", vals);
            }));
        }
        pricelists.values().removeIf(java.util.Objects::isNull);
        java.util.Map<String, Long> products = new java.util.LinkedHashMap<>();
        for (List<String> service : SHOP_SERVICES) {
            products.put(service.get(0), find("product.product", List.of(List.of("default_code", "=", service.get(0)))).orElseGet(() -> {
                ObjectNode vals = OdooJson.NODES.objectNode().put("name", service.get(1)).put("default_code", service.get(0))
                        .put("type", "service").put("list_price", BigDecimal.ZERO).put("sale_ok", true);
                return createStamped("product.product", vals);
            }));
        }
        long walkIn = !withWalkInCustomer ? 0 : find("res.partner", List.of(List.of("ref", "=", "WALK-IN"))).orElseGet(() ->
                createStamped("res.partner", OdooJson.NODES.objectNode().put("name", "Walk-in customer").put("ref", "WALK-IN")));
        return new ShopAccounting(java.util.Collections.unmodifiableMap(taxes), java.util.Collections.unmodifiableMap(pricelists),
                java.util.Collections.unmodifiableMap(products), walkIn);
    }

    /** An attribute the seeding uses, with its values and their short codes for internal references. */
    private record SeedAttribute(String name, String displayType, List<String> values, List<String> codes) {
    }

    private static final List<SeedAttribute> SEED_ATTRIBUTES = List.of(
            new SeedAttribute("Size", "radio", List.of("S", "M", "L", "XL"), List.of("S", "M", "L", "XL")),
            new SeedAttribute("Colour", "color", List.of("Black", "White", "Red", "Blue"), List.of("BLK", "WHT", "RED", "BLU")),
            new SeedAttribute("Material", "select", List.of("Cotton", "Wool"), List.of("CO", "WO")));
    private static final List<List<String>> SEED_CATEGORIES = List.of(List.of("Clothing", "Shirts"), List.of("Clothing", "Knitwear"),
            List.of("Clothing", "Trousers"), List.of("Home", "Textiles"), List.of("Home", "Textiles", "Cushions"),
            List.of("Accessories"));
    private static final List<String> GARMENTS = List.of("T-Shirt", "Sweater", "Hoodie", "Polo", "Chinos", "Cushion Cover",
            "Scarf", "Beanie", "Throw", "Cardigan");

    /**
     * Creates products with variants (see {@code OdooSimulator#seedVariableProducts}); the random
     * draws depend on {@code seed} and on how many templates exist already.
     */
    synchronized List<Long> seedVariableProducts(int templates, long seed) {
        Random random = new Random(seed * 7919 + db.size("product.template"));
        java.util.Map<String, java.util.Map<String, Long>> values = new java.util.LinkedHashMap<>();
        java.util.Map<String, Long> attributes = new java.util.LinkedHashMap<>();
        for (SeedAttribute attribute : SEED_ATTRIBUTES) {
            long id = find("product.attribute", List.of(List.of("name", "=", attribute.name()))).orElseGet(() ->
                    createStamped("product.attribute", OdooJson.NODES.objectNode().put("name", attribute.name())
                            .put("display_type", attribute.displayType()).put("create_variant", "always")));
            attributes.put(attribute.name(), id);
            java.util.Map<String, Long> byName = new java.util.LinkedHashMap<>();
            for (int i = 0; i < attribute.values().size(); i++) {
                String value = attribute.values().get(i);
                int sequence = i;
                byName.put(value, find("product.attribute.value", List.of(List.of("attribute_id", "=", id), List.of("name", "=", value)))
                        .orElseGet(() -> createStamped("product.attribute.value", OdooJson.NODES.objectNode().put("name", value)
                                .put("attribute_id", id).put("sequence", sequence))));
            }
            values.put(attribute.name(), byName);
        }
        List<Long> categories = SEED_CATEGORIES.stream().map(this::category).toList();
        long stock = db.search("stock.location", OdooJson.toJson(List.of(List.of("complete_name", "=", "WH/Stock"))), 0, 1L, null, false)
                .get(0);
        List<Long> created = new java.util.ArrayList<>();
        for (int t = 0; t < templates; t++) {
            int number = db.size("product.template") + 1;
            String garment = pick(random, GARMENTS);
            String material = pick(random, MATERIALS);
            // Size and Colour always, Material one time in three: 4 to 16 variants, or up to 24 with three attributes
            List<SeedAttribute> chosen = new java.util.ArrayList<>(SEED_ATTRIBUTES.subList(0, 2));
            if (random.nextInt(3) == 0) {
                chosen.add(SEED_ATTRIBUTES.get(2));
            }
            ObjectNode vals = OdooJson.NODES.objectNode();
            // names are unique, as a shop's product names are: the template is found again by its name
            String name = pick(random, ADJECTIVES) + " " + material + " " + garment;
            for (int again = 2; find("product.template", List.of(List.of("name", "=", name))).isPresent(); again++) {
                name = pick(random, ADJECTIVES) + " " + material + " " + garment + (again > 5 ? " " + again : "");
            }
            vals.put("name", name);
            vals.put("type", "product");
            vals.put("categ_id", pick(random, categories));
            BigDecimal price = BigDecimal.valueOf(9 + random.nextInt(120)).add(new BigDecimal(pick(random, List.of("0.00", "0.50", "0.95"))));
            vals.put("list_price", price);
            vals.put("description_sale", material + " " + garment.toLowerCase(Locale.ROOT) + ", in several sizes and colours.");
            ArrayNode lines = vals.putArray("attribute_line_ids");
            java.util.Map<Long, String> codeOfValue = new java.util.HashMap<>();
            for (SeedAttribute attribute : chosen) {
                // at most 30 variants: with three attributes, sizes are kept to three (3 × 4 × 2 = 24)
                int most = chosen.size() == 3 && attribute.name().equals("Size") ? 3 : attribute.values().size();
                int keep = most == 2 ? 2 : 2 + random.nextInt(most - 1);
                List<Integer> indexes = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, attribute.values().size()).boxed().toList());
                java.util.Collections.shuffle(indexes, random);
                ArrayNode ids = OdooJson.NODES.arrayNode();
                indexes.subList(0, keep).stream().sorted().forEach(i -> {
                    long value = values.get(attribute.name()).get(attribute.values().get(i));
                    ids.add(value);
                    codeOfValue.put(value, attribute.codes().get(i));
                });
                ObjectNode line = lines.addArray().add(0).add(0).addObject();
                line.put("attribute_id", attributes.get(attribute.name()));
                line.putArray("value_ids").addArray().add(6).add(0).add(ids);
            }
            long template = createStamped("product.template", vals);
            created.add(template);
            String prefix = garment.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
            prefix = prefix.substring(0, Math.min(4, prefix.length())) + String.format("%04d", number);
            for (Long variant : db.search("product.product", OdooJson.toJson(List.of(List.of("product_tmpl_id", "=", template))), 0, null,
                    "id asc", false)) {
                JsonNode record = db.read("product.product", List.of(variant), List.of("product_template_attribute_value_ids")).get(0);
                StringBuilder code = new StringBuilder(prefix);
                for (JsonNode ptav : record.get("product_template_attribute_value_ids")) {
                    JsonNode value = db.read("product.template.attribute.value", List.of(ptav.asLong()), List.of("product_attribute_value_id"))
                            .get(0).get("product_attribute_value_id");
                    code.append('-').append(codeOfValue.get(value.get(0).asLong()));
                }
                java.time.LocalDateTime at = FIRST_STAMP.plusMinutes(7 * stamps++);
                if (variant % 11 != 0) {
                    db.writeAt("product.product", variant, OdooJson.NODES.objectNode().put("default_code", code.toString()), at);
                }
                if (random.nextInt(5) != 0) {
                    db.setOnHand(variant, stock, BigDecimal.valueOf(random.nextInt(60)), at);
                }
            }
        }
        return created;
    }

    /** A category by its path under "All", made where missing. */
    private long category(List<String> path) {
        long parent = 1;
        for (String name : path) {
            long parentId = parent;
            parent = find("product.category", List.of(List.of("name", "=", name), List.of("parent_id", "=", parentId))).orElseGet(() ->
                    createStamped("product.category", OdooJson.NODES.objectNode().put("name", name).put("parent_id", parentId)));
        }
        return parent;
    }

    private java.util.Optional<Long> find(String model, List<List<Object>> domain) {
        return db.search(model, OdooJson.toJson(domain), 0, 1L, "id asc", false).stream().findFirst();
    }

    private long createStamped(String model, ObjectNode vals) {
        return db.createAt(model, vals, FIRST_STAMP.plusMinutes(7 * stamps++));
    }
}
