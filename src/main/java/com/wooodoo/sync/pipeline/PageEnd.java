package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.store.ConflictStore;
import com.wooodoo.sync.store.SyncProgressStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Step "page done" of a run: the checkpoint moves to the next page, or to the next entity type
 * once the last page was read. Before the next entity type (which may refer to this one's
 * records: orders to customers) every batch is recorded, and the entity's incremental mark moves
 * to the run's start, unless a record of it could not be synced: then the next incremental sync
 * reads from the earlier mark again, so that the record is tried again rather than forgotten. A
 * sync that failed, or was paused, cancelled or taken over meanwhile, stops here.
 */
@Component("pageEnd")
public class PageEnd {

    private static final Logger LOG = LoggerFactory.getLogger(PageEnd.class);

    private final SyncControl control;
    private final SyncProgressStore progress;
    private final ConflictStore conflicts;

    public PageEnd(SyncControl control, SyncProgressStore progress, ConflictStore conflicts) {
        this.control = control;
        this.progress = progress;
        this.conflicts = conflicts;
    }

    public void moveOn(Exchange exchange) {
        SyncJob job = SyncJob.of(exchange);
        if (job.failure() != null || !control.mayContinue(job)) {
            job.stop();
            return;
        }
        Checkpoint at = job.checkpoint();
        EntityType entity = job.currentEntity();
        boolean lastPage = exchange.getProperty(PageReader.LAST_PAGE, true, Boolean.class);
        Checkpoint next = lastPage ? at.nextEntity() : at.nextPage();
        if (next.entityIndex() != at.entityIndex()) {
            job.recording().drain();
            if (!job.config().dryRun()) {
                advanceWatermark(job, entity);
            }
        }
        job.moveTo(next);
        job.recording().submit("the checkpoint " + next.toJson(),
                () -> progress.moveCheckpoint(job.syncId(), job.runner(), entity.id(), next.toJson()));
    }

    private void advanceWatermark(SyncJob job, EntityType entity) {
        if (conflicts.hasOpen(job.syncId(), entity.id())) {
            LOG.info("{}: {} keeps its incremental mark, so that the records that failed are read again next time",
                    job, entity);
            return;
        }
        progress.setWatermark(job.orgId(), entity.id(), job.source().id(), job.target().id(), job.runStartedAt(),
                job.syncId());
    }
}
