package com.wooodoo.sync.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;

/** Counts inbound API requests per organisation and fixed window, shared by every instance. */
@Repository
public class RateWindowStore {

    private final JdbcTemplate jdbc;

    public RateWindowStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one request in the window and returns the window's count so far. */
    public int increment(String orgId, Instant windowStart) {
        Integer count = jdbc.queryForObject("""
                INSERT INTO api_rate_window (org_id, window_start, request_count) VALUES (?, ?, 1)
                ON CONFLICT (org_id, window_start)
                DO UPDATE SET request_count = api_rate_window.request_count + 1
                RETURNING request_count""", Integer.class, orgId, JdbcTimes.timestamp(windowStart));
        return count == null ? 0 : count;
    }

    /** Forgets windows that started before {@code cutoff}; returns how many. */
    public int purgeBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM api_rate_window WHERE window_start < ?", JdbcTimes.timestamp(cutoff));
    }
}
