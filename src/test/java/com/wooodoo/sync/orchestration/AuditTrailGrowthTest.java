package com.wooodoo.sync.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.store.ActivityLogStore;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;

import static com.wooodoo.sync.support.ApiClient.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail grows with what is done, not with what is looked at, and is kept for the
 * configured retention only.
 */
class AuditTrailGrowthTest extends ApiTestBase {

    @Autowired
    private AuditHousekeeping housekeeping;
    @Autowired
    private AuditProperties properties;
    @Autowired
    private ActivityLogStore store;

    @Test
    void readsAddNoEntriesAndActionsStillDo() {
        String syncId = api.startSync();
        String conflictId = insertConflict(orgId, syncId, "ValidationError");
        int before = entries(syncId);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get(BASE + "/status?syncId=" + syncId).status()).isEqualTo(200);
            assertThat(api.get(BASE + "/conflicts?syncId=" + syncId + "&state=all").status()).isEqualTo(200);
            assertThat(api.get(BASE + "/activity?syncId=" + syncId).status()).isEqualTo(200);
        }
        assertThat(entries(syncId)).as("entries after 15 reads").isEqualTo(before);

        api.post("{\"action\":\"pause\",\"syncId\":\"" + syncId + "\"}");
        api.post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId + "\",\"resolution\":\"reject\"}");
        api.post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId + "\",\"resolution\":\"reject\"}");
        api.post("{\"action\":\"cancel\",\"syncId\":\"" + syncId + "\"}");
        JsonNode trail = api.get(BASE + "/activity?syncId=" + syncId).json().get("entries");
        StringBuilder actions = new StringBuilder();
        trail.forEach(e -> actions.append(e.get("action").asText()).append(':').append(e.get("outcome").asText()).append(' '));
        assertThat(actions.toString().trim()).isEqualTo(
                "start:ok pause:ok resolve-conflict:ok resolve-conflict:rejected cancel:ok");
    }

    @Test
    void entriesPastTheRetentionAreDeletedInBatchesAndTheOthersKept() {
        assertThat(properties.getRetention()).isEqualTo(Duration.ofDays(90));
        String syncId = api.startSync();
        for (int i = 0; i < 7; i++) {
            jdbc.update("INSERT INTO sync_activity_log (org_id, sync_id, actor, action, outcome, created_at) "
                    + "VALUES (?, ?::uuid, 'alice', 'pause', 'ok', now() - interval '91 days')", orgId, syncId);
        }
        jdbc.update("INSERT INTO sync_activity_log (org_id, sync_id, actor, action, outcome, created_at) "
                + "VALUES (?, ?::uuid, 'alice', 'resume', 'ok', now() - interval '89 days')", orgId, syncId);
        int recent = entries(syncId) - 7;

        assertThat(store.deleteOlderThan(Instant.now().minus(Duration.ofDays(90)), 3)).as("one batch").isEqualTo(3);
        assertThat(housekeeping.purgeExpired()).isGreaterThanOrEqualTo(4);

        assertThat(entries(syncId)).isEqualTo(recent);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_activity_log WHERE created_at < now() - interval '90 days'",
                Integer.class)).isZero();
    }

    private int entries(String syncId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM sync_activity_log WHERE sync_id = ?::uuid", Integer.class,
                syncId);
        return n == null ? 0 : n;
    }
}
