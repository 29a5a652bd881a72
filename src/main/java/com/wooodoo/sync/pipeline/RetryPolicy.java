package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * When a failed batch is tried again: transient failures up to the sync's {@code maxRetries}
 * (with exponential back-off, or what {@code Retry-After} asks if that is longer); an open
 * circuit breaker is waited out without counting against the retries, while the sync still runs.
 */
@Component("retryPolicy")
public class RetryPolicy {

    static final String TRANSIENT_RETRIES = "syncBatchTransientRetries";

    private final SyncControl control;

    public RetryPolicy(SyncControl control) {
        this.control = control;
    }

    public boolean shouldRetry(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SyncJob job = exchange.getProperty(SyncRunner.JOB, SyncJob.class);
        if (job == null || failure == null) {
            return false;
        }
        if (isOpenCircuit(failure)) {
            return control.mayContinue(job);
        }
        ConnectorException connector = connectorFailure(failure);
        if (connector == null || !connector.isTransient()) {
            return false;
        }
        // counted here, not by Camel's redelivery counter, so that waiting for an open circuit
        // does not use up the retries
        int retries = exchange.getProperty(TRANSIENT_RETRIES, 0, Integer.class);
        if (retries >= job.config().maxRetries() || !control.mayContinue(job)) {
            return false;
        }
        exchange.setProperty(TRANSIENT_RETRIES, retries + 1);
        return true;
    }

    /** Before a redelivery: wait at least what the external system asked for. */
    public void beforeRedelivery(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ConnectorException connector = connectorFailure(failure);
        if (connector != null) {
            connector.retryAfter().map(Duration::toMillis).ifPresent(ms -> {
                Long planned = exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
                if (planned == null || planned < ms) {
                    exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, ms);
                }
            });
        }
    }

    static boolean isOpenCircuit(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CallNotPermittedException) {
                return true;
            }
        }
        return false;
    }

    static ConnectorException connectorFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectorException c) {
                return c;
            }
        }
        return null;
    }
}
