package com.wooodoo.sync.sandbox;

/**
 * What a simulator does wrong, set at run time (over {@code PUT /__sandbox/faults} or from tests).
 * Shares are fractions of requests from 0 to 1, drawn from the simulator's seeded random.
 *
 * @param latencyMs          added to every answer
 * @param serverErrorShare   share answered 503 (WooCommerce) or with an Odoo server error
 * @param rateLimitShare     share answered 429 with {@code Retry-After: retryAfterSeconds}
 * @param retryAfterSeconds  the {@code Retry-After} of those answers
 * @param timeoutShare       share held for {@code timeoutMs} before answering (past the client's timeout)
 * @param timeoutMs          how long such an answer is held
 * @param authFailure        every request fails authentication (bad credentials)
 * @param down               the system is down: connections are answered 503 at once
 * @param proxyPageShare     share answered by a proxy in front of the system: an HTML 502 or 503 page
 */
public record Faults(long latencyMs, double serverErrorShare, double rateLimitShare, int retryAfterSeconds,
                     double timeoutShare, long timeoutMs, boolean authFailure, boolean down,
                     double proxyPageShare) {

    public static final Faults NONE = new Faults(0, 0, 0, 1, 0, 30_000, false, false, 0);

    public Faults {
        if (latencyMs < 0 || timeoutMs < 0 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("latencyMs, timeoutMs and retryAfterSeconds must not be negative");
        }
        for (double share : new double[] {serverErrorShare, rateLimitShare, timeoutShare, proxyPageShare}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("shares must be from 0 to 1");
            }
        }
    }

    public Faults withLatencyMs(long value) {
        return new Faults(value, serverErrorShare, rateLimitShare, retryAfterSeconds, timeoutShare, timeoutMs,
                authFailure, down, proxyPageShare);
    }

    public Faults withServerErrorShare(double value) {
        return new Faults(latencyMs, value, rateLimitShare, retryAfterSeconds, timeoutShare, timeoutMs, authFailure, down,
                proxyPageShare);
    }

    public Faults withRateLimit(double share, int retryAfter) {
        return new Faults(latencyMs, serverErrorShare, share, retryAfter, timeoutShare, timeoutMs, authFailure, down,
                proxyPageShare);
    }

    public Faults withTimeouts(double share, long holdMs) {
        return new Faults(latencyMs, serverErrorShare, rateLimitShare, retryAfterSeconds, share, holdMs, authFailure, down,
                proxyPageShare);
    }

    public Faults withAuthFailure(boolean value) {
        return new Faults(latencyMs, serverErrorShare, rateLimitShare, retryAfterSeconds, timeoutShare, timeoutMs, value, down,
                proxyPageShare);
    }

    public Faults withDown(boolean value) {
        return new Faults(latencyMs, serverErrorShare, rateLimitShare, retryAfterSeconds, timeoutShare, timeoutMs,
                authFailure, value, proxyPageShare);
    }

    public Faults withProxyPages(double share) {
        return new Faults(latencyMs, serverErrorShare, rateLimitShare, retryAfterSeconds, timeoutShare, timeoutMs,
                authFailure, down, share);
    }
}
