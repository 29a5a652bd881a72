package com.wooodoo.sync.orchestration;

import com.wooodoo.sync.store.ActivityLogStore;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Deletes the audit entries older than the retention ({@code wooodoo.audit.retention}, 90 days
 * unless configured), oldest first and in batches, every hour. On every instance: the deletes of
 * two instances only share the work.
 */
@Component
public class AuditHousekeeping extends RouteBuilder {

    private final ActivityLogStore store;
    private final AuditProperties properties;

    public AuditHousekeeping(ActivityLogStore store, AuditProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** Deletes every entry past the retention, one batch at a time; answers how many. */
    public long purgeExpired() {
        Instant cutoff = Instant.now().minus(properties.getRetention());
        int batch = properties.getDeleteBatchSize();
        long deleted = 0;
        int n;
        do {
            n = store.deleteOlderThan(cutoff, batch);
            deleted += n;
        } while (n == batch);
        return deleted;
    }

    @Override
    public void configure() {
        from("timer:purgeAuditTrail?period=3600000&delay=120000")
                .routeId("purgeExpiredAuditEntries")
                .bean(this, "purgeExpired")
                .log(LoggingLevel.DEBUG, "Deleted ${body} audit entries past their retention");
    }
}
