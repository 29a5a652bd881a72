package com.wooodoo.sync.store;

import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runners claim each queued sync once, take over a sync whose runner stopped renewing, and never
 * run two syncs of one organisation that share an entity type at the same time.
 */
class SyncClaimStoreTest extends ApiTestBase {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";

    @Autowired
    private SyncClaimStore claims;

    @Test
    void concurrentRunnersClaimEachSyncOnce() {
        String otherOrg = newOrgId();
        ApiClient other = api.as(issueToken(otherOrg), otherOrg);
        Set<UUID> queued = new HashSet<>();
        for (String entity : List.of("customers", "products", "orders")) {
            queued.add(UUID.fromString(api.startSync(WOO_TO_ODOO, "[\"" + entity + "\"]")));
        }
        for (String entity : List.of("customers", "products")) {
            queued.add(UUID.fromString(other.startSync(WOO_TO_ODOO, "[\"" + entity + "\"]")));
        }
        jdbc.update("UPDATE sync_orchestration SET status = 'cancelled', paused_from = NULL, finished_at = now() "
                + "WHERE status IN ('queued', 'processing', 'paused') AND org_id NOT IN (?, ?)", orgId, otherOrg);

        List<CompletableFuture<Optional<UUID>>> runners = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> claims.claimNext("runner-" + i, LEASE))).toList();
        List<UUID> claimed = runners.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();

        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_orchestration WHERE org_id IN (?, ?) "
                + "AND status = 'processing' AND lease_owner IS NOT NULL AND started_at IS NOT NULL", Integer.class,
                orgId, otherOrg)).isEqualTo(5);
    }

    @Test
    void aSyncWhoseLeaseRanOutIsTakenOver() {
        cancelOtherOrganisationsWork();
        UUID syncId = UUID.fromString(api.startSync());
        assertThat(claims.claimNext("dead-runner", LEASE)).contains(syncId);
        assertThat(claims.claimNext("other", LEASE)).isEmpty();

        jdbc.update("UPDATE sync_orchestration SET lease_expires_at = now() - interval '1 second' WHERE sync_id = ?", syncId);

        assertThat(claims.claimNext("other", LEASE)).contains(syncId);
        assertThat(claims.renew(syncId, "dead-runner", LEASE)).isFalse();
        assertThat(claims.renew(syncId, "other", LEASE)).isTrue();
    }

    @Test
    void aPausedSyncIsNotClaimedAndAReleasedOneIs() {
        cancelOtherOrganisationsWork();
        UUID syncId = UUID.fromString(api.startSync());
        api.post("{\"action\":\"pause\",\"syncId\":\"" + syncId + "\"}");
        assertThat(claims.claimNext("runner", LEASE)).isEmpty();

        api.post("{\"action\":\"resume\",\"syncId\":\"" + syncId + "\"}");
        assertThat(claims.claimNext("runner", LEASE)).contains(syncId);
        claims.release(syncId, "runner");
        assertThat(claims.claimNext("second", LEASE)).contains(syncId);
    }

    @Test
    void aSyncPutBackInTheQueueIsNotClaimedBeforeItsNotBeforeAndThenWithItCleared() {
        cancelOtherOrganisationsWork();
        UUID syncId = UUID.fromString(api.startSync());
        assertThat(claims.claimNext("runner", LEASE)).contains(syncId);

        assertThat(claims.requeue(syncId, "runner", Duration.ofDays(1).toMillis(), "asked to wait")).isTrue();
        assertThat(jdbc.queryForObject("SELECT status FROM sync_orchestration WHERE sync_id = ?", String.class, syncId))
                .isEqualTo("queued");
        assertThat(claims.claimNext("runner", LEASE)).isEmpty();

        jdbc.update("UPDATE sync_orchestration SET not_before = now() - interval '1 second' WHERE sync_id = ?", syncId);
        assertThat(claims.claimNext("runner", LEASE)).contains(syncId);
        assertThat(jdbc.queryForObject("SELECT not_before IS NULL AND wait_reason IS NULL FROM sync_orchestration "
                + "WHERE sync_id = ?", Boolean.class, syncId)).isTrue();
    }

    @Test
    void aSyncPausedWhileItWasPutBackInTheQueueIsResumedToTheQueue() {
        cancelOtherOrganisationsWork();
        UUID syncId = UUID.fromString(api.startSync());
        assertThat(claims.claimNext("runner", LEASE)).contains(syncId);
        api.post("{\"action\":\"pause\",\"syncId\":\"" + syncId + "\"}");

        assertThat(claims.requeue(syncId, "runner", 60_000, "asked to wait")).isTrue();
        assertThat(jdbc.queryForObject("SELECT status || '/' || paused_from FROM sync_orchestration WHERE sync_id = ?",
                String.class, syncId)).isEqualTo("paused/queued");
        assertThat(api.post("{\"action\":\"resume\",\"syncId\":\"" + syncId + "\"}").json().get("status").asText())
                .isEqualTo("queued");
        assertThat(claims.claimNext("runner", LEASE)).as("the wait still holds").isEmpty();
    }

    @Test
    void theOrganisationsAtTheirLimitAreLeftOutSoThatAnotherOrganisationsSyncIsClaimed() {
        cancelOtherOrganisationsWork();
        String otherOrg = newOrgId();
        ApiClient other = api.as(issueToken(otherOrg), otherOrg);
        UUID first = UUID.fromString(api.startSync(WOO_TO_ODOO, "[\"customers\"]"));
        UUID second = UUID.fromString(api.startSync(WOO_TO_ODOO, "[\"products\"]"));
        UUID others = UUID.fromString(other.startSync(WOO_TO_ODOO, "[\"customers\"]"));

        assertThat(claims.claimNext("runner", LEASE, Set.of()).map(SyncClaimStore.Claimed::syncId)).contains(first);
        assertThat(claims.claimNext("runner", LEASE, Set.of(orgId)))
                .contains(new SyncClaimStore.Claimed(others, otherOrg));
        assertThat(claims.claimNext("runner", LEASE, Set.of(orgId, otherOrg))).isEmpty();
        assertThat(claims.claimNext("runner", LEASE, Set.of(otherOrg)).map(SyncClaimStore.Claimed::syncId)).contains(second);
    }

    @Test
    void aSyncSharingAnEntityTypeWaitsUntilTheOnesAheadOfItHaveEnded() {
        cancelOtherOrganisationsWork();
        UUID customers = UUID.fromString(api.startSync(WOO_TO_ODOO, "[\"customers\"]"));
        UUID customersBack = UUID.fromString(api.startSync(ODOO_TO_WOO, "[\"customers\"]"));
        UUID products = UUID.fromString(api.startSync(WOO_TO_ODOO, "[\"products\"]"));
        UUID customersAndOrders = UUID.fromString(api.startSync(WOO_TO_ODOO, "[\"customers\",\"orders\"]"));
        UUID orders = UUID.fromString(api.startSync(ODOO_TO_WOO, "[\"orders\"]"));

        assertThat(claimAll("runner")).as("the other syncs of customers wait, and orders waits behind the older one")
                .containsExactly(customers, products);

        finish(customers, "runner");
        assertThat(claimAll("runner")).as("the opposite direction was started next").containsExactly(customersBack);
        finish(products, "runner");
        assertThat(claimAll("runner")).isEmpty();

        finish(customersBack, "runner");
        assertThat(claimAll("runner")).containsExactly(customersAndOrders);
        finish(customersAndOrders, "runner");
        assertThat(claimAll("runner")).containsExactly(orders);
    }

    @Test
    void aSyncPausedAfterItStartedStillHoldsItsEntityTypes() {
        cancelOtherOrganisationsWork();
        UUID first = UUID.fromString(api.startSync());
        UUID second = UUID.fromString(api.startSync(ODOO_TO_WOO, "[\"customers\"]"));
        assertThat(claims.claimNext("runner", LEASE)).contains(first);
        api.post("{\"action\":\"pause\",\"syncId\":\"" + first + "\"}");
        claims.release(first, "runner");
        assertThat(claimAll("runner")).isEmpty();

        api.post("{\"action\":\"cancel\",\"syncId\":\"" + first + "\"}");
        assertThat(claimAll("runner")).containsExactly(second);
    }

    @Test
    void aSyncPausedWhileQueuedKeepsItsPlaceInLine() {
        cancelOtherOrganisationsWork();
        UUID first = UUID.fromString(api.startSync());
        UUID second = UUID.fromString(api.startSync());
        api.post("{\"action\":\"pause\",\"syncId\":\"" + first + "\"}");
        assertThat(claimAll("runner")).isEmpty();

        api.post("{\"action\":\"resume\",\"syncId\":\"" + first + "\"}");
        assertThat(claimAll("runner")).containsExactly(first);
        finish(first, "runner");
        assertThat(claimAll("runner")).containsExactly(second);
    }

    @Test
    void aCancelledSyncWhoseBatchIsStillInFlightHoldsItsEntityTypesUntilItsRunnerLetsGo() {
        cancelOtherOrganisationsWork();
        UUID first = UUID.fromString(api.startSync());
        UUID second = UUID.fromString(api.startSync());
        assertThat(claims.claimNext("runner", LEASE)).contains(first);
        api.post("{\"action\":\"cancel\",\"syncId\":\"" + first + "\"}");
        assertThat(claimAll("other")).isEmpty();

        claims.release(first, "runner");
        assertThat(claimAll("other")).containsExactly(second);
    }

    /** Instances racing for the syncs of many organisations never run two of one organisation's customers at once. */
    @Test
    void runnersRacingForConflictingSyncsClaimOneOfThemPerOrganisation() throws Exception {
        cancelOtherOrganisationsWork();
        for (int round = 0; round < 10; round++) {
            List<String> orgs = new ArrayList<>();
            for (int o = 0; o < 4; o++) {
                String org = newOrgId();
                ApiClient client = api.as(issueToken(org), org);
                client.startSync(WOO_TO_ODOO, "[\"customers\"]");
                client.startSync(ODOO_TO_WOO, "[\"customers\"]");
                client.startSync(WOO_TO_ODOO, "[\"customers\",\"products\"]");
                orgs.add(org);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<List<UUID>>> runners = IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(go);
                        return claimAll("runner-" + i);
                    }, POOL)).toList();
            go.countDown();
            runners.forEach(CompletableFuture::join);

            for (String org : orgs) {
                assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_orchestration WHERE org_id = ? "
                        + "AND status = 'processing'", Integer.class, org)).as("round %d, %s", round, org).isEqualTo(1);
            }
            cancelOtherOrganisationsWork();
        }
    }

    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(6);

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Claims until nothing more may run, in the order claimed. */
    private List<UUID> claimAll(String runner) {
        List<UUID> claimed = new ArrayList<>();
        for (Optional<UUID> next = claims.claimNext(runner, LEASE); next.isPresent(); next = claims.claimNext(runner, LEASE)) {
            claimed.add(next.get());
        }
        return claimed;
    }

    /** Ends a claimed sync as its runner does. */
    private void finish(UUID syncId, String runner) {
        assertThat(jdbc.update("UPDATE sync_orchestration SET status = 'done', finished_at = now(), lease_owner = NULL, "
                + "lease_expires_at = NULL WHERE sync_id = ? AND lease_owner = ? AND status = 'processing'", syncId, runner))
                .isEqualTo(1);
    }

    private void cancelOtherOrganisationsWork() {
        jdbc.update("UPDATE sync_orchestration SET status = 'cancelled', paused_from = NULL, finished_at = now() "
                + "WHERE status IN ('queued', 'processing', 'paused')");
    }
}
