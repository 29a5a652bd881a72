package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Look-ups by natural key with a domain Odoo's PostgreSQL answers from an index. {@code =ilike}
 * is SQL's ILIKE, which no btree index answers: a chain of them scans the whole table and tests
 * every pattern on every row, so it is kept for the one case with no indexed alternative.
 * <ul>
 *   <li>E-mails: {@code email_normalized in [stripped, lower-cased e-mails]}, the stored, indexed
 *       field of the mail module (the Sales app installs it), after one {@code fields_get} per
 *       connector has shown the field exists. Without it: {@code email =ilike} in chunks of
 *       {@value #ILIKE_CHUNK}, never OR-ed with an id read, and a log line once per connector
 *       saying what installing the mail module gains.</li>
 *   <li>Any other key (a variant's {@code default_code}, an order's {@code client_order_ref}):
 *       {@code in} on the key as given, stripped, lower-cased and upper-cased; the pipeline then
 *       compares keys without case ({@code BatchPlanner.normalizeKey}). A key stored in another
 *       mix of cases ({@code Tee-Red} looked up as {@code tee-RED}) is not found by this: finding
 *       it needs an ILIKE scan of {@code product_product} per look-up, which costs more than the
 *       rare duplicate it prevents.</li>
 * </ul>
 */
final class KeyLookups {

    /**
     * The most {@code =ilike} terms one call OR-s together where {@code email_normalized} is
     * missing: each term is evaluated on every row of {@code res_partner}, so a call costs rows x
     * terms; ten keeps one call near a few tenths of a second on a table of 100,000 contacts
     * instead of one long call that runs into the client's timeout and is retried whole.
     */
    static final int ILIKE_CHUNK = 10;
    /** The most values of one indexed {@code in}: a longer list only makes one request bigger. */
    static final int IN_CHUNK = 500;
    static final String PARTNER = "res.partner";
    static final String EMAIL = "email";
    static final String EMAIL_NORMALIZED = "email_normalized";
    private static final Logger LOG = LoggerFactory.getLogger(KeyLookups.class);

    private final OdooApi api;
    private final OdooFailures failures;
    private final String orgId;
    /** Whether res.partner has email_normalized; null until fields_get answered. */
    private volatile Boolean emailNormalized;

    KeyLookups(OdooApi api, OdooFailures failures, String orgId) {
        this.api = api;
        this.failures = failures;
        this.orgId = orgId;
    }

    /**
     * Whether Odoo's contacts have {@code email_normalized}: asked once with {@code fields_get}
     * and remembered. A failed call is the connector's failure like any other (retried as a call
     * is), never taken as a no.
     */
    boolean hasEmailNormalized() {
        Boolean known = emailNormalized;
        if (known == null) {
            JsonNode fields = api.call(OdooCall.fieldsGet(PARTNER, List.of(EMAIL_NORMALIZED), List.of("type")));
            if (!fields.isObject()) {
                throw failures.protocol(PARTNER + ".fields_get answered " + fields.getNodeType() + " instead of the fields");
            }
            known = fields.has(EMAIL_NORMALIZED);
            synchronized (this) {
                if (emailNormalized == null && !known) {
                    LOG.warn("Organisation {}: Odoo's contacts have no email_normalized (the mail module is not installed);"
                            + " look-ups by e-mail scan the whole res_partner table, {} e-mails a call. Installing the mail"
                            + " module makes them index look-ups.", orgId, ILIKE_CHUNK);
                }
                emailNormalized = known;
            }
        }
        return known;
    }

    /** Whether look-ups of this key are answered by an index, and so may be OR-ed with an id read in one domain. */
    boolean indexed(String model, String field) {
        return !isEmail(model, field) || hasEmailNormalized();
    }

    /** The domain of the records whose key is one of these, answered by an index (only where {@link #indexed}). */
    ArrayNode indexedDomain(String model, String field, Collection<String> keys) {
        if (isEmail(model, field)) {
            return OdooCall.where(EMAIL_NORMALIZED, "in", OdooCall.texts(normalizedEmails(keys)));
        }
        return OdooCall.where(field, "in", OdooCall.texts(caseVariants(keys)));
    }

    /** One call's part of a look-up: its domain and how many keys it looks up. */
    record Chunk(ArrayNode domain, int keys) {
    }

    /**
     * The domains that together find the records with these keys, each one call: {@link
     * #indexedDomain} in chunks of {@value #IN_CHUNK} keys, or where no index answers, {@code =ilike}
     * chains of at most {@value #ILIKE_CHUNK} keys.
     */
    List<Chunk> chunks(String model, String field, Collection<String> keys) {
        boolean indexed = indexed(model, field);
        Set<String> distinct = new LinkedHashSet<>();
        keys.forEach(key -> distinct.add(indexed ? key : key.strip())); // =ilike compares the whole text, blanks too
        List<String> all = new ArrayList<>(distinct);
        int size = indexed ? IN_CHUNK : ILIKE_CHUNK;
        List<Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            List<String> part = all.subList(from, Math.min(all.size(), from + size));
            chunks.add(new Chunk(indexed ? indexedDomain(model, field, part) : OdooCall.equalsIgnoringCase(field, part), part.size()));
        }
        return chunks;
    }

    /**
     * The records of {@code model} whose key is one of these, with {@code fields}: one call per
     * chunk of {@link #chunks}, each asking for at most {@link OdooCall#lookupLimit} records and
     * failing rather than answering part.
     */
    List<JsonNode> find(String model, String field, Collection<String> keys, List<String> fields, boolean includeArchived,
                        String label) {
        List<JsonNode> found = new ArrayList<>();
        for (Chunk chunk : chunks(model, field, keys)) {
            int limit = OdooCall.lookupLimit(chunk.keys());
            List<JsonNode> records = failures.records(api.call(OdooCall.searchRead(model, chunk.domain(), fields, limit + 1, 0,
                    "id asc", includeArchived)), model);
            if (records.size() > limit) {
                throw failures.truncated(label, chunk.keys(), limit);
            }
            found.addAll(records);
        }
        return found;
    }

    /** An e-mail as {@code email_normalized} holds it (Odoo's {@code email_normalize}): stripped and lower-cased. */
    static String normalizedEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> normalizedEmails(Collection<String> emails) {
        Set<String> normalized = new LinkedHashSet<>();
        emails.forEach(email -> normalized.add(normalizedEmail(email)));
        return normalized;
    }

    /** A key as given, stripped, lower-cased and upper-cased: what {@code in} compares exactly. */
    static Set<String> caseVariants(Collection<String> keys) {
        Set<String> variants = new LinkedHashSet<>();
        for (String key : keys) {
            variants.add(key);
            variants.add(key.strip());
            variants.add(key.strip().toLowerCase(Locale.ROOT));
            variants.add(key.strip().toUpperCase(Locale.ROOT));
        }
        return variants;
    }

    private static boolean isEmail(String model, String field) {
        return PARTNER.equals(model) && EMAIL.equals(field);
    }
}
