package com.wooodoo.sync.support;

import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.connector.WooCommerceSettings;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;

/**
 * The service with the pipeline running fast (no inter-batch delay, short back-off, the rate limit
 * lifted), and both simulators on loopback wired to each test's fresh organisation.
 */
@TestPropertySource(properties = {
        "wooodoo.pipeline.enabled=true",
        "wooodoo.pipeline.poll-ms=100",
        "wooodoo.pipeline.first-retry-delay-ms=20",
        "wooodoo.outbound.requests-per-minute-override=100000",
        // at that rate the bucket shared by instances would cost a transaction per request for nothing
        "wooodoo.outbound.shared-rate-limit.enabled=false",
        "wooodoo.outbound.breaker.open-ms=500",
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its runner must not claim other tests' syncs
public abstract class SandboxTestBase extends ApiTestBase {

    protected static WooCommerceSimulator woo;
    protected static OdooSimulator odoo;

    @Autowired
    private Connections connections;

    @BeforeAll
    static void startSimulators() {
        woo = new WooCommerceSimulator(0, 7, "ck_test", "cs_test");
        woo.start();
        odoo = new OdooSimulator(0, 7, "test", "admin", "odoo-password", "odoo-api-key");
        odoo.start();
    }

    @AfterAll
    static void stopSimulators() {
        woo.close();
        odoo.close();
    }

    @BeforeEach
    void wireOrganisation() {
        woo.reset();
        odoo.reset();
        odoo.seedShopAccounting(false);
        woo.setFaults(Faults.NONE);
        woo.setCosts(0, 0);
        odoo.setFaults(Faults.NONE);
        connectToTheSimulators(orgId);
    }

    /** Connects an organisation to both simulators (connect timeout 2 s, read timeout 5 s). */
    protected void connectToTheSimulators(String org) {
        HttpTimeouts timeouts = new HttpTimeouts(2_000, 5_000);
        connections.register(org, new WooCommerceSettings(URI.create(woo.baseUrl()), "ck_test", "cs_test", timeouts));
        connections.register(org, new OdooSettings(URI.create(odoo.baseUrl()), OdooSettings.Protocol.JSONRPC, "test",
                "admin", "odoo-password", timeouts));
    }

    /** A new organisation of its own, with a token, connected to both simulators: its API client. */
    protected ApiClient anotherOrganisationOnTheSimulators() {
        String other = newOrgId();
        connectToTheSimulators(other);
        return api.as(issueToken(other), other);
    }

    protected String startSync(String systems, String entities, String syncConfig) {
        var answer = api.post("{\"action\":\"start\",\"systems\":" + systems + ",\"entityTypes\":" + entities
                + ",\"syncConfig\":" + syncConfig + "}");
        if (answer.status() != 202) {
            throw new AssertionError("start answered " + answer.status() + ": " + answer.raw());
        }
        return answer.json().get("syncId").asText();
    }

    /** Waits until the sync has ended (done, partial or failed) and answers its status. */
    protected JsonNode runToEnd(String syncId, Duration atMost) {
        org.awaitility.Awaitility.await("sync " + syncId + " ends").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> java.util.Set.of("done", "partial", "failed").contains(status(syncId)));
        return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
    }

    protected String status(String syncId) {
        return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json().get("status").asText();
    }
}
