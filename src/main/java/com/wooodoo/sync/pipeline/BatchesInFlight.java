package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The batches of one sync being planned and written at once, at most
 * {@code wooodoo.pipeline.batches-in-flight}. A batch takes a place before it is handed out and
 * frees it when its last attempt ends; it is recorded later, in order ({@link RecordingLane}),
 * while the next ones are written. One more batch than that may be done but not recorded yet: a
 * slow database holds the sync back rather than letting done batches pile up in memory.
 *
 * <p>Batches in flight together must not step on each other: a batch whose records share a
 * source id or a natural key with an earlier batch still in flight waits until that one is done
 * before it looks at the target ({@link #awaitEarlierSharingKeys}), so it finds what the earlier
 * one created rather than creating it again. Records shared that way are rare (a source record
 * moved between pages while they were read, two source records with one e-mail), so batches
 * almost never wait for each other.
 */
final class BatchesInFlight {

    private static final long LOOK_MS = 100;

    private final int count;
    private final Semaphore places;
    /** Batches handed out and not recorded yet: the places, and one being recorded. */
    private final Semaphore unrecorded;
    private final Map<Long, InFlight> unfinished = new TreeMap<>();
    private long handedOut;
    private volatile BatchWork waiting;

    private record InFlight(BatchWork work, CompletableFuture<Void> done) {
    }

    BatchesInFlight(int places) {
        this.count = places;
        this.places = new Semaphore(places);
        this.unrecorded = new Semaphore(places + 1);
    }

    /** How many batches of the sync may be in flight at once. */
    int places() {
        return count;
    }

    /**
     * Waits for a place for the batch, looking every 100 ms whether the sync may go on; gives it
     * its order. Returns false, without a place, when the sync stopped meanwhile.
     */
    boolean enter(BatchWork work, Checkpoint at, Set<String> keys, BooleanSupplier mayContinue) throws InterruptedException {
        waiting = work;
        try {
            while (!unrecorded.tryAcquire(LOOK_MS, TimeUnit.MILLISECONDS)) {
                if (!mayContinue.getAsBoolean()) {
                    return false;
                }
            }
            while (!places.tryAcquire(LOOK_MS, TimeUnit.MILLISECONDS)) {
                if (!mayContinue.getAsBoolean()) {
                    unrecorded.release();
                    return false;
                }
            }
        } finally {
            waiting = null;
        }
        synchronized (unfinished) {
            work.placed(at, handedOut++, keys);
            unfinished.put(work.sequence(), new InFlight(work, new CompletableFuture<>()));
        }
        return true;
    }

    /** The batch's last attempt ended: its place is free, and later batches sharing its records may look at the target. */
    void done(BatchWork work) {
        InFlight left;
        synchronized (unfinished) {
            left = unfinished.remove(work.sequence());
        }
        if (left != null) {
            left.done().complete(null);
            places.release();
        }
    }

    /** The batch was recorded, or left out of the record, in its turn. */
    void recorded(BatchWork work) {
        if (work.sequence() >= 0) {
            unrecorded.release();
        }
    }

    /** The batch waiting for a place (the next one the sync hands out), or null. */
    BatchWork waitingForPlace() {
        return waiting;
    }

    /**
     * The keys of the batches in flight but those of one source page: what a read made now for
     * that page cannot be sure of (its own batches are told apart by the keys the page has twice).
     */
    Set<String> keysInFlightBesidesPage(EntityType entity, int page) {
        Set<String> keys = new HashSet<>();
        synchronized (unfinished) {
            unfinished.values().stream().map(f -> f.work())
                    .filter(w -> w.entity() != entity || w.position() == null || w.position().page() != page)
                    .forEach(w -> keys.addAll(w.keys()));
        }
        return keys;
    }

    /** The keys of the batches in flight other than {@code work}: what a look-ahead made now cannot be sure of. */
    Set<String> keysInFlightBesides(BatchWork work) {
        Set<String> keys = new HashSet<>();
        synchronized (unfinished) {
            unfinished.values().stream().filter(f -> f.work() != work).forEach(f -> keys.addAll(f.work().keys()));
        }
        return keys;
    }

    /**
     * Waits until no batch handed out before this one and sharing a source id or a natural key
     * with it is in flight. Answers whether it waited.
     *
     * @throws BatchStart.Abandoned when the sync stopped while it waited
     */
    boolean awaitEarlierSharingKeys(BatchWork work, BooleanSupplier mayContinue) {
        boolean waited = false;
        for (InFlight earlier : earlierSharingKeys(work)) {
            waited = true;
            while (!isDone(earlier.done())) {
                if (!mayContinue.getAsBoolean()) {
                    work.abandon();
                    throw new BatchStart.Abandoned("batch " + work.batchIndex() + " of " + work.entity().id()
                            + " abandoned: the sync stopped while it waited for an earlier batch with the same records");
                }
            }
        }
        return waited;
    }

    private List<InFlight> earlierSharingKeys(BatchWork work) {
        if (work.sequence() < 0 || work.keys().isEmpty()) {
            return List.of();
        }
        List<InFlight> sharing = new ArrayList<>();
        synchronized (unfinished) {
            for (InFlight earlier : unfinished.values()) {
                if (earlier.work().sequence() < work.sequence() && meet(earlier.work().keys(), work.keys())) {
                    sharing.add(earlier);
                }
            }
        }
        return sharing;
    }

    /** A key of an order whose guest's partner the batch finds or creates by this e-mail. */
    static final String GUEST_EMAIL = "guest:";
    /** A key of an order whose customer, not synced yet, the batch syncs along (found or created by this e-mail). */
    static final String EMAIL = "email:";

    /**
     * Whether two batches' keys meet: they share one, but guests' e-mails meet only the same e-mail
     * of a customer synced along. Guests of one e-mail in two batches do not: their partner is found
     * or created one batch at a time by the connector; a customer synced along is not.
     */
    static boolean meet(Set<String> earlier, Set<String> later) {
        for (String key : later) {
            if (key.startsWith(GUEST_EMAIL)) {
                if (earlier.contains(EMAIL + key.substring(GUEST_EMAIL.length()))) {
                    return true;
                }
            } else if (earlier.contains(key)
                    || key.startsWith(EMAIL) && earlier.contains(GUEST_EMAIL + key.substring(EMAIL.length()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDone(CompletableFuture<Void> done) {
        try {
            done.get(LOOK_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchStart.Abandoned("interrupted while waiting for an earlier batch with the same records");
        } catch (ExecutionException e) {
            return true;
        }
    }
}
