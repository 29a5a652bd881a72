package com.wooodoo.sync.pipeline;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wooodoo.pipeline.*}: how this instance claims and runs syncs (see config/application.yaml). */
@ConfigurationProperties(prefix = "wooodoo.pipeline")
public class PipelineProperties implements InitializingBean {

    /** More would only queue at the target: a shop or an Odoo serves a handful of requests at once. */
    static final int MAX_BATCHES_IN_FLIGHT = 16;

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
    /**
     * The longest {@code Retry-After} a sync waits out on its worker, in ms; a system that asks for
     * longer gets the sync put back in the queue until then, and the worker goes to other syncs.
     */
    private long maxRetryAfterMs = 300_000;
    /**
     * Syncs of one organisation this instance runs at once. Unset: half of {@link #workers}, at
     * least 1, so that one organisation's backlog never takes every worker, and the others'
     * syncs find half of them free, while an organisation alone on the instance still runs
     * several syncs at once.
     */
    private Integer workersPerOrganisation;
    /**
     * Batches of one sync written at once: while the target answers one batch's writes, the next
     * ones are already planned and written. Recorded, and checkpointed, in order.
     */
    private int batchesInFlight = 4;

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

    public long getMaxRetryAfterMs() {
        return maxRetryAfterMs;
    }

    public void setMaxRetryAfterMs(long maxRetryAfterMs) {
        this.maxRetryAfterMs = positive("max-retry-after-ms", maxRetryAfterMs);
    }

    public int getWorkersPerOrganisation() {
        return workersPerOrganisation == null ? Math.max(1, workers / 2) : workersPerOrganisation;
    }

    public void setWorkersPerOrganisation(int workersPerOrganisation) {
        this.workersPerOrganisation = (int) positive("workers-per-organisation", workersPerOrganisation);
    }

    public int getBatchesInFlight() {
        return batchesInFlight;
    }

    public void setBatchesInFlight(int batchesInFlight) {
        if (batchesInFlight < 1 || batchesInFlight > MAX_BATCHES_IN_FLIGHT) {
            throw new IllegalArgumentException("wooodoo.pipeline.batches-in-flight must be 1 to " + MAX_BATCHES_IN_FLIGHT
                    + ", not " + batchesInFlight);
        }
        this.batchesInFlight = batchesInFlight;
    }

    /** Checks what one setting alone cannot: the settings are all bound by now. */
    @Override
    public void afterPropertiesSet() {
        if (getWorkersPerOrganisation() > workers) {
            throw new IllegalArgumentException("wooodoo.pipeline.workers-per-organisation must not be above "
                    + "wooodoo.pipeline.workers (" + workers + "), not " + getWorkersPerOrganisation());
        }
    }

    private static long positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("wooodoo.pipeline." + name + " must be positive, not " + value);
        }
        return value;
    }
}
