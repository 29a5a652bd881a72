package com.wooodoo.sync.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wooodoo.api.*}: the orchestrate API's limits (see config/application.yaml). */
@ConfigurationProperties(prefix = "wooodoo.api")
public class ApiProperties {

    /** Inbound requests per organisation and minute, counted across all instances. */
    private int rateLimitPerMinute = 600;
    /** The largest request body accepted, in bytes. */
    private int maxBodyBytes = 65_536;

    public int getRateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    public void setRateLimitPerMinute(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("wooodoo.api.rate-limit-per-minute must be at least 1, not " + value);
        }
        this.rateLimitPerMinute = value;
    }

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int value) {
        if (value < 1024) {
            throw new IllegalArgumentException("wooodoo.api.max-body-bytes must be at least 1024, not " + value);
        }
        this.maxBodyBytes = value;
    }
}
