package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.outbound.OutboundBreakers;
import com.wooodoo.sync.outbound.OutboundChannel;
import com.wooodoo.sync.outbound.OutboundWaits;
import com.wooodoo.sync.store.SyncClaimStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a failed batch, or a failed read of the source ({@link SourceReads}), is tried again:
 * transient failures up to the sync's {@code maxRetries} (with exponential back-off, or what
 * {@code Retry-After} asks if that is longer); an open circuit breaker is waited out without
 * counting against the retries, while the sync still runs. A {@code Retry-After} longer than
 * {@code wooodoo.pipeline.max-retry-after-ms} is not waited out on the worker: the run stops as
 * for a pause and the sync goes back to the queue until then ({@link SyncJob.Requeue}), which
 * does not count against the retries (the system asked for it; the activity log says so).
 */
@Component("retryPolicy")
public class RetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    static final String TRANSIENT_RETRIES = "syncBatchTransientRetries";
    /** How many waits a batch has had (retries and open circuits): its back-off grows with them. */
    static final String BATCH_WAITS = "syncBatchWaits";

    /** The longest a sync is kept in the queue for one {@code Retry-After}, however long it asked. */
    static final Duration LONGEST_QUEUE_WAIT = Duration.ofDays(1);

    private final SyncControl control;
    private final Connections connections;
    private final SyncClaimStore claims;

    private final long firstDelayMs;
    private final long maxRetryAfterMs;

    public RetryPolicy(SyncControl control, Connections connections, SyncClaimStore claims,
                       PipelineProperties properties) {
        this.control = control;
        this.connections = connections;
        this.claims = claims;
        this.firstDelayMs = properties.getFirstRetryDelayMs();
        this.maxRetryAfterMs = properties.getMaxRetryAfterMs();
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
        ConnectorException connector = connectorFailure(failure);
        long asked = connector == null ? 0 : connector.retryAfter().map(Duration::toMillis).orElse(0L);
        return Math.max(backOffMs(waits), asked);
    }

    /** The back-off after {@code waits} earlier waits: the first retry delay, then 2, 4, 8, 16 times it. */
    long backOffMs(int waits) {
        return firstDelayMs << Math.min(waits, 4);
    }

    /**
     * The wait a transient failure asked for ({@code Retry-After}) when it is longer than a worker
     * is held for ({@code wooodoo.pipeline.max-retry-after-ms}); empty when it is to be waited out
     * here, or is no transient failure at all.
     */
    public Optional<Duration> waitTooLongForTheWorker(Throwable failure) {
        ConnectorException connector = connectorFailure(failure);
        if (connector == null || connector.kind() != FailureKind.TRANSIENT) {
            return Optional.empty();
        }
        return connector.retryAfter().filter(asked -> asked.toMillis() > maxRetryAfterMs);
    }

    /**
     * The sync goes back to the queue for what {@code system} asked while {@code doing} (at least
     * {@code settleMs}, at most {@link #LONGEST_QUEUE_WAIT}), with the reason an operator reads.
     */
    static SyncJob.Requeue requeue(ExternalSystem system, Duration asked, long settleMs, String doing) {
        long waitMs = Math.max(settleMs, Math.min(asked.toMillis(), LONGEST_QUEUE_WAIT.toMillis()));
        Instant until = Instant.now().plusMillis(waitMs).truncatedTo(ChronoUnit.SECONDS);
        String name = system == ExternalSystem.WOOCOMMERCE ? "WooCommerce" : "Odoo";
        return new SyncJob.Requeue(waitMs, name + " asked to wait " + asked.toSeconds() + " s (Retry-After) when "
                + doing + "; the sync waits in the queue until " + until
                + " and then goes on from its checkpoint (no retry counted)");
    }

    /**
     * Camel's {@code retryWhile} of a failed batch: whether it is tried again. Camel tries again at
     * once; the wait before the next attempt (back-off, {@code Retry-After}, settle) is planned on
     * the batch here and waited by {@link BatchStart#attempt}, looking at the sync's state, so that
     * a pause or a cancel is taken within the wait. A batch whose sync stopped, or that was asked
     * for a wait too long for the worker, is abandoned: not recorded, not dead-lettered.
     */
    public boolean shouldRetry(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SyncJob job = exchange.getProperty(SyncJob.PROPERTY, SyncJob.class);
        BatchWork work = exchange.getProperty(BatchWork.BATCH, BatchWork.class);
        if (job == null || failure == null) {
            return false;
        }
        if (work != null && work.abandoned()) {
            return false;
        }
        if (OutboundWaits.isWithdrawn(failure)) {
            // the sync stopped while a request of the batch waited for the rate limit: done again from the checkpoint
            if (work != null) {
                work.abandon();
            }
            return false;
        }
        Optional<Duration> tooLong = waitTooLongForTheWorker(failure);
        if (tooLong.isPresent() && work != null) {
            ConnectorException connector = connectorFailure(failure);
            job.requeue(requeue(connector.system(), tooLong.get(), createSettleMs(work),
                    "syncing batch " + work.batchIndex() + " of " + work.entity().id()));
            LOG.info("{}: {}", job, job.requeueRequested().reason());
            work.abandon();
            return false;
        }
        // counted here, not by Camel's redelivery counter, so that waiting for an open circuit
        // does not use up the retries
        int retries = exchange.getProperty(TRANSIENT_RETRIES, 0, Integer.class);
        Verdict verdict = judge(exchange.getContext(), job, failure, retries);
        if (verdict == Verdict.GIVE_UP) {
            return false;
        }
        if (!control.mayContinue(job)) {
            abandon(work);
            return false;
        }
        if (verdict == Verdict.RETRY) {
            exchange.setProperty(TRANSIENT_RETRIES, retries + 1);
        }
        int waits = exchange.getProperty(BATCH_WAITS, 0, Integer.class);
        exchange.setProperty(BATCH_WAITS, waits + 1);
        planDelay(work, failure, waits);
        return true;
    }

    /**
     * Makes the coming attempt wait, before it looks at the target again: the back-off, or what
     * the external system asked ({@code Retry-After}) when longer, and, when the batch was
     * creating records, the target's read timeout (the settle): a create whose answer timed out
     * may still be running in the target, and planning again before it ends would create its
     * records a second time.
     */
    private void planDelay(BatchWork work, Throwable failure, int waits) {
        if (work == null) {
            return;
        }
        work.backOffBeforeNextAttempt(readDelayMs(failure, waits));
        long settle = createSettleMs(work);
        if (settle > 0) {
            work.settleBeforeReplanning(settle);
        }
    }

    /** The settle of a batch whose failed attempt was creating records (the target's read timeout), else 0. */
    private long createSettleMs(BatchWork work) {
        if (work.plans().stream().noneMatch(p -> p.action() == PlannedAction.CREATE)) {
            return 0;
        }
        return readTimeoutMs(work.job()).orElse(0L);
    }

    /**
     * The sync stopped before the batch was done: the batch is abandoned, and when its failed
     * attempt was creating records the sync is held back for the settle, so that a quick resume
     * does not plan those records again while their create may still be running.
     */
    private void abandon(BatchWork work) {
        if (work == null) {
            return;
        }
        work.abandon();
        long settle = createSettleMs(work);
        if (settle > 0) {
            SyncJob job = work.job();
            claims.holdBack(job.syncId(), job.runner(), settle, settleReason(job, settle));
        }
    }

    static String settleReason(SyncJob job, long settleMs) {
        return "a create sent to " + (job.target() == ExternalSystem.WOOCOMMERCE ? "WooCommerce" : "Odoo")
                + " may still be running there (its answer did not come); the sync is not taken up again for "
                + Math.max(1, settleMs / 1000) + " s";
    }

    private Optional<Long> readTimeoutMs(SyncJob job) {
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
