package com.wooodoo.sync.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wooodoo.observability.*} (see config/application.yaml). */
@ConfigurationProperties(prefix = "wooodoo.observability")
public class ObservabilityProperties {

    /** How often the gauges read from the database (open conflicts, syncs by state) are refreshed, in ms. */
    private long gaugesRefreshMs = 15_000;

    public long getGaugesRefreshMs() {
        return gaugesRefreshMs;
    }

    public void setGaugesRefreshMs(long value) {
        if (value < 100) {
            throw new IllegalArgumentException("wooodoo.observability.gauges-refresh-ms must be at least 100, not " + value);
        }
        this.gaugesRefreshMs = value;
    }
}
