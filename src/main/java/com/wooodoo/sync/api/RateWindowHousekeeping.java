package com.wooodoo.sync.api;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Forgets the inbound rate-limit windows that are over, every ten minutes. */
@Component
public class RateWindowHousekeeping extends RouteBuilder {

    private final InboundRateLimiter rateLimiter;

    public RateWindowHousekeeping(InboundRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void configure() {
        from("timer:purgeRateWindows?period=600000&delay=60000")
                .routeId("purgeExpiredRateWindows")
                .bean(rateLimiter, "purgeOldWindows")
                .log(org.apache.camel.LoggingLevel.DEBUG, "Purged ${body} expired inbound rate-limit windows");
    }
}
