package com.wooodoo.sync.orchestration;

import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The limit of 5 active syncs per organisation and idempotency keys, also under concurrent starts. */
class StartLimitsApiTest extends ApiTestBase {

    private static final String START = """
            {"action":"start","systems":["woocommerce","odoo"],"entityTypes":["customers"]}""";

    @Test
    void theSixthActiveSyncIsRefused() {
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> api.startSync()).toList();

        Answer sixth = api.post(START);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.errorCode()).isEqualTo("CONCURRENCY_LIMIT");
        assertThat(activeSyncs(orgId)).isEqualTo(5);

        // a paused sync still counts; a cancelled one frees its place
        api.post("{\"action\":\"pause\",\"syncId\":\"" + ids.get(0) + "\"}");
        assertThat(api.post(START).status()).isEqualTo(429);
        api.post("{\"action\":\"cancel\",\"syncId\":\"" + ids.get(0) + "\"}");
        assertThat(api.post(START).status()).isEqualTo(202);
        assertThat(activeSyncs(orgId)).isEqualTo(5);
    }

    @Test
    void finishedSyncsDoNotCount() {
        for (int i = 0; i < 5; i++) {
            forceStatus(api.startSync(), i % 2 == 0 ? "done" : "failed");
        }
        assertThat(api.post(START).status()).isEqualTo(202);
    }

    @Test
    void theLimitHoldsUnderConcurrentStarts() throws Exception {
        List<Answer> answers = concurrently(24, i -> api.post(START));

        assertThat(answers).filteredOn(a -> a.status() == 202).hasSize(5);
        assertThat(answers).filteredOn(a -> a.status() == 429)
                .hasSize(19)
                .allSatisfy(a -> assertThat(a.errorCode()).isEqualTo("CONCURRENCY_LIMIT"));
        assertThat(activeSyncs(orgId)).isEqualTo(5);
    }

    @Test
    void limitsAreCountedPerOrganisation() {
        for (int i = 0; i < 5; i++) {
            api.startSync();
        }
        String otherOrg = newOrgId();
        ApiClient other = api.as(issueToken(otherOrg), otherOrg);
        assertThat(other.post(START).status()).isEqualTo(202);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstSync() {
        String body = """
                {"action":"start","systems":["woocommerce","odoo"],"entityTypes":["customers"],"idempotencyKey":"nightly-42"}""";
        Answer first = api.post(body);
        Answer again = api.post(body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("syncId").asText()).isEqualTo(first.json().get("syncId").asText());
        assertThat(again.json().get("status").asText()).isEqualTo("queued");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(syncsOf(orgId)).isEqualTo(1);
    }

    @Test
    void anIdempotentReplayIsAnsweredEvenAtTheLimit() {
        String body = """
                {"action":"start","systems":["woocommerce","odoo"],"entityTypes":["customers"],"idempotencyKey":"k"}""";
        String first = api.post(body).json().get("syncId").asText();
        for (int i = 0; i < 4; i++) {
            api.startSync();
        }
        Answer replay = api.post(body);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("syncId").asText()).isEqualTo(first);
    }

    @Test
    void idempotencyKeysAreScopedByOrganisation() {
        String body = """
                {"action":"start","systems":["woocommerce","odoo"],"entityTypes":["customers"],"idempotencyKey":"shared"}""";
        String otherOrg = newOrgId();
        String mine = api.post(body).json().get("syncId").asText();
        String theirs = api.as(issueToken(otherOrg), otherOrg).post(body).json().get("syncId").asText();
        assertThat(theirs).isNotEqualTo(mine);
    }

    @Test
    void concurrentStartsWithOneKeyStartOneSync() throws Exception {
        String body = """
                {"action":"start","systems":["odoo","woocommerce"],"entityTypes":["orders"],"idempotencyKey":"burst"}""";
        List<Answer> answers = concurrently(12, i -> api.post(body));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(202));
        assertThat(answers.stream().map(a -> a.json().get("syncId").asText()).distinct()).hasSize(1);
        assertThat(syncsOf(orgId)).isEqualTo(1);
    }

    private int activeSyncs(String org) {
        return jdbc.queryForObject("SELECT count(*) FROM sync_orchestration WHERE org_id = ? "
                + "AND status IN ('queued', 'processing', 'paused')", Integer.class, org);
    }

    private int syncsOf(String org) {
        return jdbc.queryForObject("SELECT count(*) FROM sync_orchestration WHERE org_id = ?", Integer.class, org);
    }

    interface Call {
        Answer call(int index);
    }

    /** Runs the calls at once, released together by a latch. */
    private static List<Answer> concurrently(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = IntStream.range(0, count).mapToObj(i -> pool.submit((Callable<Answer>) () -> {
                go.await();
                return call.call(i);
            })).toList();
            go.countDown();
            List<Answer> answers = new java.util.ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
