package com.wooodoo.sync.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The machinery under the sync flow of {@code routes/sync-pipeline.camel.yaml}: claiming syncs,
 * the circuit breaker per organisation and external system around every connector call, and the
 * per-organisation throttle of every HTTP request.
 */
@Component
public class PipelineRoutes extends RouteBuilder {

    static final String BREAKER_TEMPLATE = "externalCallBreaker";

    private final long pollMs;
    private final long leaseMs;

    public PipelineRoutes(@Value("${wooodoo.pipeline.poll-ms:1000}") long pollMs,
                          @Value("${wooodoo.pipeline.lease-ms:60000}") long leaseMs) {
        this.pollMs = pollMs;
        this.leaseMs = leaseMs;
    }

    @Override
    public void configure() {
        from("timer:claimSyncs?delay=2000&period=" + pollMs)
                .routeId("claimQueuedSyncs")
                .autoStartup("{{wooodoo.pipeline.enabled:true}}")
                .bean(SyncRunner.class, "claimAndStart");

        from("timer:renewSyncLeases?delay=1000&period=" + Math.max(200, leaseMs / 3))
                .routeId("renewSyncLeases")
                .autoStartup("{{wooodoo.pipeline.enabled:true}}")
                .bean(SyncRunner.class, "renewLeases");

        // Each connector call goes through the circuit breaker of its organisation and system ...
        from("direct:externalCall")
                .routeId("externalCall")
                .errorHandler(noErrorHandler())
                .toD("direct:breaker-${exchangeProperty." + ExternalCalls.BREAKER + "}");

        // ... and each HTTP request it sends first passes the organisation's one throttle, whatever
        // the system or sync (see OutboundPermits)
        from("direct:outboundRequestPermit")
                .routeId("outboundRequestThrottle")
                .errorHandler(noErrorHandler())
                .throttle(exchangeProperty(ExternalCalls.RATE_LIMIT)).timePeriodMillis(60_000)
                    .correlationExpression(exchangeProperty(ExternalCalls.ORG));

        // One circuit breaker per organisation and system; errors go back to the caller, whose
        // error handler decides on redelivery (see SyncBatchErrorHandling).
        routeTemplate(BREAKER_TEMPLATE)
                .templateParameter("key")
                .from("direct:breaker-{{key}}")
                .errorHandler(noErrorHandler())
                .circuitBreaker()
                    .resilience4jConfiguration()
                        .circuitBreaker("circuitBreaker-{{key}}") // made per key by ExternalCalls
                        .throwExceptionWhenHalfOpenOrOpenState(true)
                    .end()
                    .process(exchange -> exchange.getIn().getBody(ExternalCall.class).run())
                .end();
    }
}
