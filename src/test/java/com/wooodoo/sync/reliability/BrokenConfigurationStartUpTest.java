package com.wooodoo.sync.reliability;

import com.wooodoo.sync.support.ServiceProcess;
import com.wooodoo.sync.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the integration team edits is checked when the service starts: a wrong schedule or a
 * broken route file stops it (exit code not 0) with the file and the entry or line in the log,
 * never a service running without the schedule or the route.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrokenConfigurationStartUpTest {

    private static final Path DIR = Path.of("target", "reliability", "broken-" + UUID.randomUUID().toString().substring(0, 6));

    @Test
    void aWrongScheduleStopsStartUpNamingTheFileAndTheEntry() throws IOException {
        Path schedules = write("schedules.yaml", """
                schedules:
                  - { id: broken, organisation: acme, cron: "61 * * * * ?", systems: [woocommerce, odoo], entityTypes: [customers] }
                """);
        String log = failedStartUp("bad-schedule", List.of("--wooodoo.schedules-file=" + schedules));
        assertThat(log).contains(schedules + ", schedule entry 1 'broken': cron: '61 * * * * ?' is not a Quartz cron");
    }

    @Test
    void aBrokenRouteFileStopsStartUpNamingTheFileAndTheLine() throws IOException {
        Path routes = write("routes/extra.camel.yaml", """
                - route:
                    id: extraRoute
                    from:
                      uri: timer:extra
                      steps:
                        - lgo: "a misspelt step"
                """);
        String log = failedStartUp("bad-route", List.of("--camel.main.routes-include-pattern="
                + "file:routes/*.yaml,file:" + routes.getParent() + "/*.yaml"));
        assertThat(log).contains(routes + ":6: /0/route/from/steps/0");
    }

    private static String failedStartUp(String name, List<String> arguments) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + TestDatabase.url(),
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=" + TestDatabase.PASSWORD,
                "--wooodoo.pipeline.enabled=false",
                "--spring.main.banner-mode=off"));
        args.addAll(arguments);
        ServiceProcess process = ServiceProcess.start(name, DIR.resolve(name + ".log"), args);
        assertThat(process.awaitExit(Duration.ofSeconds(90))).as("exit code of a start-up that must fail").isNotZero();
        return Files.readString(process.log());
    }

    private static Path write(String name, String text) throws IOException {
        Path file = DIR.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
