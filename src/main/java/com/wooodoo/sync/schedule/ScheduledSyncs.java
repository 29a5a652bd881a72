package com.wooodoo.sync.schedule;

import com.wooodoo.sync.observability.LogContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.wooodoo.sync.api.ApiException;
import com.wooodoo.sync.api.RequestFields;
import com.wooodoo.sync.api.StartRequests;
import com.wooodoo.sync.orchestration.ActivityRecorder;
import com.wooodoo.sync.orchestration.ActivityRecorder.Outcome;
import com.wooodoo.sync.orchestration.SyncLifecycle;
import com.wooodoo.sync.store.ActiveSyncLimitException;
import com.wooodoo.sync.store.SyncRow;
import com.wooodoo.sync.store.SyncStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a schedule does when its cron fires (route template {@code scheduledSync} in
 * {@code routes/schedules.camel.yaml}): the start a caller of the API would make, read by the same
 * {@link StartRequests} and started by the same {@link SyncLifecycle#start}, with the schedule as
 * the actor. The idempotency key names the firing (schedule and scheduled time), so a firing
 * that reaches more than one instance, or is replayed, still starts one sync.
 */
@Component("scheduledSyncs")
public class ScheduledSyncs {

    public static final String SCHEDULE_ID = "scheduleId";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledSyncs.class);
    private static final String ACTION = "scheduled-start";

    private final ScheduleCatalog catalog;
    private final StartRequests startRequests;
    private final SyncLifecycle lifecycle;
    private final SyncStore syncs;
    private final ActivityRecorder activity;

    public ScheduledSyncs(ScheduleCatalog catalog, StartRequests startRequests, SyncLifecycle lifecycle, SyncStore syncs,
                          ActivityRecorder activity) {
        this.catalog = catalog;
        this.startRequests = startRequests;
        this.lifecycle = lifecycle;
        this.syncs = syncs;
        this.activity = activity;
    }

    /** Called by the schedule's route; never throws to the scheduler (an outcome is logged and recorded). */
    public void fire(Exchange exchange) {
        String scheduleId = exchange.getProperty(SCHEDULE_ID, String.class);
        Date scheduled = exchange.getIn().getHeader("scheduledFireTime", Date.class);
        Instant firing = scheduled == null ? Instant.now() : scheduled.toInstant();
        Optional<Schedule> found = catalog.find(scheduleId);
        if (found.isEmpty()) {
            LOG.warn("Schedule {} fired but is no longer configured; nothing started", scheduleId);
            return;
        }
        fire(found.get(), firing);
    }

    void fire(Schedule schedule, Instant firing) {
        LogContext.organisation(schedule.orgId());
        try {
            fireInContext(schedule, firing);
        } finally {
            LogContext.clear();
        }
    }

    private void fireInContext(Schedule schedule, Instant firing) {
        if (schedule.whenStillActive() == Schedule.WhenStillActive.SKIP) {
            Optional<SyncRow> active = syncs.findActiveStartedBy(schedule.orgId(), schedule.actor());
            if (active.isPresent()) {
                LOG.info("Schedule {} fired at {}: its sync {} is still {}, so no other is started (whenStillActive: skip)",
                        schedule.id(), firing, active.get().syncId(), active.get().status());
                activity.record(schedule.orgId(), active.get().syncId(), null, schedule.actor(), ACTION, Outcome.REJECTED,
                        Map.of("schedule", schedule.id(), "firedFor", firing.toString(), "reason",
                                "skipped: the previous sync of this schedule is still " + active.get().status()), null);
                return;
            }
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>(schedule.start());
        fields.put("idempotencyKey", new TextNode(schedule.actor() + "@" + firing.getEpochSecond()));
        try {
            SyncLifecycle.Started started = lifecycle.start(
                    startRequests.read(schedule.orgId(), schedule.actor(), RequestFields.of(fields, false)));
            LogContext.sync(started.sync().syncId());
            if (started.replayed()) {
                LOG.info("Schedule {} fired for {}: that firing's sync {} exists already", schedule.id(), firing,
                        started.sync().syncId());
            } else {
                LOG.info("Schedule {} fired for {}: queued sync {}", schedule.id(), firing, started.sync().syncId());
            }
        } catch (ActiveSyncLimitException | ApiException refused) {
            // the start itself recorded the refusal in the activity log (limits), or the schedule is wrong
            LOG.warn("Schedule {} fired for {} but no sync was started: {}", schedule.id(), firing, refused.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Schedule {} fired for {} but starting its sync failed", schedule.id(), firing, e);
        }
    }
}
