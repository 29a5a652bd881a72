package com.wooodoo.sync.observability;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Refreshes the gauges read from the database ({@link OperatorGauges}). */
@Component
public class ObservabilityRoutes extends RouteBuilder {

    private final long refreshMs;

    public ObservabilityRoutes(@Value("${wooodoo.observability.gauges-refresh-ms:15000}") long refreshMs) {
        this.refreshMs = refreshMs;
    }

    @Override
    public void configure() {
        from("timer:refreshOperatorGauges?delay=1000&period=" + refreshMs)
                .routeId("refreshOperatorGauges")
                .bean("operatorGauges", "refresh");
    }
}
