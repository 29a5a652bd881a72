package com.wooodoo.sync.observability;

import com.wooodoo.sync.outbound.OutboundBreakers;
import com.wooodoo.sync.outbound.OutboundChannel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The product's own metrics, next to Camel's route metrics on {@code /actuator/prometheus} of the
 * management port (127.0.0.1 by default: the labels name organisations):
 * <ul>
 *   <li>{@code wooodoo_records_total{org,entity,direction,outcome}}: records synced, unchanged,
 *       skipped and failed, counted when their batch is recorded;</li>
 *   <li>{@code wooodoo_batch_duration_seconds{org,entity,direction}}: one batch, plan to record;</li>
 *   <li>{@code wooodoo_throttle_wait_seconds{org}}: time requests waited in the outbound throttle;</li>
 *   <li>{@code wooodoo_circuit_breaker_state{org,system}}: 0 closed, 1 open, 2 half-open, 3 other
 *       (disabled, forced open, metrics only);</li>
 *   <li>open conflicts and syncs by state: see {@link OperatorGauges}.</li>
 * </ul>
 */
@Component
public class SyncMetrics implements OutboundBreakers.Listener {

    /** What became of the records of a batch. */
    public enum Outcome {
        SYNCED, UNCHANGED, SKIPPED, FAILED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void records(String orgId, String entity, String direction, Outcome outcome, long count) {
        if (count > 0) {
            Counter.builder("wooodoo.records").description("Records of syncs, by what became of them")
                    .tags("org", orgId, "entity", entity, "direction", direction, "outcome", outcome.tag())
                    .register(registry).increment(count);
        }
    }

    public void batch(String orgId, String entity, String direction, Duration took) {
        Timer.builder("wooodoo.batch.duration").description("One batch of a sync, from its plan to its record")
                .tags("org", orgId, "entity", entity, "direction", direction)
                .register(registry).record(took);
    }

    /**
     * Route step of {@code outboundRequest}, after the throttle: how long the request waited for it
     * (since the property {@code wooodooThrottleEntered} was set).
     */
    public void throttlePassed(Exchange exchange) {
        java.util.Date entered = exchange.getProperty(OutboundChannel.THROTTLE_ENTERED, java.util.Date.class);
        String orgId = exchange.getProperty(OutboundChannel.ORGANISATION, String.class);
        if (entered != null && orgId != null) {
            Timer.builder("wooodoo.throttle.wait").description("Time an outbound request waited for the organisation's throttle")
                    .tags("org", orgId).register(registry)
                    .record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - entered.getTime())));
        }
    }

    /** Publishes the state of an organisation's circuit breaker to an external system. */
    @Override
    public void created(String orgId, String system, CircuitBreaker breaker) {
        Gauge.builder("wooodoo.circuit.breaker.state", breaker, SyncMetrics::stateCode)
                .description("Circuit breaker of an organisation's connection: 0 closed, 1 open, 2 half-open, 3 other")
                .tags("org", orgId, "system", system).register(registry);
    }

    static int stateCode(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }
}
