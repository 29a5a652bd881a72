package com.wooodoo.sync.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.store.SyncClaimStore;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one firing of a schedule does, against the real database (the pipeline is off here, so
 * started syncs stay queued): the start the API would make, with the schedule as the actor; one
 * sync per firing; a skip with an activity entry while the last sync is active; the API's limits.
 */
class ScheduledSyncsTest extends ApiTestBase {

    private static final Instant TWO_AM = Instant.parse("2026-11-25T02:00:00Z");

    @Autowired
    private ScheduledSyncs scheduled;
    @Autowired
    private SyncClaimStore claims;

    @Test
    void aFiringStartsTheSyncTheApiWouldStartWithTheScheduleAsActor() throws Exception {
        Schedule schedule = schedule("nightly", Schedule.WhenStillActive.SKIP);
        scheduled.fire(schedule, TWO_AM);

        List<Map<String, Object>> syncs = syncsOf(schedule);
        assertThat(syncs).hasSize(1);
        assertThat(syncs.get(0)).containsEntry("status", "queued").containsEntry("source_system", "woocommerce")
                .containsEntry("created_by", "schedule:nightly")
                .containsEntry("idempotency_key", "schedule:nightly@" + TWO_AM.getEpochSecond());
        JsonNode config = new ObjectMapper().readTree(syncs.get(0).get("sync_config").toString());
        assertThat(config.get("mode").asText()).isEqualTo("full");
        assertThat(config.get("batchSize").asInt()).isEqualTo(25);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_activity_log WHERE org_id = ? AND actor = ? "
                + "AND action = 'start' AND outcome = 'ok'", Integer.class, orgId, "schedule:nightly")).isEqualTo(1);
    }

    @Test
    void theSameFiringTwiceStartsOneSync() {
        Schedule schedule = schedule("twice-delivered", Schedule.WhenStillActive.QUEUE);
        scheduled.fire(schedule, TWO_AM);
        scheduled.fire(schedule, TWO_AM);
        assertThat(syncsOf(schedule)).hasSize(1);
    }

    @Test
    void whileItsLastSyncIsActiveAFiringIsSkippedAndTheActivityLogSaysSo() {
        Schedule schedule = schedule("every-minute", Schedule.WhenStillActive.SKIP);
        scheduled.fire(schedule, TWO_AM);
        scheduled.fire(schedule, TWO_AM.plusSeconds(60));

        assertThat(syncsOf(schedule)).hasSize(1);
        Map<String, Object> skipped = jdbc.queryForMap("SELECT outcome, details::text AS details FROM sync_activity_log "
                + "WHERE org_id = ? AND actor = ? AND action = 'scheduled-start'", orgId, "schedule:every-minute");
        assertThat(skipped.get("outcome")).isEqualTo("rejected");
        assertThat(skipped.get("details").toString()).contains("still queued").contains(TWO_AM.plusSeconds(60).toString());
    }

    @Test
    void queueStartsAnotherOneBehindItUpToTheOrganisationsLimit() {
        Schedule schedule = schedule("queued", Schedule.WhenStillActive.QUEUE);
        for (int minute = 0; minute < 6; minute++) {
            scheduled.fire(schedule, TWO_AM.plusSeconds(60L * minute));
        }
        assertThat(syncsOf(schedule)).as("at most 5 active syncs per organisation, as for the API").hasSize(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_activity_log WHERE org_id = ? AND actor = ? "
                + "AND action = 'start' AND outcome = 'rejected'", Integer.class, orgId, "schedule:queued")).isEqualTo(1);
    }

    @Test
    void aFiringWhileAnotherSyncOfItsEntityTypeRunsQueuesASyncThatWaitsForIt() {
        jdbc.update("UPDATE sync_orchestration SET status = 'cancelled', paused_from = NULL, finished_at = now() "
                + "WHERE status IN ('queued', 'processing', 'paused') AND org_id <> ?", orgId);
        UUID running = UUID.fromString(api.startSync("[\"odoo\",\"woocommerce\"]", "[\"customers\"]"));
        assertThat(claims.claimNext("runner", Duration.ofSeconds(30))).contains(running);

        Schedule schedule = schedule("nightly", Schedule.WhenStillActive.SKIP);
        scheduled.fire(schedule, TWO_AM);

        assertThat(syncsOf(schedule)).as("queued, neither skipped nor refused").singleElement()
                .satisfies(sync -> assertThat(sync.get("status")).isEqualTo("queued"));
        assertThat(claims.claimNext("runner", Duration.ofSeconds(30))).as("it waits for the running one").isEmpty();

        jdbc.update("UPDATE sync_orchestration SET status = 'done', finished_at = now(), lease_owner = NULL, "
                + "lease_expires_at = NULL WHERE sync_id = ?", running);
        assertThat(claims.claimNext("runner", Duration.ofSeconds(30))).isPresent();
        assertThat(syncsOf(schedule)).singleElement().satisfies(sync -> assertThat(sync.get("status")).isEqualTo("processing"));
    }

    private Schedule schedule(String id, Schedule.WhenStillActive whenStillActive) {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> start = new LinkedHashMap<>();
        start.put("systems", json.valueToTree(List.of("woocommerce", "odoo")));
        start.put("entityTypes", json.valueToTree(List.of("customers")));
        start.put("syncConfig", json.valueToTree(Map.of("mode", "full", "batchSize", 25)));
        return new Schedule(id, orgId, "0 0 2 * * ?", "UTC", start, whenStillActive, Schedule.Misfire.RUN_ONCE);
    }

    private List<Map<String, Object>> syncsOf(Schedule schedule) {
        return jdbc.queryForList("SELECT status, source_system, created_by, idempotency_key, sync_config FROM sync_orchestration "
                + "WHERE org_id = ? AND created_by = ? ORDER BY created_at", orgId, schedule.actor());
    }
}
