package com.wooodoo.sync.store;

import com.wooodoo.sync.store.SyncStatus.Transition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who runs which sync. An instance claims a queued sync (or one whose runner's lease ran out) with
 * {@code FOR UPDATE SKIP LOCKED}, so that instances sharing the database never claim the same
 * one, and keeps it by renewing its lease; a runner that died simply stops renewing. Syncs of one
 * organisation that share an entity type never run at the same time, in either direction: a queued
 * sync waits until those ahead of it have ended (see {@link #BLOCKERS}).
 */
@Repository
public class SyncClaimStore {

    /** The states in which a runner keeps its lease: processing, or paused or cancelled until it sees so. */
    private static final Set<SyncStatus> LEASED = EnumSet.of(SyncStatus.PROCESSING, SyncStatus.PAUSED, SyncStatus.CANCELLED);

    /** The first key of the organisations' claim locks ({@code pg_advisory_xact_lock(int, int)}). */
    private static final int CLAIM_LOCK_CLASS = 0x5C1A17;
    private static final int MAX_ATTEMPTS = 5;

    /**
     * The syncs {@code o} that keep a queued sync {@code s} waiting: syncs of the same
     * organisation sharing an entity type with it, whatever their direction, that are processing,
     * paused after they started, cancelled with a batch still in flight (their runner still holds
     * the lease), or queued or paused (not yet started) and created earlier than {@code s}, which
     * keeps syncs of one entity type in the order they were created.
     */
    static final String BLOCKERS = """
            SELECT 1 FROM sync_orchestration o
             WHERE o.org_id = s.org_id AND o.sync_id <> s.sync_id AND o.entity_types && s.entity_types
               AND (o.status = %1$s
                    OR (o.status = %2$s AND o.paused_from = %1$s)
                    OR (o.status = %3$s AND o.lease_owner IS NOT NULL AND o.lease_expires_at > now())
                    OR (o.status IN (%4$s, %2$s) AND (o.created_at, o.sync_id) < (s.created_at, s.sync_id)))"""
            .formatted(SyncStatus.PROCESSING.sql(), SyncStatus.PAUSED.sql(), SyncStatus.CANCELLED.sql(),
                    SyncStatus.QUEUED.sql());

    /**
     * A queued sync nothing blocks, or a processing one whose runner's lease ran out (taken over as
     * if queued); neither before its {@code not_before}.
     */
    private static final String CLAIMABLE = """
            (s.not_before IS NULL OR s.not_before <= now())
            AND ((s.%s AND NOT EXISTS (%s))
                 OR (s.status = %s AND (s.lease_expires_at IS NULL OR s.lease_expires_at < now())))"""
            .formatted(Transition.CLAIM.sqlCondition(), BLOCKERS, SyncStatus.PROCESSING.sql());

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public SyncClaimStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Claims the sync waiting longest that may run now, if any, and moves it to processing under
     * this runner's lease. A queued sync may run only while no other sync of its organisation that
     * shares an entity type with it (in either direction) is {@linkplain #BLOCKERS ahead of it}.
     *
     * <p>The candidate is chosen and row-locked ({@code FOR UPDATE SKIP LOCKED}), then the
     * organisation's claim lock (a transaction-scoped advisory lock) is taken, and the claim itself
     * checks the rule again on a snapshot taken after that lock: a conflicting sync that another
     * instance claimed meanwhile has been committed by then, so the second claim finds it and
     * gives up. A processing sync whose runner's lease ran out (or that was resumed and released)
     * is taken over whatever the rule says: it already holds its turn.
     */
    public Optional<UUID> claimNext(String runner, Duration lease) {
        return claimNext(runner, lease, Set.of()).map(Claimed::syncId);
    }

    /** A sync claimed, and its organisation. */
    public record Claimed(UUID syncId, String orgId) {
    }

    /**
     * As {@link #claimNext(String, Duration)}, leaving out the syncs of {@code organisationsAtLimit}
     * (those that run as many syncs on this instance as they may), so that another organisation's
     * sync is claimed instead.
     */
    public Optional<Claimed> claimNext(String runner, Duration lease, Set<String> organisationsAtLimit) {
        String[] skipped = organisationsAtLimit.toArray(String[]::new);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Claim claim = tx.execute(status -> claimOnce(runner, lease, skipped));
            if (claim == null || claim.claimed() != null) {
                return Optional.ofNullable(claim == null ? null : claim.claimed());
            }
            // another instance claimed a conflicting sync of that organisation meanwhile: look again
        }
        return Optional.empty();
    }

    private Claim claimOnce(String runner, Duration lease, String[] organisationsSkipped) {
        List<String[]> candidate = jdbc.query("""
                SELECT s.sync_id, s.org_id FROM sync_orchestration s
                 WHERE (%s) AND s.org_id <> ALL (?::text[])
                 ORDER BY s.created_at, s.sync_id
                 LIMIT 1
                   FOR UPDATE OF s SKIP LOCKED""".formatted(CLAIMABLE),
                (rs, n) -> new String[] {rs.getString("sync_id"), rs.getString("org_id")}, (Object) organisationsSkipped);
        if (candidate.isEmpty()) {
            return null;
        }
        UUID syncId = UUID.fromString(candidate.get(0)[0]);
        jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", (RowCallbackHandler) rs -> { },
                CLAIM_LOCK_CLASS, candidate.get(0)[1]);
        List<Claimed> claimed = jdbc.query("""
                UPDATE sync_orchestration s
                   SET status = %s, lease_owner = ?, lease_expires_at = now() + ? * interval '1 millisecond',
                       started_at = coalesce(started_at, now()), updated_at = now(), not_before = NULL,
                       wait_reason = NULL
                 WHERE s.sync_id = ? AND (%s)
                RETURNING s.sync_id, s.org_id""".formatted(SyncStatus.PROCESSING.sql(), CLAIMABLE),
                (rs, n) -> new Claimed(rs.getObject("sync_id", UUID.class), rs.getString("org_id")),
                runner, lease.toMillis(), syncId);
        return new Claim(claimed.stream().findFirst().orElse(null));
    }

    /** The outcome of one attempt: the sync claimed, or null when the candidate was taken from under it. */
    private record Claim(Claimed claimed) {
    }

    /**
     * Puts a sync this runner holds back in the queue, not to be claimed for {@code waitMs} (and
     * lets it go): a processing one becomes queued, a paused one stays paused and is resumed to
     * the queue; a cancelled one is only let go. False when this runner no longer holds it.
     */
    public boolean requeue(UUID syncId, String runner, long waitMs, String reason) {
        int changed = jdbc.update("""
                UPDATE sync_orchestration
                   SET status = CASE WHEN status = %1$s THEN %1$s ELSE %2$s END,
                       paused_from = CASE WHEN status = %1$s THEN %2$s END,
                       not_before = greatest(not_before, now() + ? * interval '1 millisecond'), wait_reason = ?,
                       lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
                 WHERE sync_id = ? AND lease_owner = ? AND %3$s""".formatted(SyncStatus.PAUSED.sql(),
                        SyncStatus.QUEUED.sql(), Transition.REQUEUE.sqlCondition()),
                waitMs, reason, syncId, runner);
        if (changed == 0) {
            release(syncId, runner);
        }
        return changed == 1;
    }

    /**
     * Keeps a sync this runner holds from being claimed again for {@code waitMs} (or longer, when
     * it already waits longer), e.g. after a pause: whoever resumes it claims it no earlier.
     */
    public void holdBack(UUID syncId, String runner, long waitMs, String reason) {
        jdbc.update("""
                UPDATE sync_orchestration
                   SET not_before = greatest(not_before, now() + ? * interval '1 millisecond'),
                       wait_reason = coalesce(wait_reason, ?)
                 WHERE sync_id = ? AND lease_owner = ?""", waitMs, reason, syncId, runner);
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
