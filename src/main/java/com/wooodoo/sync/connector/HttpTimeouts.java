package com.wooodoo.sync.connector;

/**
 * Limits of every outbound call: timeouts in milliseconds, the largest answer body read
 * ({@code wooodoo.http.max-answer-bytes}, default 32 MB), enforced while the body is read, and the
 * time an answer may take from the request to its last byte ({@code wooodoo.http.answer-deadline-ms},
 * {@link AnswerDeadline}), which a body sent slowly enough never to trip the read timeout still meets.
 */
public record HttpTimeouts(int connectMs, int readMs, long maxAnswerBytes, long answerDeadlineMs) {

    public static final long DEFAULT_MAX_ANSWER_BYTES = 32L * 1024 * 1024;
    /**
     * Two minutes: four read timeouts, and time for the largest answer allowed (32 MB) at about
     * 300 kB/s. The slowest real answers (a page of 100 orders with their lines, an Odoo
     * search_read of 100 products) take seconds, so only an answer that stalls or trickles meets it.
     */
    public static final long DEFAULT_ANSWER_DEADLINE_MS = 120_000;
    public static final HttpTimeouts DEFAULTS = new HttpTimeouts(5_000, 30_000);

    public HttpTimeouts(int connectMs, int readMs) {
        this(connectMs, readMs, DEFAULT_MAX_ANSWER_BYTES);
    }

    public HttpTimeouts(int connectMs, int readMs, long maxAnswerBytes) {
        this(connectMs, readMs, maxAnswerBytes, DEFAULT_ANSWER_DEADLINE_MS);
    }
}
