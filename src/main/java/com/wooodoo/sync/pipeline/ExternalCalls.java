package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.OutboundPermits;
import com.wooodoo.sync.observability.SyncMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Sends every connector call of a sync through the route {@code externalCall}: the circuit breaker
 * of that organisation's connection to the system (a route made from the template
 * {@code externalCallBreaker} the first time it is needed); each HTTP request the call makes then
 * passes the organisation's throttle, the route {@code outboundRequestThrottle}.
 */
@Component
public class ExternalCalls {

    static final String ORG = "externalCallOrg";
    static final String BREAKER = "externalCallBreaker";
    static final String RATE_LIMIT = "externalCallRateLimit";

    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final int rateOverride;
    private final boolean rateLimitLifted;
    private final SyncMetrics metrics;
    private final CircuitBreakerConfig breakerConfig;

    /**
     * @param rateOverride    requests per minute that replace every sync's {@code rateLimit} when
     *                        above 0: for benchmarks and tests against the simulators, never for real shops
     * @param rateLimitLifted no throttle at all: for benchmarks against the simulators only
     */
    public ExternalCalls(ProducerTemplate producer, CamelContext camel,
                         @org.springframework.beans.factory.annotation.Value("${wooodoo.pipeline.rate-limit-override:0}")
                         int rateOverride,
                         @org.springframework.beans.factory.annotation.Value("${wooodoo.pipeline.rate-limit-lifted:false}")
                         boolean rateLimitLifted, CircuitBreakerConfig breakerConfig, SyncMetrics metrics) {
        this.metrics = metrics;
        this.rateLimitLifted = rateLimitLifted;
        this.breakerConfig = breakerConfig;
        this.producer = producer;
        this.camel = camel;
        this.rateOverride = rateOverride;
    }

    @SuppressWarnings("unchecked")
    public <T> T call(SyncJob job, ExternalSystem system, String description, Supplier<T> call) {
        String breaker = breakerFor(job.orgId(), system);
        int rateLimit = rateOverride > 0 ? rateOverride : job.config().rateLimit();
        ExternalCall externalCall = new ExternalCall(description, rateLimitLifted ? call::get
                : () -> OutboundPermits.metered(() -> awaitRequestPermit(job.orgId(), rateLimit), call));
        Exchange done = producer.send("direct:externalCall", exchange -> {
            exchange.getIn().setBody(externalCall);
            exchange.setProperty(BREAKER, breaker);
        });
        if (done.getException() != null) {
            throw asRuntime(done.getException());
        }
        return (T) externalCall.outcome();
    }

    /** Passes the organisation's throttle once: one HTTP request may be sent. */
    private void awaitRequestPermit(String orgId, int rateLimit) {
        long began = System.nanoTime();
        Exchange passed = producer.send("direct:outboundRequestPermit", exchange -> {
            exchange.setProperty(ORG, orgId);
            exchange.setProperty(RATE_LIMIT, rateLimit);
        });
        metrics.throttleWait(orgId, System.nanoTime() - began);
        if (passed.getException() != null) {
            throw asRuntime(passed.getException());
        }
    }

    private String breakerFor(String orgId, ExternalSystem system) {
        String key = orgId + "-" + system.id();
        String routeId = "externalCallBreaker-" + key;
        synchronized (this) {
            if (camel.getRoute(routeId) == null) {
                CircuitBreaker breaker = CircuitBreaker.of(breakerBean(orgId, system), breakerConfig);
                camel.getRegistry().bind(breakerBean(orgId, system), CircuitBreaker.class, breaker);
                metrics.breaker(orgId, system.id(), breaker);
                TemplatedRouteBuilder.builder(camel, PipelineRoutes.BREAKER_TEMPLATE)
                        .routeId(routeId)
                        .parameter("key", key)
                        .add();
            }
        }
        return key;
    }

    /** The registry name of the circuit breaker of an organisation's connection to a system. */
    public static String breakerBean(String orgId, ExternalSystem system) {
        return "circuitBreaker-" + orgId + "-" + system.id();
    }

    private static RuntimeException asRuntime(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof org.apache.camel.CamelExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
