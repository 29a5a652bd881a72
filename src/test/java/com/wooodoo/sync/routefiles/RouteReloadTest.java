package com.wooodoo.sync.routefiles;

import com.wooodoo.sync.support.ServiceProcess;
import com.wooodoo.sync.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With reloading turned on (as docs/integration-team.md shows), a saved route file replaces its
 * routes in the running service, and a broken save is logged while the routes it had keep running.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RouteReloadTest {

    private static final Path DIR = Path.of("target", "reload-" + UUID.randomUUID().toString().substring(0, 6));
    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aSavedRouteFileIsReloadedAndABrokenSaveKeepsTheRoutesRunning() throws IOException {
        Path routes = DIR.resolve("routes");
        Files.createDirectories(routes);
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Path probe = routes.resolve("probe.camel.yaml");
        Files.writeString(probe, probeRoute("probe says v1"));

        service = ServiceProcess.start("reload", DIR.resolve("service.log"), List.of(
                "--spring.datasource.url=" + TestDatabase.url(),
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=" + TestDatabase.PASSWORD,
                "--wooodoo.pipeline.enabled=false",
                "--spring.main.banner-mode=off",
                "--camel.main.routes-include-pattern=file:" + routes + "/*.yaml",
                "--camel.main.routes-reload-enabled=true",
                "--camel.main.routes-reload-directory=" + routes,
                "--camel.main.routes-reload-pattern=*.yaml")).awaitReady(Duration.ofSeconds(120));
        await("the probe route runs").atMost(Duration.ofSeconds(20)).until(() -> log().contains("probe says v1"));

        Files.writeString(probe, probeRoute("probe says v2"));
        await("the saved file is reloaded").atMost(Duration.ofSeconds(30)).until(() -> log().contains("probe says v2"));

        Files.writeString(probe, probeRoute("probe says v3").replace("- log:", "- lgo:"));
        await("the broken save is logged").atMost(Duration.ofSeconds(30))
                .until(() -> log().contains("Error reloading routes from file"));
        int seen = occurrences("probe says v2");
        await("the routes of before keep running").atMost(Duration.ofSeconds(10))
                .until(() -> occurrences("probe says v2") > seen + 2);
        assertThat(log()).doesNotContain("probe says v3");
        assertThat(service.isAlive()).isTrue();
    }

    private static String probeRoute(String message) {
        return """
                - route:
                    id: reloadProbe
                    from:
                      uri: timer:reloadProbe
                      parameters:
                        period: 300
                      steps:
                        - log:
                            message: "%s"
                """.formatted(message);
    }

    private String log() throws IOException {
        return Files.readString(service.log());
    }

    private int occurrences(String text) throws IOException {
        return (int) log().lines().filter(l -> l.contains(text)).count();
    }
}
