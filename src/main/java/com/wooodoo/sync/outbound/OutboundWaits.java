package com.wooodoo.sync.outbound;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the work a request is sent for still wants it, asked while the request waits for its
 * organisation's rate limit (the local throttle, the shared bucket). A sync's run says so for the
 * requests made on its thread ({@link #whileWanted}); a request that is no longer wanted (its sync
 * was paused or cancelled) stops waiting and fails with {@link RequestWithdrawnException}, rather
 * than holding its worker until the rate lets it through (at rateLimit 1, minutes). Requests made
 * elsewhere (a conflict's resolution) are always wanted.
 */
public final class OutboundWaits {

    private static final ThreadLocal<BooleanSupplier> WANTED = new ThreadLocal<>();

    private OutboundWaits() {
    }

    /** Runs {@code work} with {@code wanted} asked by every request of this thread that waits for the rate limit. */
    public static <T> T whileWanted(BooleanSupplier wanted, Supplier<T> work) {
        if (wanted == null) {
            return work.get();
        }
        BooleanSupplier outer = WANTED.get();
        WANTED.set(wanted);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                WANTED.remove();
            } else {
                WANTED.set(outer);
            }
        }
    }

    /** What the work of this thread asks of its requests (for work it hands to another thread); null when nothing. */
    public static BooleanSupplier current() {
        return WANTED.get();
    }

    /** Throws {@link RequestWithdrawnException} when the work of this thread no longer wants its request. */
    static void checkWanted(String orgId) {
        BooleanSupplier wanted = WANTED.get();
        if (wanted != null && !wanted.getAsBoolean()) {
            throw new RequestWithdrawnException("a request of " + orgId
                    + " was withdrawn while it waited for the organisation's rate limit: its sync stopped");
        }
    }

    /** Whether the failure, or one of its causes, is a request withdrawn while it waited. */
    public static boolean isWithdrawn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestWithdrawnException) {
                return true;
            }
        }
        return false;
    }

    /** A request given up while it waited for the rate limit, because its sync stopped. */
    public static final class RequestWithdrawnException extends RuntimeException {
        RequestWithdrawnException(String message) {
            super(message, null, false, false);
        }
    }
}
