package com.wooodoo.sync.conflict;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code wooodoo.conflicts.*}: how resolutions of conflicts are carried out. */
@ConfigurationProperties(prefix = "wooodoo.conflicts")
public class ConflictProperties {

    /**
     * How long a resolution being carried out ({@code accept}, {@code retry}) holds its conflict
     * against other resolutions: longer than a resolution's calls take, throttle waits included.
     * A claim left by a service that died runs out after this, and the conflict can be resolved again.
     */
    private Duration claimLease = Duration.ofMinutes(30);

    public Duration getClaimLease() {
        return claimLease;
    }

    public void setClaimLease(Duration value) {
        if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("wooodoo.conflicts.claim-lease must be at least 1s, not " + value);
        }
        this.claimLease = value;
    }
}
