package com.wooodoo.sync.admin;

import com.wooodoo.sync.api.ApiTokens;
import com.wooodoo.sync.support.OwnDatabase;
import com.wooodoo.sync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command starts the demo (its simulators come from the test classes, see the
 * pom), and the token commands of the README's "Tokens" section, run as the README writes them (read from
 * the README, one {@code bash -c} per line) after the jar is built: through Maven and through the
 * jar, each block create → list → revoke, with the id its create printed in place of the example
 * id. The lines the README shows as their output must appear in what they print. The demo's and
 * the service's ports are held meanwhile, as a running demo holds them: a command that started
 * the service or the demo would fail. The commands use a database of this test's own
 * ({@code SPRING_DATASOURCE_URL}), where the token's hash and its revocation are checked.
 */
class ReadmeCommandsIT {

    private static final Path README = Path.of("README.md");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int[] DEMO_PORTS = {8080, 8081, 18081, 18069};

    private static OwnDatabase database;
    private static final List<ServerSocket> heldPorts = new ArrayList<>();

    @BeforeAll
    static void ownDatabaseAndTheDemosPortsHeld() {
        database = OwnDatabase.create("readme_" + UUID.randomUUID().toString().substring(0, 8));
        for (int port : DEMO_PORTS) {
            try {
                heldPorts.add(new ServerSocket(port, 50, InetAddress.getByName("0.0.0.0")));
            } catch (IOException inUseAlready) {
                // something (perhaps the demo itself) holds it: the same condition
            }
        }
    }

    @AfterAll
    static void release() throws IOException {
        for (ServerSocket socket : heldPorts) {
            socket.close();
        }
        database.drop();
    }

    @Test
    void theReadmesTokenCommandsWorkAsWritten() throws IOException {
        List<List<String>> blocks = ReadmeTokenSection.read(README);
        assertThat(blocks).as("the Tokens section's command blocks (Maven, jar)").hasSize(2);
        assertThat(blocks.get(0).get(0)).startsWith("mvn ");
        assertThat(blocks.get(1).get(0)).startsWith("java -jar target/wooodoo-sync.jar ");
        assertThat(Path.of("target", "wooodoo-sync.jar")).as("the jar, built before this test").isRegularFile();
        String exampleId = ReadmeTokenSection.exampleTokenId(README);

        for (List<String> block : blocks) {
            runBlock(block, exampleId);
        }
    }

    @Test
    void theReadmesRunCommandStartsTheDemo() throws IOException, InterruptedException {
        String command = Files.readAllLines(README).stream().map(String::strip)
                .filter(line -> line.startsWith("mvn spring-boot:run")).findFirst()
                .map(line -> line.replaceAll("\\s+#.*$", "")).orElseThrow(() -> new AssertionError("no 'mvn spring-boot:run' in the README"));
        // the demo's ports are held by this class (as a running demo would hold them): free ones here
        String moved = command + " -Dspring-boot.run.arguments=\"--server.port=0 --management.server.port=0"
                + " --wooodoo.demo.woocommerce-port=0"
                + " --wooodoo.demo.odoo-port=0 --wooodoo.demo.token-file=target/readme-demo-token\"";
        Path output = Files.createTempFile("readme-demo-", ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", moved).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("SPRING_DATASOURCE_URL", database.url());
        builder.environment().put("SPRING_DATASOURCE_USERNAME", TestDatabase.USER);
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
        Process demo = builder.start();
        try {
            org.awaitility.Awaitility.await("'" + command + "' prints the demo's banner").atMost(java.time.Duration.ofMinutes(3))
                    .pollInterval(java.time.Duration.ofMillis(500))
                    .until(() -> {
                        String printed = Files.readString(output);
                        if (!demo.isAlive()) {
                            throw new AssertionError("'" + moved + "' ended with " + demo.exitValue() + ":\n" + printed);
                        }
                        return printed.contains("Demo ready: organisation 'demo'");
                    });
            assertThat(Files.readString(output)).contains("Started WooodooSyncApplication", "WooCommerce simulator http://127.0.0.1:",
                    "Odoo simulator");
        } finally {
            demo.descendants().forEach(ProcessHandle::destroy);
            demo.destroy();
            demo.waitFor(30, TimeUnit.SECONDS);
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            output.toFile().delete();
        }
    }

    private void runBlock(List<String> block, String exampleId) {
        List<String> commands = block.stream().filter(line -> !line.startsWith("#")).toList();
        assertThat(commands).as("create, list, revoke in %s", block).hasSize(3);
        assertThat(commands).extracting(c -> c.replaceAll(".*token (\\w+).*", "$1")).containsExactly("create", "list", "revoke");

        Result create = run(commands.get(0));
        String tokenId = group(create.out(), "token id: (" + UUID_TEXT.pattern() + ")");
        String token = group(create.out(), "token: (wos_\\S+)");
        assertThat(database.jdbc().queryForObject("SELECT token_hash FROM api_token WHERE token_id = ?::uuid", String.class,
                tokenId)).as("only the hash is stored").isEqualTo(ApiTokens.hash(token));

        Result list = run(commands.get(1));
        assertThat(list.out()).contains(tokenId).doesNotContain(token);

        Result revoke = run(commands.get(2).replace(exampleId, tokenId));
        assertThat(revoke.out()).contains("revoked token " + tokenId);
        JdbcTemplate jdbc = database.jdbc();
        assertThat(jdbc.queryForObject("SELECT revoked_at IS NOT NULL FROM api_token WHERE token_id = ?::uuid", Boolean.class,
                tokenId)).isTrue();

        List<Result> results = List.of(create, list, revoke);
        for (int i = 0; i < commands.size(); i++) {
            List<String> documented = ReadmeTokenSection.documentedOutput(block, commands.get(i));
            if (documented.isEmpty()) {
                continue;
            }
            assertThat(ReadmeTokenSection.shapes(results.get(i).out()))
                    .as("what the README shows for '%s'", commands.get(i))
                    .containsSubsequence(ReadmeTokenSection.shapes(String.join("\n", documented)));
        }
    }

    private Result run(String command) {
        Path output;
        try {
            output = Files.createTempFile("readme-command-", ".out");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
                    .directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("SPRING_DATASOURCE_URL", database.url());
            builder.environment().put("SPRING_DATASOURCE_USERNAME", TestDatabase.USER);
            builder.environment().put("SPRING_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("'" + command + "' still runs after 3 minutes:\n" + Files.readString(output));
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit code of '%s', which printed:%n%s", command, out).isZero();
            return new Result(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + command + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            output.toFile().delete();
        }
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return m.group(1);
    }

    private record Result(String out) {
    }
}
