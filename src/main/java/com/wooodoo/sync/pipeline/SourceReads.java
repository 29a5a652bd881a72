package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.outbound.OutboundWaits;
import com.wooodoo.sync.store.ConflictType;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads of the source (pages, and the count at a run's start) tried again as batches are
 * ({@link RetryPolicy}): transient failures up to the sync's {@code maxRetries}, after the
 * back-off or the {@code Retry-After} asked; an open circuit waited out without counting. Every
 * wait looks at the sync's state ({@link SyncControl#waitWhileRunning}), so that a pause or a
 * cancel is taken while a read waits. A {@code Retry-After} too long for the worker stops the run,
 * and the sync goes back to the queue until then ({@link RetryPolicy#waitTooLongForTheWorker}).
 * What cannot be read stops the run ({@link #stopRun}): the
 * sync ends {@code failed} with a reason naming the system and the call, and refused credentials
 * with one {@code AuthError} conflict.
 */
@Component
public class SourceReads {

    private static final Logger LOG = LoggerFactory.getLogger(SourceReads.class);

    /**
     * The sync was paused, cancelled, failed or taken over while a read waited to be tried again,
     * or the source asked for a wait too long for the worker (the job then says until when).
     */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("the sync stopped while a read of its source waited", null, false, false);
        }
    }

    /** A read of the source that failed for good: not transient, or out of retries. */
    public static final class GaveUp extends RuntimeException {
        private final FailureKind kind;

        GaveUp(String message, FailureKind kind, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }
    }

    private final RetryPolicy policy;
    private final SyncControl control;
    private final CamelContext camel;
    private final BatchRecorder recorder;

    public SourceReads(RetryPolicy policy, SyncControl control, CamelContext camel, BatchRecorder recorder) {
        this.policy = policy;
        this.control = control;
        this.camel = camel;
        this.recorder = recorder;
    }

    /**
     * The answer of {@code read}, tried again as the retry policy says; {@code call} names the
     * read for the log and for a failure reason ("page 3 of customers").
     *
     * @throws Stopped when the sync may not go on while the read waits
     * @throws GaveUp  when the source's failure is not transient, or outlasted the retries
     */
    public <T> T read(SyncJob job, String call, Supplier<T> read) {
        int retries = 0;
        int waits = 0;
        while (true) {
            try {
                return read.get();
            } catch (RuntimeException failure) {
                if (OutboundWaits.isWithdrawn(failure)) {
                    throw new Stopped(); // the sync stopped while the read waited for the rate limit
                }
                if (RetryPolicy.connectorFailure(failure) == null && !RetryPolicy.isOpenCircuit(failure)) {
                    throw failure; // not a failure of the source: a fault of the service, as it was raised
                }
                Optional<Duration> tooLong = policy.waitTooLongForTheWorker(failure);
                if (tooLong.isPresent()) {
                    job.requeue(RetryPolicy.requeue(job.source(), tooLong.get(), 0, "reading " + call));
                    LOG.info("{}: {}", job, job.requeueRequested().reason());
                    throw new Stopped();
                }
                RetryPolicy.Verdict verdict = policy.judge(camel, job, failure, retries);
                if (verdict == RetryPolicy.Verdict.GIVE_UP) {
                    throw gaveUp(job, call, failure, retries);
                }
                if (verdict == RetryPolicy.Verdict.RETRY) {
                    retries++;
                }
                long waitMs = policy.readDelayMs(failure, waits++);
                LOG.info("{}: reading {} from {} failed ({}); tried again in {} ms{}", job, call, job.source(),
                        failure.getMessage(), waitMs, verdict == RetryPolicy.Verdict.RETRY
                                ? " (retry " + retries + " of " + job.config().maxRetries() + ")" : " (circuit open)");
                if (!control.waitWhileRunning(job, waitMs)) {
                    throw new Stopped();
                }
            }
        }
    }

    /**
     * A run whose read of the source ended in {@code failure} stops: paused or cancelled ones let
     * go as usual; otherwise the sync fails with the reason, and refused credentials are recorded
     * as one {@code AuthError} conflict. The checkpoint stays where it was.
     */
    void stopRun(SyncJob job, RuntimeException failure) {
        job.stop();
        if (failure instanceof Stopped) {
            return;
        }
        if (failure instanceof GaveUp gaveUp && gaveUp.kind == FailureKind.AUTHENTICATION) {
            recorder.recordSourceFailure(job, entityOf(job), ConflictType.AuthError, gaveUp.getMessage());
        }
        LOG.warn("{}: {}", job, failure.getMessage());
        job.fail(failure.getMessage());
    }

    private static GaveUp gaveUp(SyncJob job, String call, Throwable failure, int retries) {
        ConnectorException connector = RetryPolicy.connectorFailure(failure);
        FailureKind kind = connector == null ? FailureKind.TRANSIENT : connector.kind();
        String system = name(job.source());
        String cause = connector == null ? failure.getMessage() : connector.getMessage();
        String message = switch (kind) {
            case AUTHENTICATION -> "authentication failed: " + system + " refused the credentials when reading " + call
                    + " (" + cause + "); fix the credentials of the " + system + " connection, then start the sync again";
            case TRANSIENT -> system + " did not answer the read of " + call + " after " + retries + " retries ("
                    + cause + "); the sync stopped at its checkpoint " + job.checkpoint().toJson() + ". Once " + system
                    + " answers again, start the sync again: what was synced is linked and not written twice";
            default -> system + " failed the read of " + call + " (" + cause + "); check the " + system
                    + " connection and its data, then start the sync again";
        };
        return new GaveUp(message, kind, failure);
    }

    private static EntityType entityOf(SyncJob job) {
        int index = Math.min(job.checkpoint().entityIndex(), job.entityTypes().size() - 1);
        return job.entityTypes().get(index);
    }

    private static String name(ExternalSystem system) {
        return system == ExternalSystem.WOOCOMMERCE ? "WooCommerce" : "Odoo";
    }
}
