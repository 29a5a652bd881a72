package com.wooodoo.sync.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * An HTTP {@code Retry-After} value: delay seconds or an HTTP-date (RFC 9110 section 10.2.3),
 * bounded by {@link #LONGEST}, so that no value a system sends (999999999999 seconds, a date in
 * the year 9999) overflows a wait or a time computed from it.
 */
public final class RetryAfterHeader {

    /** The longest wait taken from a {@code Retry-After}; anything longer is read as this. */
    public static final Duration LONGEST = Duration.ofDays(365);

    private RetryAfterHeader() {
    }

    /** The wait asked for; null when there is no usable value; never negative, never above {@link #LONGEST}. */
    public static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // more digits than a long holds are a wait longer than LONGEST anyway
            return text.length() > 18 ? LONGEST : bounded(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            return bounded(Duration.between(clock.instant(), at.toInstant()));
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** The wait, no shorter than zero and no longer than {@link #LONGEST}. */
    public static Duration bounded(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
