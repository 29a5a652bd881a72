package com.wooodoo.sync.benchmark;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP calls a simulator answered, by what they are for in a sync: page reads, look-ups, writes,
 * read-backs, logins. The simulators' own {@code stats()} name the API call ({@code execute_kw
 * res.partner.search_read}); this tells the look-ups of a batch (by e-mail, by linked id) from the
 * read-backs and reference look-ups, which are the same API call with another domain.
 */
final class CallKinds {

    static final String PAGE_READ = "page read";
    static final String COUNT = "count";
    static final String LOOKUP_BY_KEY = "lookup by natural key";
    static final String READ_BY_IDS = "read by ids";
    static final String REFERENCE_LOOKUP = "reference lookup";
    static final String WRITE = "write";
    static final String LOGIN = "login";
    static final String OTHER = "other";

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void count(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    void reset() {
        counts.clear();
    }
}
