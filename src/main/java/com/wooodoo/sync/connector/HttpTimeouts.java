package com.wooodoo.sync.connector;

/**
 * Limits of every outbound call: timeouts in milliseconds, and the largest answer body read
 * ({@code wooodoo.http.max-answer-bytes}, default 32 MB), enforced while the body is read.
 */
public record HttpTimeouts(int connectMs, int readMs, long maxAnswerBytes) {

    public static final long DEFAULT_MAX_ANSWER_BYTES = 32L * 1024 * 1024;
    public static final HttpTimeouts DEFAULTS = new HttpTimeouts(5_000, 30_000);

    public HttpTimeouts(int connectMs, int readMs) {
        this(connectMs, readMs, DEFAULT_MAX_ANSWER_BYTES);
    }
}
