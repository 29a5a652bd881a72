package com.wooodoo.sync.store;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lifecycle of a sync, written once: {@code draft → queued → processing → done | partial |
 * failed}, plus {@code paused} (from queued or processing, back by resume to where it was) and
 * {@code cancelled} (from any state that is not final). The stores build their SQL from the
 * {@link Transition}s, so a transition the Java code allows is the one the database makes.
 */
public enum SyncStatus {
    DRAFT, QUEUED, PROCESSING, PAUSED, DONE, PARTIAL, FAILED, CANCELLED;

    /** The states that count against an organisation's limit of active syncs. */
    public static final Set<SyncStatus> ACTIVE = Collections.unmodifiableSet(EnumSet.of(QUEUED, PROCESSING, PAUSED));
    /** The states a sync ends in. */
    public static final Set<SyncStatus> FINAL = Collections.unmodifiableSet(EnumSet.of(DONE, PARTIAL, FAILED, CANCELLED));

    /** The changes of state, each with the states it may start from and, where fixed, where it leads. */
    public enum Transition {
        /** A runner takes a queued sync (or one whose runner's lease ran out, see {@code SyncClaimStore}). */
        CLAIM(EnumSet.of(QUEUED), PROCESSING, "only a queued sync can be claimed"),
        PAUSE(EnumSet.of(QUEUED, PROCESSING), PAUSED, "only a queued or processing sync can be paused"),
        /** Back to the state it was paused from. */
        RESUME(EnumSet.of(PAUSED), null, "only a paused sync can be resumed"),
        CANCEL(EnumSet.complementOf(EnumSet.of(DONE, PARTIAL, FAILED, CANCELLED)), CANCELLED,
                "a sync that has finished cannot be cancelled"),
        /**
         * The runner puts it back in the queue until a time (a system asked for a longer wait than
         * a worker is held for); one paused meanwhile stays paused, to be resumed to the queue.
         */
        REQUEUE(EnumSet.of(PROCESSING, PAUSED), null, "only a running sync can go back to the queue"),
        /** The runner ends it as done, partial or failed. */
        FINISH(EnumSet.of(PROCESSING), null, "only a processing sync can finish");

        private final Set<SyncStatus> from;
        private final SyncStatus to;
        private final String rule;

        Transition(Set<SyncStatus> from, SyncStatus to, String rule) {
            this.from = Collections.unmodifiableSet(from);
            this.to = to;
            this.rule = rule;
        }

        public boolean allowedFrom(SyncStatus status) {
            return from.contains(status);
        }

        /** Where it leads; empty for resume (where it was), requeue (queued, or still paused) and finish (the runner's outcome). */
        public java.util.Optional<SyncStatus> to() {
            return java.util.Optional.ofNullable(to);
        }

        /** The rule, in words, for an answer that refuses it. */
        public String rule() {
            return rule;
        }

        /** The SQL condition that the row's {@code status} allows this transition. */
        public String sqlCondition() {
            return SyncStatus.sqlCondition(from);
        }
    }

    public String id() {
        return name().toLowerCase();
    }

    /** The SQL literal of this state, e.g. {@code 'queued'}. */
    public String sql() {
        return "'" + id() + "'";
    }

    public static SyncStatus fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sync status '" + id + "'"));
    }

    /** {@code status IN ('a', 'b')} for these states. */
    public static String sqlCondition(Set<SyncStatus> states) {
        return states.size() == 1 ? "status = " + states.iterator().next().sql()
                : "status IN (" + states.stream().sorted().map(SyncStatus::sql).collect(Collectors.joining(", ")) + ")";
    }

    /** Counts against the organisation's limit of active syncs. */
    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** How a run ends: failed when it had to stop, partial when some records were not synced, else done. */
    public static SyncStatus outcome(boolean stoppedByFailure, int failedRecords, int skippedRecords) {
        return stoppedByFailure ? FAILED : failedRecords + skippedRecords > 0 ? PARTIAL : DONE;
    }

    @Override
    public String toString() {
        return id();
    }
}
