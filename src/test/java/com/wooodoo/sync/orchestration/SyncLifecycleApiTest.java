package com.wooodoo.sync.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.ApiTestBase;

import static com.wooodoo.sync.support.ApiClient.BASE;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** start, status, pause, resume and cancel, and every lifecycle transition allowed and refused. */
class SyncLifecycleApiTest extends ApiTestBase {

    @Test
    void startQueuesASyncWithTheDefaultConfiguration() {
        Answer started = api.post("""
                {"action":"start","systems":["woocommerce","odoo"],"entityTypes":["customers","orders"]}""");

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("success").asBoolean()).isTrue();
        assertThat(started.json().get("status").asText()).isEqualTo("queued");
        String syncId = started.json().get("syncId").asText();

        JsonNode status = api.get(BASE + "/status?syncId=" + syncId).json();
        assertThat(status.get("status").asText()).isEqualTo("queued");
        assertThat(status.get("systems")).hasToString("[\"woocommerce\",\"odoo\"]");
        assertThat(status.get("entityTypes")).hasToString("[\"customers\",\"orders\"]");
        assertThat(status.get("syncConfig")).hasToString(
                "{\"batchSize\":50,\"maxRetries\":3,\"rateLimit\":10,\"interBatchDelayMs\":2000,\"mode\":\"incremental\",\"dryRun\":false}");
        assertThat(status.at("/progress/percentComplete").asInt()).isZero();
        assertThat(status.at("/progress/batchesDone").asInt()).isZero();
        assertThat(status.at("/queue/total").asInt()).isZero();
        assertThat(status.at("/queue/pending").asInt()).isZero();
        assertThat(status.at("/conflicts/count").asInt()).isZero();
        assertThat(status.get("createdAt").asText()).isNotBlank();
        assertThat(status.get("finishedAt").isNull()).isTrue();
    }

    @Test
    void startKeepsTheGivenConfiguration() {
        Answer started = api.post("""
                {"action":"start","systems":["odoo","woocommerce"],"entityTypes":["products"],
                 "syncConfig":{"batchSize":200,"maxRetries":0,"rateLimit":50,"interBatchDelayMs":0,"mode":"full","dryRun":true}}""");
        assertThat(started.status()).isEqualTo(202);

        JsonNode status = api.get(BASE + "/status?syncId=" + started.json().get("syncId").asText()).json();
        assertThat(status.get("systems")).hasToString("[\"odoo\",\"woocommerce\"]");
        assertThat(status.get("syncConfig")).hasToString(
                "{\"batchSize\":200,\"maxRetries\":0,\"rateLimit\":50,\"interBatchDelayMs\":0,\"mode\":\"full\",\"dryRun\":true}");
    }

    @Test
    void statusReportsCountersConflictsAndProgressOfARunningSync() {
        String syncId = api.startSync();
        jdbc.update("""
                UPDATE sync_orchestration SET status = 'processing', started_at = now() - interval '10 seconds',
                       total_records = 200, processed_records = 80, failed_records = 10, skipped_records = 10,
                       batches_done = 2, current_entity_type = 'customers' WHERE sync_id = ?::uuid""", syncId);
        insertConflict(orgId, syncId, "DuplicateKey");
        String resolved = insertConflict(orgId, syncId, "DuplicateKey");
        jdbc.update("UPDATE sync_conflict SET resolution = 'skip', resolved_at = now(), resolution_outcome = 'skipped' "
                + "WHERE conflict_id = ?::uuid", resolved);
        insertConflict(orgId, syncId, "ValidationError");

        JsonNode status = api.get(BASE + "?action=status&syncId=" + syncId).json();

        assertThat(status.get("status").asText()).isEqualTo("processing");
        assertThat(status.at("/progress/percentComplete").asInt()).isEqualTo(50);
        assertThat(status.at("/progress/currentEntityType").asText()).isEqualTo("customers");
        assertThat(status.at("/progress/batchesDone").asInt()).isEqualTo(2);
        // 100 records in about 10 s: about 10 s for the other 100
        assertThat(status.at("/progress/estimatedTimeRemainingMs").asLong()).isBetween(8_000L, 20_000L);
        assertThat(status.at("/queue/pending").asInt()).isEqualTo(100);
        assertThat(status.at("/queue/processed").asInt()).isEqualTo(80);
        assertThat(status.at("/conflicts/count").asInt()).isEqualTo(2);
        assertThat(status.at("/conflicts/unresolvedCount").asInt()).isEqualTo(2);
        assertThat(status.at("/conflicts/totalConflicts").asInt()).isEqualTo(3);
        assertThat(status.at("/conflicts/byType/DuplicateKey").asInt()).isEqualTo(2);
        assertThat(status.at("/conflicts/byType/ValidationError").asInt()).isEqualTo(1);
    }

    @Test
    void percentCompleteIsAHundredExactlyWhenFinished() {
        String syncId = api.startSync();
        jdbc.update("UPDATE sync_orchestration SET status = 'processing', total_records = 10, processed_records = 10 "
                + "WHERE sync_id = ?::uuid", syncId);
        assertThat(api.get(BASE + "/status?syncId=" + syncId).json().at("/progress/percentComplete").asInt()).isEqualTo(99);

        forceStatus(syncId, "done");
        JsonNode done = api.get(BASE + "/status?syncId=" + syncId).json();
        assertThat(done.at("/progress/percentComplete").asInt()).isEqualTo(100);
        assertThat(done.at("/progress/estimatedTimeRemainingMs").asLong()).isZero();
        assertThat(done.get("finishedAt").isNull()).isFalse();
    }

    static Stream<Arguments> transitions() {
        // from, action, expected status after (null: refused with 409)
        return Stream.of(
                Arguments.of("queued", "pause", "paused"),
                Arguments.of("processing", "pause", "paused"),
                Arguments.of("paused", "pause", null),
                Arguments.of("done", "pause", null),
                Arguments.of("partial", "pause", null),
                Arguments.of("failed", "pause", null),
                Arguments.of("cancelled", "pause", null),
                Arguments.of("paused", "resume", "processing"),
                Arguments.of("queued", "resume", null),
                Arguments.of("processing", "resume", null),
                Arguments.of("done", "resume", null),
                Arguments.of("cancelled", "resume", null),
                Arguments.of("draft", "cancel", "cancelled"),
                Arguments.of("queued", "cancel", "cancelled"),
                Arguments.of("processing", "cancel", "cancelled"),
                Arguments.of("paused", "cancel", "cancelled"),
                Arguments.of("done", "cancel", null),
                Arguments.of("partial", "cancel", null),
                Arguments.of("failed", "cancel", null),
                Arguments.of("cancelled", "cancel", null));
    }

    @ParameterizedTest(name = "{1} a {0} sync → {2}")
    @MethodSource("transitions")
    void lifecycleTransitions(String from, String action, String expected) {
        String syncId = api.startSync();
        if (!from.equals("queued")) {
            forceStatus(syncId, from);
        }

        Answer answer = api.post("{\"action\":\"" + action + "\",\"syncId\":\"" + syncId + "\"}");

        String stored = jdbc.queryForObject("SELECT status FROM sync_orchestration WHERE sync_id = ?::uuid",
                String.class, syncId);
        if (expected == null) {
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.errorCode()).isEqualTo("INVALID_STATE");
            assertThat(answer.json().at("/error/message").asText()).contains(from);
            assertThat(stored).isEqualTo(from);
        } else {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("syncId").asText()).isEqualTo(syncId);
            assertThat(answer.json().get("status").asText()).isEqualTo(expected);
            assertThat(stored).isEqualTo(expected);
        }
    }

    @Test
    void pauseAndResumeOfAQueuedSyncReturnsItToTheQueue() {
        String syncId = api.startSync();
        assertThat(api.post(BASE + "/pause", "{\"syncId\":\"" + syncId + "\"}", null).json().get("status").asText())
                .isEqualTo("paused");
        assertThat(api.post(BASE + "/resume", "{\"syncId\":\"" + syncId + "\"}", null).json().get("status").asText())
                .isEqualTo("queued");
    }

    @Test
    void everyActionAndRefusalIsInTheActivityLog() {
        String syncId = api.startSync();
        api.withUser("bob").post("{\"action\":\"pause\",\"syncId\":\"" + syncId + "\"}");
        api.post("{\"action\":\"pause\",\"syncId\":\"" + syncId + "\"}");
        api.post("{\"action\":\"resume\",\"syncId\":\"" + syncId + "\"}");
        api.post("{\"action\":\"cancel\",\"syncId\":\"" + syncId + "\"}");

        JsonNode entries = api.get(BASE + "/activity?syncId=" + syncId).json().get("entries");

        List<String> trail = new java.util.ArrayList<>();
        entries.forEach(e -> trail.add(e.get("action").asText() + ":" + e.get("outcome").asText() + ":" + e.get("actor").asText()));
        assertThat(trail).containsExactly("start:ok:alice", "pause:ok:bob", "pause:rejected:alice", "resume:ok:alice",
                "cancel:ok:alice");
        assertThat(entries.get(1).get("details").get("from").asText()).isEqualTo("queued");
        assertThat(entries.get(1).get("details").get("to").asText()).isEqualTo("paused");
        entries.forEach(e -> assertThat(e.get("durationMs").asInt()).isNotNegative());
    }

    @Test
    void activityPagesWithACursorUntilTheEnd() {
        String syncId = api.startSync();
        for (int i = 0; i < 2; i++) {
            assertThat(api.post("{\"action\":\"pause\",\"syncId\":\"" + syncId + "\"}").status()).isEqualTo(200);
            assertThat(api.post("{\"action\":\"resume\",\"syncId\":\"" + syncId + "\"}").status()).isEqualTo(200);
            api.get(BASE + "/status?syncId=" + syncId); // a read: not recorded
        }
        // start + 2 × (pause, resume); the page reads are not recorded either
        List<Long> seen = new java.util.ArrayList<>();
        List<String> actions = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page = api.get(BASE + "/activity?syncId=" + syncId + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("entries").size()).isBetween(1, 2);
            page.json().get("entries").forEach(e -> {
                seen.add(e.get("entryId").asLong());
                actions.add(e.get("action").asText());
            });
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(seen).isSorted().doesNotHaveDuplicates();
        assertThat(actions).containsExactly("start", "pause", "resume", "pause", "resume");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void unknownSyncIsNotFound() {
        Answer answer = api.get(BASE + "/status?syncId=00000000-0000-4000-8000-000000000000");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("NOT_FOUND");
    }
}
