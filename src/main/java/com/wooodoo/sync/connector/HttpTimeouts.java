package com.wooodoo.sync.connector;

/** Timeouts of every outbound call, in milliseconds. */
public record HttpTimeouts(int connectMs, int readMs) {
    public static final HttpTimeouts DEFAULTS = new HttpTimeouts(5_000, 30_000);
}
