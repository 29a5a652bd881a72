package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.NeutralOrder.Address;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invoice and delivery addresses of orders as Odoo contacts: the order's partner itself where
 * the address is the partner's, else a child contact of type {@code invoice} or {@code delivery}
 * with that address, found again by its address on every sync (never created twice) or created
 * (without an e-mail, so that the customers' rule "one partner per e-mail" still holds). One read
 * of the partners and their contacts, and at most one create, per batch; the read is left out for
 * the partners {@link GuestPartners} read with their contacts, or just created. One batch at a time
 * (batches in flight at once may have orders of one customer): the caller holds {@link #lock}
 * from the guests' look-up to the contacts' creation.
 */
final class AddressContacts {

    static final String INVOICE = "invoice";
    static final String DELIVERY = "delivery";
    private static final RelatedKeys.Relation COUNTRY_CODE = new RelatedKeys.Relation("res.country", "code");
    static final List<String> FIELDS = List.of("id", "name", "street", "street2", "city", "zip", "country_id",
            "parent_id", "type");

    /** An address wanted for a partner, as contact of a type. */
    record Wanted(long partnerId, String type, Address address) {
    }

    /**
     * Partners already known with all their contacts: read ({@code records}: each partner of
     * {@code covered} and its invoice and delivery contacts) or just created ({@code created}: their
     * own address, no contacts yet).
     */
    record Known(Set<Long> covered, List<JsonNode> records, Map<Long, Address> created) {

        static final Known NOTHING = new Known(Set.of(), List.of(), Map.of());
    }

    /** Held by a batch from the look-up of its partners to the creation of their contacts. */
    final Object lock = new Object();

    private final OdooApi api;
    private final RelatedKeys related;
    private final OdooFailures failures;

    AddressContacts(OdooApi api, RelatedKeys related, OdooFailures failures) {
        this.api = api;
        this.related = related;
        this.failures = failures;
    }

    /**
     * The contact id for each wanted address (the partner's own id where the address is the
     * partner's), or an {@link IllegalArgumentException} saying why there is none (a country Odoo
     * does not know).
     */
    Map<Wanted, Object> contactsFor(Collection<Wanted> wanted, Known known) {
        Map<Wanted, Object> ids = new HashMap<>();
        if (wanted.isEmpty()) {
            return ids;
        }
        Set<Long> partners = new HashSet<>();
        wanted.forEach(w -> partners.add(w.partnerId()));
        Set<Long> unknown = new HashSet<>(partners);
        unknown.removeAll(known.covered());
        unknown.removeAll(known.created().keySet());
        List<JsonNode> read = new ArrayList<>(known.records());
        if (!unknown.isEmpty()) {
            api.call(OdooCall.searchRead("res.partner", withContacts(OdooCall.where("id", "in", OdooCall.ids(unknown)),
                    OdooCall.where("parent_id", "in", OdooCall.ids(unknown))), FIELDS, null, 0, "id asc", false)).forEach(read::add);
        }
        Set<Long> countryIds = new HashSet<>();
        read.forEach(p -> OdooValues.many2oneId(p.get("country_id")).ifPresent(countryIds::add));
        Map<Long, String> countries = countryIds.isEmpty() ? Map.of() : related.keysOf(COUNTRY_CODE, countryIds);
        Map<Long, Address> own = new HashMap<>(known.created());
        Map<Long, List<Map.Entry<Long, JsonNode>>> children = new HashMap<>();
        for (JsonNode partner : read) {
            long id = partner.path("id").asLong();
            Long parent = OdooValues.many2oneId(partner.get("parent_id")).orElse(null);
            if (partners.contains(id)) {
                own.put(id, address(partner, countries));
            }
            if (parent != null && partners.contains(parent)) {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(Map.entry(id, partner));
            }
        }
        Map<Wanted, Wanted> toCreate = new LinkedHashMap<>();
        for (Wanted w : wanted) {
            Address partnerAddress = own.get(w.partnerId());
            if (w.address() == null || w.address().isBlank() || w.address().samePlaceAs(partnerAddress)) {
                ids.put(w, w.partnerId());
                continue;
            }
            Long child = children.getOrDefault(w.partnerId(), List.of()).stream()
                    .filter(c -> w.type().equals(c.getValue().path("type").asText())
                            && w.address().samePlaceAs(address(c.getValue(), countries)))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (child != null) {
                ids.put(w, child);
            } else {
                toCreate.putIfAbsent(new Wanted(w.partnerId(), w.type(), normalized(w.address())), w);
            }
        }
        if (!toCreate.isEmpty()) {
            Map<Wanted, Object> created = create(List.copyOf(toCreate.values()));
            for (Wanted w : wanted) {
                if (!ids.containsKey(w)) {
                    Wanted first = toCreate.get(new Wanted(w.partnerId(), w.type(), normalized(w.address())));
                    ids.put(w, created.get(first));
                }
            }
        }
        return ids;
    }

    private Map<Wanted, Object> create(List<Wanted> all) {
        Map<Wanted, Object> created = new HashMap<>();
        Set<String> codes = new HashSet<>();
        all.forEach(c -> {
            if (c.address().country() != null) {
                codes.add(c.address().country());
            }
        });
        Map<String, Long> countryIds = codes.isEmpty() ? Map.of() : related.idsOf(COUNTRY_CODE, codes);
        List<Wanted> contacts = new ArrayList<>();
        for (Wanted c : all) {
            if (c.address().country() != null && !countryIds.containsKey(c.address().country())) {
                created.put(c, new IllegalArgumentException("field '" + (c.type().equals(INVOICE) ? "billing" : "shipping")
                        + ".country': no res.country with code '" + c.address().country().toUpperCase(java.util.Locale.ROOT) + "'"));
            } else {
                contacts.add(c);
            }
        }
        if (contacts.isEmpty()) {
            return created;
        }
        List<ObjectNode> values = new ArrayList<>();
        for (Wanted c : contacts) {
            Address a = c.address();
            ObjectNode vals = PartnerAddresses.values(a, a.country() == null ? null : countryIds.get(a.country()));
            vals.put("parent_id", c.partnerId());
            vals.put("type", c.type());
            values.add(vals);
        }
        List<Long> ids = PartnerAddresses.create(api, failures, values, "addresses");
        for (int i = 0; i < contacts.size(); i++) {
            created.put(contacts.get(i), ids.get(i));
        }
        return created;
    }

    private static Address normalized(Address a) {
        return new Address(norm(a.name()), null, norm(a.street()), norm(a.street2()), norm(a.city()), norm(a.zip()), null,
                a.country() == null ? null : a.country().strip().toUpperCase(java.util.Locale.ROOT), null, null);
    }

    private static Address address(JsonNode partner, Map<Long, String> countries) {
        String country = OdooValues.many2oneId(partner.get("country_id")).map(countries::get).orElse(null);
        return new Address(text(partner, "name"), null, text(partner, "street"), text(partner, "street2"), text(partner, "city"),
                text(partner, "zip"), null, country, null, null);
    }

    private static String text(JsonNode partner, String field) {
        JsonNode value = partner.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static String norm(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The partners {@code partners} selects and their invoice and delivery contacts, which {@code
     * children} selects by their parent: {@code partners | (children & type in (invoice, delivery))}.
     */
    static ArrayNode withContacts(ArrayNode partners, ArrayNode children) {
        ArrayNode contacts = JsonNodeFactory.instance.arrayNode().add("&");
        contacts.addAll(children);
        contacts.addAll(OdooCall.where("type", "in", OdooCall.texts(List.of(INVOICE, DELIVERY))));
        return OdooCall.either(partners, contacts);
    }
}
