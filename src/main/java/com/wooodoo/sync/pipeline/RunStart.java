package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorNotConfiguredException;
import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.SystemConnector;
import com.wooodoo.sync.orchestration.ActivityRecorder;
import com.wooodoo.sync.orchestration.SyncLifecycle;
import com.wooodoo.sync.store.SyncProgressStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Step "start" of a run: its activity entry, the target's connector told that a sync starts
 * ({@link SystemConnector#syncStarting}), and the records to read counted once (the progress
 * bar's total).
 */
@Component("runStart")
public class RunStart {

    private static final Logger LOG = LoggerFactory.getLogger(RunStart.class);

    private final ActivityRecorder activity;
    private final SyncLifecycle lifecycle;
    private final SyncProgressStore progress;
    private final PageReader pages;
    private final ConnectorRegistry connectors;

    public RunStart(ActivityRecorder activity, SyncLifecycle lifecycle, SyncProgressStore progress, PageReader pages,
                    ConnectorRegistry connectors) {
        this.activity = activity;
        this.lifecycle = lifecycle;
        this.progress = progress;
        this.pages = pages;
        this.connectors = connectors;
    }

    public void begin(Exchange exchange) {
        SyncJob job = SyncJob.of(exchange);
        LOG.info("Running {} from {}", job, job.checkpoint());
        activity.record(job.orgId(), job.syncId(), null, "pipeline", "run", ActivityRecorder.Outcome.OK,
                Map.of("runner", job.runner(), "checkpoint", job.checkpoint().toJson()), null);
        try {
            connectors.connector(job.orgId(), job.target()).syncStarting();
        } catch (ConnectorNotConfiguredException notConfigured) {
            // the run goes on as before and its first batch meets the missing connection
        }
        if (lifecycle.findById(job.syncId()).totalRecords() == 0) {
            pages.countAll(job).ifPresent(total -> progress.setTotal(job.syncId(), total));
        }
    }
}
