package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.outbound.OutboundBreakers;
import com.wooodoo.sync.outbound.OutboundChannel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * When a failed batch, or a failed read of the source ({@link SourceReads}), is tried again:
 * transient failures up to the sync's {@code maxRetries} (with exponential back-off, or what
 * {@code Retry-After} asks if that is longer); an open circuit breaker is waited out without
 * counting against the retries, while the sync still runs.
 */
@Component("retryPolicy")
public class RetryPolicy {

    static final String TRANSIENT_RETRIES = "syncBatchTransientRetries";

    private final SyncControl control;
    private final Connections connections;

    private final long firstDelayMs;

    public RetryPolicy(SyncControl control, Connections connections, PipelineProperties properties) {
        this.control = control;
        this.connections = connections;
        this.firstDelayMs = properties.getFirstRetryDelayMs();
    }

    /** What a failed call of a sync leads to. */
    public enum Verdict {
        /** The circuit of the system is open or half-open: waited out, not counted against the retries. */
        WAIT_FOR_BREAKER,
        /** A transient failure with retries left: tried again after a wait, counted. */
        RETRY,
        /** Not transient, or no retries left. */
        GIVE_UP
    }

    /**
     * How a failed call of {@code job} is treated, after {@code retries} counted retries: the rule
     * for batches and for reads of the source alike (whether the sync may still go on is the
     * caller's to check).
     */
    public Verdict judge(CamelContext camel, SyncJob job, Throwable failure, int retries) {
        if (isOpenCircuit(failure)) {
            return Verdict.WAIT_FOR_BREAKER;
        }
        ConnectorException connector = connectorFailure(failure);
        if (connector == null || !connector.isTransient()) {
            return Verdict.GIVE_UP;
        }
        if (breakerNotClosed(camel, job, connector)) {
            // a failed probe of a half-open circuit: the system is still down, keep waiting
            return Verdict.WAIT_FOR_BREAKER;
        }
        return retries >= job.config().maxRetries() ? Verdict.GIVE_UP : Verdict.RETRY;
    }

    /**
     * How long a read of the source waits before its next attempt, after {@code waits} earlier
     * waits: the batches' back-off (first retry delay, then 2, 4, 8, 16 times it), or what the
     * system asked in {@code Retry-After} if that is longer.
     */
    public long readDelayMs(Throwable failure, int waits) {
        long backOff = firstDelayMs << Math.min(waits, 4);
        ConnectorException connector = connectorFailure(failure);
        long asked = connector == null ? 0 : connector.retryAfter().map(Duration::toMillis).orElse(0L);
        return Math.max(backOff, asked);
    }

    public boolean shouldRetry(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SyncJob job = exchange.getProperty(SyncJob.PROPERTY, SyncJob.class);
        if (job == null || failure == null) {
            return false;
        }
        // counted here, not by Camel's redelivery counter, so that waiting for an open circuit
        // does not use up the retries
        int retries = exchange.getProperty(TRANSIENT_RETRIES, 0, Integer.class);
        switch (judge(exchange.getContext(), job, failure, retries)) {
            case WAIT_FOR_BREAKER -> {
                if (!isOpenCircuit(failure)) {
                    planDelay(exchange);
                }
                return control.mayContinue(job);
            }
            case RETRY -> {
                if (!control.mayContinue(job)) {
                    return false;
                }
                exchange.setProperty(TRANSIENT_RETRIES, retries + 1);
                planDelay(exchange);
                return true;
            }
            default -> {
                return false;
            }
        }
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


    private static boolean breakerNotClosed(CamelContext camel, SyncJob job, ConnectorException failure) {
        CircuitBreaker breaker = camel.getRegistry().lookupByNameAndType(
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
