package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.NeutralOrder;
import com.wooodoo.sync.connector.NeutralOrder.Address;
import com.wooodoo.sync.connector.mapping.OrderRules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Odoo partners of guest orders (no shop customer): the partner whose e-mail is the billing
 * e-mail (without regard to case), or one created from the billing address, so that a later
 * customer sync of that e-mail finds it by the customers' rule (one partner per e-mail); several
 * partners with that e-mail are a DuplicateKey. A guest order without an e-mail goes to the
 * walk-in partner of orders.yaml ({@code guests.walkInPartnerRef}), or is a ValidationError
 * naming {@code billing.email}. One look-up and at most one create for a whole batch; one batch
 * at a time (batches in flight at once may have guests with one e-mail).
 */
final class GuestPartners {

    private static final RelatedKeys.Relation PARTNER_REF = new RelatedKeys.Relation("res.partner", "ref");
    private static final RelatedKeys.Relation COUNTRY_CODE = new RelatedKeys.Relation("res.country", "code");

    private final OdooApi api;
    private final RelatedKeys related;
    private final OdooFailures failures;
    private final KeyLookups lookups;

    GuestPartners(OdooApi api, RelatedKeys related, OdooFailures failures, KeyLookups lookups) {
        this.api = api;
        this.related = related;
        this.failures = failures;
        this.lookups = lookups;
    }

    /**
     * The partner of each guest order, by index: its id, an {@link IllegalArgumentException} or a
     * {@link ConnectorException} for the order; orders with a customer are left out.
     */
    synchronized Map<Integer, Object> partnersOf(OrderRules rules, List<Map<String, Object>> orders) {
        Map<Integer, Object> partners = new HashMap<>();
        Map<String, Address> billingByEmail = new LinkedHashMap<>();
        Map<Integer, String> emailOf = new HashMap<>();
        boolean walkIn = false;
        for (int i = 0; i < orders.size(); i++) {
            Map<String, Object> order = orders.get(i);
            if (NeutralOrder.text(order.get(NeutralOrder.CUSTOMER)) != null || !order.containsKey(NeutralOrder.BILLING)
                    && !order.containsKey(NeutralOrder.SHIPPING_LINES)) {
                continue;
            }
            Address billing = Address.of(order.get(NeutralOrder.BILLING));
            String email = billing == null || billing.email() == null ? null : billing.email().toLowerCase(Locale.ROOT);
            if (email == null) {
                walkIn = true;
                emailOf.put(i, null);
            } else {
                emailOf.put(i, email);
                billingByEmail.putIfAbsent(email, billing);
            }
        }
        Long walkInId = null;
        if (walkIn && rules.walkInPartnerRef().isPresent()) {
            walkInId = related.idsOf(PARTNER_REF, List.of(rules.walkInPartnerRef().get())).get(rules.walkInPartnerRef().get());
        }
        Map<String, List<Long>> found = find(billingByEmail.keySet());
        List<String> toCreate = billingByEmail.keySet().stream().filter(e -> !found.containsKey(e)).toList();
        Map<String, Object> created = create(toCreate, billingByEmail);
        for (Map.Entry<Integer, String> entry : emailOf.entrySet()) {
            String email = entry.getValue();
            int index = entry.getKey();
            if (email == null) {
                if (rules.walkInPartnerRef().isEmpty()) {
                    partners.put(index, new IllegalArgumentException("field 'billing.email': a guest order without an e-mail needs"
                            + " guests.walkInPartnerRef in orders.yaml"));
                } else if (walkInId == null) {
                    partners.put(index, new IllegalArgumentException("field 'billing.email': a guest order without an e-mail goes to"
                            + " the walk-in partner, but Odoo has no partner with ref '" + rules.walkInPartnerRef().get() + "'"));
                } else {
                    partners.put(index, walkInId);
                }
            } else if (found.containsKey(email) && found.get(email).size() > 1) {
                partners.put(index, OdooOrderComposer.duplicate("the guest's e-mail " + email + " belongs to "
                        + found.get(email).size() + " Odoo partners (ids " + found.get(email) + "); keep one"));
            } else {
                partners.put(index, found.containsKey(email) ? found.get(email).get(0) : created.get(email));
            }
        }
        return partners;
    }

    /**
     * The partners of each e-mail (as given, lower-cased), by {@code email_normalized in} or, where
     * Odoo lacks it, small {@code =ilike} chunks ({@link KeyLookups}).
     */
    private Map<String, List<Long>> find(Set<String> emails) {
        Map<String, List<Long>> found = new HashMap<>();
        if (emails.isEmpty()) {
            return found;
        }
        Map<String, List<String>> wanted = new HashMap<>();
        emails.forEach(email -> wanted.computeIfAbsent(KeyLookups.normalizedEmail(email), e -> new ArrayList<>()).add(email));
        // compared as Odoo normalised them where it did: "Ann <ann@x.com>" is ann@x.com
        String field = lookups.hasEmailNormalized() ? KeyLookups.EMAIL_NORMALIZED : KeyLookups.EMAIL;
        for (JsonNode partner : lookups.find(KeyLookups.PARTNER, KeyLookups.EMAIL, emails, List.of("id", field), false,
                "res.partner.search_read (guests)")) {
            String email = KeyLookups.normalizedEmail(partner.path(field).asText(""));
            for (String asked : wanted.getOrDefault(email, List.of())) {
                found.computeIfAbsent(asked, e -> new ArrayList<>()).add(partner.path("id").asLong());
            }
        }
        return found;
    }

    /** The partner id created for each e-mail, or why none could be (an unknown country). */
    private Map<String, Object> create(List<String> all, Map<String, Address> billing) {
        if (all.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> created = new HashMap<>();
        Set<String> countries = new LinkedHashSet<>();
        all.forEach(e -> {
            if (billing.get(e).country() != null) {
                countries.add(billing.get(e).country());
            }
        });
        Map<String, Long> countryIds = countries.isEmpty() ? Map.of() : related.idsOf(COUNTRY_CODE, countries);
        List<String> emails = new ArrayList<>();
        for (String email : all) {
            String country = billing.get(email).country();
            if (country != null && !countryIds.containsKey(country)) {
                created.put(email, new IllegalArgumentException("field 'billing.country': no res.country with code '" + country
                        + "' for the guest's new partner"));
            } else {
                emails.add(email);
            }
        }
        if (emails.isEmpty()) {
            return created;
        }
        List<ObjectNode> values = new ArrayList<>();
        for (String email : emails) {
            Address address = billing.get(email);
            ObjectNode vals = PartnerAddresses.values(address, address.country() == null ? null : countryIds.get(address.country()));
            vals.put("name", address.name() != null ? address.name() : address.company() != null ? address.company() : email);
            vals.put("email", address.email());
            PartnerAddresses.put(vals, "phone", address.phone());
            PartnerAddresses.put(vals, "company_name", address.company());
            values.add(vals);
        }
        List<Long> ids = PartnerAddresses.create(api, failures, values, "guests");
        for (int i = 0; i < emails.size(); i++) {
            created.put(emails.get(i), ids.get(i));
        }
        return created;
    }
}
