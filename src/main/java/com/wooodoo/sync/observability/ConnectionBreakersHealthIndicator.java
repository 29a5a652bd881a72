package com.wooodoo.sync.observability;

import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.outbound.OutboundBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The circuit-breaker state of each organisation's WooCommerce and Odoo connection (health
 * component {@code connectionBreakers}, part of readiness). An open breaker is reported, not
 * turned into DOWN: every instance talks to the same shop and the same Odoo, so taking this one out
 * of rotation would not help, and the API (status, conflicts) still works. A connection not used
 * since the start is {@code NOT_USED_YET}.
 */
@Component("connectionBreakers")
public class ConnectionBreakersHealthIndicator implements HealthIndicator {

    private final Connections connections;
    private final CamelContext camel;

    public ConnectionBreakersHealthIndicator(Connections connections, CamelContext camel) {
        this.connections = connections;
        this.camel = camel;
    }

    @Override
    public Health health() {
        Map<String, Object> byOrganisation = new LinkedHashMap<>();
        int open = 0;
        for (var entry : connections.connected().entrySet()) {
            Map<String, String> bySystem = new LinkedHashMap<>();
            for (ExternalSystem system : entry.getValue()) {
                CircuitBreaker breaker = camel.getRegistry().lookupByNameAndType(
                        OutboundBreakers.breakerName(entry.getKey(), system.id()), CircuitBreaker.class);
                String state = breaker == null ? "NOT_USED_YET" : breaker.getState().name();
                open += "OPEN".equals(state) ? 1 : 0;
                bySystem.put(system.id(), state);
            }
            byOrganisation.put(entry.getKey(), bySystem);
        }
        return Health.up().withDetail("open", open).withDetail("organisations", byOrganisation).build();
    }
}
