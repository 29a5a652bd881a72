package com.wooodoo.sync.console;

import com.wooodoo.sync.support.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.OwnDatabase;
import com.wooodoo.sync.support.ServiceProcess;
import com.wooodoo.sync.support.Teardown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real headless Chromium (Debian's {@code chromium}, driven by Playwright in
 * {@code src/test/browser/console.spec.mjs}) against the service in a JVM of its own, a database
 * of its own and both simulators: an operator signs in, starts a customer sync, watches it end,
 * fixes the cause of its ValidationError conflict in Odoo and accepts it. This test then checks
 * through the API that the console's user resolved it, and in the simulator that the record arrived.
 * The screenshot the scenario takes is {@code target/console.png}; {@code -Dconsole.screenshot=docs/console.png}
 * renews the README's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConsoleBrowserTest {

    private static final Path SCREENSHOT = Path.of(System.getProperty("console.screenshot", "target/console.png"));


    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String ORG = "console-" + RUN;
    private static final String LIMITED_ORG = "console-limited-" + RUN;
    private static final int RATE_LIMIT = 120;
    private static final String USER = "olga.operator";
    private static final String EMAIL = "zoe.zed@example.com";
    private static final Path BROWSER_TEST = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path LOGS = Path.of("target", "console");

    private static OwnDatabase database;
    private static WooCommerceSimulator woo;
    private static OdooSimulator odoo;
    private static ServiceProcess service;
    private static String token;
    private static String limitedToken;

    @BeforeAll
    static void startService() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("the console's browser test needs Chromium at " + CHROMIUM
                    + ", which is missing: install it with `apt-get install -y chromium chromium-driver` (.ci/run does)");
        }
        woo = new WooCommerceSimulator(0, 11, "ck_test", "cs_test").start();
        odoo = new OdooSimulator(0, 11, "test", "admin", "odoo-password", "odoo-api-key").start();
        database = OwnDatabase.create("console_" + RUN);
        List<String> args = database.serviceArguments();
        args.addAll(List.of("--wooodoo.pipeline.poll-ms=100", "--wooodoo.outbound.requests-per-minute-override=100000",
                "--wooodoo.api.rate-limit-per-minute=" + RATE_LIMIT));
        args.addAll(OwnDatabase.organisationArguments(ORG, woo.baseUrl(), odoo.baseUrl()));
        service = ServiceProcess.start("console", LOGS.resolve("service-" + RUN + ".log"), args)
                .awaitReady(Duration.ofSeconds(120));
        token = organisationWithToken(ORG);
        limitedToken = organisationWithToken(LIMITED_ORG); // its calls use up the inbound rate limit
    }

    private static String organisationWithToken(String orgId) {
        return Tenants.withToken(database.jdbc(), orgId, "Console test " + orgId, "console-test");
    }

    @AfterAll
    static void stopEverything() {
        Teardown.closeAll(service, woo, odoo, database);
    }

    @Test
    void theConsoleIsServedWithoutATokenAndUnknownFilesStayJson404s() {
        ApiClient anonymous = new ApiClient(service.port(), null, null, null);

        ApiClient.Answer page = anonymous.get("/console/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.raw()).contains("<script type=\"module\" src=\"console.js\">");
        ApiClient.Answer bare = anonymous.get("/console");
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).endsWith("/console/");
        for (String file : List.of("console.js", "api.js", "console.css")) {
            assertThat(anonymous.get("/console/" + file).status()).as(file).isEqualTo(200);
        }

        ApiClient.Answer missing = anonymous.get("/console/no-such-file.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(anonymous.get(ApiClient.BASE + "/status?syncId=" + UUID.randomUUID()).status()).isEqualTo(401);
    }

    @Test
    void anOperatorFollowsASyncAndAcceptsItsConflictInTheBrowser() throws Exception {
        woo.seed(EntityType.CUSTOMERS, 40);
        long zoe = insertCustomerFromZedland();
        long existing = odoo.insert("res.partner", Map.of("name", "Old Name", "email", EMAIL));

        long began = System.nanoTime();
        String output = runScenario();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
        System.out.println("console browser scenario took " + seconds + " s");

        assertThat(output).contains("step", "console scenario passed");
        String syncId = value(output, "SYNC_ID");
        String conflictId = value(output, "CONFLICT_ID");
        ApiClient api = new ApiClient(service.port(), token, ORG, "console-test");
        JsonNode resolved = api.get(ApiClient.BASE + "/conflicts?syncId=" + syncId + "&state=resolved&type=ValidationError")
                .json().get("conflicts");
        assertThat(resolved).hasSize(1);
        JsonNode conflict = resolved.get(0);
        assertThat(conflict.get("conflictId").asText()).isEqualTo(conflictId);
        assertThat(conflict.get("sourceRecordId").asText()).isEqualTo(String.valueOf(zoe));
        assertThat(conflict.at("/resolution/resolvedBy").asText()).isEqualTo(USER);
        assertThat(conflict.at("/resolution/resolution").asText()).isEqualTo("accept");
        assertThat(conflict.at("/resolution/outcome").asText()).isEqualTo("applied");
        assertThat(conflict.at("/resolution/note").asText()).isEqualTo("Zedland created in Odoo");
        assertThat(odoo.record("res.partner", existing).orElseThrow().get("name").asText()).isEqualTo("Zoe Zed");
        assertThat(SCREENSHOT).isNotEmptyFile();
    }

    /** Runs the Playwright scenario with node (installing its one package first when missing); answers its output. */
    private static String runScenario() throws IOException, InterruptedException {
        if (!Files.isDirectory(BROWSER_TEST.resolve(Path.of("node_modules", "playwright-core")))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(3), "npm ci");
        }
        Map<String, String> env = Map.ofEntries(
                Map.entry("CONSOLE_BASE_URL", "http://localhost:" + service.port()),
                Map.entry("CONSOLE_ORG", ORG), Map.entry("CONSOLE_USER", USER), Map.entry("CONSOLE_TOKEN", token),
                Map.entry("CONSOLE_LIMITED_ORG", LIMITED_ORG), Map.entry("CONSOLE_LIMITED_TOKEN", limitedToken),
                Map.entry("CONSOLE_RATE_LIMIT", String.valueOf(RATE_LIMIT)),
                Map.entry("CONSOLE_SCREENSHOT", SCREENSHOT.toAbsolutePath().toString()),
                Map.entry("ODOO_URL", odoo.baseUrl()), Map.entry("ODOO_DB", odoo.database()),
                Map.entry("ODOO_UID", String.valueOf(odoo.uid())), Map.entry("ODOO_PASSWORD", "odoo-password"),
                Map.entry("CHROMIUM_PATH", CHROMIUM.toString()));
        return run(List.of("node", "console.spec.mjs"), env, Duration.ofMinutes(3), "the console scenario");
    }

    private static String run(List<String> command, Map<String, String> env, Duration atMost, String what)
            throws IOException, InterruptedException {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(command.get(0) + "-" + RUN + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER_TEST.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run `" + String.join(" ", command) + "` for the console's browser test "
                    + "(it needs Node.js and npm on the PATH): " + e.getMessage(), e);
        }
        boolean ended = process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(ended).as("%s ended within %s:%n%s", what, atMost, output).isTrue();
        assertThat(process.exitValue()).as("%s exit code:%n%s%nservice log:%n%s", what, output, service.logTail()).isZero();
        return output;
    }

    private static String value(String output, String name) {
        return output.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in the scenario's output:\n" + output));
    }

    /** A shop customer whose country Odoo does not know: Odoo refuses it (a ValidationError) until it does. */
    private static long insertCustomerFromZedland() {
        return woo.insert(EntityType.CUSTOMERS, c -> {
            c.put("email", EMAIL);
            c.put("first_name", "Zoe");
            c.put("last_name", "Zed");
            ObjectNode billing = (ObjectNode) c.get("billing");
            billing.put("email", EMAIL);
            billing.put("first_name", "Zoe");
            billing.put("last_name", "Zed");
            billing.put("country", "ZZ");
        });
    }
}
