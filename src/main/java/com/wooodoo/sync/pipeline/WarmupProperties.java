package com.wooodoo.sync.pipeline;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wooodoo.warmup.*}: the start-up warm-up ({@link StartupWarmup}), run before the service
 * reports itself ready (see config/application.yaml).
 */
@ConfigurationProperties(prefix = "wooodoo.warmup")
public class WarmupProperties implements InitializingBean {

    /** Run the warm-up at start-up. */
    private boolean enabled = true;
    /** Rounds of the warm-up; each reads, looks up, creates and reads back {@link #records} synthetic customers. */
    private int rounds = 6;
    /** Synthetic customers per round. */
    private int records = 1_000;
    /** The warm-up stops after the round that ends past this, in ms, whatever {@link #rounds} says. */
    private long maxDurationMs = 30_000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getRounds() {
        return rounds;
    }

    public void setRounds(int rounds) {
        this.rounds = rounds;
    }

    public int getRecords() {
        return records;
    }

    public void setRecords(int records) {
        this.records = records;
    }

    public long getMaxDurationMs() {
        return maxDurationMs;
    }

    public void setMaxDurationMs(long maxDurationMs) {
        this.maxDurationMs = maxDurationMs;
    }

    @Override
    public void afterPropertiesSet() {
        if (rounds < 0) {
            throw new IllegalArgumentException("wooodoo.warmup.rounds must be 0 or more, not " + rounds);
        }
        if (records < 1 || records > 100_000) {
            throw new IllegalArgumentException("wooodoo.warmup.records must be between 1 and 100000, not " + records);
        }
        if (maxDurationMs < 0) {
            throw new IllegalArgumentException("wooodoo.warmup.max-duration-ms must be 0 or more, not " + maxDurationMs);
        }
    }
}
