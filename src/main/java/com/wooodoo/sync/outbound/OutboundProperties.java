package com.wooodoo.sync.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wooodoo.outbound.*}: the requests to the shops and Odoos (see config/application.yaml). */
@ConfigurationProperties(prefix = "wooodoo.outbound")
public class OutboundProperties {

    /**
     * Above 0: every organisation's requests per minute, whatever its syncs ask. For systems known
     * to take more than the contract's highest rateLimit (the sandbox simulators, a staging copy).
     */
    private int requestsPerMinuteOverride = 0;
    /**
     * False: no request is metered at all, whatever the syncs ask. Only for systems that take any
     * rate (the sandbox simulators in a benchmark); a throttle's bookkeeping grows with its limit, so
     * a huge override is no substitute.
     */
    private boolean throttleEnabled = true;
    private final Breaker breaker = new Breaker();
    private final SharedRateLimit sharedRateLimit = new SharedRateLimit();

    public int getRequestsPerMinuteOverride() {
        return requestsPerMinuteOverride;
    }

    public void setRequestsPerMinuteOverride(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("wooodoo.outbound.requests-per-minute-override must be 0 or more, not " + value);
        }
        this.requestsPerMinuteOverride = value;
    }

    public boolean isThrottleEnabled() {
        return throttleEnabled;
    }

    public void setThrottleEnabled(boolean throttleEnabled) {
        this.throttleEnabled = throttleEnabled;
    }

    public Breaker getBreaker() {
        return breaker;
    }

    public SharedRateLimit getSharedRateLimit() {
        return sharedRateLimit;
    }

    /**
     * {@code wooodoo.outbound.shared-rate-limit.*}: an organisation's metered requests counted in
     * PostgreSQL as well, so that its limit holds across every instance ({@link OrganisationRateLimit}).
     */
    public static class SharedRateLimit {
        /** False: each instance meters only its own requests (the local throttle alone). */
        private boolean enabled = true;
        /**
         * How much later than its token a request may reach the system: an organisation's tokens of
         * a minute are spread over a minute and this, so that the system never counts more than
         * the limit within 60 s.
         */
        private long arrivalMarginMs = 5_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public long getArrivalMarginMs() {
            return arrivalMarginMs;
        }

        public void setArrivalMarginMs(long value) {
            if (value < 0 || value > 60_000) {
                throw new IllegalArgumentException(
                        "wooodoo.outbound.shared-rate-limit.arrival-margin-ms must be from 0 to 60000, not " + value);
            }
            this.arrivalMarginMs = value;
        }
    }

    /** {@code wooodoo.outbound.breaker.*}: the circuit breaker of each organisation's connection to a system. */
    public static class Breaker {
        /** Requests whose outcome decides the failure rate. */
        private int slidingWindowSize = 20;
        /** Requests before the failure rate counts at all. */
        private int minimumNumberOfCalls = 10;
        /** Percentage of failed requests (5xx, 429, no answer) that opens the breaker. */
        private float failureRateThreshold = 50;
        /** How long an open breaker refuses requests before it lets some through again. */
        private long openMs = 30_000;
        /** Requests let through to probe a half-open breaker. */
        private int permittedCallsWhenHalfOpen = 2;

        public int getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(int value) {
            this.slidingWindowSize = positive("sliding-window-size", value);
        }

        public int getMinimumNumberOfCalls() {
            return minimumNumberOfCalls;
        }

        public void setMinimumNumberOfCalls(int value) {
            this.minimumNumberOfCalls = positive("minimum-number-of-calls", value);
        }

        public float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(float value) {
            if (value <= 0 || value > 100) {
                throw new IllegalArgumentException("wooodoo.outbound.breaker.failure-rate-threshold must be above 0 and at most 100, not " + value);
            }
            this.failureRateThreshold = value;
        }

        public long getOpenMs() {
            return openMs;
        }

        public void setOpenMs(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("wooodoo.outbound.breaker.open-ms must be positive, not " + value);
            }
            this.openMs = value;
        }

        public int getPermittedCallsWhenHalfOpen() {
            return permittedCallsWhenHalfOpen;
        }

        public void setPermittedCallsWhenHalfOpen(int value) {
            this.permittedCallsWhenHalfOpen = positive("permitted-calls-when-half-open", value);
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("wooodoo.outbound.breaker." + name + " must be positive, not " + value);
            }
            return value;
        }
    }
}
