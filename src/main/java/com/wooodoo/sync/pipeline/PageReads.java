package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What the target holds for a whole source page, read in one call for all of its batches (the
 * targets linked to its records, the matches of its natural keys): a page of source costs one
 * read of the target, not one per batch. Only a batch's first look-up takes them (a batch tried
 * again reads afresh); {@link TargetLookup} decides which parts a batch may take.
 *
 * @param <R> what is read for a page
 */
final class PageReads<R> {

    /** The pages of a run kept at once: those of the batches in flight. */
    private static final int PAGES_KEPT = 4;

    private record Page(EntityType entity, int page) {
    }

    private final Map<Page, CompletableFuture<R>> pages = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Page, CompletableFuture<R>> eldest) {
            return size() > PAGES_KEPT;
        }
    };

    /** A read of the page made with another one, kept unless the page has one already. */
    void offer(EntityType entity, int page, R read) {
        synchronized (pages) {
            pages.putIfAbsent(new Page(entity, page), CompletableFuture.completedFuture(read));
        }
    }

    /** The page's read when one was made and ended well; none is made. */
    Optional<R> made(EntityType entity, int page) {
        CompletableFuture<R> reading;
        synchronized (pages) {
            reading = pages.get(new Page(entity, page));
        }
        if (reading == null || !reading.isDone() || reading.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(reading.join());
    }

    /**
     * Makes the page's read now ({@code read}), unless one is made or being made: then nothing is
     * done. The batches of the page asking meanwhile wait for it, as for one of theirs.
     *
     * @return whether the read was made here
     */
    boolean makeIfNone(EntityType entity, int page, Supplier<R> read) {
        Page key = new Page(entity, page);
        CompletableFuture<R> reading = new CompletableFuture<>();
        synchronized (pages) {
            if (pages.putIfAbsent(key, reading) != null) {
                return false;
            }
        }
        make(key, reading, read);
        return true;
    }

    private void make(Page key, CompletableFuture<R> reading, Supplier<R> read) {
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

    /**
     * The page's read, made by the first batch of the page to ask ({@code read}) while the others
     * wait for it; empty when that read failed (each batch then reads its own).
     */
    Optional<R> of(EntityType entity, int page, Supplier<R> read) {
        Page key = new Page(entity, page);
        CompletableFuture<R> reading;
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
            make(key, reading, read);
        }
        try {
            return Optional.of(reading.join());
        } catch (CompletionException | java.util.concurrent.CancellationException failed) {
            return Optional.empty();
        }
    }
}
