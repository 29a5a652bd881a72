package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic mix of shop orders for tests and the demo: the same seed, count, customers and
 * products give the same orders. Each order is created as {@code POST /orders} would create it,
 * so its taxes, discounts and totals are WooCommerce's ({@link WooOrderTotals}); it is dated in
 * the past (from 2024-01-01, a minute apart) with the created-via, payment and completion dates
 * of a checkout. What the mix holds:
 *
 * <ul>
 * <li><b>Customers</b>: about 60 % registered customers (existing customer ids of the shop, with
 * their names and e-mails), the others guests ({@code customer_id: 0}) whose billing e-mail is,
 * in about equal parts, that of a registered customer, a new one, one an earlier guest used
 * (same person), or empty. Without customers in the shop every order is a guest's.</li>
 * <li><b>Where and how taxed</b>: California (rates 75, 82, 83), another US state with one rate
 * (Arizona, Colorado, Florida, Georgia, Connecticut, D.C., Arkansas; some tax shipping), Oregon
 * (no rate) — these in USD, prices without tax; Great Britain (VAT 20 %, reduced 5 %) in GBP
 * and Germany (MwSt. 19 %, reduced 7 %) in EUR, both with {@code prices_include_tax: true} and
 * about a quarter of their lines in the {@code reduced-rate} class.</li>
 * <li><b>Addresses</b>: the shipping address the billing one, another person and street at the
 * same place, or empty (taxed at the billing address).</li>
 * <li><b>Lines</b>: 1 to 4 different products of the shop, quantities 1 to 3, kept so that a
 * line stays below 100 (about one line in 20 may be any product).</li>
 * <li><b>Shipping</b>: {@code flat_rate} "Flat rate" (4.99, 5.00 or 7.50), {@code free_shipping}
 * "Free shipping" (0.00), in the US {@code local_pickup} "Local pickup" (0.00, taxed at the shop's
 * address in Oregon), or none.</li>
 * <li><b>Fees</b>: sometimes "Gift wrap" 2.50 (taxable), sometimes "Handling" 1.50 (not taxable).</li>
 * <li><b>Coupons</b>: {@code save10} or {@code take15} (percent), {@code fiveoff} (fixed cart),
 * or {@code save10} with {@code fiveoff}; most orders have none.</li>
 * <li><b>Statuses</b>: mostly processing, completed and on-hold; a few pending and cancelled.</li>
 * </ul>
 */
public final class WooOrderMix {

    /** An order to create: its REST body and its dates. */
    record Planned(ObjectNode body, Instant created, Instant modified) {
    }

    private record Place(String market, String city, String state, String country, String postcode, String phone,
                         List<String> streets) {
    }

    private record Guest(WooSeedData.Person person, String email) {
    }

    private static final Instant MIX_FROM = Instant.parse("2024-01-01T08:00:00Z");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigDecimal LINE_LIMIT = new BigDecimal("100");
    private static final List<Place> CALIFORNIA = List.of(
            new Place("CA", "San Francisco", "CA", "US", "941##", "(415) 555-####", List.of("Market Street", "Mission Street")),
            new Place("CA", "Los Angeles", "CA", "US", "900##", "(213) 555-####", List.of("Sunset Boulevard", "Figueroa Street")),
            new Place("CA", "San Diego", "CA", "US", "921##", "(619) 555-####", List.of("Harbor Drive", "India Street")));
    private static final List<Place> ONE_RATE_STATES = List.of(
            new Place("US", "Phoenix", "AZ", "US", "850##", "(602) 555-####", List.of("Central Avenue", "Van Buren Street")),
            new Place("US", "Denver", "CO", "US", "802##", "(303) 555-####", List.of("Colfax Avenue", "Larimer Street")),
            new Place("US", "Miami", "FL", "US", "331##", "(305) 555-####", List.of("Biscayne Boulevard", "Ocean Drive")),
            new Place("US", "Atlanta", "GA", "US", "303##", "(404) 555-####", List.of("Peachtree Street", "Auburn Avenue")),
            new Place("US", "Hartford", "CT", "US", "061##", "(860) 555-####", List.of("Main Street", "Asylum Avenue")),
            new Place("US", "Washington", "DC", "US", "200##", "(202) 555-####", List.of("K Street NW", "U Street NW")),
            new Place("US", "Little Rock", "AR", "US", "722##", "(501) 555-####", List.of("Main Street", "Markham Street")));
    private static final List<Place> OREGON = List.of(
            new Place("OR", "Portland", "OR", "US", "972##", "(503) 555-####", List.of("Burnside Street", "Hawthorne Boulevard")),
            new Place("OR", "Eugene", "OR", "US", "974##", "(541) 555-####", List.of("Willamette Street", "Pearl Street")));
    private static final List<Place> BRITAIN = List.of(
            new Place("GB", "London", "", "GB", "SW1A #AA", "+44 20 #### ####", List.of("Baker Street", "Oxford Street")),
            new Place("GB", "Manchester", "", "GB", "M1 #AE", "+44 161 ### ####", List.of("Deansgate", "Oldham Street")));
    private static final List<Place> GERMANY = List.of(
            new Place("DE", "Berlin", "", "DE", "10###", "+49 30 #######", List.of("Friedrichstraße", "Kastanienallee")),
            new Place("DE", "München", "", "DE", "80###", "+49 89 #######", List.of("Leopoldstraße", "Sendlinger Straße")),
            new Place("DE", "Hamburg", "", "DE", "20###", "+49 40 #######", List.of("Mönckebergstraße", "Reeperbahn")));
    private static final String[][] PAYMENTS = {{"bacs", "Direct Bank Transfer"}, {"cod", "Cash on delivery"},
            {"paypal", "PayPal"}, {"stripe", "Credit Card (Stripe)"}};

