package com.wooodoo.sync.observability;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.Map;

/**
 * The liveness and readiness probes on the service's public port, with their status alone
 * ({@code {"status":"UP"}}, 200; {@code DOWN} or {@code OUT_OF_SERVICE}, 503), for load balancers and
 * Kubernetes. Everything else of Actuator — the components and details of these groups (which name
 * organisations), info, metrics, Prometheus — answers only on the management port
 * ({@code management.server.port}, on 127.0.0.1 by default), at the same paths.
 */
@RestController
public class PublicHealthProbes {

    public static final String LIVENESS = "/actuator/health/liveness";
    public static final String READINESS = "/actuator/health/readiness";

    private final ObjectProvider<HealthEndpoint> health;
    private final ObjectProvider<HttpCodeStatusMapper> statusCodes;

    public PublicHealthProbes(ObjectProvider<HealthEndpoint> health, ObjectProvider<HttpCodeStatusMapper> statusCodes) {
        this.health = health;
        this.statusCodes = statusCodes;
    }

    @GetMapping(path = LIVENESS)
    public ResponseEntity<Map<String, String>> liveness() {
        return probe("liveness");
    }

    @GetMapping(path = READINESS)
    public ResponseEntity<Map<String, String>> readiness() {
        return probe("readiness");
    }

    private ResponseEntity<Map<String, String>> probe(String group) {
        HealthEndpoint endpoint = health.getIfAvailable();
        HealthComponent component = endpoint == null ? null : endpoint.healthForPath(group);
        if (component == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND); // Actuator's health endpoint is off
        }
        HttpCodeStatusMapper mapper = statusCodes.getIfAvailable();
        int status = mapper != null ? mapper.getStatusCode(component.getStatus())
                : component.getStatus().getCode().equals("UP") ? WebEndpointResponse.STATUS_OK
                : WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", component.getStatus().getCode()));
    }
}
