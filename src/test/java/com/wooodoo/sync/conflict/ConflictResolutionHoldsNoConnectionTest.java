package com.wooodoo.sync.conflict;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.store.ConflictStore;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.ApiTestBase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.wooodoo.sync.support.ApiClient.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A resolution that waits on the external system holds no transaction and no pooled connection:
 * while many wait, the other organisations' calls (their token checks, their status) answer at
 * once. The claim still keeps a second resolution of the same conflict out, and a claim left
 * behind by a resolution that never recorded runs out.
 */
@TestPropertySource(properties = "wooodoo.outbound.requests-per-minute-override=100000")
class ConflictResolutionHoldsNoConnectionTest extends ApiTestBase {

    private static final int WAITING = 20; // as many as the service's pool has connections

    private static GatedOdooSimulator odoo;

    @Autowired
    private Connections connections;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private ConflictStore conflicts;

    @BeforeAll
    static void startSimulator() {
        odoo = new GatedOdooSimulator();
        odoo.start();
    }

    @AfterAll
    static void stopSimulator() {
        odoo.letThrough();
        odoo.close();
    }

    @AfterEach
    void openGate() {
        odoo.letThrough();
    }

    @Test
    void resolutionsWaitingOnTheTargetLeaveThePoolToEveryoneElse() throws Exception {
        connections.register(orgId, new OdooSettings(URI.create(odoo.baseUrl()), OdooSettings.Protocol.JSONRPC, "test",
                "admin", "odoo-password", new HttpTimeouts(2_000, 60_000)));
        String syncId = api.startSync();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < WAITING; i++) {
            ids.add(insertConflict(orgId, syncId, "ValidationError"));
        }
        String otherOrg = newOrgId();
        ApiClient other = api.as(issueToken(otherOrg), otherOrg);
        String otherSync = other.startSync();

        odoo.hold(); // every call to Odoo now waits
        ExecutorService callers = Executors.newFixedThreadPool(WAITING);
        try {
            List<CompletableFuture<Answer>> resolutions = ids.stream()
                    .map(id -> CompletableFuture.supplyAsync(() -> resolve(api, id, "accept"), callers)).toList();
            await("the resolutions reach Odoo").atMost(Duration.ofSeconds(20)).until(() -> odoo.waiting() >= 1);
            // the others reach the throttle or Odoo too, and none of them gets through meanwhile
            await("no resolution ends while Odoo holds the calls").during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3)).until(() -> resolutions.stream().noneMatch(CompletableFuture::isDone));
            // a second resolution of a conflict being resolved is refused, not queued behind it
            Answer second = resolve(api, ids.get(0), "reject");
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.errorCode()).isEqualTo("INVALID_STATE");
            for (int i = 0; i < 10; i++) {
                long began = System.nanoTime();
                await("another organisation's status").atMost(Duration.ofSeconds(2))
                        .until(() -> other.get(BASE + "/status?syncId=" + otherSync).status() == 200);
                assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
                assertThat(activeConnections()).as("pooled connections in use").isLessThanOrEqualTo(3);
                assertThat(idleInTransaction()).as("sessions idle in a transaction").isZero();
            }
            assertThat(resolutions).noneMatch(CompletableFuture::isDone);

            odoo.letThrough();
            for (CompletableFuture<Answer> resolution : resolutions) {
                Answer answer = resolution.get(60, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
                assertThat(answer.json().at("/conflict/state").asText()).isEqualTo("resolved");
            }
        } finally {
            odoo.letThrough();
            callers.shutdownNow();
        }
    }

    @Test
    void aClaimThatWasNeverRecordedRunsOutAndTheConflictCanBeResolved() {
        String syncId = api.startSync();
        String conflictId = insertConflict(orgId, syncId, "ValidationError");
        // a resolution claimed the conflict, then the service died before recording anything
        assertThat(conflicts.claim(orgId, UUID.fromString(conflictId), UUID.randomUUID(), Duration.ofSeconds(2)))
                .isPresent();

        JsonNode listed = api.get(BASE + "/conflicts?syncId=" + syncId).json().get("conflicts");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("state").asText()).isEqualTo("unresolved");
        Answer whileClaimed = resolve(api, conflictId, "reject");
        assertThat(whileClaimed.status()).isEqualTo(409);
        assertThat(whileClaimed.errorCode()).isEqualTo("INVALID_STATE");

        await("the claim runs out").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> resolve(api, conflictId, "reject").status() == 200);
        JsonNode conflict = api.get(BASE + "/conflicts?syncId=" + syncId + "&state=resolved").json().get("conflicts");
        assertThat(conflict).hasSize(1);
        assertThat(conflict.get(0).at("/resolution/outcome").asText()).isEqualTo("kept-target");
        assertThat(resolve(api, conflictId, "accept").status()).as("resolved once").isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT claim_token IS NULL AND claimed_until IS NULL FROM sync_conflict "
                + "WHERE conflict_id = ?::uuid", Boolean.class, conflictId)).isTrue();
    }

    @Test
    void aResolutionThatFailsBeforeRecordingLeavesNoClaim() {
        String syncId = api.startSync();
        String conflictId = insertConflict(orgId, syncId, "ValidationError");
        UUID claim = UUID.randomUUID();
        assertThat(conflicts.claim(orgId, UUID.fromString(conflictId), claim, Duration.ofMinutes(30))).isPresent();
        conflicts.release(orgId, UUID.fromString(conflictId), claim); // what a resolution that throws does

        assertThat(resolve(api, conflictId, "reject").status()).isEqualTo(200);
    }

    private static Answer resolve(ApiClient client, String conflictId, String resolution) {
        return client.post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId + "\",\"resolution\":\""
                + resolution + "\"}");
    }

    private int activeConnections() {
        return ((HikariDataSource) dataSource).getHikariPoolMXBean().getActiveConnections();
    }

    private int idleInTransaction() {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()", Integer.class);
        return n == null ? 0 : n;
    }

    /** The Odoo simulator with a gate: while it is closed, every call waits (before it runs). */
    static final class GatedOdooSimulator extends OdooSimulator {
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private final AtomicInteger waiting = new AtomicInteger();

        GatedOdooSimulator() {
            super(0, 7, "test", "admin", "odoo-password", "odoo-api-key");
        }

        void hold() {
            gate = new CountDownLatch(1);
        }

        void letThrough() {
            gate.countDown();
        }

        int waiting() {
            return waiting.get();
        }

        @Override
        protected void handleApi(HttpExchange exchange) throws IOException {
            waiting.incrementAndGet();
            try {
                gate.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
            super.handleApi(exchange);
        }
    }
}
