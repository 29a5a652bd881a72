package com.wooodoo.sync.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wooodoo.pipeline.*}: how this instance claims and runs syncs (see config/application.yaml). */
@ConfigurationProperties(prefix = "wooodoo.pipeline")
public class PipelineProperties {

    /** Claim and run queued syncs on this instance (several instances may share the database). */
    private boolean enabled = true;
    /** Syncs this instance runs at once. */
    private int workers = 4;
    /** How often it looks for queued syncs, in ms. */
    private long pollMs = 1_000;
    /** A sync whose runner has not renewed its lease for this long is taken over (crash recovery), in ms. */
    private long leaseMs = 60_000;
    /** The first retry of a failed batch (then 2×, 4×, 8×, 16×) and of a DataMismatch (then 2×), in ms. */
    private long firstRetryDelayMs = 1_000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = (int) positive("workers", workers);
    }

    public long getPollMs() {
        return pollMs;
    }

    public void setPollMs(long pollMs) {
        this.pollMs = positive("poll-ms", pollMs);
    }

    public long getLeaseMs() {
        return leaseMs;
    }

    public void setLeaseMs(long leaseMs) {
        this.leaseMs = positive("lease-ms", leaseMs);
    }

    public long getFirstRetryDelayMs() {
        return firstRetryDelayMs;
    }

    public void setFirstRetryDelayMs(long firstRetryDelayMs) {
        this.firstRetryDelayMs = positive("first-retry-delay-ms", firstRetryDelayMs);
    }

    private static long positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("wooodoo.pipeline." + name + " must be positive, not " + value);
        }
        return value;
    }
}
