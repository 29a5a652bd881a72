package com.wooodoo.sync.pipeline;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The settings of every organisation's circuit breakers, as a resilience4j configuration bean:
 * Camel's own {@code waitDurationInOpenState} option counts whole seconds, this keeps milliseconds.
 */
@Configuration
public class BreakerConfiguration {

    public static final String BEAN = "syncCircuitBreakerConfig";

    @Bean(BEAN)
    public CircuitBreakerConfig syncCircuitBreakerConfig(@Value("${wooodoo.pipeline.breaker-open-ms:30000}") long openMs) {
        if (openMs < 1) {
            throw new IllegalArgumentException("wooodoo.pipeline.breaker-open-ms must be positive, not " + openMs);
        }
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMillis(openMs))
                .permittedNumberOfCallsInHalfOpenState(2)
                .build();
    }
}
