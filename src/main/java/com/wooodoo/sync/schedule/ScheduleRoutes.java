package com.wooodoo.sync.schedule;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes a route of the template {@code scheduledSync} for every schedule once Camel has started.
 * Quartz keeps triggers in the database, and Camel replaces a stored trigger only when its cron
 * changed: a trigger whose time zone or misfire policy changed, or whose schedule was removed, is
 * deleted here first (otherwise it would go on firing into no route).
 */
@Component
public class ScheduleRoutes implements CamelContextConfiguration {

    static final String GROUP = "wooodoo-schedules";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRoutes.class);

    private final ScheduleCatalog catalog;

    public ScheduleRoutes(ScheduleCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // the routes need the template of routes/schedules.camel.yaml, loaded while Camel starts
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        Map<String, Schedule> schedules = catalog.all().stream().collect(Collectors.toMap(Schedule::id, Function.identity()));
        try {
            forgetOutdatedTriggers(camel.getComponent("quartz", QuartzComponent.class).getScheduler(), schedules);
            for (Schedule schedule : schedules.values()) {
                TemplatedRouteBuilder.builder(camel, "scheduledSync")
                        .routeId("schedule-" + schedule.id())
                        .parameter("scheduleId", schedule.id())
                        .parameter("cron", schedule.cron())
                        .parameter("timeZone", schedule.timeZone())
                        .parameter("misfireInstruction", String.valueOf(schedule.misfire().quartzInstruction()))
                        .add();
                LOG.info("Schedule {} of {}: '{}' ({}), {}", schedule.id(), schedule.orgId(), schedule.cron(),
                        schedule.timeZone(), schedule.start().keySet());
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("The schedules cannot be set up in Quartz: " + e.getMessage(), e);
        }
    }

    private static void forgetOutdatedTriggers(Scheduler scheduler, Map<String, Schedule> schedules) throws SchedulerException {
        for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            Schedule schedule = schedules.get(job.getName());
            Trigger stored = scheduler.getTrigger(TriggerKey.triggerKey(job.getName(), GROUP));
            boolean outdated = schedule == null || !(stored instanceof CronTrigger cron)
                    || !cron.getCronExpression().equals(schedule.cron())
                    || !cron.getTimeZone().getID().equals(schedule.timeZone())
                    || cron.getMisfireInstruction() != schedule.misfire().quartzInstruction();
            if (outdated) {
                LOG.info("Quartz trigger {} is {}: deleted", job, schedule == null ? "no longer configured" : "outdated");
                scheduler.deleteJob(job);
            }
        }
    }
}
