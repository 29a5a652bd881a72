package com.wooodoo.sync.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the benchmark watches of the service's process while a sync runs: resident memory
 * ({@code /proc/<pid>/status}), heap in use (actuator {@code jvm.memory.used}, on the management port), CPU time
 * ({@code /proc/<pid>/stat}), and, for the profiled run, the stacks of the sync's runner thread
 * sampled over JMX (wall-clock: where the runner waits as well as where it computes).
 */
final class ServiceProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private final long pid;
    private final int managementPort;
    private final int jmxPort;
    private ThreadMXBean threads;

    /** @param managementPort the service's Actuator port (on 127.0.0.1) */
    ServiceProbe(long pid, int managementPort, int jmxPort) {
        this.pid = pid;
        this.managementPort = managementPort;
        this.jmxPort = jmxPort;
    }

    // ---- memory -------------------------------------------------------------------------------

    /** Peaks seen by one {@link #sampleMemory()} while it ran. */
    static final class MemoryPeaks {
        volatile long maxRssKb;
        volatile long hwmKb;
        volatile long maxHeapUsedBytes;
        volatile int samples;
    }

    /** Samples memory every 200 ms (heap every second) until {@code stop} is set. */
    Thread sampleMemory(MemoryPeaks peaks, AtomicBoolean stop) {
        Thread thread = new Thread(() -> {
            long lastHeap = 0;
            while (!stop.get()) {
                Map<String, Long> status = procStatus();
                peaks.maxRssKb = Math.max(peaks.maxRssKb, status.getOrDefault("VmRSS", 0L));
                peaks.hwmKb = Math.max(peaks.hwmKb, status.getOrDefault("VmHWM", 0L));
                if (System.nanoTime() - lastHeap > 1_000_000_000L) {
                    lastHeap = System.nanoTime();
                    peaks.maxHeapUsedBytes = Math.max(peaks.maxHeapUsedBytes, heapUsed());
                }
                peaks.samples++;
                sleep(200);
            }
        }, "benchmark-memory");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    Map<String, Long> procStatus() {
        Map<String, Long> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("Vm")) {
                    String[] parts = line.split("\\s+");
                    values.put(parts[0].replace(":", ""), Long.parseLong(parts[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or the line is not a number: nothing sampled
        }
        return values;
    }

    long heapUsed() {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/actuator/metrics/jvm.memory.used?tag=area:heap")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(answer.body());
            return (long) json.path("measurements").path(0).path("value").asDouble();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** CPU time of the service's JIT compiler threads (C1 and C2) so far, in milliseconds. */
    long compilerCpuMillis() {
        long total = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.contains("CompilerThre")) {
                        total += cpuMillisOfStat(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** CPU time (user + system) of the service's process so far, in milliseconds. */
    long cpuMillis() {
        return cpuMillisOf(pid);
    }

    static long cpuMillisOf(long processId) {
        try {
            return cpuMillisOfStat(Files.readString(Path.of("/proc", String.valueOf(processId), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** User + system CPU of a process's or thread's {@code stat} line, in milliseconds. */
    private static long cpuMillisOfStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields from the state on: state is [0], utime [11], stime [12]
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / CLOCK_TICKS;
    }

    /** CPU time so far of each PostgreSQL server process on this machine, in milliseconds, by process id. */
    static Map<Long, Long> postgresCpuMillis() {
        Map<Long, Long> byPid = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("postgres")) {
                        byPid.put(Long.parseLong(name), cpuMillisOf(Long.parseLong(name)));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // a process that ended meanwhile
                }
            }
        } catch (IOException e) {
            return byPid;
        }
        return byPid;
    }

    /** PostgreSQL's CPU between two readings: processes that ended meanwhile are left out, new ones count whole. */
    static long postgresCpuBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long total = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return total;
    }

    /**
     * CPU time of the machine so far, in milliseconds: {@code [0]} busy time of all cores without
     * software interrupts, {@code [1]} software interrupts (the kernel's loopback networking
     * between the service, the simulators and PostgreSQL is mostly there, counted to no process).
     */
    static long[] machineCpuMillis() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal guest guest_nice
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            return new long[] {busy * 1000 / CLOCK_TICKS, softirq * 1000 / CLOCK_TICKS};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    // ---- stacks of the runner thread -------------------------------------------------------

    /** Samples of the sync runner's stack: by step of the pipeline and by what the thread did. */
    static final class StackSamples {
        final Map<String, Integer> byStepAndActivity = new HashMap<>();
        final Map<String, Integer> byActivity = new HashMap<>();
        final Map<String, Integer> byStep = new HashMap<>();
        final Map<String, Integer> cpuByProjectFrame = new HashMap<>();
        int total;
    }

    Thread sampleRunnerStacks(StackSamples samples, AtomicBoolean stop, long intervalMs) throws IOException {
        if (threads == null) {
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            threads = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.THREAD_MXBEAN_NAME,
                    ThreadMXBean.class);
        }
        Thread thread = new Thread(() -> {
            long[] runnerIds = new long[0];
            long lastLookup = 0;
            while (!stop.get()) {
                try {
                    if (System.nanoTime() - lastLookup > 1_000_000_000L || runnerIds.length == 0) {
                        lastLookup = System.nanoTime();
                        List<Long> ids = new ArrayList<>();
                        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
                            if (info != null && info.getThreadName().contains("syncRunner")) {
                                ids.add(info.getThreadId());
                            }
                        }
                        runnerIds = ids.stream().mapToLong(Long::longValue).toArray();
                    }
                    for (ThreadInfo info : threads.getThreadInfo(runnerIds, Integer.MAX_VALUE)) {
                        if (info != null) {
                            classify(info, samples);
                        }
                    }
                } catch (RuntimeException e) {
                    // the service is busy or gone: this sample is lost
                }
                sleep(intervalMs);
            }
        }, "benchmark-stacks");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The pipeline's step classes: a stack sample is counted to the innermost of them. */
    private static final java.util.Set<String> STEPS = java.util.Set.of("TargetLookup", "RecordPlanning",
            "ReferencedRecords", "BatchWriter", "ReadBack", "MismatchRetry", "BatchRecorder", "BatchStart", "PageReader",
            "PageEnd", "RunStart", "RunEnd", "SyncRunner");

    private static void classify(ThreadInfo info, StackSamples samples) {
        StackTraceElement[] stack = info.getStackTrace();
        if (stack.length == 0 || isIdle(stack)) {
            return;
        }
        String step = "other";
        for (StackTraceElement frame : stack) {
            String simple = simpleName(frame.getClassName());
            if (frame.getClassName().startsWith("com.wooodoo.sync.pipeline.") && STEPS.contains(simple)
                    || frame.getClassName().startsWith("com.wooodoo.sync.conflict.")) {
                step = stepName(simple, frame.getMethodName());
                break;
            }
        }
        String activity = activity(stack, info.getThreadState());
        if (activity.startsWith("CPU")) {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().startsWith("com.wooodoo.")) {
                    samples.cpuByProjectFrame.merge(simpleName(frame.getClassName()) + "." + frame.getMethodName(), 1,
                            Integer::sum);
                    break;
                }
            }
        }
        synchronized (samples) {
            samples.total++;
            samples.byStep.merge(step, 1, Integer::sum);
            samples.byActivity.merge(activity, 1, Integer::sum);
            samples.byStepAndActivity.merge(step + " | " + activity, 1, Integer::sum);
        }
    }

    private static boolean isIdle(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("com.wooodoo.")) {
                return false;
            }
        }
        return true; // a pool thread waiting for work
    }

    private static String stepName(String simple, String method) {
        String clean = method.startsWith("lambda$") ? method.substring(7, method.indexOf('$', 7)) : method;
        return simple.replaceAll("\\$.*", "") + "." + clean;
    }

    /** What the thread is doing, told by the frames above its innermost frame of the project. */
    private static String activity(StackTraceElement[] stack, Thread.State state) {
        int project = 0;
        while (project < stack.length && !stack[project].getClassName().startsWith("com.wooodoo.")) {
            project++;
        }
        for (int i = 0; i < project; i++) {
            String c = stack[i].getClassName();
            if (c.startsWith("org.postgresql") || c.startsWith("com.zaxxer.hikari")) {
                return "PostgreSQL (JDBC)";
            }
        }
        for (int i = 0; i < project; i++) {
            StackTraceElement frame = stack[i];
            String c = frame.getClassName();
            if (c.startsWith("java.net.Socket") || c.startsWith("sun.nio.ch") || c.startsWith("java.net.http")
                    || c.startsWith("jdk.internal.net.http") || c.startsWith("org.apache.hc.core5.http.impl.io")) {
                String system = "?";
                for (int j = project; j < stack.length; j++) {
                    if (stack[j].getClassName().contains(".connector.odoo.")) {
                        system = "Odoo";
                        break;
                    }
                    if (stack[j].getClassName().contains(".connector.woocommerce.")) {
                        system = "WooCommerce";
                        break;
                    }
                }
                return "HTTP to " + system + " (waiting for the answer)";
            }
            if (c.equals("java.lang.Thread") && frame.getMethodName().equals("sleep")) {
                return "sleeping";
            }
            if (c.equals("jdk.internal.misc.Unsafe") && frame.getMethodName().equals("park")) {
                return "waiting (lock or throttle)";
            }
        }
        return state == Thread.State.RUNNABLE ? "CPU in the service" : "blocked (" + state + ")";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
