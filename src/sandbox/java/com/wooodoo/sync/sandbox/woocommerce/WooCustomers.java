package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * {@code /customers}: WordPress users with the customer role. The rules are WooCommerce's
 * ({@code WC_REST_Customers_Controller}, {@code WC_Customer}, {@code wc_create_new_customer}):
 * an e-mail is required, must be valid and must not belong to another account.
 */
final class WooCustomers extends WooResource {

    static final List<String> BILLING = List.of("first_name", "last_name", "company", "address_1", "address_2", "city",
            "state", "postcode", "country", "email", "phone");
    static final List<String> SHIPPING = BILLING.subList(0, 9);

    WooCustomers(WooStore store) {
        super(EntityType.CUSTOMERS, store);
    }

    @Override
    ObjectNode blank() {
        ObjectNode c = NODES.objectNode();
        c.put("id", 0);
        WooDates.stamp(c, "date_created", null);
        WooDates.stamp(c, "date_modified", null);
        c.put("email", "");
        c.put("first_name", "");
        c.put("last_name", "");
        c.put("role", "customer");
        c.put("username", "");
        c.set("billing", emptyAddress(BILLING));
        c.set("shipping", emptyAddress(SHIPPING));
        c.put("is_paying_customer", false);
        c.put("avatar_url", "");
        c.set("meta_data", NODES.arrayNode());
        return c;
    }

    static ObjectNode emptyAddress(List<String> keys) {
        ObjectNode address = NODES.objectNode();
        keys.forEach(k -> address.put(k, ""));
        return address;
    }

    @Override
    void applyCreate(ObjectNode record, JsonNode body, boolean inBatch) {
        String email = WooInput.text(body, "email");
        if (email == null && !inBatch) {
            // a direct POST validates its arguments first; a batch item goes straight to create_item()
            throw new WooApiException("rest_missing_callback_param", "Missing parameter(s): email", 400)
                    .with("params", NODES.arrayNode().add("email"));
        }
        email = email == null ? "" : email.strip();
        if (!email.isEmpty() && !WooInput.isEmail(email)) {
            throw new WooApiException("customer_invalid_email", "Invalid email address", 400);
        }
        if (email.isEmpty()) {
            throw new WooApiException("registration-error-invalid-email", "Please provide a valid email address.", 400);
        }
        if (store.customerByEmail(email).isPresent()) {
            throw new WooApiException("registration-error-email-exists",
                    "An account is already registered with your email address. <a href=\"#\" class=\"showlogin\">Please log in.</a>", 400);
        }
        String username = WooInput.text(body, "username");
        if (username != null && !username.isBlank()) {
            if (store.customerByUsername(username.strip()).isPresent()) {
                throw new WooApiException("registration-error-username-exists",
                        "An account is already registered with that username. Please choose another.", 400);
            }
            record.put("username", username.strip());
        } else {
            record.put("username", freeUsername(email));
        }
        record.put("email", email);
        applyProfile(record, body);
        record.put("avatar_url", avatarUrl(email));
    }

    @Override
    void applyUpdate(ObjectNode record, JsonNode body, boolean inBatch) {
        String email = WooInput.text(body, "email");
        String current = record.path("email").asText();
        // WooCommerce compares case-sensitively here, while the lookup ignores case
        if (email != null && !email.isEmpty() && store.customerByEmail(email).isPresent() && !email.equals(current)) {
            throw new WooApiException("woocommerce_rest_customer_invalid_email", "Email address is invalid.", 400);
        }
        String username = WooInput.text(body, "username");
        if (username != null && !username.isEmpty() && !username.equals(record.path("username").asText())) {
            throw new WooApiException("woocommerce_rest_customer_invalid_argument", "Username isn't editable.", 400);
        }
        if (email != null) {
            if (!email.isEmpty() && !WooInput.isEmail(email)) {
                throw new WooApiException("customer_invalid_email", "Invalid email address", 400);
            }
            record.put("email", email.strip());
            record.put("avatar_url", avatarUrl(email.strip()));
        }
        applyProfile(record, body);
    }

