package com.wooodoo.sync.schedule;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One entry of the schedules file: a sync of an organisation started by the clock.
 *
 * @param start           the fields of the {@code start} it makes (systems, entityTypes, syncConfig)
 * @param whenStillActive what a firing does while the schedule's previous sync is still active
 * @param misfire         what happens to a firing missed while no instance was running
 */
public record Schedule(String id, String orgId, String cron, String timeZone, Map<String, JsonNode> start,
                       WhenStillActive whenStillActive, Misfire misfire) {

    /** The actor named in the audit trail for what the schedule does. */
    public String actor() {
        return "schedule:" + id;
    }

    public enum WhenStillActive {
        /** Do not start another sync; the activity log says so (the default). */
        SKIP,
        /** Queue another one behind it. */
        QUEUE
    }

    /** Quartz's misfire instruction for cron triggers, by what it does. */
    public enum Misfire {
        /** A firing missed while the service was down runs once, as soon as it is up (the default). */
        RUN_ONCE(1),
        /** Missed firings are dropped: the next one is at the next time the cron names. */
        SKIP(2);

        private final int quartzInstruction;

        Misfire(int quartzInstruction) {
            this.quartzInstruction = quartzInstruction;
        }

        public int quartzInstruction() {
            return quartzInstruction;
        }
    }
}
