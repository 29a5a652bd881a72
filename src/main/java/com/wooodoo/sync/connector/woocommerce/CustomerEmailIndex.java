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
 * index is read whole (100 customers per call, {@code _fields=id,email}) at its first use and
 * again at the first use once it is older than {@code maxAge}, and kept current in between: our
 * own writes are added as they happen ({@link #remember}), and customers added in the shop by
 * others are caught up newest id first until a known id shows up (usually one call).
 *
 * <p>That catch-up happens at most once per sync: {@link #syncStarting} (called when a sync's run
 * starts, {@code SystemConnector.syncStarting}) allows one, and it is made only when a looked-up
 * e-mail is not in the index (at the first use after a full read none is needed). Within a sync
 * the batches then cost no index read at all, however many there are: the only shop customers
 * the index can miss are those added by others since the sync began (or the catch-up), and
 * reading the list again per batch to find those few cost more than what it saves. (Records
 * already linked are never looked up by e-mail: the pipeline reads their linked ids.)
 *
 * <p>What it can miss: a customer added by others during the sync, or an existing customer whose
 * e-mail was changed in the shop to one of the looked-up e-mails since the last full read. A
 * create of that e-mail then fails with {@code registration-error-email-exists}, a DUPLICATE (a
 * DuplicateKey conflict, skipped); the next sync looks the record up again, by a direct
 * {@code ?email=} call when it is one of at most two left unlinked in its batch, else through this
 * index, caught up once in that sync, and updates and links the customer found. Stale entries
 * (an e-mail changed away) are harmless: the connector re-reads the candidates by id and keeps
 * only those whose e-mail still matches.
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
    /** Syncs started on the connection; the index was last read (whole or caught up) in {@link #readInSync}. */
    private long syncsStarted;
    private long readInSync = -1;

    CustomerEmailIndex(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** A sync starts: the next use that misses an e-mail may catch new shop customers up, once. */
    synchronized void syncStarting() {
        syncsStarted++;
    }

    /**
     * A write of customers went unanswered (timed out, or the connection broke): it may have
     * created customers the index does not know, so the next use that misses an e-mail may catch
     * up again, within the same sync.
     */
    synchronized void writeUnanswered() {
        readInSync = -1;
    }

    /** The ids of customers with these e-mails (compared without case, as WordPress does). */
    synchronized Set<Long> idsOf(Collection<String> emails, PageReader reader) {
        if (readAt == null || readAt.plus(maxAge).isBefore(clock.instant())) {
            readWhole(reader);
            readInSync = syncsStarted;
        }
        if (readInSync != syncsStarted && missesAny(emails)) {
            catchUp(reader);
            readInSync = syncsStarted;
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String email : emails) {
            Long id = idsByEmail.get(normal(email));
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private boolean missesAny(Collection<String> emails) {
        return emails.stream().anyMatch(email -> !idsByEmail.containsKey(normal(email)));
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

    private void readWhole(PageReader reader) {
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
    }

    /** Reads the customers added since the last read, newest first, until a known id shows up. */
    private void catchUp(PageReader reader) {
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
