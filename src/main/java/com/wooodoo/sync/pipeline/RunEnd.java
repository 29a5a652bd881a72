package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.orchestration.ActivityRecorder;
import com.wooodoo.sync.orchestration.SyncLifecycle;
import com.wooodoo.sync.store.SyncClaimStore;
import com.wooodoo.sync.store.SyncProgressStore;
import com.wooodoo.sync.store.SyncRow;
import com.wooodoo.sync.store.SyncStatus;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Step "end" of a run, once every batch is recorded: a run through all its pages, or one that
 * failed, ends the sync done, partial or failed; one stopped by a pause, a cancel or a take-over
 * lets the sync go, for whoever resumes it; one stopped because a system asked for a long wait
 * puts the sync back in the queue until then.
 */
@Component("runEnd")
public class RunEnd {

    private static final Logger LOG = LoggerFactory.getLogger(RunEnd.class);

    private final SyncLifecycle lifecycle;
    private final SyncProgressStore progress;
    private final SyncClaimStore claims;
    private final ActivityRecorder activity;

    public RunEnd(SyncLifecycle lifecycle, SyncProgressStore progress, SyncClaimStore claims, ActivityRecorder activity) {
        this.lifecycle = lifecycle;
        this.progress = progress;
        this.claims = claims;
        this.activity = activity;
    }

    public void end(Exchange exchange) {
        SyncJob job = SyncJob.of(exchange);
        job.recording().drain();
        if (job.failure() == null && job.requeueRequested() != null) {
            requeue(job, job.requeueRequested());
            return;
        }
        if (job.isStopped() && job.failure() == null) {
            LOG.info("{} stops at {}: it is {}", job, job.checkpoint(), progress.status(job.syncId()));
            claims.release(job.syncId(), job.runner());
            return;
        }
        finish(job);
    }

    /**
     * The sync goes back to the queue, its worker free for other syncs, and is not claimed again
     * before the wait asked: it then goes on from its checkpoint. Paused meanwhile, it stays
     * paused and is resumed to the queue; cancelled, it is let go.
     */
    private void requeue(SyncJob job, SyncJob.Requeue request) {
        if (claims.requeue(job.syncId(), job.runner(), request.waitMs(), request.reason())) {
            activity.record(job.orgId(), job.syncId(), null, "pipeline", "requeue", ActivityRecorder.Outcome.OK,
                    Map.of("reason", request.reason(), "waitMs", request.waitMs(), "checkpoint", job.checkpoint().toJson()),
                    null);
            LOG.info("{} back in the queue at {}: {}", job, job.checkpoint(), request.reason());
        } else {
            LOG.info("{} stops at {}: it is {}", job, job.checkpoint(), progress.status(job.syncId()));
        }
    }

    /** Ends the sync done, partial or failed (as the job says), unless it is no longer processing under this runner. */
    void finish(SyncJob job) {
        job.recording().drain();
        SyncRow row = lifecycle.findById(job.syncId());
        SyncStatus status = SyncStatus.outcome(job.failure() != null, row.failedRecords(), row.skippedRecords());
        if (progress.finish(job.syncId(), job.runner(), status, job.failure())) {
            activity.record(job.orgId(), job.syncId(), null, "pipeline", "finish",
                    status == SyncStatus.FAILED ? ActivityRecorder.Outcome.ERROR : ActivityRecorder.Outcome.OK,
                    Map.of("status", status.id(), "processed", row.processedRecords(), "failed", row.failedRecords(),
                            "skipped", row.skippedRecords()), null);
            LOG.info("{} finished: {} ({} processed, {} failed, {} skipped)", job, status, row.processedRecords(),
                    row.failedRecords(), row.skippedRecords());
        } else {
            claims.release(job.syncId(), job.runner());
        }
    }
}
