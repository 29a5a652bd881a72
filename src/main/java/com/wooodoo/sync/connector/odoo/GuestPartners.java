package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.NeutralOrder;
import com.wooodoo.sync.connector.NeutralOrder.Address;
import com.wooodoo.sync.connector.mapping.OrderRules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * naming {@code billing.email}. One look-up and at most one create for a whole batch; the look-up
 * reads as well the contacts {@link AddressContacts} needs, of the guests' partners and of the
 * batch's customers, where Odoo has {@code email_normalized}. One batch at a time (batches in
 * flight at once may have guests with one e-mail): the caller holds {@link AddressContacts#lock}.
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
     * The partner of each guest order, by index ({@code partners}: its id, an {@link
     * IllegalArgumentException} or a {@link ConnectorException} for the order; orders with a
     * customer are left out), and what was learnt of the partners' contacts on the way.
     */
    record Found(Map<Integer, Object> partners, AddressContacts.Known known) {
    }

    /** @param customers the partners of the batch's orders with a customer, whose contacts are read along */
    Found partnersOf(OrderRules rules, List<Map<String, Object>> orders, Set<Long> customers) {
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
        Map<String, List<Long>> found = new HashMap<>();
        Set<Long> known = new HashSet<>(customers);
        if (walkInId != null) {
            known.add(walkInId); // the orders without an e-mail have their addresses as its contacts
        }
        AddressContacts.Known read = find(billingByEmail.keySet(), known, found);
        List<String> toCreate = billingByEmail.keySet().stream().filter(e -> !found.containsKey(e)).toList();
        Map<String, Object> created = create(toCreate, billingByEmail);
        Map<Long, Address> createdAddresses = new HashMap<>();
        created.forEach((email, id) -> {
            if (id instanceof Long partner) {
                createdAddresses.put(partner, ownAddress(billingByEmail.get(email), email));
            }
        });
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
        return new Found(partners, new AddressContacts.Known(read.covered(), read.records(), createdAddresses));
    }

    /**
     * The partners of each e-mail (as given, lower-cased) into {@code found}, by {@code
     * email_normalized in} or, where Odoo lacks it, small {@code =ilike} chunks ({@link
     * KeyLookups}). With {@code email_normalized} the same call reads the {@code customers} and the
     * invoice and delivery contacts of both, all indexed look-ups; what it read is answered.
     */
    private AddressContacts.Known find(Set<String> emails, Set<Long> customers, Map<String, List<Long>> found) {
        if (emails.isEmpty()) {
            return AddressContacts.Known.NOTHING;
        }
        Map<String, List<String>> wanted = new HashMap<>();
        emails.forEach(email -> wanted.computeIfAbsent(KeyLookups.normalizedEmail(email), e -> new ArrayList<>()).add(email));
        boolean normalized = lookups.hasEmailNormalized();
        // compared as Odoo normalised them where it did: "Ann <ann@x.com>" is ann@x.com
        String field = normalized ? KeyLookups.EMAIL_NORMALIZED : KeyLookups.EMAIL;
        List<JsonNode> records = new ArrayList<>();
        if (normalized) {
            ArrayNode guests = lookups.indexedDomain(KeyLookups.PARTNER, KeyLookups.EMAIL, emails);
            ArrayNode domain = AddressContacts.withContacts(guests, OdooCall.where("parent_id." + KeyLookups.EMAIL_NORMALIZED, "in",
                    guests.get(0).get(2)));
            if (!customers.isEmpty()) {
                domain = OdooCall.either(domain, AddressContacts.withContacts(OdooCall.where("id", "in", OdooCall.ids(customers)),
                        OdooCall.where("parent_id", "in", OdooCall.ids(customers))));
            }
            List<String> fields = new ArrayList<>(AddressContacts.FIELDS);
            fields.add(field);
            failures.records(api.call(OdooCall.searchRead(KeyLookups.PARTNER, domain, fields, null, 0, "id asc", false)),
                    KeyLookups.PARTNER).forEach(records::add);
        } else {
            records.addAll(lookups.find(KeyLookups.PARTNER, KeyLookups.EMAIL, emails, List.of("id", field), false,
                    "res.partner.search_read (guests)"));
        }
        Set<Long> covered = new HashSet<>(customers);
        for (JsonNode partner : records) {
            String email = KeyLookups.normalizedEmail(partner.path(field).asText(""));
            for (String asked : wanted.getOrDefault(email, List.of())) {
                found.computeIfAbsent(asked, e -> new ArrayList<>()).add(partner.path("id").asLong());
                covered.add(partner.path("id").asLong());
            }
        }
        return normalized ? new AddressContacts.Known(covered, records, Map.of()) : AddressContacts.Known.NOTHING;
    }

    /** The address a guest's partner was created with ({@link #create}): the billing address, named as there. */
    private static Address ownAddress(Address billing, String email) {
        String name = billing.name() != null ? billing.name() : billing.company() != null ? billing.company() : email;
        return new Address(name, null, billing.street(), billing.street2(), billing.city(), billing.zip(), null,
                billing.country(), null, null);
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
            vals.put("name", ownAddress(address, email).name());
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
