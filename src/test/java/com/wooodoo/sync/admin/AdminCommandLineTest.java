package com.wooodoo.sync.admin;

import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiTestBase;
import com.wooodoo.sync.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.wooodoo.sync.support.ApiClient.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/** The operator's token commands, run against the same database as the service. */
class AdminCommandLineTest extends ApiTestBase {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aCreatedTokenWorksUntilItIsRevoked() {
        String org = "cli-" + System.nanoTime();
        assertThat(run("token", "create", "--org", org, "--label", "ci")).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        String token = group(printed, "token: (wos_\\S+)");
        String tokenId = group(printed, "token id: (\\S+)");
        assertThat(printed).contains("created organisation " + org);

        ApiClient client = new ApiClient(port, token, org, "operator");
        assertThat(client.get(BASE + "/conflicts").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT token_hash FROM api_token WHERE token_id = ?::uuid", String.class, tokenId))
                .hasSize(64).doesNotContain(token);

        out.reset();
        assertThat(run("token", "list", "--org", org)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(tokenId).doesNotContain(token);

        assertThat(run("token", "revoke", "--id", tokenId)).isZero();
        assertThat(client.get(BASE + "/conflicts").status()).isEqualTo(401);
        assertThat(run("token", "revoke", "--id", tokenId)).isEqualTo(1);
    }

    @Test
    void springPropertiesMayStandBeforeTheCommandAsMavensRunPutsThem() {
        assertThat(AdminCommandLine.isAdminCommand(new String[]{"--spring.profiles.active=demo", "token", "list"})).isTrue();
        assertThat(AdminCommandLine.isAdminCommand(new String[]{"--spring.profiles.active=demo"})).isFalse();
        assertThat(AdminCommandLine.isAdminCommand(new String[]{"--logging.level.root=DEBUG", "token", "list"})).isTrue();
        assertThat(AdminCommandLine.isAdminCommand(new String[]{"--spring.profiles.active=demo", "--org", "token"})).isFalse();
        String org = "cli-demo-" + System.nanoTime();

        assertThat(run("--spring.profiles.active=demo", "token", "create", "--org", org)).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("created organisation " + org).contains("token: wos_");
    }

    @Test
    void badArgumentsAreExplained() {
        assertThat(run("token", "create")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs --org").contains("usage:");
        assertThat(run("token", "create", "--org", "Bad Org!")).isEqualTo(2);
        assertThat(run("token", "revoke", "--id", "not-a-uuid")).isEqualTo(2);
        assertThat(run("token", "frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'token frobnicate'");
    }

    private int run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--spring.datasource.url=" + TestDatabase.url();
        all[args.length + 1] = "--spring.datasource.username=" + TestDatabase.USER;
        return AdminCommandLine.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in %s", regex, text).isTrue();
        return m.group(1);
    }
}
