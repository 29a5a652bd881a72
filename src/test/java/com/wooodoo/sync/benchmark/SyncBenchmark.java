package com.wooodoo.sync.benchmark;

import com.wooodoo.sync.support.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ServiceProcess;
import com.wooodoo.sync.support.TestDatabase;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sync benchmark: runs the real service in a JVM of its own against the sandbox simulators on
 * loopback (in this JVM) with the outbound rate limit lifted and no delay between batches, and
 * writes the figures to {@code docs/benchmarks.md} (between its "generated" marks; the text around
 * them is kept). Not a test: {@code mvn -B verify} does not run it; {@code mvn -B -Pbenchmark verify}
 * does (see the README).
 *
 * <p>A scenario is an entity type in one direction, a latency profile, a record count and a number
 * of batches in flight W. Each runs the floor ({@link PlainHttpFloor}), a first sync, an unchanged
 * re-run (mode full) and an incremental sync after 1 % of the source records were changed; orders
 * get their customers and products synced first (not measured). Sections 1 to 5 of the report are
 * the customers from the shop to Odoo at a flat latency; 7 has every scenario with the HTTP calls
 * per record by kind against the design's targets; 8 sets the values of W against each other.
 * The service is started once per value of W (each JVM warmed up once, before its scenarios).
 *
 * <p>Commands:
 * <pre>
 * mvn -B -Pbenchmark verify      # the full report: every entity, both directions, 0 ms, 20 ms, realistic, W 1 and 4, 10,000 records
 * mvn -B -Pbenchmark verify -Dbench.counts=500 -Dbench.profiles=0 -Dbench.batchesInFlight=1 -Dbench.repeats=1 \
 *     -Dbench.warmupCount=500 -Dbench.warmupRounds=1 -Dbench.entityWarmupCount=200 -Dbench.profile=false \
 *     -Dbench.wrkSeconds=0 -Dbench.section=smoke     # a quick smoke, 3 to 5 minutes
 * </pre>
 *
 * <p>Settings are system properties:
 * <ul>
 *   <li>{@code bench.entities} {@code customers}, {@code products}, {@code orders}, default all three</li>
 *   <li>{@code bench.directions} {@code shop-to-odoo}, {@code odoo-to-shop}, default both</li>
 *   <li>{@code bench.profiles} latency profiles: {@code <n> ms} (that latency added to every call by
 *       the simulators) or {@code realistic} (server costs per call, per row scanned, per item
 *       written; see {@link BenchProfile}); a bare number is in ms; default {@code 0,20,realistic}</li>
 *   <li>{@code bench.latencies} the older way to name flat profiles, in ms ({@code 0,20}): when
 *       given, it replaces {@code bench.profiles}</li>
 *   <li>{@code bench.counts} source records per scenario, default {@code 10000}</li>
 *   <li>{@code bench.batchesInFlight} the service's {@code wooodoo.pipeline.batches-in-flight},
 *       one service JVM per value, default {@code 1,4}</li>
 *   <li>{@code bench.batchSize} the syncs' batch size, default 50</li>
 *   <li>{@code bench.repeats} runs of each scenario up to 10,000 records, the median first sync
 *       reported, default 3; {@code bench.slowRepeats} the same for the realistic profile, whose
 *       runs against the shop take minutes each (40 ms per item written), default 1</li>
 *   <li>{@code bench.warmupCount} customers of the warm-up syncs (rounds of the floor, a first and a
 *       second sync, not reported: the JIT compiles the hot paths meanwhile), default 10,000</li>
 *   <li>{@code bench.warmupRounds} at most so many warm-up rounds, default 12: the warm-up ends after
 *       the first round from the second on whose first sync spent less than
 *       {@code bench.warmupJitShare} (default 0.10) of the service's CPU in the JIT compiler threads</li>
 *   <li>{@code bench.entityWarmupCount} records of one more warm-up, a first and a second sync of
 *       each other entity type and direction, default 2,000 (0: none); the warm-up runs once per
 *       service JVM, not per scenario</li>
 *   <li>{@code bench.profile} profile one more run of the largest count of customers to Odoo at the
 *       first flat latency (Flight Recorder and the runner thread's stacks), default true</li>
 *   <li>{@code bench.wrkSeconds} how long wrk asks for the status during a sync (0: not at all), default 15</li>
 *   <li>{@code bench.wrkRate} requests per second wrk aims at, default 200</li>
 *   <li>{@code bench.out} the report, default {@code docs/benchmarks.md}; {@code bench.timeoutMinutes} per sync, default 30</li>
 *   <li>{@code bench.section} the part of the report this run replaces, default {@code main}</li>
 *   <li>{@code bench.serviceJvmArgs} more JVM options of the service, separated by spaces (a
 *       profiler agent, say), default none</li>
 * </ul>
 */
public final class SyncBenchmark {

    /** The service's settings in the benchmark (its own configuration, beside config/application.yaml). */
    static final String SERVICE_SETTINGS = "src/test/resources/benchmark/service.yaml";

    static final String WOO_KEY = "ck_bench";
    static final String WOO_SECRET = "cs_bench";
    static final String ODOO_DB = "bench";
    static final String ODOO_LOGIN = "admin";
    static final String ODOO_PASSWORD = "odoo-password";
    private static final Path WORK = Path.of("target", "benchmark");
    private static final double DESIGN_CALLS_PER_RECORD = 0.05;
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)\\s+([\\d.]+)ms");

    private final List<Integer> counts = ints(System.getProperty("bench.counts", "10000"));
    private final List<BenchProfile> profiles = profiles();
    private final List<EntityType> entities = names("bench.entities", "customers,products,orders").stream()
            .map(BenchData::entity).distinct().toList();
    private final List<BenchData.Direction> directions = names("bench.directions", "shop-to-odoo,odoo-to-shop").stream()
            .map(BenchData.Direction::named).distinct().toList();
    private final List<Integer> batchesInFlight = ints(System.getProperty("bench.batchesInFlight", "1,4"));
    private final int slowRepeats = Integer.getInteger("bench.slowRepeats", 1);
    private final int entityWarmupCount = Integer.getInteger("bench.entityWarmupCount", 2_000);
    private final Map<String, PlainHttpFloor.Result> floors = new LinkedHashMap<>();
    private final int batchSize = Integer.getInteger("bench.batchSize", 50);
    private final int warmupCount = Integer.getInteger("bench.warmupCount", 10_000);
    private final int warmupRounds = Integer.getInteger("bench.warmupRounds", 12);
    private final double warmupJitShare = Double.parseDouble(System.getProperty("bench.warmupJitShare", "0.10"));
    private final List<String> warmupLog = new ArrayList<>();
    private final int repeats = Integer.getInteger("bench.repeats", 3);
    private final Map<Scenario, String> repeatedRates = new LinkedHashMap<>();
    private final boolean profile = Boolean.parseBoolean(System.getProperty("bench.profile", "true"));
    private final int wrkSeconds = Integer.getInteger("bench.wrkSeconds", 15);
    private final int wrkRate = Integer.getInteger("bench.wrkRate", 200);
    private final Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));
    private final Duration timeout = Duration.ofMinutes(Integer.getInteger("bench.timeoutMinutes", 30));
    private final String section = System.getProperty("bench.section", "main");
    private final List<String> serviceJvmArgs = Arrays.stream(System.getProperty("bench.serviceJvmArgs", "").trim().split("\\s+"))
            .filter(a -> !a.isEmpty()).toList();

    private BenchWooCommerceSimulator woo;
    private BenchOdooSimulator odoo;
    private String database;
    private String databaseUrl;
    private JdbcTemplate jdbc;
    private ServiceProcess service;
    private ServiceProbe probe;
    private Path gcLog;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> orgs = new ArrayList<>();
    private int orgSeq;

    public static void main(String[] args) throws Exception {
        if ("stock".equals(System.getProperty("bench.scenario"))) {
            StockBenchmark.main(args); // -Dbench.scenario=stock: the stock scenario alone
            return;
        }
        if ("cold".equals(System.getProperty("bench.scenario"))) {
            ColdStartBenchmark.main(args); // -Dbench.scenario=cold: first sync after a start against warm ones
            return;
        }
        SyncBenchmark benchmark = new SyncBenchmark();
        BenchmarkProgram.run(benchmark::run, benchmark::stop);
    }

    // ---- the run ---------------------------------------------------------------------------

    /** One scenario: an entity type in one direction, a latency profile, a count of records, batches in flight. */
    record Scenario(EntityType entity, BenchData.Direction direction, BenchProfile profile, int count, int batchesInFlight) {

        int latencyMs() {
            return (int) profile.latencyMs();
        }

        String name() {
            return String.format(Locale.ROOT, "%,d %s %s, %s", count, BenchData.apiName(entity), direction.label,
                    profile.name()) + (batchesInFlight > 0 ? ", W = " + batchesInFlight : "");
        }

        /** What the floor depends on (not the service's batches in flight). */
        String floorKey() {
            return entity + " " + direction + " " + profile.name() + " " + count;
        }

        /** The sync's calls per record the design aims at: 0.05 for a first sync, 0.02 for an unchanged or 1 % run. */
        static double target(String label) {
            return label.equals("first") ? 0.05 : 0.02;
        }
    }

    static final class SyncRun {
        String label;
        int count;
        int latencyMs;
        String status;
        long processed;
        long failed;
        long skipped;
        long serverMillis;
        long wallMillis;
        Map<String, Long> wooStats;
        Map<String, Long> odooStats;
        Map<String, Long> wooKinds;
        Map<String, Long> odooKinds;
        long serviceCpuMs;
        long compilerCpuMs;
        long benchCpuMs;
        long postgresCpuMs;
        ServiceProbe.MemoryPeaks memory;
        long gcCount;
        long gcMaxAfterMb;
        double gcPauseMs;
        Map<String, Long> database;
        Map<String, Long> tableReads;
        long restOfMachineCpuMs;
        long softirqCpuMs;
        long liveHeapMb;

        double recordsPerSecond() {
            return serverMillis == 0 ? 0 : count * 1000.0 / serverMillis;
        }

        long calls() {
            return wooKinds.values().stream().mapToLong(Long::longValue).sum()
                    + odooKinds.values().stream().mapToLong(Long::longValue).sum();
        }

        long kind(String kind) {
            return wooKinds.getOrDefault(kind, 0L) + odooKinds.getOrDefault(kind, 0L);
        }
    }

    record ScenarioResult(Scenario scenario, PlainHttpFloor.Result floor, SyncRun first, SyncRun second, SyncRun incremental,
                          int changed) {
    }

    record WrkResult(String phase, long requests, double seconds, long non2xx, long errors, double p50Ms, double p90Ms,
                     double p99Ms, double maxMs, String syncStateAfter, String raw) {
    }

    private void run() throws Exception {
        Files.createDirectories(WORK);
        List<Scenario> scenarios = new ArrayList<>();
        for (int w : batchesInFlight) {
            for (BenchProfile profile : profiles) {
                for (EntityType entity : entities) {
                    for (BenchData.Direction direction : directions) {
                        for (int count : counts) {
                            scenarios.add(new Scenario(entity, direction, profile, count, w));
                        }
                    }
                }
            }
        }
        int perServiceJvm = warmupRounds + 2 * entities.size() * directions.size() + 2;
        int orgCount = batchesInFlight.size() * perServiceJvm + scenarios.stream().mapToInt(s -> 2 * timesOf(s)).sum();
        for (int i = 1; i <= orgCount; i++) {
            orgs.add("bench-" + UUID.randomUUID().toString().substring(0, 6) + "-" + i);
        }
        startSimulatorsAndDatabase();

        List<ScenarioResult> results = new ArrayList<>();
        Profile profiled = null;
        List<WrkResult> wrk = List.of();
        for (int w : batchesInFlight) {
            startService(w);
            warmUp();
            warmUpEntities();
            for (Scenario scenario : scenarios) {
                if (scenario.batchesInFlight() != w) {
                    continue;
                }
                results.add(runScenarioRepeated(scenario));
            }
            List<ScenarioResult> legacy = results.stream().filter(r -> isLegacy(r.scenario())).toList();
            if (w == batchesInFlight.get(0) && !legacy.isEmpty()) {
                int largest = legacy.stream().mapToInt(r -> r.scenario().count()).max().orElseThrow();
                if (profile) {
                    profiled = runProfiled(largest, legacy.get(0).scenario().latencyMs());
                }
                wrk = wrkSeconds > 0 ? runWrk(largest) : List.of();
            }
            stopService();
        }
        writeReport(results, profiled, wrk);
        log("report written to " + out.toAbsolutePath());
    }

    /**
     * The scenarios of sections 1 to 5 (as before the other entity types came): customers from the
     * shop to Odoo at a flat latency, with the first value of {@code bench.batchesInFlight}.
     */
    private boolean isLegacy(Scenario scenario) {
        return scenario.entity() == EntityType.CUSTOMERS && scenario.direction() == BenchData.Direction.SHOP_TO_ODOO
                && !scenario.profile().isRealistic() && scenario.batchesInFlight() == batchesInFlight.get(0);
    }

    /** How often a scenario runs: realistic ones {@code bench.slowRepeats} times, others up to 10,000 records {@code bench.repeats}. */
    private int timesOf(Scenario scenario) {
        return scenario.profile().isRealistic() ? slowRepeats : scenario.count() <= 10_000 ? repeats : 1;
    }

    /**
     * Rounds of the floor and a first and a second sync of {@code bench.warmupCount} customers,
     * each first sync a new organisation's, until the service's JIT has settled: a first sync that
     * spends a sizeable share of the service's CPU in the compiler threads measures the JIT more
     * than the pipeline (seen here: over half of it after two rounds).
     */
    private void warmUp() throws Exception {
        for (int round = 1; round <= warmupRounds; round++) {
            log(String.format(Locale.ROOT, "warm-up round %d: the floor and a first and second sync of %,d customers "
                    + "(not reported)", round, warmupCount));
            prepare(warmupCount, 0);
            new PlainHttpFloor(woo.baseUrl(), WOO_KEY, WOO_SECRET, odoo.baseUrl(), ODOO_DB, ODOO_LOGIN, ODOO_PASSWORD)
                    .copyCustomers(batchSize);
            odoo.reset();
            String org = nextOrg();
            SyncRun first = runSync(org, "warm-up", warmupCount, 0, false);
            runSync(org, "warm-up", warmupCount, 0, false);
            double jitShare = first.compilerCpuMs / (double) Math.max(1, first.serviceCpuMs);
            warmupLog.add(String.format(Locale.ROOT, "%,.0f records/s, JIT %.0f %%", first.recordsPerSecond(),
                    100 * jitShare));
            log(String.format(Locale.ROOT, "warm-up round %d: first sync %,.0f records/s, %.0f %% of the service's CPU "
                    + "in the JIT compiler", round, first.recordsPerSecond(), 100 * jitShare));
            if (round >= 2 && jitShare < warmupJitShare) {
                return;
            }
        }
    }

    /**
     * Runs a scenario {@code bench.repeats} times (once above 10,000 customers) and keeps the run
     * with the median first sync, with the median floor of all runs: one run is at the mercy of
     * the JIT and of whatever else the two cores do at that moment.
     */
    private ScenarioResult runScenarioRepeated(Scenario scenario) throws Exception {
        int times = timesOf(scenario);
        List<ScenarioResult> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            runs.add(runScenario(scenario));
        }
        runs.sort(java.util.Comparator.comparingDouble(r -> r.first().recordsPerSecond()));
        List<PlainHttpFloor.Result> floors = runs.stream().map(ScenarioResult::floor)
                .sorted(java.util.Comparator.comparingLong(PlainHttpFloor.Result::nanos)).toList();
        ScenarioResult median = runs.get(times / 2);
        this.floors.putIfAbsent(scenario.floorKey(), floors.get(times / 2));
        repeatedRates.put(scenario, runs.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.first().recordsPerSecond()))
                .collect(java.util.stream.Collectors.joining(", ")) + " (floor " + floors.stream()
                .map(f -> String.format(Locale.ROOT, "%,.0f", scenario.count() * 1e9 / f.nanos()))
                .collect(java.util.stream.Collectors.joining(", ")) + ")");
        return new ScenarioResult(scenario, floors.get(times / 2), median.first(), median.second(), median.incremental(),
                median.changed());
    }

    /**
     * One run of a scenario: the floor (once per scenario of the first {@code bench.batchesInFlight};
     * the others reuse its median, the floor does not depend on the service), then, in the emptied
     * target, the first sync, an unchanged re-run (mode full) and, after 1 % of the source records
     * were changed, an incremental sync. Orders' customers and products are synced (mode full, no
     * latency, not measured) before the floor and before the first sync.
     */
    private ScenarioResult runScenario(Scenario scenario) throws Exception {
        String name = scenario.name();
        log(name + ": seeding");
        BenchProfile.zero(odoo, woo);
        BenchData.seed(woo, odoo, scenario.entity(), scenario.direction(), scenario.count());
        int expected = BenchData.sourceCount(woo, odoo, scenario.entity(), scenario.direction());

        PlainHttpFloor.Result floor = scenario.batchesInFlight() == batchesInFlight.get(0) ? null : floors.get(scenario.floorKey());
        if (floor == null) {
            syncPrerequisites(nextOrg(), scenario);
            log(name + ": floor (plain HTTP client)");
            scenario.profile().applyTo(odoo, woo);
            floor = floorClient().copy(scenario.entity(), scenario.direction(), batchSize);
            BenchProfile.zero(odoo, woo);
            check(floor.created() == expected, "the floor created " + floor.created() + " records, not " + expected);
            BenchData.resetTarget(woo, odoo, scenario.entity(), scenario.direction());
        }

        String org = nextOrg();
        syncPrerequisites(org, scenario);
        scenario.profile().applyTo(odoo, woo);
        log(name + ": first sync");
        SyncRun first = runSync(org, "first", scenario, "full");
        check(Set.of("done", "partial").contains(first.status), "first sync: " + first.status + ", " + first.processed
                + " processed");
        int inTarget = BenchData.targetCount(woo, odoo, scenario.entity(), scenario.direction());
        if (inTarget != expected || !first.status.equals("done")) {
            log(String.format(Locale.ROOT, "%s: WARNING the first sync ended %s with %,d of %,d records in the target "
                    + "(%,d failed, %,d skipped)", name, first.status, inTarget, expected, first.failed, first.skipped));
        }
        log(name + ": unchanged re-run (mode full)");
        SyncRun second = runSync(org, "unchanged", scenario, "full");
        if (second.kind(CallKinds.WRITE) > 0) {
            log(name + ": WARNING the unchanged re-run wrote " + second.kind(CallKinds.WRITE) + " times");
        }
        BenchProfile.zero(odoo, woo);
        int changed = BenchData.changeOnePercent(woo, odoo, floorClient(), scenario.entity(), scenario.direction(),
                "at " + Instant.now());
        scenario.profile().applyTo(odoo, woo);
        log(name + ": incremental sync after " + changed + " source records changed");
        SyncRun incremental = runSync(org, "incremental 1 %", scenario, "incremental");
        BenchProfile.zero(odoo, woo);
        log(String.format(Locale.ROOT, "%s: first %.0f records/s (floor %.0f records/s, %.4f calls/record), unchanged %.0f "
                        + "records/s (%.4f calls/record), incremental %.2f s (%.4f calls/record)", name,
                first.recordsPerSecond(), scenario.count() * 1e9 / floor.nanos(), first.calls() / (double) first.count,
                second.recordsPerSecond(), second.calls() / (double) second.count, incremental.serverMillis / 1e3,
                incremental.calls() / (double) incremental.count));
        return new ScenarioResult(scenario, floor, first, second, incremental, changed);
    }

    /** Syncs (mode full, no latency) what an orders' sync needs in the target: its customers, then its products. */
    private void syncPrerequisites(String org, Scenario scenario) throws Exception {
        for (EntityType entity : BenchData.prerequisites(scenario.entity())) {
            BenchProfile.zero(odoo, woo);
            ApiClient api = api(org);
            JsonNode end = awaitEnd(api, startSync(api, entity, scenario.direction(), "full"));
            check(Set.of("done", "partial").contains(end.path("status").asText()), "syncing the " + BenchData.apiName(entity)
                    + " before the orders: " + end);
        }
    }

    /**
     * A first and a second sync of each entity type and direction beyond customers to Odoo (which
     * {@link #warmUp} covers), {@code bench.entityWarmupCount} records, no latency: once per
     * service JVM, so that the measured runs do not pay for compiling those paths.
     */
    private void warmUpEntities() throws Exception {
        if (entityWarmupCount <= 0) {
            return;
        }
        for (EntityType entity : entities) {
            for (BenchData.Direction direction : directions) {
                if (entity == EntityType.CUSTOMERS && direction == BenchData.Direction.SHOP_TO_ODOO) {
                    continue;
                }
                Scenario warm = new Scenario(entity, direction, BenchProfile.named("0 ms"), entityWarmupCount, 0);
                log("warm-up: " + warm.name() + " (not reported)");
                BenchProfile.zero(odoo, woo);
                BenchData.seed(woo, odoo, entity, direction, entityWarmupCount);
                String org = nextOrg();
                syncPrerequisites(org, warm);
                runSync(org, "warm-up", warm, "full");
                runSync(org, "warm-up", warm, "full");
            }
        }
    }

    private PlainHttpFloor floorClient() {
        return new PlainHttpFloor(woo.baseUrl(), WOO_KEY, WOO_SECRET, odoo.baseUrl(), ODOO_DB, ODOO_LOGIN, ODOO_PASSWORD);
    }

    private void prepare(int count, int latencyMs) {
        BenchProfile.zero(odoo, woo);
        woo.reset();
        odoo.reset();
        woo.seed(EntityType.CUSTOMERS, count);
        BenchProfile.named(latencyMs + " ms").applyTo(odoo, woo);
    }

    // ---- one sync, measured ------------------------------------------------------------------

    private SyncRun runSync(String org, String label, int count, int latencyMs, boolean quiet) throws Exception {
        return runSync(org, label, new Scenario(EntityType.CUSTOMERS, BenchData.Direction.SHOP_TO_ODOO,
                BenchProfile.named(latencyMs + " ms"), count, 0), "full");
    }

    private SyncRun runSync(String org, String label, Scenario scenario, String mode) throws Exception {
        int count = scenario.count();
        int latencyMs = scenario.latencyMs();
        SyncRun run = new SyncRun();
        run.label = label;
        run.count = count;
        run.latencyMs = latencyMs;
        woo.resetStats();
        odoo.resetStats();
        woo.kinds().reset();
        odoo.kinds().reset();
        long gcFrom = Files.size(gcLog);
        long serviceCpu = probe.cpuMillis();
        long compilerCpu = probe.compilerCpuMillis();
        long benchCpu = benchCpuMillis();
        Map<Long, Long> postgresCpu = ServiceProbe.postgresCpuMillis();
        long[] machineCpu = ServiceProbe.machineCpuMillis();
        Map<String, Long> databaseBefore = databaseStats();
        Map<String, Long> tablesBefore = tableReads();
        ServiceProbe.MemoryPeaks peaks = new ServiceProbe.MemoryPeaks();
        AtomicBoolean stop = new AtomicBoolean();
        Thread sampler = probe.sampleMemory(peaks, stop);

        ApiClient api = api(org);
        long started = System.nanoTime();
        String syncId = startSync(api, scenario.entity(), scenario.direction(), mode);
        JsonNode report = awaitEnd(api, syncId);
        run.wallMillis = (System.nanoTime() - started) / 1_000_000;
        stop.set(true);
        sampler.join();

        run.serviceCpuMs = probe.cpuMillis() - serviceCpu;
        run.compilerCpuMs = probe.compilerCpuMillis() - compilerCpu;
        run.benchCpuMs = benchCpuMillis() - benchCpu;
        run.postgresCpuMs = ServiceProbe.postgresCpuBetween(postgresCpu, ServiceProbe.postgresCpuMillis());
        long[] machineAfter = ServiceProbe.machineCpuMillis();
        run.softirqCpuMs = machineAfter[1] - machineCpu[1];
        run.restOfMachineCpuMs = machineAfter[0] - machineCpu[0] - run.serviceCpuMs - run.benchCpuMs - run.postgresCpuMs;
        run.memory = peaks;
        Thread.sleep(1_200); // PostgreSQL publishes a busy backend's counters at most a second late
        Map<String, Long> databaseAfter = databaseStats();
        run.database = new LinkedHashMap<>();
        databaseAfter.forEach((k, v) -> run.database.put(k, v - databaseBefore.getOrDefault(k, 0L)));
        run.tableReads = new LinkedHashMap<>();
        tableReads().forEach((k, v) -> run.tableReads.put(k, v - tablesBefore.getOrDefault(k, 0L)));
        run.liveHeapMb = liveHeapAfterFullGc();
        run.wooStats = woo.stats();
        run.odooStats = odoo.stats();
        run.wooKinds = woo.kinds().snapshot();
        run.odooKinds = odoo.kinds().snapshot();
        run.status = report.path("status").asText();
        run.processed = report.at("/queue/processed").asLong();
        run.failed = report.at("/queue/failed").asLong();
        run.skipped = report.at("/queue/skipped").asLong();
        if (!run.status.equals("done") && !label.equals("warm-up")) {
            ApiClient.Answer conflicts = api.post("{\"action\":\"conflicts\",\"syncId\":\"" + syncId + "\",\"limit\":3}");
            log(scenario.name() + ", " + label + ": " + run.status + ", the first conflicts: " + conflicts.raw());
        }
        run.serverMillis = Duration.between(Instant.parse(report.path("startedAt").asText()),
                Instant.parse(report.path("finishedAt").asText())).toMillis();
        readGc(run, gcFrom);
        return run;
    }

    /** Rows read per table of the service (sequential scans' rows, index fetches) from {@code pg_stat_user_tables}. */
    private Map<String, Long> tableReads() {
        Map<String, Long> reads = new LinkedHashMap<>();
        jdbc.query("SELECT relname, coalesce(seq_tup_read, 0) AS seq, coalesce(idx_tup_fetch, 0) AS idx, "
                + "coalesce(seq_scan, 0) AS scans FROM pg_stat_user_tables WHERE schemaname = 'wooodoo'", rs -> {
                    reads.put(rs.getString("relname") + " rows by seq scan", rs.getLong("seq"));
                    reads.put(rs.getString("relname") + " seq scans", rs.getLong("scans"));
                    reads.put(rs.getString("relname") + " rows by index", rs.getLong("idx"));
                });
        return reads;
    }

    /** Heap in use after a full collection asked for at the end of a run (what the service keeps), in MB. */
    private long liveHeapAfterFullGc() throws IOException, InterruptedException {
        long from = Files.size(gcLog);
        jcmd("GC.run");
        Pattern full = Pattern.compile("Pause Full.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        for (int i = 0; i < 50; i++) {
            try (RandomAccessFile file = new RandomAccessFile(gcLog.toFile(), "r")) {
                file.seek(from);
                byte[] bytes = new byte[(int) (file.length() - from)];
                file.readFully(bytes);
                Matcher m = full.matcher(new String(bytes, StandardCharsets.UTF_8));
                if (m.find()) {
                    return Long.parseLong(m.group(2));
                }
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** The service database's counters (transactions, rows) from {@code pg_stat_database}. */
    private Map<String, Long> databaseStats() {
        Map<String, Object> row = jdbc.queryForMap("SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, "
                + "tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = current_database()");
        Map<String, Long> stats = new LinkedHashMap<>();
        row.forEach((k, v) -> stats.put(k, ((Number) v).longValue()));
        return stats;
    }

    private String startSync(ApiClient api) {
        return startSync(api, EntityType.CUSTOMERS, BenchData.Direction.SHOP_TO_ODOO, "full");
    }

    private String startSync(ApiClient api, EntityType entity, BenchData.Direction direction, String mode) {
        ApiClient.Answer answer = api.post("{\"action\":\"start\",\"systems\":" + direction.systems + ","
                + "\"entityTypes\":[\"" + BenchData.apiName(entity) + "\"],\"syncConfig\":{\"interBatchDelayMs\":0,"
                + "\"batchSize\":" + batchSize + ",\"mode\":\"" + mode + "\"}}");
        check(answer.status() == 202, "start answered " + answer.status() + ": " + answer.raw());
        return answer.json().get("syncId").asText();
    }

    private JsonNode awaitEnd(ApiClient api, String syncId) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            check(service.isAlive(), "the service died:\n" + service.logTail());
            String status = jdbc.queryForObject("SELECT status FROM sync_orchestration WHERE sync_id = ?::uuid",
                    String.class, syncId);
            if (Set.of("done", "partial", "failed", "cancelled").contains(status)) {
                return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
            }
            Thread.sleep(250); // the figures are the sync's own timestamps: polling less often costs nothing
        }
        throw new AssertionError("sync " + syncId + " did not end within " + timeout + " (log: " + service.log() + ")");
    }

    private void readGc(SyncRun run, long from) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(gcLog.toFile(), "r")) {
            file.seek(from);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    run.gcCount++;
                    run.gcMaxAfterMb = Math.max(run.gcMaxAfterMb, Long.parseLong(m.group(2)));
                    run.gcPauseMs += Double.parseDouble(m.group(4));
                }
            }
        }
    }

    private static long benchCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    // ---- profile -----------------------------------------------------------------------------

    record Profile(SyncRun run, ServiceProbe.StackSamples stacks, JfrSummary service, JfrSummary simulators) {
    }

    private Profile runProfiled(int count, int latencyMs) throws Exception {
        log(String.format(Locale.ROOT, "profiled sync of %,d customers at %d ms", count, latencyMs));
        prepare(count, latencyMs);
        Path serviceJfr = WORK.resolve("service-profile.jfr").toAbsolutePath();
        Path benchJfr = WORK.resolve("simulators-profile.jfr").toAbsolutePath();
        Files.deleteIfExists(serviceJfr);
        jcmd("JFR.start", "name=benchmark", "settings=profile");
        Recording own = new Recording(Configuration.getConfiguration("profile"));
        own.start();
        ServiceProbe.StackSamples stacks = new ServiceProbe.StackSamples();
        AtomicBoolean stop = new AtomicBoolean();
        Thread sampler = probe.sampleRunnerStacks(stacks, stop, 100);
        SyncRun run;
        try {
            run = runSync(nextOrg(), "profiled", count, latencyMs, false);
        } finally {
            stop.set(true);
            sampler.join();
            own.stop();
            own.dump(benchJfr);
            own.close();
            jcmd("JFR.stop", "name=benchmark", "filename=" + serviceJfr);
        }
        return new Profile(run, stacks, JfrSummary.of(serviceJfr), JfrSummary.of(benchJfr));
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(service.pid())));
        line.addAll(Arrays.asList(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        check(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "jcmd " + line + ": " + output);
    }

    // ---- status latency under load (wrk) -------------------------------------------------------

    private List<WrkResult> runWrk(int count) throws Exception {
        List<WrkResult> results = new ArrayList<>();
        if (!onPath("wrk")) {
            log("wrk is not installed: the status latency is not measured");
            return results;
        }
        Path script = Path.of("src", "test", "resources", "benchmark", "status-load.lua").toAbsolutePath();
        prepare(count, 0);
        String org = nextOrg();
        ApiClient api = api(org);
        log("status latency with no sync running");
        String idle = startSync(api);
        awaitEnd(api, idle);
        woo.reset();
        woo.seed(EntityType.CUSTOMERS, count);
        odoo.reset();
        results.add(wrk("idle (the sync has ended)", org, idle, script, Math.min(wrkSeconds, 10)));

        log("status latency while a sync of " + count + " customers runs");
        long started = System.nanoTime();
        String running = startSync(api);
        while (!"processing".equals(status(running)) && System.nanoTime() - started < 30_000_000_000L) {
            Thread.sleep(20);
        }
        WrkResult during = wrk("while a sync runs", org, running, script, wrkSeconds);
        results.add(new WrkResult(during.phase(), during.requests(), during.seconds(), during.non2xx(), during.errors(),
                during.p50Ms(), during.p90Ms(), during.p99Ms(), during.maxMs(), status(running), during.raw()));
        JsonNode end = awaitEnd(api, running);
        long millis = Duration.between(Instant.parse(end.path("startedAt").asText()),
                Instant.parse(end.path("finishedAt").asText())).toMillis();
        log(String.format(Locale.ROOT, "the sync under status load: %,d records in %,d ms (%.0f records/s)", count, millis,
                count * 1000.0 / millis));
        wrkSyncRate = count * 1000.0 / millis;
        return results;
    }

    private double wrkSyncRate;

    private WrkResult wrk(String phase, String org, String syncId, Path script, int seconds) throws Exception {
        int connections = 16;
        String url = "http://127.0.0.1:" + service.port() + ApiClient.BASE + "/status?syncId=" + syncId;
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", "5s",
                "-s", script.toString(), url).redirectErrorStream(true);
        builder.environment().put("WOOODOO_TOKEN", tokens.get(org));
        builder.environment().put("WOOODOO_ORG", org);
        builder.environment().put("WOOODOO_RATE", String.valueOf(wrkRate));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher m = Pattern.compile("WRK requests=(\\d+) duration_us=(\\d+) non2xx=(\\d+) connect_errors=(\\d+) "
                + "read_errors=(\\d+) timeouts=(\\d+) p50_us=(\\d+) p90_us=(\\d+) p99_us=(\\d+) max_us=(\\d+)").matcher(output);
        check(m.find(), "wrk printed no summary:\n" + output);
        long requests = Long.parseLong(m.group(1));
        double secondsRun = Long.parseLong(m.group(2)) / 1e6;
        long errors = Long.parseLong(m.group(4)) + Long.parseLong(m.group(5)) + Long.parseLong(m.group(6));
        log(String.format(Locale.ROOT, "wrk %s: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, %s non-2xx", phase,
                requests / secondsRun, Long.parseLong(m.group(7)) / 1e3, Long.parseLong(m.group(9)) / 1e3, m.group(3)));
        return new WrkResult(phase, requests, secondsRun, Long.parseLong(m.group(3)), errors, Long.parseLong(m.group(7)) / 1e3,
                Long.parseLong(m.group(8)) / 1e3, Long.parseLong(m.group(9)) / 1e3, Long.parseLong(m.group(10)) / 1e3,
                "", output.trim());
    }

    private String status(String syncId) {
        return jdbc.queryForObject("SELECT status FROM sync_orchestration WHERE sync_id = ?::uuid", String.class, syncId);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    // ---- set-up and tear-down ------------------------------------------------------------------

    private void startSimulatorsAndDatabase() {
        woo = new BenchWooCommerceSimulator(0, 42, WOO_KEY, WOO_SECRET).start();
        odoo = new BenchOdooSimulator(0, 42, ODOO_DB, ODOO_LOGIN, ODOO_PASSWORD, "odoo-api-key").start();

        String server = "jdbc:postgresql://" + env("TEST_PG_HOST", "localhost") + ":" + env("TEST_PG_PORT", "5432") + "/";
        database = "wooodoo_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        execute(server + "postgres", "CREATE DATABASE " + database);
        databaseUrl = server + database;
    }

    /**
     * Starts the service (a JVM of its own) with {@code batchesInFlight} batches of a sync in flight
     * at once ({@code wooodoo.pipeline.batches-in-flight}); on the first start, the organisations'
     * tokens are made.
     */
    private void startService(int batchesInFlight) throws IOException {
        gcLog = WORK.resolve("service-gc.log").toAbsolutePath();
        Files.deleteIfExists(gcLog);
        int jmxPort = freePort();
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseG1GC", "-Xlog:gc:file=" + gcLog,
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"));
        jvm.addAll(serviceJvmArgs);
        List<String> args = serviceArguments(databaseUrl, woo.baseUrl(), odoo.baseUrl(), orgs);
        args.add("--wooodoo.pipeline.batches-in-flight=" + batchesInFlight);
        Path serviceLog = WORK.resolve("service-w" + batchesInFlight + ".log");
        log("starting the service with " + batchesInFlight + " batches in flight (log: " + serviceLog + ")");
        service = ServiceProcess.start("benchmark", serviceLog, jvm, args).awaitReady(Duration.ofSeconds(120));
        probe = new ServiceProbe(service.pid(), service.managementPort(), jmxPort);

        if (jdbc == null) {
            jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl + "?currentSchema=wooodoo", TestDatabase.USER,
                    TestDatabase.PASSWORD));
            for (String org : orgs) {
                tokens.put(org, Tenants.withToken(jdbc, org, "Benchmark " + org, "benchmark"));
            }
        }
    }

    /** Stops the service gracefully (a profiler agent given in serviceJvmArgs writes its file). */
    private void stopService() {
        if (service != null) {
            service.stop(Duration.ofSeconds(30));
            service = null;
        }
    }

    /**
     * The service's arguments in a benchmark: its database, the benchmark's settings and every
     * organisation given, each with both simulators.
     */
    static List<String> serviceArguments(String databaseUrl, String wooUrl, String odooUrl, List<String> orgs) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=" + TestDatabase.PASSWORD,
                "--spring.config.additional-location=file:" + SERVICE_SETTINGS,
                "--spring.main.banner-mode=off"));
        for (String org : orgs) {
            String at = "--wooodoo.organizations." + org;
            args.add(at + ".woocommerce.base-url=" + wooUrl);
            args.add(at + ".woocommerce.consumer-key=" + WOO_KEY);
            args.add(at + ".woocommerce.consumer-secret=" + WOO_SECRET);
            args.add(at + ".odoo.url=" + odooUrl);
            args.add(at + ".odoo.protocol=jsonrpc");
            args.add(at + ".odoo.database=" + ODOO_DB);
            args.add(at + ".odoo.login=" + ODOO_LOGIN);
            args.add(at + ".odoo.password=" + ODOO_PASSWORD);
        }
        return args;
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopService();
        BenchmarkProgram.closeSandbox(woo, odoo, databaseUrl == null ? null : databaseUrl.substring(0, databaseUrl.lastIndexOf('/') + 1),
                databaseUrl == null ? null : database, SyncBenchmark::log);
    }

    private boolean stopped;

    private String nextOrg() {
        return orgs.get(orgSeq++);
    }

    private ApiClient api(String org) {
        return new ApiClient(service.port(), tokens.get(org), org, "benchmark");
    }

    // ---- the report ----------------------------------------------------------------------------

    private void writeReport(List<ScenarioResult> all, Profile profiled, List<WrkResult> wrk) throws Exception {
        List<ScenarioResult> results = all.stream().filter(r -> isLegacy(r.scenario())).toList();
        StringBuilder md = new StringBuilder();
        md.append("<!-- generated by SyncBenchmark [").append(section)
                .append("]: the text between these marks is replaced on every run of this section -->\n");
        md.append("## Figures of ").append(LocalDate.now()).append(section.equals("main") ? "" : " (" + section + ")")
                .append("\n\n");
        machine(md);
        md.append("Command: `").append(command()).append("`\n\n");
        md.append("The service runs in a JVM of its own (`-Xmx512m -XX:+UseG1GC`, C2 on) with the outbound rate limit ")
                .append("lifted (`" + SERVICE_SETTINGS + "`: no request is metered) and `interBatchDelayMs: 0`, batch size ").append(batchSize)
                .append(" (pages of 100); both simulators run in the benchmark's JVM (`-XX:+UseParallelGC`) on loopback, the latency is added by ")
                .append("the simulators to every call. A warm-up runs first and is not reported: rounds of the floor and a ")
                .append("first and a second sync of ")
                .append(String.format(Locale.ROOT, "%,d", warmupCount))
                .append(" customers (each round a new organisation) while the JIT compiles the hot paths, until a first sync ")
                .append(String.format(Locale.ROOT, "spends less than %.0f %% of the service's CPU in the JIT compiler threads ",
                        100 * warmupJitShare))
                .append("(this run: ").append(warmupLog.size()).append(" rounds, first syncs ")
                .append(String.join("; ", warmupLog)).append("). ")
                .append("Records per second are the sync's own `startedAt` → `finishedAt`; each first sync starts with an ")
                .append("empty Odoo and a new organisation (no links).\n\n");

        if (results.isEmpty()) {
            md.append("Sections 1 to 5 (customers from the shop to Odoo at a flat latency) were not selected in this run.\n");
        } else {
            customerSections(md, results);
        }

        md.append("\n### 6. Latency of the orchestrate API's `status` under load\n\n");
        if (wrk.isEmpty()) {
            md.append("Not measured: `wrk` is not installed (or `bench.wrkSeconds=0`).\n\n");
        } else {
            md.append(String.format(Locale.ROOT, "`wrk -t1 -c16` with `src/test/resources/benchmark/status-load.lua` (auth headers; "
                    + "it paces the requests to %d a second on a fixed schedule, since wrk has no rate option; a "
                    + "request waits for a free connection when 16 are busy), "
                    + "`GET …/orchestrate/status?syncId=…`; the inbound rate limit lifted "
                    + "(`wooodoo.api.rate-limit-per-minute`).\n\n", wrkRate));
            md.append("| phase | duration | requests/s reached | median | p90 | p99 | max | non-2xx | socket errors | sync after wrk |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (WrkResult w : wrk) {
                md.append(String.format(Locale.ROOT, "| %s | %.1f s | %.0f | %.2f ms | %.2f ms | **%.2f ms** | %.1f ms | %d | %d | %s |\n",
                        w.phase(), w.seconds(), w.requests() / w.seconds(), w.p50Ms(), w.p90Ms(), w.p99Ms(), w.maxMs(),
                        w.non2xx(), w.errors(), w.syncStateAfter().isEmpty() ? "-" : w.syncStateAfter()));
            }
            md.append(String.format(Locale.ROOT, "\nThe sync under that load ran at %,.0f records/s.\n\n", wrkSyncRate));
        }

        entitySections(md, all);

        if (profiled != null) {
            SyncRun run = profiled.run();
            md.append(String.format(Locale.ROOT, "### Profile: one more first sync of %,d customers at %d ms (%,.0f records/s with the "
                    + "profilers on)\n\n", run.count, run.latencyMs, run.recordsPerSecond()));
            ServiceProbe.StackSamples stacks = profiled.stacks();
            md.append(String.format(Locale.ROOT, "**Wall clock of the sync's runner thread** (%,d stack samples over JMX every 100 ms; "
                    + "where it waits as well as where it computes):\n\n", stacks.total));
            md.append("| what the thread does | share |\n|---|---:|\n");
            share(md, JfrSummary.top(stacks.byActivity, 12), stacks.total);
            md.append("\n| step of the pipeline | share |\n|---|---:|\n");
            share(md, JfrSummary.top(stacks.byStep, 12), stacks.total);
            md.append("\n| step · what the thread does | share |\n|---|---:|\n");
            share(md, JfrSummary.top(stacks.byStepAndActivity, 20), stacks.total);
            md.append("\n| CPU samples of the runner, by innermost frame of the project | share of CPU samples |\n|---|---:|\n");
            int cpu = stacks.cpuByProjectFrame.values().stream().mapToInt(Integer::intValue).sum();
            share(md, JfrSummary.top(stacks.cpuByProjectFrame, 12), cpu);

            JfrSummary jfr = profiled.service();
            md.append(String.format(Locale.ROOT, "\n**CPU of the service process** (Flight Recorder `jdk.ExecutionSample`, "
                    + "settings `profile`, %,d samples, all threads):\n\n", jfr.total));
            md.append("| library of the sampled method (self) | share |\n|---|---:|\n");
            share(md, JfrSummary.top(jfr.byLibrary, 14), jfr.total);
            md.append("\n| method (self) | share |\n|---|---:|\n");
            share(md, JfrSummary.top(jfr.byMethod, 15), jfr.total);
            md.append("\n| innermost frame of the project (inclusive) | share |\n|---|---:|\n");
            share(md, JfrSummary.top(jfr.byProjectFrame, 15), jfr.total);
            md.append("\n| thread | share |\n|---|---:|\n");
            share(md, JfrSummary.top(jfr.byThread, 8), jfr.total);
            JfrSummary sim = profiled.simulators();
            md.append(String.format(Locale.ROOT, "\n**CPU of the simulators' JVM** (%,d samples):\n\n| library (self) | share |\n|---|---:|\n",
                    sim.total));
            share(md, JfrSummary.top(sim.byLibrary, 8), sim.total);
            md.append("\n| innermost frame of the project (inclusive) | share |\n|---|---:|\n");
            share(md, JfrSummary.top(sim.byProjectFrame, 8), sim.total);
            md.append("\nThe recordings are left in `target/benchmark/` (`jfr print --events jdk.ExecutionSample …`).\n\n");
        }
        md.append("<!-- end of generated figures [").append(section).append("] -->\n");
        mergeInto(md.toString());
    }

    /** Sections 7 and 8: every entity type in both directions, and the batches in flight against each other. */
    private void entitySections(StringBuilder md, List<ScenarioResult> all) {
        md.append("### 7. Every entity type in both directions: floor, first sync, unchanged re-run, 1 % changed\n\n");
        md.append("Per scenario, in this order: the **floor** (a plain client making the design's minimal calls, below), "
                + "then in the emptied target the **first** sync (mode full), an **unchanged** re-run (mode full, nothing to "
                + "write) and, after 1 % of the source records were changed through the simulator (every hundredth record: "
                + "a shop customer's first name, a product's name, an order's customer note with a batch update of the "
                + "shop; an Odoo contact's city, a variant's sales description, an order's note with a `write`), an "
                + "**incremental** sync. Orders: their customers and products (a twentieth of the orders' count each, at "
                + "least 10) are synced first, in the same direction, mode full, without latency and not measured, before "
                + "the floor and before the first sync, as an orders' sync needs them in the target. Shop orders are a "
                + "`WooOrderMix` (registered customers and guests, taxes, shipping, fees, coupons); only those of the "
                + "statuses imported are read. W is `wooodoo.pipeline.batches-in-flight` of the service (one service "
                + "JVM per value, each warmed up once). Wall time is the sync's own `startedAt` → `finishedAt` (the "
                + "floor's: its client's clock); records/s are the records the run read; ÷ floor is the run's time over the "
                + "floor's. Calls per record are all HTTP calls to both systems over the scenario's record count (for "
                + "shop orders: the orders seeded, of all statuses), one-off calls (login, a count, the countries) "
                + "included, against the design's targets: 0.05 for a first sync (batch size ").append(batchSize)
                .append("), 0.02 for an unchanged re-run and for 1 % changed.\n\n");
        md.append("The profiles (`LatencyProfile`):");
        for (BenchProfile p : profiles) {
            md.append(' ').append(p.describe()).append(';');
        }
        md.setLength(md.length() - 1);
        md.append(".\n\n");
        md.append("| entity | direction | profile | W | records | run | status | read | wall time | records/s | ÷ floor "
                + "| calls / record | target | |\n|---|---|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult r : all) {
            Scenario sc = r.scenario();
            double floorMs = r.floor().nanos() / 1e6;
            String head = String.format(Locale.ROOT, "| %s | %s | %s | %d | %,d ", BenchData.apiName(sc.entity()),
                    sc.direction().label, sc.profile().name(), sc.batchesInFlight(), sc.count());
            md.append(head).append(String.format(Locale.ROOT, "| floor | - | %,d | %.2f s | %,.0f | 1.0 | %.4f | - | |\n",
                    r.floor().created(), floorMs / 1e3, r.floor().created() * 1000.0 / floorMs,
                    r.floor().calls() / (double) sc.count()));
            for (SyncRun run : List.of(r.first(), r.second(), r.incremental())) {
                double perRecord = run.calls() / (double) sc.count();
                double target = Scenario.target(run.label);
                md.append(head).append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f s | %,.0f | %.1f | **%.4f** | %.2f "
                                + "| %s |\n", run.label, run.status, run.processed, run.serverMillis / 1e3,
                        run.serverMillis == 0 ? 0 : run.processed * 1000.0 / run.serverMillis, run.serverMillis / floorMs,
                        perRecord, target, perRecord <= target ? "meets" : "**misses**"));
            }
        }
        md.append("\nHTTP calls by kind (each cell: calls, and per record of the scenario):\n\n");
        md.append("| entity | direction | profile | W | run | page reads | counts | look-ups by key | reads by id | reference look-ups "
                + "| writes | logins | other | **calls / record** | target | |\n"
                + "|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult r : all) {
            Scenario sc = r.scenario();
            String head = String.format(Locale.ROOT, "| %s | %s | %s | %d ", BenchData.apiName(sc.entity()),
                    sc.direction().label, sc.profile().name(), sc.batchesInFlight());
            PlainHttpFloor.Result f = r.floor();
            md.append(head).append(String.format(Locale.ROOT, "| floor | %s | 0 | %s | 0 | 0 | %s | 0 | %s | %.4f | - | |\n",
                    perCount(f.pageReads(), sc.count()), perCount(f.lookups(), sc.count()), perCount(f.writes(), sc.count()),
                    perCount(f.otherCalls(), sc.count()), f.calls() / (double) sc.count()));
            for (SyncRun run : List.of(r.first(), r.second(), r.incremental())) {
                double perRecord = run.calls() / (double) sc.count();
                double target = Scenario.target(run.label);
                md.append(head).append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | **%.4f** | %.2f "
                                + "| %s |\n", run.label, per(run, CallKinds.PAGE_READ), per(run, CallKinds.COUNT),
                        per(run, CallKinds.LOOKUP_BY_KEY), per(run, CallKinds.READ_BY_IDS), per(run, CallKinds.REFERENCE_LOOKUP),
                        per(run, CallKinds.WRITE), per(run, CallKinds.LOGIN), per(run, CallKinds.OTHER), perRecord, target,
                        perRecord <= target ? "meets" : "**misses**"));
            }
        }
        md.append("\nThe floors: every floor reads the source in pages of 100 and writes batches of ").append(batchSize)
                .append(" with one bulk write each. Odoo as the target: one login, per batch one `search_read` of the batch's "
                        + "natural keys (one indexed `in`: `email_normalized`, internal reference or customer reference, as "
                        + "the service looks them up) and one `create` of the batch (customers: one read of the countries). The shop as the target: customers, one read of the "
                        + "shop's customer list (pages of 100, counted as look-ups) to know its e-mails, then one `POST "
                        + "/customers/batch` per batch; products, per batch one `GET /products?sku=…` and one `POST "
                        + "/products/batch`; orders, no look-up (a shop order has no key the shop can be searched by), one "
                        + "`POST /orders/batch` per batch, and Odoo's order lines read with one `search_read` per page of "
                        + "orders (counted as page reads). An order's customer and products are found in the target with reads "
                        + "made before the floor's clock starts (the service has them in its links). No read-backs, no "
                        + "database, no Camel.\n\n");

        md.append("### 8. Batches in flight: W = ").append(batchesInFlight.get(0)).append(" against the others\n\n");
        md.append("Throughput of the first sync with each W, same scenario otherwise. The goal (≥ 3 × from W = 1 to W = 4) "
                + "is for the \"realistic\" profile, where the target's own time per call and per item written "
                + "dominates (the shop as the target above all); at a flat latency the other rows show what overlapping "
                + "batches gives there.\n\n");
        md.append("| entity | direction | profile | records | W | first sync | records/s | × W = ").append(batchesInFlight.get(0))
                .append(" | goal | |\n|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        boolean any = false;
        for (ScenarioResult base : all) {
            Scenario b = base.scenario();
            if (b.batchesInFlight() != batchesInFlight.get(0)) {
                continue;
            }
            for (ScenarioResult other : all) {
                Scenario o = other.scenario();
                if (o.batchesInFlight() == b.batchesInFlight() || !o.floorKey().equals(b.floorKey())) {
                    continue;
                }
                any = true;
                double ratio = other.first().recordsPerSecond() / Math.max(1e-9, base.first().recordsPerSecond());
                boolean goal = o.profile().isRealistic() && b.batchesInFlight() == 1 && o.batchesInFlight() == 4;
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %d → %d | %.2f s → %.2f s | %,.0f → %,.0f | **%.2f** "
                                + "| %s | %s |\n", BenchData.apiName(o.entity()), o.direction().label, o.profile().name(),
                        o.count(), b.batchesInFlight(), o.batchesInFlight(), base.first().serverMillis / 1e3,
                        other.first().serverMillis / 1e3, base.first().recordsPerSecond(), other.first().recordsPerSecond(),
                        ratio, goal ? "≥ 3" : "-", goal ? (ratio >= 3 ? "meets" : "**misses**") : ""));
            }
        }
        if (!any) {
            md.append("| (only one value of `bench.batchesInFlight` in this run) | | | | | | | | | |\n");
        }
        md.append("\n");
    }

    private static String perCount(int calls, int count) {
        return calls == 0 ? "0" : String.format(Locale.ROOT, "%,d (%.4f)", calls, calls / (double) count);
    }

    /** Sections 1 to 5: customers from the shop to Odoo at a flat latency (the first value of bench.batchesInFlight). */
    private void customerSections(StringBuilder md, List<ScenarioResult> results) {
        md.append("### 1. Throughput of a full WooCommerce → Odoo customer sync, and 3. the floor\n\n");
        md.append("| customers | latency | first sync | records/s | floor (plain HTTP) | floor records/s | pipeline / floor | "
                + "second sync (unchanged) | records/s |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : results) {
            double floorSeconds = r.floor().nanos() / 1e9;
            md.append(String.format(Locale.ROOT, "| %,d | %d ms | %.2f s | **%,.0f** | %.2f s | %,.0f | **%.1f** | %.2f s | %,.0f |\n",
                    r.scenario().count(), r.scenario().latencyMs(), r.first().serverMillis / 1e3, r.first().recordsPerSecond(),
                    floorSeconds, r.scenario().count() / floorSeconds, r.first().serverMillis / 1e3 / floorSeconds,
                    r.second().serverMillis / 1e3, r.second().recordsPerSecond()));
        }
        if (results.stream().anyMatch(r -> repeatedRates.containsKey(r.scenario()) && repeats > 1
                && r.scenario().count() <= 10_000)) {
            md.append("\nEach scenario up to 10,000 customers ran ").append(repeats)
                    .append(" times; the table shows the run with the median first sync and the median floor. ")
                    .append("First syncs of all runs, records/s:");
            for (ScenarioResult r : results) {
                md.append(String.format(Locale.ROOT, " %,d at %d ms: %s;", r.scenario().count(), r.scenario().latencyMs(),
                        repeatedRates.get(r.scenario())));
            }
            md.append("\n");
        }
        md.append("\nThe floor makes the design's minimal set of calls (0.05 per record at batch size 50), one after the ")
                .append("other with `java.net.http`: one login, one read of Odoo's countries, the same page reads (100 ")
                .append("customers) as the first sync and, per batch, one look-up of its e-mails and one bulk create: no ")
                .append("read-backs, no database, no Camel.\n\n");

        md.append("### 2. HTTP calls per record, by kind\n\n");
        md.append("| customers | latency | run | page reads | counts | look-ups by e-mail | reads by id | reference look-ups "
                + "| writes | logins | other | **calls / record** | × design target (0.05) |\n"
                + "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : results) {
            for (SyncRun run : List.of(r.first(), r.second())) {
                double perRecord = run.calls() / (double) run.count;
                md.append(String.format(Locale.ROOT, "| %,d | %d ms | %s | %s | %s | %s | %s | %s | %s | %s | %s | **%.4f** | %.1f |\n",
                        run.count, run.latencyMs, run.label, per(run, CallKinds.PAGE_READ), per(run, CallKinds.COUNT),
                        per(run, CallKinds.LOOKUP_BY_KEY), per(run, CallKinds.READ_BY_IDS), per(run, CallKinds.REFERENCE_LOOKUP),
                        per(run, CallKinds.WRITE), per(run, CallKinds.LOGIN), per(run, CallKinds.OTHER), perRecord,
                        perRecord / DESIGN_CALLS_PER_RECORD));
            }
        }
        md.append("\nEach cell: calls (calls per record). \"Reads by id\" are the read-backs of what was written in a first ")
                .append("sync (no links exist yet) and the reads of the linked targets in a second one. The floor made ");
        ScenarioResult last = results.get(results.size() - 1);
        md.append(String.format(Locale.ROOT, "%,d calls for %,d customers (%.4f per record).\n\n", last.floor().calls(),
                last.scenario().count(), last.floor().calls() / (double) last.scenario().count()));
        md.append("The simulators' own `stats()` of the last first sync: WooCommerce ").append(last.first().wooStats)
                .append(", Odoo ").append(last.first().odooStats).append("; of its second sync: WooCommerce ")
                .append(last.second().wooStats).append(", Odoo ").append(last.second().odooStats).append(".\n\n");

        md.append("### 4. Memory of the service against record count\n\n");
        md.append("One service process serves every run; VmHWM is the process's peak since it started, the other columns "
                + "are peaks within the run.\n\n");
        md.append("| customers | latency | run | heap used, peak (actuator, 1/s) | heap after GC, peak (GC log) | GCs | GC pauses "
                + "| **live heap after a full GC at the end** | RSS peak (VmRSS, 5/s) | VmHWM at end |\n"
                + "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : results) {
            for (SyncRun run : List.of(r.first(), r.second())) {
                md.append(String.format(Locale.ROOT, "| %,d | %d ms | %s | %d MB | %d MB | %d | %.0f ms | **%d MB** | %d MB | %d MB |\n",
                        run.count, run.latencyMs, run.label, run.memory.maxHeapUsedBytes / (1024 * 1024), run.gcMaxAfterMb,
                        run.gcCount, run.gcPauseMs, run.liveHeapMb, run.memory.maxRssKb / 1024, run.memory.hwmKb / 1024));
            }
        }

        md.append("\n### CPU time per record (all processes on the machine's ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores)\n\n");
        md.append("| customers | latency | run | wall time | service CPU | of it, JIT compiler | simulators' JVM CPU | PostgreSQL CPU "
                + "| kernel softirq (loopback network) | busy, not attributed to a process | service CPU / record |\n"
                + "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : results) {
            for (SyncRun run : List.of(r.first(), r.second())) {
                md.append(String.format(Locale.ROOT, "| %,d | %d ms | %s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.3f ms |\n",
                        run.count, run.latencyMs, run.label, run.serverMillis / 1e3, run.serviceCpuMs / 1e3,
                        run.compilerCpuMs / 1e3, run.benchCpuMs / 1e3,
                        run.postgresCpuMs / 1e3, run.softirqCpuMs / 1e3, run.restOfMachineCpuMs / 1e3,
                        run.serviceCpuMs / (double) run.count));
            }
        }
        md.append("\nPostgreSQL CPU is that of every `postgres` process on the machine in the run's time (its backends for "
                + "other databases too). Software interrupts are the kernel's, counted to no process: mostly the loopback "
                + "traffic between the service, the simulators and PostgreSQL. The last column is the rest of the machine's busy "
                + "time (`/proc/stat`): on this kind of virtual machine about a third of the busy time is not found in any "
                + "process's own counters even when nothing else runs, so it is accounting slack more than another job; a "
                + "run that shared the cores with another job shows a far larger value there.\n\n");
        int cores = Runtime.getRuntime().availableProcessors();
        md.append("How busy the machine was, the first sync against its floor (busy CPU time of all processes, from "
                + "`/proc/stat`, over the wall time; ").append(cores).append(" cores = 100 %):\n\n"
                + "| customers | latency | first sync: wall | machine busy | of the cores | busy per record "
                + "| floor: wall | machine busy | of the cores | busy per record | of it, the floor's client and the simulators |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : results) {
            SyncRun run = r.first();
            PlainHttpFloor.Result floor = r.floor();
            long busy = run.serviceCpuMs + run.benchCpuMs + run.postgresCpuMs + run.restOfMachineCpuMs;
            double floorWallMs = floor.nanos() / 1e6;
            md.append(String.format(Locale.ROOT, "| %,d | %d ms | %.2f s | %.2f s | %.0f %% | %.3f ms | %.2f s | %.2f s "
                            + "| %.0f %% | %.3f ms | %.2f s |\n",
                    run.count, run.latencyMs, run.wallMillis / 1e3, busy / 1e3, 100.0 * busy / (run.wallMillis * cores),
                    busy / (double) run.count, floorWallMs / 1e3, floor.machineBusyMillis() / 1e3,
                    100.0 * floor.machineBusyMillis() / (floorWallMs * cores), floor.machineBusyMillis() / (double) run.count,
                    floor.jvmCpuMillis() / 1e3));
        }
        md.append("\n");
        md.append("Database work per record (`pg_stat_database` of the service's database over the run; it includes the "
                + "benchmark's own polling of the sync's status, about 20 queries a second):\n\n"
                + "| customers | latency | run | commits | rows inserted | rows updated | rows deleted | rows read by seq scans "
                + "| rows fetched by index |\n|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : results) {
            for (SyncRun run : List.of(r.first(), r.second())) {
                Map<String, Long> d = run.database;
                md.append(String.format(Locale.ROOT, "| %,d | %d ms | %s | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f |\n", run.count,
                        run.latencyMs, run.label, d.get("xact_commit") / (double) run.count,
                        d.get("tup_inserted") / (double) run.count, d.get("tup_updated") / (double) run.count,
                        d.get("tup_deleted") / (double) run.count, d.get("tup_returned") / (double) run.count,
                        d.get("tup_fetched") / (double) run.count));
            }
        }
        ScenarioResult largest = results.stream().filter(r -> r.scenario().latencyMs() == results.get(0).scenario().latencyMs())
                .max(java.util.Comparator.comparingInt(r -> r.scenario().count())).orElseThrow();
        md.append(String.format(Locale.ROOT, "\nRows read by table (`pg_stat_user_tables`), syncs of %,d customers at %d ms, "
                + "the ten largest:\n\n| table · counter | first sync | per record | second sync | per record |\n"
                + "|---|---:|---:|---:|---:|\n", largest.scenario().count(), largest.scenario().latencyMs()));
        Map<String, Long> firstReads = largest.first().tableReads;
        Map<String, Long> secondReads = largest.second().tableReads;
        firstReads.keySet().stream()
                .sorted(java.util.Comparator.comparingLong((String k) -> -Math.max(firstReads.get(k), secondReads.getOrDefault(k, 0L))))
                .limit(10).forEach(k -> md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,d | %.1f |\n", k, firstReads.get(k),
                        firstReads.get(k) / (double) largest.scenario().count(), secondReads.getOrDefault(k, 0L),
                        secondReads.getOrDefault(k, 0L) / (double) largest.scenario().count())));
        md.append("\n");

        md.append("### 5. A second, unchanged sync against the first\n\n| customers | latency | first sync | second sync | "
                + "second / first | calls first → second | writes in the second |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : results) {
            md.append(String.format(Locale.ROOT, "| %,d | %d ms | %.2f s | %.2f s | %.2f | %,d → %,d | %d |\n",
                    r.scenario().count(), r.scenario().latencyMs(), r.first().serverMillis / 1e3, r.second().serverMillis / 1e3,
                    r.second().serverMillis / (double) r.first().serverMillis, r.first().calls(), r.second().calls(),
                    r.second().kind(CallKinds.WRITE)));
        }

    }

    private static String per(SyncRun run, String kind) {
        long n = run.kind(kind);
        return n == 0 ? "0" : String.format(Locale.ROOT, "%,d (%.4f)", n, n / (double) run.count);
    }

    private static void share(StringBuilder md, Map<String, Integer> counts, int total) {
        counts.forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.1f %% |\n", k.replace("|", "/"),
                total == 0 ? 0 : v * 100.0 / total)));
    }

    private void machine(StringBuilder md) {
        machine(md, jdbc, loadAverage);
    }

    /** The machine, the JDK and PostgreSQL the figures were measured on, and the load before the run. */
    static void machine(StringBuilder md, JdbcTemplate jdbc, String loadAverage) {
        String cpu = "?";
        long memKb = 0;
        String os = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
            os = Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring(12).replace("\"", "")).findFirst().orElse("?");
        } catch (IOException | RuntimeException ignored) {
            // not Linux: "?" is written
        }
        String postgres = jdbc.queryForObject("SHOW server_version", String.class);
        md.append(String.format(Locale.ROOT, "Machine: %d cores (%s), %.1f GiB RAM, %s; JDK %s %s; PostgreSQL %s on the same "
                        + "machine. Load average before the run: %s.\n\n",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0, os, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), postgres, loadAverage));
    }

    private final String loadAverage = readLoad();

    static String readLoad() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private String command() {
        StringBuilder command = new StringBuilder("mvn -B -Pbenchmark verify");
        command.append(" -Dbench.counts=").append(String.join(",", counts.stream().map(String::valueOf).toList()));
        command.append(" -Dbench.entities=").append(String.join(",", entities.stream().map(BenchData::apiName).toList()));
        command.append(" -Dbench.directions=").append(String.join(",", directions.stream()
                .map(d -> d == BenchData.Direction.SHOP_TO_ODOO ? "shop-to-odoo" : "odoo-to-shop").toList()));
        command.append(" -Dbench.profiles=").append(String.join(",", profiles.stream()
                .map(p -> p.name().replace(" ms", "")).toList()));
        command.append(" -Dbench.batchesInFlight=").append(String.join(",", batchesInFlight.stream().map(String::valueOf).toList()));
        command.append(batchSize == 50 ? "" : " -Dbench.batchSize=" + batchSize)
                .append(wrkSeconds == 15 ? "" : " -Dbench.wrkSeconds=" + wrkSeconds)
                .append(profile ? "" : " -Dbench.profile=false")
                .append(repeats == 3 ? "" : " -Dbench.repeats=" + repeats)
                .append(slowRepeats == 1 ? "" : " -Dbench.slowRepeats=" + slowRepeats)
                .append(warmupCount == 10_000 ? "" : " -Dbench.warmupCount=" + warmupCount)
                .append(warmupRounds == 12 ? "" : " -Dbench.warmupRounds=" + warmupRounds)
                .append(entityWarmupCount == 2_000 ? "" : " -Dbench.entityWarmupCount=" + entityWarmupCount)
                .append(section.equals("main") ? "" : " -Dbench.section=" + section);
        return command.toString();
    }

    /** Replaces the generated part of the report, keeping what was written around it. */
    private void mergeInto(String generated) throws IOException {
        mergeSection(out, "<!-- generated by SyncBenchmark [" + section + "]",
                "<!-- end of generated figures [" + section + "] -->\n", generated);
    }

    /**
     * Replaces the text from {@code start} to {@code end} (both included) in {@code out} by
     * {@code generated}, which begins and ends with those marks; appended when the marks are not there.
     */
    static void mergeSection(Path out, String start, String end, String generated) throws IOException {
        String text;
        if (Files.exists(out)) {
            String old = Files.readString(out);
            int from = old.indexOf(start);
            int to = old.indexOf(end);
            text = from >= 0 && to > from ? old.substring(0, from) + generated + old.substring(to + end.length())
                    : old + "\n" + generated;
        } else {
            text = "# Benchmarks\n\nHow fast the service syncs, measured by `SyncBenchmark` (see the README).\n\n" + generated;
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text);
    }

    // ---- small things ----------------------------------------------------------------------------

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /** {@code bench.profiles}, or the flat latencies of {@code bench.latencies} (in ms) when that is given. */
    private static List<BenchProfile> profiles() {
        String latencies = System.getProperty("bench.latencies", "");
        String names = latencies.isBlank() ? System.getProperty("bench.profiles", "0,20,realistic") : latencies;
        return Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(BenchProfile::named)
                .distinct().toList();
    }

    private static List<String> names(String property, String fallback) {
        String value = System.getProperty(property, "");
        return Arrays.stream((value.isBlank() ? fallback : value).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
    }

    private static void log(String message) {
        System.out.println("[benchmark " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static void execute(String url, String sql) {
        BenchmarkProgram.execute(url, sql);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
