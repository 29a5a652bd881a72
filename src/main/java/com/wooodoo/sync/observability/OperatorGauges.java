package com.wooodoo.sync.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Gauges read from the database, refreshed by the route {@code refreshOperatorGauges} (so a
 * scrape never waits for a query, and every instance reports the same cluster-wide figures):
 * {@code wooodoo_conflicts_open{org,type}} and {@code wooodoo_syncs{org,state}}.
 */
@Component("operatorGauges")
public class OperatorGauges {

    private final JdbcTemplate jdbc;
    private final MultiGauge openConflicts;
    private final MultiGauge syncs;

    public OperatorGauges(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.openConflicts = MultiGauge.builder("wooodoo.conflicts.open")
                .description("Conflicts that still need a person, by organisation and type").register(registry);
        this.syncs = MultiGauge.builder("wooodoo.syncs")
                .description("Syncs by organisation and state").register(registry);
    }

    public void refresh() {
        openConflicts.register(rows("""
                SELECT org_id, conflict_type, count(*) FROM sync_conflict WHERE resolution IS NULL GROUP BY org_id, conflict_type""",
                "type"), true);
        syncs.register(rows("SELECT org_id, status, count(*) FROM sync_orchestration GROUP BY org_id, status",
                "state"), true);
    }

    private List<MultiGauge.Row<?>> rows(String sql, String tag) {
        return jdbc.query(sql, (rs, n) -> MultiGauge.Row.of(Tags.of("org", rs.getString(1), tag, rs.getString(2)),
                rs.getLong(3)));
    }
}
