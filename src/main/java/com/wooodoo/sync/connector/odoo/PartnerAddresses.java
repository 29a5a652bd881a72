package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.NeutralOrder.Address;

import java.util.ArrayList;
import java.util.List;

/** The partners an order needs (a guest, an invoice or delivery address), as Odoo values, created in one call. */
final class PartnerAddresses {

    private PartnerAddresses() {
    }

    /** The postal address of a partner: name (when known), street, city, zip, country. */
    static ObjectNode values(Address address, Long countryId) {
        ObjectNode vals = JsonNodeFactory.instance.objectNode();
        if (address.name() != null) {
            vals.put("name", address.name());
        }
        put(vals, "street", address.street());
        put(vals, "street2", address.street2());
        put(vals, "city", address.city());
        put(vals, "zip", address.zip());
        if (countryId != null) {
            vals.put("country_id", countryId);
        }
        return vals;
    }

    static void put(ObjectNode vals, String field, String value) {
        if (value != null) {
            vals.put(field, value);
        }
    }

    /** Creates the partners; their ids in order. */
    static List<Long> create(OdooApi api, OdooFailures failures, List<ObjectNode> values, String what) {
        JsonNode ids = api.call(OdooCall.create("res.partner", values));
        if (!ids.isArray() || ids.size() != values.size()) {
            throw failures.protocol("res.partner.create of " + values.size() + " " + what + " answered " + ids
                    + " instead of as many ids");
        }
        List<Long> created = new ArrayList<>();
        ids.forEach(id -> created.add(id.asLong()));
        return created;
    }
}
