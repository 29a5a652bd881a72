package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.SystemConnector;
import com.wooodoo.sync.orchestration.SyncMode;
import com.wooodoo.sync.store.SyncProgressStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Step "read a page" of a run: the source page at the checkpoint (pages of {@value #PAGE_SIZE}),
 * taken from the read made ahead while the pages before were synced, and the reads of the pages
 * after it started: one per batch in flight (at most {@value #MAX_PAGES_AHEAD}),
 * never past the last page the source counts (a source that counts only with the first page, as
 * Odoo, is read up to the pages counted then: records added meanwhile wait for the next sync). An incremental sync reads only what changed since the entity's mark. A sync that
 * was paused, cancelled or taken over meanwhile stops here. Reads are tried again as batches are
 * ({@link SourceReads}); one that cannot be made stops the run, the checkpoint where it was.
 */
@Component("pageReader")
public class PageReader {

    static final int PAGE_SIZE = 100;
    /** Pages read ahead at most: a source answers a handful of requests at once. */
    private static final int MAX_PAGES_AHEAD = 4;

    private final ConnectorRegistry connectors;
    private final SyncProgressStore progress;
    private final PageReadAhead readAhead;
    private final SyncControl control;
    private final SourceReads reads;

    public PageReader(ConnectorRegistry connectors, SyncProgressStore progress, PageReadAhead readAhead, SyncControl control,
                      SourceReads reads) {
        this.connectors = connectors;
        this.progress = progress;
        this.readAhead = readAhead;
        this.control = control;
        this.reads = reads;
    }

    /** The page's records become the body; or the job stops. */
    public void read(Exchange exchange) {
        SyncJob job = SyncJob.of(exchange);
        if (!control.mayContinue(job)) {
            job.stop();
            return;
        }
        SystemConnector source = connectors.connector(job.orgId(), job.source());
        EntityType entity = job.currentEntity();
        Optional<Instant> since = since(job, source, entity);
        Checkpoint at = job.checkpoint();
        RecordPage page;
        try {
            page = readAhead.take(job.takePageAhead(entity, at.page()), entity, at.page(),
                    () -> readPage(job, source, entity, at.page(), since));
        } catch (SourceReads.Stopped | SourceReads.GaveUp failure) {
            job.forgetPagesAhead();
            reads.stopRun(job, failure);
            return;
        }
        if (at.page() == 1) {
            job.counted(entity, page.totalPages());
        }
        int pages = page.totalPages() == Integer.MAX_VALUE ? job.countedPages(entity).orElse(Integer.MAX_VALUE)
                : page.totalPages();
        boolean last = at.page() >= pages || page.records().isEmpty();
        if (last) {
            job.forgetPagesAhead();
        } else {
            // a page ahead per batch in flight, though a page holds two batches: a shop's page read costs about
            // as much as writing its batches, so the reads must overlap as much as the writes do
            int ahead = Math.min(MAX_PAGES_AHEAD, Math.max(1, job.inFlight().places()));
            for (int next = at.page() + 1; next <= at.page() + ahead && next <= pages; next++) {
                int number = next;
                if (!job.readsAhead(number)) {
                    job.readAhead(readAhead.start(entity, number, () -> readPage(job, source, entity, number, since)));
                }
            }
        }
        exchange.setProperty(LAST_PAGE, last);
        job.handingOut(new SyncJob.SourcePage(entity, at.page(), page.records()));
        exchange.getIn().setBody(page.records());
    }

    /** Whether the page just read was the entity's last (set by {@link #read}). */
    static final String LAST_PAGE = "sourcePageWasLast";

    /** A page of the source, tried again as the retry policy says ({@link SourceReads}). */
    private RecordPage readPage(SyncJob job, SystemConnector source, EntityType entity, int page, Optional<Instant> since) {
        return reads.read(job, "page " + page + " of " + entity.id(),
                () -> source.readPage(entity, page, PAGE_SIZE, since));
    }

    /**
     * How many records the run will read, over all its entity types (one call each, tried again
     * as a page read is; for the first page of a run from the start, that page's own read); empty when the count could not be made: the run is stopped then
     * ({@link SourceReads#stopRun}).
     */
    Optional<Long> countAll(SyncJob job) {
        SystemConnector source = connectors.connector(job.orgId(), job.source());
        long total = 0;
        Checkpoint at = job.checkpoint();
        try {
            for (int index = 0; index < job.entityTypes().size(); index++) {
                EntityType entity = job.entityTypes().get(index);
                Optional<Instant> since = since(job, source, entity);
                if (index == at.entityIndex() && at.page() == 1 && at.batch() == 0) {
                    // the first page to sync counts as well: it is read whole, and kept for the run
                    RecordPage first = readPage(job, source, entity, 1, since);
                    job.readAhead(readAhead.done(entity, 1, first));
                    total += first.total();
                } else {
                    total += reads.read(job, "the count of " + entity.id(), () -> source.readPage(entity, 1, 1, since)).total();
                }
            }
        } catch (SourceReads.Stopped | SourceReads.GaveUp failure) {
            reads.stopRun(job, failure);
            return Optional.empty();
        }
        return Optional.of(total);
    }

    private Optional<Instant> since(SyncJob job, SystemConnector source, EntityType entity) {
        if (job.config().mode() != SyncMode.INCREMENTAL || !source.canFilterByModification(entity)) {
            return Optional.empty();
        }
        return progress.watermark(job.orgId(), entity.id(), job.source().id(), job.target().id());
    }
}
