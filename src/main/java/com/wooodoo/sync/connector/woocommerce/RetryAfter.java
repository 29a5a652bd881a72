package com.wooodoo.sync.connector.woocommerce;

import com.wooodoo.sync.connector.RetryAfterHeader;

import java.time.Clock;
import java.time.Duration;

/** An HTTP {@code Retry-After} value: delay seconds or an HTTP-date (RFC 9110 section 10.2.3). */
final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait asked for; null when there is no usable value; never negative (see {@link RetryAfterHeader}). */
    static Duration parse(String value, Clock clock) {
        return RetryAfterHeader.parse(value, clock);
    }
}
