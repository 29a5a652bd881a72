package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.outbound.OutboundBreakers;
import com.wooodoo.sync.outbound.OutboundChannel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
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
    private final Connections connections;

    public RetryPolicy(SyncControl control, Connections connections) {
        this.control = control;
        this.connections = connections;
    }

    public boolean shouldRetry(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SyncJob job = exchange.getProperty(SyncJob.PROPERTY, SyncJob.class);
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
        if (breakerNotClosed(exchange, job, connector)) {
            // a failed probe of a half-open circuit: the system is still down, keep waiting
            planDelay(exchange);
            return control.mayContinue(job);
        }
        // counted here, not by Camel's redelivery counter, so that waiting for an open circuit
        // does not use up the retries
        int retries = exchange.getProperty(TRANSIENT_RETRIES, 0, Integer.class);
        if (retries >= job.config().maxRetries() || !control.mayContinue(job)) {
            return false;
        }
        exchange.setProperty(TRANSIENT_RETRIES, retries + 1);
        planDelay(exchange);
        return true;
    }

    /**
     * Makes the coming attempt wait, before it looks at the target again, for what the external
     * system asked ({@code Retry-After}) and, when the batch was creating records, for the
     * target's read timeout: a create whose answer timed out may still be running in the target,
     * and planning again before it ends would create its records a second time.
     */
    private void planDelay(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ConnectorException connector = connectorFailure(failure);
        BatchWork work = exchange.getProperty(BatchWork.BATCH, BatchWork.class);
        if (connector == null || work == null) {
            return;
        }
        connector.retryAfter().map(Duration::toMillis).ifPresent(work::settleBeforeReplanning);
        if (work.plans().stream().anyMatch(p -> p.action() == PlannedAction.CREATE)) {
            readTimeoutMs(work.job()).ifPresent(work::settleBeforeReplanning);
        }
    }

    private java.util.Optional<Long> readTimeoutMs(SyncJob job) {
        return switch (job.target()) {
            case WOOCOMMERCE -> connections.wooCommerce(job.orgId()).map(s -> (long) s.timeouts().readMs());
            case ODOO -> connections.odoo(job.orgId()).map(s -> (long) s.timeouts().readMs());
        };
    }


    private static boolean breakerNotClosed(Exchange exchange, SyncJob job, ConnectorException failure) {
        CircuitBreaker breaker = exchange.getContext().getRegistry().lookupByNameAndType(
                OutboundBreakers.breakerName(job.orgId(), failure.system().id()), CircuitBreaker.class);
        return breaker != null && breaker.getState() != CircuitBreaker.State.CLOSED;
    }

    static boolean isOpenCircuit(Throwable failure) {
        return OutboundChannel.refusalOfAnOpenBreaker(failure).isPresent();
    }

    static ConnectorException connectorFailure(Throwable failure) {
        return ConnectorException.causeIn(failure).orElse(null);
    }
}
