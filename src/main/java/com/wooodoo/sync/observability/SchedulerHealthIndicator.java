package com.wooodoo.sync.observability;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the Quartz scheduler of the syncs' schedules runs (health component {@code scheduler},
 * part of readiness): started by Camel once its routes are up, not in standby, not shut down.
 */
@Component("scheduler")
public class SchedulerHealthIndicator implements HealthIndicator {

    private final Scheduler scheduler;

    public SchedulerHealthIndicator(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Health health() {
        try {
            Health.Builder health = scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown()
                    ? Health.up() : Health.down();
            return health.withDetail("name", scheduler.getSchedulerName())
                    .withDetail("instance", scheduler.getSchedulerInstanceId())
                    .withDetail("clustered", scheduler.getMetaData().isJobStoreClustered())
                    .withDetail("started", scheduler.isStarted())
                    .withDetail("standby", scheduler.isInStandbyMode()).build();
        } catch (SchedulerException e) {
            return Health.down(e).build();
        }
    }
}
