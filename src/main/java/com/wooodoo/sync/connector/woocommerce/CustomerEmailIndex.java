package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which customer id has which e-mail, to find customers by e-mail in bulk. WooCommerce can look
 * up one e-mail per call ({@code ?email=}, exact); {@code search} takes one term and
 * {@code include} takes ids, so there is no call that finds fifty e-mails at once. Instead this
 * index is read once (100 customers per call, {@code _fields=id,email}) and then kept current:
 * before each use, new customers are read newest id first until a known id shows up (usually one
 * call), our own writes are added as they happen, and the whole index is read again when older
 * than {@code maxAge}.
 *
 * <p>What it can miss: an existing customer whose e-mail was changed in the shop to one of the
 * looked-up e-mails since the last full read. A create then fails with
 * {@code registration-error-email-exists}, a DUPLICATE, which the pipeline settles by looking up
 * that one e-mail directly. Stale entries (an e-mail changed away) are harmless: the connector
 * re-reads the candidates by id and keeps only those whose e-mail still matches.
 */
final class CustomerEmailIndex {

    /** Reads one page (100 customers, id and e-mail) of all customers by id, ascending or descending. */
    interface PageReader {
        Page read(int page, boolean newestFirst);
    }

    /** One page of the scan; the last one is short (or empty) or the last the shop claims, never later. */
    record Page(JsonNode items, long claimedPages) {

        boolean isLast(int page) {
            return items.size() < WooCommerceHttp.PER_PAGE || page >= claimedPages;
        }
    }

    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Long> idsByEmail = new HashMap<>();
    private final Map<Long, String> emailsById = new HashMap<>();
    private long highestId;
    private Instant readAt;

    CustomerEmailIndex(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The ids of customers with these e-mails (compared without case, as WordPress does). */
    synchronized Set<Long> idsOf(Collection<String> emails, PageReader reader) {
        refresh(reader);
        Set<Long> ids = new LinkedHashSet<>();
        for (String email : emails) {
            Long id = idsByEmail.get(normal(email));
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** A customer as WooCommerce answered it (after a write or a read). */
    synchronized void remember(JsonNode customer) {
        long id = customer.path("id").asLong();
        String email = customer.path("email").asText("");
        if (id <= 0) {
            return;
        }
        forget(id);
        if (!email.isEmpty()) {
            idsByEmail.put(normal(email), id);
            emailsById.put(id, normal(email));
        }
    }

    synchronized void forget(long id) {
        String email = emailsById.remove(id);
        if (email != null && Long.valueOf(id).equals(idsByEmail.get(email))) {
            idsByEmail.remove(email);
        }
    }

    private void refresh(PageReader reader) {
        if (readAt == null || readAt.plus(maxAge).isBefore(clock.instant())) {
            Instant started = clock.instant();
            idsByEmail.clear();
            emailsById.clear();
            highestId = 0;
            for (int page = 1; ; page++) {
                Page read = reader.read(page, false);
                read.items().forEach(this::scanned);
                if (read.isLast(page)) {
                    break;
                }
            }
            readAt = started;
            return;
        }
        long known = highestId;
        for (int page = 1; ; page++) {
            Page read = reader.read(page, true);
            boolean reachedKnown = false;
            for (JsonNode customer : read.items()) {
                if (customer.path("id").asLong() <= known) {
                    reachedKnown = true;
                } else {
                    scanned(customer);
                }
            }
            if (reachedKnown || read.isLast(page)) {
                return;
            }
        }
    }

    /** Only what the scans saw moves the high-water mark: ids seen elsewhere may skip over unseen ones. */
    private void scanned(JsonNode customer) {
        remember(customer);
        highestId = Math.max(highestId, customer.path("id").asLong());
    }

    private static String normal(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
