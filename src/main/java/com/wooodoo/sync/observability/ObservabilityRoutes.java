package com.wooodoo.sync.observability;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Refreshes the gauges read from the database ({@link OperatorGauges}). */
@Component
public class ObservabilityRoutes extends RouteBuilder {

    private final long refreshMs;

    public ObservabilityRoutes(ObservabilityProperties properties) {
        this.refreshMs = properties.getGaugesRefreshMs();
    }

    @Override
    public void configure() {
        from("timer:refreshOperatorGauges?delay=1000&period=" + refreshMs)
                .routeId("refreshOperatorGauges")
                .bean("operatorGauges", "refresh");
    }
}
