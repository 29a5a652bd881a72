package com.wooodoo.sync.api;

import com.wooodoo.sync.store.RateWindowStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The inbound limit of API requests per organisation and minute. Counted in PostgreSQL, so the
 * limit holds across every instance that shares the database.
 */
@Component
public class InboundRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final RateWindowStore windows;
    private final int requestsPerMinute;
    private final Clock clock;

    public InboundRateLimiter(RateWindowStore windows, ApiProperties properties) {
        this.windows = windows;
        this.requestsPerMinute = properties.getRateLimitPerMinute();
        this.clock = Clock.systemUTC();
    }

    /** Counts one request of the organisation, or answers 429 {@code RATE_LIMITED} when over the limit. */
    public void acquire(String orgId) {
        Instant now = clock.instant();
        long windowMillis = WINDOW.toMillis();
        Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        int count = windows.increment(orgId, windowStart);
        if (count > requestsPerMinute) {
            long retryAfterSeconds = Math.max(1,
                    (windowStart.plus(WINDOW).toEpochMilli() - now.toEpochMilli() + 999) / 1000);
            throw new ApiException(ErrorCode.RATE_LIMITED,
                    "more than " + requestsPerMinute + " requests in a minute for this organisation; retry after "
                            + retryAfterSeconds + " s",
                    List.of(), Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
        }
    }

    /** Forgets windows older than an hour. */
    public int purgeOldWindows() {
        return windows.purgeBefore(clock.instant().minus(Duration.ofHours(1)));
    }
}
