package com.wooodoo.sync.reliability;

import com.wooodoo.sync.store.OrganizationStore;
import com.wooodoo.sync.support.ServiceProcess;
import com.wooodoo.sync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The documented misfire policy: firings missed while no instance ran are run once when one is up
 * ({@code misfire: run-once}) or dropped ({@code misfire: skip}). Two schedules with the same cron
 * and the two policies; the only instance is killed, stays down past the misfire threshold
 * (lowered to 1 s here), and comes back. Each firing is seen in the activity log (the first sync
 * of each schedule stays queued, so every later firing is a recorded skip).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScheduleMisfireTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String ORG = "misfire-" + RUN;
    private static final Path LOGS = Path.of("target", "reliability");
    private static String database;
    private static String databaseUrl;
    private static final List<ServiceProcess> started = new ArrayList<>();

    @BeforeAll
    static void database() {
        String shared = TestDatabase.url();
        database = "wooodoo_misfire_" + RUN;
        String server = shared.substring(0, shared.lastIndexOf('/') + 1);
        execute(server + "postgres", "CREATE DATABASE " + database);
        databaseUrl = server + database;
    }

    @AfterAll
    static void dropDatabase() {
        started.forEach(ServiceProcess::close);
        String server = databaseUrl.substring(0, databaseUrl.lastIndexOf('/') + 1);
        try {
            execute(server + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (RuntimeException ignored) {
            // a left-over test database is harmless
        }
    }

    @Test
    void afterTheServiceWasDownRunOnceCatchesUpOnceAndSkipWaitsForTheNextTime() throws IOException {
        Path schedules = LOGS.resolve("misfire-" + RUN + ".yaml");
        Files.createDirectories(LOGS);
        String entry = """
                  - { id: %s, organisation: %s, cron: "*/2 * * * * ?", misfire: %s,
                      systems: [woocommerce, odoo], entityTypes: [customers] }
                """;
        Files.writeString(schedules, "schedules:\n" + entry.formatted("catch-up", ORG, "run-once")
                + entry.formatted("no-catch-up", ORG, "skip"));

        ServiceProcess first = start("first", schedules);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl + "?currentSchema=wooodoo",
                TestDatabase.USER, TestDatabase.PASSWORD));
        new OrganizationStore(jdbc).createIfAbsent(ORG, "Misfire test");
        await("both schedules fire").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> firings(jdbc, "catch-up", Instant.EPOCH) >= 2 && firings(jdbc, "no-catch-up", Instant.EPOCH) >= 2);

        first.kill();
        Instant down = Instant.now();
        await("down well past the misfire threshold").pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7))
                .until(() -> true);
        start("second", schedules);
        await("the schedules fire again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> firings(jdbc, "no-catch-up", down) >= 3);
        Instant until = Instant.now().minusSeconds(1);

        int runOnce = firingsBetween(jdbc, "catch-up", down, until);
        int skip = firingsBetween(jdbc, "no-catch-up", down, until);
        assertThat(runOnce - skip).as("run-once: the missed firings ran once (%s vs %s since the kill)", runOnce, skip)
                .isEqualTo(1);
    }

    private static int firings(JdbcTemplate jdbc, String schedule, Instant from) {
        return firingsBetween(jdbc, schedule, from, Instant.now().plusSeconds(3600));
    }

    /** Firings recorded as skips, by the time they were scheduled for. */
    private static int firingsBetween(JdbcTemplate jdbc, String schedule, Instant from, Instant until) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM sync_activity_log WHERE actor = ? AND action = 'scheduled-start' "
                + "AND (details->>'firedFor')::timestamptz >= ? AND (details->>'firedFor')::timestamptz < ?", Integer.class,
                "schedule:" + schedule, java.sql.Timestamp.from(from), java.sql.Timestamp.from(until));
        return n == null ? 0 : n;
    }

    private static ServiceProcess start(String name, Path schedules) {
        String at = "--wooodoo.organizations." + ORG;
        ServiceProcess process = ServiceProcess.start(name, LOGS.resolve("misfire-" + RUN + "-" + name + ".log"), List.of(
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=" + TestDatabase.PASSWORD,
                "--wooodoo.schedules-file=" + schedules,
                "--wooodoo.pipeline.enabled=false",
                "--spring.quartz.properties.org.quartz.jobStore.misfireThreshold=1000",
                "--spring.main.banner-mode=off",
                at + ".woocommerce.base-url=http://127.0.0.1:9",
                at + ".woocommerce.consumer-key=ck_test",
                at + ".woocommerce.consumer-secret=cs_test",
                at + ".odoo.url=http://127.0.0.1:9",
                at + ".odoo.protocol=jsonrpc",
                at + ".odoo.database=test",
                at + ".odoo.login=admin",
                at + ".odoo.password=odoo-password"));
        started.add(process);
        return process.awaitReady(Duration.ofSeconds(120));
    }

    private static void execute(String url, String sql) {
        try (var c = DriverManager.getConnection(url, TestDatabase.USER, TestDatabase.PASSWORD);
             var s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
