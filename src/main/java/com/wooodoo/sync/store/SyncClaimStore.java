package com.wooodoo.sync.store;

import com.wooodoo.sync.store.SyncStatus.Transition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who runs which sync. An instance claims a queued sync (or one whose runner's lease ran out) with
 * {@code FOR UPDATE SKIP LOCKED}, so that instances sharing the database never claim the same
 * one, and keeps it by renewing its lease; a runner that died simply stops renewing.
 */
@Repository
public class SyncClaimStore {

    /** The states in which a runner keeps its lease: processing, or paused or cancelled until it sees so. */
    private static final Set<SyncStatus> LEASED = EnumSet.of(SyncStatus.PROCESSING, SyncStatus.PAUSED, SyncStatus.CANCELLED);

    private final JdbcTemplate jdbc;

    public SyncClaimStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the sync waiting longest, if any, and moves it to processing under this runner's lease. */
    public Optional<UUID> claimNext(String runner, Duration lease) {
        // a processing sync whose runner's lease ran out is taken over as if it were queued
        return jdbc.query("""
                UPDATE sync_orchestration
                   SET status = %s, lease_owner = ?, lease_expires_at = now() + ? * interval '1 millisecond',
                       started_at = coalesce(started_at, now()), updated_at = now()
                 WHERE sync_id = (SELECT sync_id FROM sync_orchestration
                                   WHERE %s
                                      OR (status = %s AND (lease_expires_at IS NULL OR lease_expires_at < now()))
                                   ORDER BY created_at
                                   LIMIT 1
                                     FOR UPDATE SKIP LOCKED)
                RETURNING sync_id""".formatted(SyncStatus.PROCESSING.sql(), Transition.CLAIM.sqlCondition(),
                        SyncStatus.PROCESSING.sql()),
                (rs, n) -> rs.getObject("sync_id", UUID.class), runner, lease.toMillis()).stream().findFirst();
    }

    /** Extends the lease; false when this runner no longer holds the sync (taken over, or not processing). */
    public boolean renew(UUID syncId, String runner, Duration lease) {
        return jdbc.update("""
                UPDATE sync_orchestration SET lease_expires_at = now() + ? * interval '1 millisecond'
                 WHERE sync_id = ? AND lease_owner = ? AND %s""".formatted(SyncStatus.sqlCondition(LEASED)),
                lease.toMillis(), syncId, runner) == 1;
    }

    /** Whether the sync is processing and this runner's lease on it still runs (a read: nothing is renewed). */
    public boolean holdsProcessing(UUID syncId, String runner) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT status = %s AND lease_owner IS NOT DISTINCT FROM ? AND lease_expires_at > now()
                  FROM sync_orchestration WHERE sync_id = ?""".formatted(SyncStatus.PROCESSING.sql()), Boolean.class,
                runner, syncId));
    }

    /** Lets go of a sync this runner holds (after pause, cancel or finish). */
    public void release(UUID syncId, String runner) {
        jdbc.update("UPDATE sync_orchestration SET lease_owner = NULL, lease_expires_at = NULL "
                + "WHERE sync_id = ? AND lease_owner = ?", syncId, runner);
    }
}
