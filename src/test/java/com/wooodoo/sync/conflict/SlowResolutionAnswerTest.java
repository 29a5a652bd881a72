package com.wooodoo.sync.conflict;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.time.Duration;

import static com.wooodoo.sync.support.ApiClient.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A resolution that outlasts the answer's timeout (here 2 s) is answered 503 saying that it goes
 * on, not that the service is unavailable; it still ends and is recorded, and meanwhile a second
 * resolution of the conflict is refused.
 */
@TestPropertySource(properties = {"wooodoo.outbound.requests-per-minute-override=100000",
        "spring.mvc.async.request-timeout=2s"})
class SlowResolutionAnswerTest extends ApiTestBase {

    private static ConflictResolutionHoldsNoConnectionTest.GatedOdooSimulator odoo;

    @Autowired
    private Connections connections;

    @BeforeAll
    static void startSimulator() {
        odoo = new ConflictResolutionHoldsNoConnectionTest.GatedOdooSimulator();
        odoo.start();
    }

    @AfterAll
    static void stopSimulator() {
        odoo.letThrough();
        odoo.close();
    }

    @Test
    void aResolutionOutlastingTheAnswerTimeoutIsAnswered503SayingItGoesOnAndIsRecordedWhenItEnds() {
        connections.register(orgId, new OdooSettings(URI.create(odoo.baseUrl()), OdooSettings.Protocol.JSONRPC, "test",
                "admin", "odoo-password", new HttpTimeouts(2_000, 60_000)));
        String syncId = api.startSync();
        String conflictId = insertConflict(orgId, syncId, "ValidationError");
        odoo.hold();
        try {
            Answer slow = resolve(conflictId, "accept");

            assertThat(slow.status()).as(slow.raw()).isEqualTo(503);
            assertThat(slow.errorCode()).isEqualTo("UNAVAILABLE");
            assertThat(slow.json().at("/error/message").asText()).contains("the action goes on in the service")
                    .contains("spring.mvc.async.request-timeout");
            Answer second = resolve(conflictId, "reject");
            assertThat(second.status()).as("a second resolution while the first runs: " + second.raw()).isEqualTo(409);
        } finally {
            odoo.letThrough();
        }
        await("the resolution ends and is recorded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(BASE + "/conflicts?syncId=" + syncId + "&state=resolved").json().get("conflicts").size() == 1);
        JsonNode resolved = api.get(BASE + "/conflicts?syncId=" + syncId + "&state=resolved").json().get("conflicts").get(0);
        assertThat(resolved.at("/resolution/resolution").asText()).as(resolved.toString()).isEqualTo("accept");
    }

    private Answer resolve(String conflictId, String resolution) {
        return api.post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId + "\",\"resolution\":\""
                + resolution + "\"}");
    }
}
