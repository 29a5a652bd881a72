package com.wooodoo.sync.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * The service in a JVM of its own (a child process of the test JVM), started from the classes and
 * dependencies the tests run with, in the project directory (so that {@code config/} and
 * {@code routes/} are the real ones). It can be killed like a crashed server: {@link #kill()} is
 * SIGKILL, no shutdown hook and no graceful stop run. Its output goes to a file for diagnosis.
 * Every child still alive when the test JVM exits is killed.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The setting that turns the outbound bucket shared by instances on or off. */
    public static final String SHARED_RATE_LIMIT = "wooodoo.outbound.shared-rate-limit.enabled";
    private static final Set<ServiceProcess> ALIVE = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALIVE.forEach(p -> p.process.destroyForcibly())));
    }

    private final String name;
    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, int managementPort, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * Starts the service on a free port (and Actuator on another, {@link #managementPort()}) with these
     * arguments ({@code --key=value} properties) added to {@code --server.port}, {@code --management.server.port}
     * and the tests' pool settings ({@link TestPools}); output to {@code log}. The outbound bucket
     * shared by instances is off unless the arguments set {@value #SHARED_RATE_LIMIT}: at the sandbox
     * tests' huge rate its transaction per request would slow them down. So is the start-up warm-up,
     * unless the arguments set {@code wooodoo.warmup.enabled}.
     */
    public static ServiceProcess start(String name, Path log, List<String> arguments) {
        // start-up speed matters more than peak speed here (the machine may be busy with other builds)
        List<String> withTestPools = new ArrayList<>(TestPools.arguments());
        if (arguments.stream().noneMatch(argument -> argument.startsWith("--" + SHARED_RATE_LIMIT + "="))) {
            withTestPools.add("--" + SHARED_RATE_LIMIT + "=false");
        }
        if (arguments.stream().noneMatch(argument -> argument.startsWith("--wooodoo.warmup.enabled="))) {
            withTestPools.add("--wooodoo.warmup.enabled=false"); // seconds at each start, for nothing a test looks at
        }
        withTestPools.addAll(arguments);
        return start(name, log, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m"), withTestPools);
    }

    /**
     * As {@link #start(String, Path, List)}, with these JVM options instead of the tests' (which
     * favour start-up over peak speed): a benchmark runs the service as it would run in production.
     */
    public static ServiceProcess start(String name, Path log, List<String> jvmOptions, List<String> arguments) {
        List<String> launch = new ArrayList<>(jvmOptions);
        launch.addAll(List.of("-cp", serviceClassPath(), "com.wooodoo.sync.WooodooSyncApplication"));
        return launch(name, log, launch, arguments);
    }

    /**
     * The service as shipped: {@code java <jvmOptions> -jar <jar> <arguments>}, the packaged jar
     * (or the one {@code -Djarmode=tools extract} leaves), on free ports as {@link #start(String, Path, List, List)}.
     */
    public static ServiceProcess startJar(String name, Path log, List<String> jvmOptions, Path jar, List<String> arguments) {
        List<String> launch = new ArrayList<>(jvmOptions);
        launch.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        return launch(name, log, launch, arguments);
    }

    private static ServiceProcess launch(String name, Path log, List<String> launch, List<String> arguments) {
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch);
        command.add("--server.port=" + port);
        command.add("--management.server.port=" + managementPort);
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ServiceProcess started = new ServiceProcess(name, process, port, managementPort, log);
            ALIVE.add(started);
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the service answers its health check (UP, on the management port), failing early if the process died. */
    public ServiceProcess awaitReady(Duration atMost) {
        await("service " + name + " ready on port " + port).atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + " during start-up:\n" + logTail());
                    }
                    return healthy();
                });
        return this;
    }

    /**
     * Waits until the public readiness probe answers 200 (the service takes work), asking every
     * {@code pollInterval}: a benchmark timing the start-up asks often.
     */
    public ServiceProcess awaitReadiness(Duration atMost, Duration pollInterval) {
        await("service " + name + " ready on port " + port).atMost(atMost).pollInterval(pollInterval)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + " during start-up:\n" + logTail());
                    }
                    try {
                        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    private boolean healthy() {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the process to end by itself (a start-up that must fail); answers its exit code. */
    public int awaitExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " is still running after " + atMost + ":\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        ALIVE.remove(this);
        return process.exitValue();
    }

    public int port() {
        return port;
    }

    /** Actuator's port (health details, metrics, Prometheus), on 127.0.0.1. */
    public int managementPort() {
        return managementPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** SIGKILL, as a crash or an OOM killer would: nothing of the service runs any more. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + pid() + ") did not die within 20 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ALIVE.remove(this);
    }

    /**
     * SIGTERM, as an operator stopping the service would: it shuts down gracefully (agents such as
     * a profiler write their output); SIGKILL if it is still alive after {@code atMost}.
     */
    public void stop(Duration atMost) {
        process.destroy();
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        ALIVE.remove(this);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        ALIVE.remove(this);
    }

    /** The last lines of the child's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The test JVM's class path (surefire puts the project's classes and all dependencies on it),
     * without the test classes, the sandbox and the tests' logging: the child runs the service as
     * it is shipped. The project's class directory is copied once per test JVM, so that a build
     * running meanwhile in the same tree (which empties {@code target/classes}) cannot pull the
     * classes from under a child.
     */
    static synchronized String serviceClassPath() {
        if (classPath == null) {
            String testClassPath = System.getProperty("java.class.path");
            List<String> entries = Arrays.stream(testClassPath.split(File.pathSeparator))
                    .filter(e -> !e.isBlank())
                    .filter(e -> !Path.of(e).normalize().endsWith(Path.of("target", "test-classes")))
                    .filter(e -> !Path.of(e).normalize().endsWith(Path.of("src", "test", "logging")))
                    .map(e -> Path.of(e).normalize().endsWith(Path.of("target", "classes")) ? snapshot(Path.of(e)) : e)
                    .collect(Collectors.toList());
            boolean hasService = entries.stream().anyMatch(e -> Files.exists(Path.of(e, "com", "wooodoo", "sync",
                    "WooodooSyncApplication.class")));
            if (!hasService) {
                throw new IllegalStateException("the service's classes are not on java.class.path: " + testClassPath);
            }
            classPath = String.join(File.pathSeparator, entries);
        }
        return classPath;
    }

    private static String classPath;

    private static String snapshot(Path classes) {
        try {
            Path copy = Files.createTempDirectory("wooodoo-service-classes-");
            try (var files = Files.walk(classes)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(classes.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(copy)));
            return copy.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + classes + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", port " + port + ", log " + log + ")";
    }
}
