package com.wooodoo.sync.outbound;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * One circuit breaker per organisation and external system, made the first time a request of
 * that connection passes the route {@code outboundRequest} ({@link #ensure}): a resilience4j
 * breaker with the settings of {@code wooodoo.outbound.breaker.*}, and a route made from the
 * template {@code outboundBreaker} of {@code routes/outbound-request.camel.yaml} that uses it.
 */
@Component("outboundBreakers")
public class OutboundBreakers {

    /** Told of every breaker made (metrics). */
    public interface Listener {
        void created(String orgId, String system, CircuitBreaker breaker);
    }

    static final String TEMPLATE = "outboundBreaker";

    private final CamelContext camel;
    private final CircuitBreakerConfig config;
    private final List<Listener> listeners;

    public OutboundBreakers(CamelContext camel, OutboundProperties properties, List<Listener> listeners) {
        this.camel = camel;
        this.listeners = listeners;
        OutboundProperties.Breaker settings = properties.getBreaker();
        this.config = CircuitBreakerConfig.custom()
                .slidingWindowSize(settings.getSlidingWindowSize())
                .minimumNumberOfCalls(settings.getMinimumNumberOfCalls())
                .failureRateThreshold(settings.getFailureRateThreshold())
                .waitDurationInOpenState(Duration.ofMillis(settings.getOpenMs()))
                .permittedNumberOfCallsInHalfOpenState(settings.getPermittedCallsWhenHalfOpen())
                .build();
    }

    /** An organisation's connection to a system, {@code <organisation>-<system>}. */
    public static String connection(String orgId, String system) {
        return orgId + "-" + system;
    }

    /** The registry name of the breaker of an organisation's connection to a system. */
    public static String breakerName(String orgId, String system) {
        return "circuitBreaker-" + connection(orgId, system);
    }

    /** The id of the route that holds the breaker of an organisation's connection to a system. */
    public static String routeId(String orgId, String system) {
        return TEMPLATE + "-" + connection(orgId, system);
    }

    /** Route step: makes the breaker of the request's connection and its route, the first time. */
    public void ensure(Exchange exchange) {
        String connection = exchange.getProperty(OutboundChannel.CONNECTION, String.class);
        String routeId = TEMPLATE + "-" + connection;
        if (camel.getRoute(routeId) != null) {
            return;
        }
        synchronized (this) {
            if (camel.getRoute(routeId) != null) {
                return;
            }
            String orgId = exchange.getProperty(OutboundChannel.ORGANISATION, String.class);
            String system = connection.substring(orgId.length() + 1);
            String name = breakerName(orgId, system);
            CircuitBreaker breaker = CircuitBreaker.of(name, config);
            camel.getRegistry().bind(name, CircuitBreaker.class, breaker);
            listeners.forEach(l -> l.created(orgId, system, breaker));
            try {
                TemplatedRouteBuilder.builder(camel, TEMPLATE).routeId(routeId).parameter("connection", connection).add();
            } catch (Exception e) {
                throw new IllegalStateException("the outbound route of " + name + " cannot be made: " + e.getMessage(), e);
            }
        }
    }
}
