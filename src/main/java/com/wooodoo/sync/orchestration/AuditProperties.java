package com.wooodoo.sync.orchestration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code wooodoo.audit.*}: how long the audit trail ({@code sync_activity_log}) is kept. */
@ConfigurationProperties(prefix = "wooodoo.audit")
public class AuditProperties {

    /** Entries older than this are deleted by the housekeeping job. */
    private Duration retention = Duration.ofDays(90);
    /** At most this many entries are deleted per statement (one short transaction each). */
    private int deleteBatchSize = 5_000;

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration value) {
        if (value == null || value.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("wooodoo.audit.retention must be at least 1d, not " + value);
        }
        this.retention = value;
    }

    public int getDeleteBatchSize() {
        return deleteBatchSize;
    }

    public void setDeleteBatchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("wooodoo.audit.delete-batch-size must be at least 1, not " + value);
        }
        this.deleteBatchSize = value;
    }
}