    private final long seed;
    private final int count;

    /** @param seed the mix's own seed; @param count how many orders */
    public WooOrderMix(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        this.seed = seed;
        this.count = count;
    }

    public long seed() {
        return seed;
    }

    public int count() {
        return count;
    }

    /** Adds the mix's orders to the shop (which needs products; customers make some orders registered ones); answers their ids. */
    public List<Long> seedInto(WooCommerceSimulator shop) {
        return shop.seedOrderMix(count, seed);
    }

    /** The orders of the mix for these customers and products, in order. */
    List<Planned> plan(List<ObjectNode> customers, List<ObjectNode> products) {
        if (products.isEmpty()) {
            throw new IllegalStateException("seed products before orders: an order's lines refer to existing products");
        }
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x4D49L);
        List<ObjectNode> affordable = products.stream().filter(p -> {
            BigDecimal price = WooInput.money(p.path("price").asText(""));
            return price.signum() > 0 && price.compareTo(LINE_LIMIT) < 0;
        }).toList();
        List<Guest> guests = new ArrayList<>();
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode body = order(r, customers, products, affordable.isEmpty() ? products : affordable, guests);
            Instant created = MIX_FROM.plus(Duration.ofMinutes(i)).plusSeconds(r.nextInt(60));
            Instant modified = created.plusSeconds(r.nextInt(3 * 24 * 3600));
            planned.add(new Planned(body, created, modified));
        }
        return planned;
    }

    private static ObjectNode order(SplittableRandom r, List<ObjectNode> customers, List<ObjectNode> products,
                                    List<ObjectNode> affordable, List<Guest> guests) {
        ObjectNode o = NODES.objectNode();
        Place place = place(r);
        boolean europe = place.country().equals("GB") || place.country().equals("DE");
        o.put("currency", switch (place.country()) {
            case "GB" -> "GBP";
            case "DE" -> "EUR";
            default -> "USD";
        });
        o.put("prices_include_tax", europe);

        ObjectNode billing = o.putObject("billing");
        boolean registered = !customers.isEmpty() && r.nextInt(10) < 6;
        WooSeedData.Person person;
        String email;
        if (registered) {
            ObjectNode customer = customers.get(r.nextInt(customers.size()));
            o.put("customer_id", customer.path("id").asLong());
            person = new WooSeedData.Person(customer.path("first_name").asText(), customer.path("last_name").asText());
            email = customer.path("email").asText();
        } else {
            o.put("customer_id", 0);
            Guest guest = guest(r, customers, guests);
            person = guest.person();
            email = guest.email();
        }
        fill(billing, person, place, r);
        billing.put("email", email);
        billing.put("phone", digits(r, place.phone()));

        ObjectNode shipping = o.putObject("shipping");
        int shipTo = r.nextInt(20);
        if (shipTo < 11) {
            for (String key : WooCustomers.SHIPPING) {
                shipping.set(key, billing.path(key));
            }
        } else if (shipTo < 16) {
            fill(shipping, WooSeedData.person(r), place, r); // a present for someone else, at the same place
        } // else no shipping address: taxed at the billing address

        ArrayNode lines = o.putArray("line_items");
        int lineCount = Math.min(1 + r.nextInt(4), products.size());
        Set<Long> chosen = new LinkedHashSet<>();
        while (chosen.size() < lineCount) {
            boolean anyProduct = r.nextInt(20) == 0;
            ObjectNode product = anyProduct ? products.get(r.nextInt(products.size())) : affordable.get(r.nextInt(affordable.size()));
            long id = product.path("id").asLong();
            if (!chosen.add(id)) {
                continue;
            }
            ObjectNode line = lines.addObject();
            line.put("product_id", id);
            line.put("quantity", quantity(r, WooInput.money(product.path("price").asText("")), anyProduct));
            if (europe && r.nextInt(4) == 0) {
                line.put("tax_class", "reduced-rate");
            }
        }

        int method = r.nextInt(20);
        ArrayNode shippingLines = o.putArray("shipping_lines");
        if (method < 9) {
            String[] rates = {"4.99", "5.00", "7.50"};
            shippingLines.addObject().put("method_id", "flat_rate").put("method_title", "Flat rate").put("total", rates[r.nextInt(rates.length)]);
        } else if (method < 14) {
            shippingLines.addObject().put("method_id", "free_shipping").put("method_title", "Free shipping").put("total", "0.00");
        } else if (method < 17 && !europe) {
            shippingLines.addObject().put("method_id", "local_pickup").put("method_title", "Local pickup").put("total", "0.00");
        } // else no shipping line (a download, a hand delivery)

        ArrayNode fees = o.putArray("fee_lines");
        if (r.nextInt(5) == 0) {
            fees.addObject().put("name", "Gift wrap").put("tax_class", "").put("tax_status", "taxable").put("total", "2.50");
        }
        if (r.nextInt(10) == 0) {
            fees.addObject().put("name", "Handling").put("tax_class", "").put("tax_status", "none").put("total", "1.50");
        }

        ArrayNode coupons = o.putArray("coupon_lines");
        int coupon = r.nextInt(100);
        if (coupon < 15) {
            coupons.addObject().put("code", "SAVE10");
        } else if (coupon < 25) {
            coupons.addObject().put("code", "TAKE15");
        } else if (coupon < 37) {
            coupons.addObject().put("code", "FIVEOFF");
        } else if (coupon < 40) {
            coupons.addObject().put("code", "SAVE10");
            coupons.addObject().put("code", "FIVEOFF");
        }

        String[] payment = PAYMENTS[r.nextInt(PAYMENTS.length)];
        o.put("payment_method", payment[0]);
        o.put("payment_method_title", payment[1]);
        o.put("customer_note", WooSeedData.note(r));
        int draw = r.nextInt(100);
        o.put("status", draw < 35 ? "processing" : draw < 65 ? "completed" : draw < 85 ? "on-hold" : draw < 93 ? "pending" : "cancelled");
        return o;
    }

    private static Place place(SplittableRandom r) {
        int market = r.nextInt(100);
        List<Place> places = market < 22 ? CALIFORNIA : market < 44 ? ONE_RATE_STATES : market < 56 ? OREGON
                : market < 78 ? BRITAIN : GERMANY;
        return places.get(r.nextInt(places.size()));
    }

    /**
     * A guest: with the e-mail of a registered customer (and their name), a new e-mail, the
     * e-mail of an earlier guest (the same person again), or none.
     */
    private static Guest guest(SplittableRandom r, List<ObjectNode> customers, List<Guest> guests) {
        int kind = r.nextInt(4);
        if (kind == 0 && !customers.isEmpty()) {
            ObjectNode customer = customers.get(r.nextInt(customers.size()));
            return new Guest(new WooSeedData.Person(customer.path("first_name").asText(), customer.path("last_name").asText()),
                    customer.path("email").asText());
        }
        if (kind == 1 && !guests.isEmpty()) {
            return guests.get(r.nextInt(guests.size()));
        }
        WooSeedData.Person person = WooSeedData.person(r);
        if (kind == 2) {
            return new Guest(person, "");
        }
        Guest guest = new Guest(person, WooSeedData.ascii(person.firstName()) + "." + WooSeedData.ascii(person.lastName())
                + ".guest" + (guests.size() + 1) + "@" + WooSeedData.pick(r, List.of("example.com", "example.org", "example.net")));
        guests.add(guest);
        return guest;
    }

    /** 1 to 3, but no more than keeps the line below 100 (unless the product was picked among all). */
    private static int quantity(SplittableRandom r, BigDecimal price, boolean anyProduct) {
        int most = 3;
        if (!anyProduct && price.signum() > 0) {
            most = Math.max(1, Math.min(3, LINE_LIMIT.subtract(new BigDecimal("0.01")).divideToIntegralValue(price).intValue()));
        }
        return 1 + r.nextInt(most);
    }

    private static void fill(ObjectNode address, WooSeedData.Person person, Place place, SplittableRandom r) {
        address.put("first_name", person.firstName());
        address.put("last_name", person.lastName());
        address.put("company", r.nextInt(8) == 0 ? WooSeedData.company(r) : "");
        address.put("address_1", WooSeedData.pick(r, place.streets()) + ", " + (1 + r.nextInt(999)));
        address.put("address_2", r.nextInt(4) == 0 ? "Apt " + (1 + r.nextInt(40)) : "");
        address.put("city", place.city());
        address.put("state", place.state());
        address.put("postcode", digits(r, place.postcode()));
        address.put("country", place.country());
    }

    private static String digits(SplittableRandom r, String pattern) {
        StringBuilder out = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            out.append(c == '#' ? (char) ('0' + r.nextInt(10)) : c);
        }
        return out.toString();
    }
}
