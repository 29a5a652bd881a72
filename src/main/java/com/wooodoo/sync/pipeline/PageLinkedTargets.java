package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.SyncRecord;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The target records linked to a whole source page, read in one call for all of its batches: a
 * re-run of records synced before reads one page of targets per page of source, not one per
 * batch. Only a batch's first look-up takes them (a batch tried again reads afresh), and only a
 * batch's own records' targets are taken from it: no other batch writes those.
 */
final class PageLinkedTargets {

    /** The pages of a run kept at once: those of the batches in flight. */
    private static final int PAGES_KEPT = 4;

    /** What was asked for (target ids) and what was found (by target id; a missing one was deleted). */
    record Read(Set<String> asked, Map<String, SyncRecord> found) {
        static final Read NOTHING = new Read(Set.of(), Map.of());
    }

    private record Page(EntityType entity, int page) {
    }

    private final Map<Page, CompletableFuture<Read>> pages = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Page, CompletableFuture<Read>> eldest) {
            return size() > PAGES_KEPT;
        }
    };

    /**
     * The page's linked targets, read by the first batch of the page to ask ({@code read}) while
     * the others wait for it; empty when that read failed (each batch then reads its own).
     */
    Optional<Read> of(EntityType entity, int page, Supplier<Read> read) {
        Page key = new Page(entity, page);
        CompletableFuture<Read> reading;
        boolean mine = false;
        synchronized (pages) {
            reading = pages.get(key);
            if (reading == null) {
                reading = new CompletableFuture<>();
                pages.put(key, reading);
                mine = true;
            }
        }
        if (mine) {
            try {
                reading.complete(read.get());
            } catch (RuntimeException e) {
                reading.completeExceptionally(e);
                synchronized (pages) {
                    pages.remove(key);
                }
                throw e;
            }
        }
        try {
            return Optional.of(reading.join());
        } catch (CompletionException | java.util.concurrent.CancellationException failed) {
            return Optional.empty();
        }
    }
}