    private static void applyProfile(ObjectNode record, JsonNode body) {
        WooInput.copyText(body, record, "first_name");
        WooInput.copyText(body, record, "last_name");
        WooInput.copyObject(body, record, "billing", BILLING);
        WooInput.copyObject(body, record, "shipping", SHIPPING);
        String billingEmail = record.path("billing").path("email").asText();
        if (!billingEmail.isEmpty() && !WooInput.isEmail(billingEmail)) {
            throw new WooApiException("customer_invalid_billing_email", "Invalid billing email address", 400);
        }
    }

    @Override
    ObjectNode generate(int ordinal, SplittableRandom r) {
        WooSeedData.Person person = WooSeedData.person(r);
        String email = WooSeedData.email(person, ordinal, r);
        while (store.customerByEmail(email).isPresent()) {
            email = "x" + email;
        }
        ObjectNode c = blank();
        c.put("email", email);
        c.put("first_name", person.firstName());
        c.put("last_name", person.lastName());
        c.put("username", freeUsername(email));
        WooSeedData.Address address = WooSeedData.address(r);
        fillAddress((ObjectNode) c.get("billing"), person, WooSeedData.company(r), address);
        ((ObjectNode) c.get("billing")).put("email", email);
        ((ObjectNode) c.get("billing")).put("phone", address.phone());
        fillAddress((ObjectNode) c.get("shipping"), person, c.path("billing").path("company").asText(), address);
        c.put("avatar_url", avatarUrl(email));
        return c;
    }

    static void fillAddress(ObjectNode target, WooSeedData.Person person, String company, WooSeedData.Address a) {
        target.put("first_name", person.firstName());
        target.put("last_name", person.lastName());
        target.put("company", company);
        target.put("address_1", a.address1());
        target.put("address_2", a.address2());
        target.put("city", a.city());
        target.put("state", a.state());
        target.put("postcode", a.postcode());
        target.put("country", a.country());
    }

    @Override
    WooApiException invalidId(int status) {
        return new WooApiException("woocommerce_rest_invalid_id", "Invalid resource ID.", status);
    }

    @Override
    WooApiException existsOnCreate() {
        return new WooApiException("woocommerce_rest_customer_exists", "Cannot create existing resource.", 400);
    }

    @Override
    Predicate<ObjectNode> filter(Map<String, String> query) {
        Predicate<ObjectNode> filter = EVERY;
        String role = query.getOrDefault("role", "customer");
        if (!role.equals("all") && !role.equals("customer")) {
            filter = r -> false; // every simulated user is a customer
        }
        String email = query.get("email");
        if (email != null && !email.isEmpty()) {
            filter = both(filter, r -> r.path("email").asText().equalsIgnoreCase(email));
        }
        String search = query.get("search");
        if (search != null && !search.isEmpty()) {
            String term = search.toLowerCase(Locale.ROOT);
            // WordPress searches only the e-mail column for a term with '@'
            filter = both(filter, term.contains("@")
                    ? r -> r.path("email").asText().toLowerCase(Locale.ROOT).contains(term)
                    : r -> (r.path("email").asText() + " " + r.path("username").asText() + " "
                    + r.path("first_name").asText() + " " + r.path("last_name").asText()).toLowerCase(Locale.ROOT).contains(term));
        }
        return filter;
    }

    @Override
    Map<String, Comparator<ObjectNode>> orderings() {
        Map<String, Comparator<ObjectNode>> orderings = new LinkedHashMap<>();
        orderings.put("id", (a, b) -> 0);
        orderings.put("include", (a, b) -> 0);
        orderings.put("name", byText("username")); // WordPress's display_name, which is the user name by default
        orderings.put("registered_date", byDate("date_created"));
        return orderings;
    }

    @Override
    String defaultOrderBy() {
        return "name";
    }

    @Override
    String defaultOrder() {
        return "asc";
    }

    private String freeUsername(String email) {
        String base = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        if (base.isEmpty()) {
            base = "customer";
        }
        String candidate = base;
        for (int n = 2; store.customerByUsername(candidate).isPresent(); n++) {
            candidate = base + n;
        }
        return candidate;
    }

    static String avatarUrl(String email) {
        try {
            byte[] hash = MessageDigest.getInstance("MD5").digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "https://secure.gravatar.com/avatar/" + HexFormat.of().formatHex(hash) + "?s=96";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
