package com.wooodoo.sync.store;

import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runners claim each queued sync once, and take over a sync whose runner stopped renewing. */
class SyncClaimStoreTest extends ApiTestBase {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    private SyncClaimStore claims;

    @Test
    void concurrentRunnersClaimEachSyncOnce() {
        Set<UUID> queued = IntStream.range(0, 5).mapToObj(i -> UUID.fromString(api.startSync())).collect(Collectors.toSet());
        jdbc.update("UPDATE sync_orchestration SET status = 'cancelled', finished_at = now() "
                + "WHERE status = 'queued' AND org_id <> ?", orgId);

        List<CompletableFuture<Optional<UUID>>> runners = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> claims.claimNext("runner-" + i, LEASE))).toList();
        List<UUID> claimed = runners.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();

        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_orchestration WHERE org_id = ? AND status = 'processing' "
                + "AND lease_owner IS NOT NULL AND started_at IS NOT NULL", Integer.class, orgId)).isEqualTo(5);
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

    private void cancelOtherOrganisationsWork() {
        jdbc.update("UPDATE sync_orchestration SET status = 'cancelled', paused_from = NULL, finished_at = now() "
                + "WHERE status IN ('queued', 'processing', 'paused')");
    }
}
