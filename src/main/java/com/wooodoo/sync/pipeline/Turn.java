package com.wooodoo.sync.pipeline;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One holder at a time, among the batches of a sync in flight; taken in one step of a route and
 * given back in a later one (on whichever thread), so a semaphore rather than a lock.
 */
final class Turn {

    private static final long LOOK_MS = 100;

    private final Semaphore turn = new Semaphore(1);

    /** Waits for the turn, looking every 100 ms whether the sync may go on; false when it stopped first. */
    boolean take(BooleanSupplier mayContinue) {
        try {
            while (!turn.tryAcquire(LOOK_MS, TimeUnit.MILLISECONDS)) {
                if (!mayContinue.getAsBoolean()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void giveBack() {
        turn.release();
    }
}
