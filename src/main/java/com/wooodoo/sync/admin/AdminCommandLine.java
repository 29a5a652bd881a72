package com.wooodoo.sync.admin;

import com.wooodoo.sync.api.ApiTokens;
import com.wooodoo.sync.store.ApiTokenRow;
import com.wooodoo.sync.store.ApiTokenStore;
import com.wooodoo.sync.store.OrganizationStore;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The operator's commands, run instead of the service when the first argument that is not a
 * Spring property ({@code --name=value}) is {@code token}:
 * <pre>
 *   token create --org ORG [--label TEXT] [--org-name NAME]   issue a token (shown once)
 *   token list [--org ORG]                                    list tokens, never their secret
 *   token revoke --id TOKEN_ID                                revoke a token at once
 * </pre>
 * They use the service's configuration (config/application.yaml and the environment), migrate
 * the database if needed, and start neither the HTTP server nor any route. Spring properties may
 * stand anywhere: {@code mvn spring-boot:run} puts {@code --spring.profiles.active=demo} before
 * the command, and the same command then works while the demo service runs.
 */
public final class AdminCommandLine {

    private static final Pattern ORG_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");
    private static final String USAGE = """
            usage:
              token create --org ORG [--label TEXT] [--org-name NAME]
              token list [--org ORG]
              token revoke --id TOKEN_ID
            ORG: 1 to 64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit""";

    private AdminCommandLine() {
    }

    public static boolean isAdminCommand(String[] args) {
        List<String> command = commandWords(args);
        return !command.isEmpty() && (command.get(0).equals("token") || command.get(0).equals("tokens"));
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> command = commandWords(args);
        Map<String, String> options;
        try {
            options = options(command);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String verb = command.size() > 1 ? command.get(1) : "";
        String problem = validate(verb, options);
        if (problem != null) {
            err.println(problem);
            err.println(USAGE);
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AdminContext.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(springArguments(args))) {
            ApiTokenStore tokens = context.getBean(ApiTokenStore.class);
            OrganizationStore organizations = context.getBean(OrganizationStore.class);
            return switch (verb) {
                case "create" -> create(options, tokens, organizations, out);
                case "list" -> list(options, tokens, out);
                default -> revoke(options, tokens, out, err);
            };
        }
    }

    private static int create(Map<String, String> options, ApiTokenStore tokens, OrganizationStore organizations,
                              PrintStream out) {
        String orgId = options.get("org");
        if (organizations.createIfAbsent(orgId, options.getOrDefault("org-name", orgId))) {
            out.println("created organisation " + orgId);
        }
        String token = ApiTokens.generate();
        UUID tokenId = UUID.randomUUID();
        tokens.insert(tokenId, orgId, ApiTokens.hash(token), options.getOrDefault("label", ""));
        out.println("token id: " + tokenId);
        out.println("organisation: " + orgId);
        out.println("token: " + token);
        out.println("Keep the token now: it is stored only as a hash and cannot be shown again.");
        return 0;
    }

    private static int list(Map<String, String> options, ApiTokenStore tokens, PrintStream out) {
        List<ApiTokenRow> rows = tokens.list(Optional.ofNullable(options.get("org")));
        out.printf("%-36s  %-20s  %-20s  %-24s  %-24s  %s%n", "TOKEN ID", "ORGANISATION", "LABEL", "CREATED",
                "LAST USED", "REVOKED");
        for (ApiTokenRow row : rows) {
            out.printf("%-36s  %-20s  %-20s  %-24s  %-24s  %s%n", row.tokenId(), row.orgId(), row.label(),
                    row.createdAt(), row.lastUsedAt() == null ? "-" : row.lastUsedAt(),
                    row.revokedAt() == null ? "-" : row.revokedAt());
        }
        return 0;
    }

    private static int revoke(Map<String, String> options, ApiTokenStore tokens, PrintStream out, PrintStream err) {
        UUID tokenId = UUID.fromString(options.get("id"));
        if (!tokens.revoke(tokenId)) {
            err.println("no active token with id " + tokenId + " (unknown, or revoked already)");
            return 1;
        }
        out.println("revoked token " + tokenId);
        return 0;
    }

    private static String validate(String verb, Map<String, String> options) {
        switch (verb) {
            case "create" -> {
                if (!options.containsKey("org")) {
                    return "token create needs --org";
                }
                if (!ORG_ID.matcher(options.get("org")).matches()) {
                    return "--org '" + options.get("org") + "' is not a valid organisation id";
                }
                return unknownOptions(options, List.of("org", "label", "org-name"));
            }
            case "list" -> {
                if (options.containsKey("org") && !ORG_ID.matcher(options.get("org")).matches()) {
                    return "--org '" + options.get("org") + "' is not a valid organisation id";
                }
                return unknownOptions(options, List.of("org"));
            }
            case "revoke" -> {
                try {
                    UUID.fromString(options.getOrDefault("id", ""));
                } catch (IllegalArgumentException e) {
                    return "token revoke needs --id with a token id (a UUID, see 'token list')";
                }
                return unknownOptions(options, List.of("id"));
            }
            default -> {
                return verb.isEmpty() ? "missing command" : "unknown command 'token " + verb + "'";
            }
        }
    }

    private static String unknownOptions(Map<String, String> options, List<String> allowed) {
        return options.keySet().stream().filter(o -> !allowed.contains(o)).findFirst()
                .map(o -> "unknown option --" + o).orElse(null);
    }

    /** {@code --spring.x=y}, {@code --wooodoo.x=y}, …: properties for the context, as for the service. */
    private static String[] springArguments(String[] args) {
        List<String> properties = new ArrayList<>(List.of("--logging.level.root=WARN", "--spring.main.banner-mode=off"));
        Arrays.stream(args).filter(AdminCommandLine::isSpringProperty).forEach(properties::add);
        return properties.toArray(String[]::new);
    }

    /** The command's own words: every argument but the Spring properties, wherever they stand. */
    private static List<String> commandWords(String[] args) {
        return Arrays.stream(args).filter(a -> !isSpringProperty(a)).toList();
    }

    /** The command's options are {@code --name value}; {@code --name=value} is Spring's form of a property. */
    private static boolean isSpringProperty(String argument) {
        return argument.startsWith("--") && argument.indexOf('=') > 2;
    }

    private static Map<String, String> options(List<String> command) {
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < command.size(); i++) {
            String word = command.get(i);
            if (!word.startsWith("--") || i + 1 >= command.size()) {
                throw new IllegalArgumentException("expected '--option value', found '" + word + "'");
            }
            options.put(word.substring(2), command.get(++i));
        }
        return options;
    }

    /** Just what the commands need: the database, migrated, and the two stores. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class})
    @Import({ApiTokenStore.class, OrganizationStore.class})
    static class AdminContext {
    }
}
