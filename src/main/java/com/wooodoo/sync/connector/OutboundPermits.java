package com.wooodoo.sync.connector;

import java.util.function.Supplier;

/**
 * Meters every HTTP request a connector sends. Whoever runs a connector call (the pipeline, with
 * its per-organisation throttle) wraps it in {@link #metered}; the connectors' HTTP clients ask
 * for a permit before each request, so a login, a look-up on the side or a write split at the
 * system's size limit is counted like any other request. Outside {@link #metered} (connector
 * tests, start-up checks) requests are not metered.
 */
public final class OutboundPermits {

    private static final ThreadLocal<Runnable> GATE = new ThreadLocal<>();

    private OutboundPermits() {
    }

    /** Runs the call on this thread with {@code acquirePermit} run before each of its HTTP requests. */
    public static <T> T metered(Runnable acquirePermit, Supplier<T> call) {
        Runnable previous = GATE.get();
        GATE.set(acquirePermit);
        try {
            return call.get();
        } finally {
            if (previous == null) {
                GATE.remove();
            } else {
                GATE.set(previous);
            }
        }
    }

    /** Waits, when the current call is metered, until one more request may be sent. */
    public static void acquire() {
        Runnable gate = GATE.get();
        if (gate != null) {
            gate.run();
        }
    }
}
