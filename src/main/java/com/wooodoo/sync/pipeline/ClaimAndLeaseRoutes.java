package com.wooodoo.sync.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The clocks under the sync flow of {@code routes/sync-pipeline.camel.yaml}: claiming queued syncs
 * ({@code wooodoo.pipeline.poll-ms}) and renewing the leases of the syncs this instance runs (a
 * third of {@code wooodoo.pipeline.lease-ms}). Neither runs when {@code wooodoo.pipeline.enabled}
 * is false.
 */
@Component
public class ClaimAndLeaseRoutes extends RouteBuilder {

    private final PipelineProperties properties;

    public ClaimAndLeaseRoutes(PipelineProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("timer:claimSyncs?delay=2000&period=" + properties.getPollMs())
                .routeId("claimQueuedSyncs")
                .autoStartup(properties.isEnabled())
                .bean(SyncRunner.class, "claimAndStart");

        from("timer:renewSyncLeases?delay=1000&period=" + Math.max(200, properties.getLeaseMs() / 3))
                .routeId("renewSyncLeases")
                .autoStartup(properties.isEnabled())
                .bean(SyncRunner.class, "renewLeases");
    }
}
