package com.wooodoo.sync.reliability;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import com.wooodoo.sync.store.OrganizationStore;
import com.wooodoo.sync.support.OwnDatabase;
import com.wooodoo.sync.support.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service on one database, one schedule firing every 2 seconds: Quartz's
 * clustered job store runs each firing on one instance only, so each firing starts exactly one
 * sync, none is lost, and when the instance that fires dies (SIGKILL) the other goes on firing.
 * The instances are child JVMs on a database of this class's own (other test contexts run Quartz
 * nodes on the shared one).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusteredSchedulesTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String ORG = "cluster-" + RUN;
    private static final Path LOGS = Path.of("target", "reliability");
    private static final Duration START_UP = Duration.ofSeconds(120);

    private static WooCommerceSimulator woo;
    private static OdooSimulator odoo;
    private static OwnDatabase database;
    private static final List<ServiceProcess> started = new ArrayList<>();

    @BeforeAll
    static void simulatorsAndDatabase() {
        woo = new WooCommerceSimulator(0, 5, "ck_test", "cs_test").start();
        odoo = new OdooSimulator(0, 5, "test", "admin", "odoo-password", "odoo-api-key").start();
        woo.seed(EntityType.CUSTOMERS, 5);
        database = OwnDatabase.create("cluster_" + RUN);
    }

    @AfterAll
    static void stopEverything() {
        started.forEach(ServiceProcess::close);
        woo.close();
        odoo.close();
        database.drop();
    }

    @Test
    void twoInstancesOnOneDatabaseStartExactlyOneSyncPerFiringAndMissNone() throws IOException {
        Path schedules = writeSchedules("""
                schedules:
                  - id: every-2-s
                    organisation: %s
                    cron: "*/2 * * * * ?"
                    systems: [woocommerce, odoo]
                    entityTypes: [customers]
                    syncConfig: { mode: full, interBatchDelayMs: 0 }
                    whenStillActive: queue
                """.formatted(ORG));
        // the first creates the schema; the organisation exists before the second starts
        ServiceProcess first = startService("node-1", schedules).awaitReady(START_UP);
        JdbcTemplate jdbc = database.jdbc();
        new OrganizationStore(jdbc).createIfAbsent(ORG, "Cluster test");
        ServiceProcess second = startService("node-2", schedules).awaitReady(START_UP);

        await("both nodes checked in and 8 firings started syncs").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> nodes(jdbc) == 2 && syncs(jdbc).size() >= 8);
        int before = syncs(jdbc).size();
        await("4 more firings with both nodes up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> syncs(jdbc).size() >= before + 4);
        List<Long> firings = syncs(jdbc);
        for (int i = 1; i < firings.size(); i++) {
            assertThat(firings.get(i) - firings.get(i - 1)).as("no firing lost between %s and %s (all: %s)",
                    firings.get(i - 1), firings.get(i), firings).isEqualTo(2L);
        }

        // whichever node ran the firings dies: the other takes the schedule over
        ServiceProcess firing = count(Files.readString(first.log()), ": queued sync") > 0 ? first : second;
        ServiceProcess survivor = firing == first ? second : first;
        firing.kill();
        long survivorBefore = count(Files.readString(survivor.log()), ": queued sync");
        await("the surviving node fires the schedule").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> count(Files.readString(survivor.log()), ": queued sync") >= survivorBefore + 3);
        survivor.close();

        List<Long> all = syncs(jdbc);
        assertThat(all).as("one sync per firing").doesNotHaveDuplicates();
        String logs = Files.readString(first.log()) + Files.readString(second.log());
        assertThat(count(logs, ": queued sync")).as("firings run, on both nodes together").isEqualTo(all.size());
        assertThat(logs).as("no firing ran on both nodes").doesNotContain("exists already");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_activity_log WHERE actor = 'schedule:every-2-s' "
                + "AND action = 'start' AND outcome = 'ok'", Integer.class)).isEqualTo(all.size());
    }

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    /** The firing times (epoch seconds) of the schedule's syncs, in order. */
    private static List<Long> syncs(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT substring(idempotency_key from '@([0-9]+)$')::bigint FROM sync_orchestration "
                + "WHERE created_by = 'schedule:every-2-s' ORDER BY 1", Long.class);
    }

    private static int nodes(JdbcTemplate jdbc) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM qrtz_scheduler_state", Integer.class);
        return n == null ? 0 : n;
    }

    private static Path writeSchedules(String yaml) throws IOException {
        Path file = LOGS.resolve("schedules-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 4) + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    private static ServiceProcess startService(String name, Path schedules) {
        List<String> args = database.serviceArguments();
        args.addAll(List.of("--wooodoo.schedules-file=" + schedules, "--wooodoo.pipeline.poll-ms=200",
                "--wooodoo.outbound.requests-per-minute-override=100000"));
        args.addAll(OwnDatabase.organisationArguments(ORG, woo.baseUrl(), odoo.baseUrl()));
        ServiceProcess process = ServiceProcess.start(name, LOGS.resolve("cluster-" + RUN + "-" + name + ".log"), args);
        started.add(process);
        return process;
    }
}
