package com.wooodoo.sync.orchestration;

/**
 * How one sync runs. The ranges are the orchestrate contract's; {@link #DEFAULTS} holds the
 * values used for every field a caller leaves out.
 */
public record SyncConfig(int batchSize, int maxRetries, int rateLimit, int interBatchDelayMs,
                         SyncMode mode, boolean dryRun) {

    public static final int MIN_BATCH_SIZE = 1;
    public static final int MAX_BATCH_SIZE = 200;
    public static final int MIN_MAX_RETRIES = 0;
    public static final int MAX_MAX_RETRIES = 5;
    public static final int MIN_RATE_LIMIT = 1;
    public static final int MAX_RATE_LIMIT = 50;
    public static final int MIN_INTER_BATCH_DELAY_MS = 0;
    public static final int MAX_INTER_BATCH_DELAY_MS = 60_000;

    public static final SyncConfig DEFAULTS = new SyncConfig(50, 3, 10, 2000, SyncMode.INCREMENTAL, false);
}
