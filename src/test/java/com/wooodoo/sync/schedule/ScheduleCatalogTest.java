package com.wooodoo.sync.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.api.StartRequests;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.ConnectionsProperties;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.connector.WooCommerceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schedules file is read strictly: an entry that could not start a sync stops start-up with
 * the file, the entry and what to fix; the shipped files are valid.
 */
class ScheduleCatalogTest {

    @TempDir
    Path dir;

    private final Connections connections = acmeConnected();

    @Test
    void aValidEntryBecomesASchedule() throws IOException {
        ScheduleCatalog catalog = catalog("""
                schedules:
                  - id: nightly-catalogue
                    organisation: acme
                    cron: "0 0 2 * * ?"
                    timeZone: Europe/Berlin
                    systems: [odoo, woocommerce]
                    entityTypes: [products]
                    syncConfig: { mode: full, rateLimit: 30 }
                    whenStillActive: queue
                    misfire: skip
                """);
        catalog.afterSingletonsInstantiated();

        Schedule schedule = catalog.find("nightly-catalogue").orElseThrow();
        assertThat(schedule.orgId()).isEqualTo("acme");
        assertThat(schedule.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(schedule.whenStillActive()).isEqualTo(Schedule.WhenStillActive.QUEUE);
        assertThat(schedule.misfire().quartzInstruction()).isEqualTo(2);
        assertThat(schedule.actor()).isEqualTo("schedule:nightly-catalogue");
        assertThat(schedule.start()).containsOnlyKeys("systems", "entityTypes", "syncConfig");
    }

    @Test
    void defaultsAreUtcSkipAndRunOnce() throws IOException {
        ScheduleCatalog catalog = catalog("""
                schedules:
                  - { id: every-5-min, organisation: acme, cron: "0 */5 * * * ?", systems: [woocommerce, odoo], entityTypes: [customers] }
                """);
        catalog.afterSingletonsInstantiated();
        Schedule schedule = catalog.find("every-5-min").orElseThrow();
        assertThat(schedule.timeZone()).isEqualTo("UTC");
        assertThat(schedule.whenStillActive()).isEqualTo(Schedule.WhenStillActive.SKIP);
        assertThat(schedule.misfire()).isEqualTo(Schedule.Misfire.RUN_ONCE);
    }

    @Test
    void everyWrongEntryIsNamedWithTheFileAndWhatToFix() throws IOException {
        ScheduleCatalog catalog = catalog("""
                schedules:
                  - { id: bad-cron, organisation: acme, cron: "every night", systems: [woocommerce, odoo], entityTypes: [customers] }
                  - { id: unknown-org, organisation: nobody, cron: "0 0 2 * * ?", systems: [woocommerce, odoo], entityTypes: [customers] }
                  - { id: unknown-entity, organisation: acme, cron: "0 0 2 * * ?", systems: [woocommerce, odoo], entityTypes: [invoices] }
                  - { id: bad-zone, organisation: acme, cron: "0 0 2 * * ?", timeZone: Mars/Olympus, systems: [woocommerce, odoo], entityTypes: [customers] }
                  - { id: bad-config, organisation: acme, cron: "0 0 2 * * ?", systems: [woocommerce, odoo], entityTypes: [customers], syncConfig: { batchSize: 5000 } }
                  - { id: typo, organisation: acme, cron: "0 0 2 * * ?", systems: [woocommerce, odoo], entityTypes: [customers], whenStilActive: queue }
                  - { id: bad-choice, organisation: acme, cron: "0 0 2 * * ?", systems: [woocommerce, odoo], entityTypes: [customers], misfire: later }
                  - { id: Bad_Id, organisation: acme, cron: "0 0 2 * * ?", systems: [woocommerce, odoo], entityTypes: [customers] }
                  - { id: twice, organisation: acme, cron: "0 0 2 * * ?", systems: [woocommerce, odoo], entityTypes: [customers] }
                  - { id: twice, organisation: acme, cron: "0 0 3 * * ?", systems: [woocommerce, odoo], entityTypes: [customers] }
                  - { organisation: acme, cron: "0 0 2 * * ?", systems: [woocommerce], entityTypes: [customers] }
                """);
        String file = dir.resolve("schedules.yaml").toString();

        assertThatThrownBy(catalog::afterSingletonsInstantiated).isInstanceOf(ScheduleConfigException.class)
                .hasMessageContaining(file + ", schedule entry 1 'bad-cron': cron: 'every night' is not a Quartz cron")
                .hasMessageContaining("entry 2 'unknown-org': organisation: 'nobody' has no woocommerce connection")
                .hasMessageContaining("entry 3 'unknown-entity': entityTypes")
                .hasMessageContaining("entry 4 'bad-zone': timeZone: 'Mars/Olympus' is not a time zone")
                .hasMessageContaining("entry 5 'bad-config': syncConfig.batchSize")
                .hasMessageContaining("entry 6 'typo': whenStilActive: unknown field")
                .hasMessageContaining("entry 7 'bad-choice': misfire: 'later' is not one of [run-once, skip]")
                .hasMessageContaining("entry 8 'Bad_Id': id: use lower-case letters")
                .hasMessageContaining("entry 10 'twice': id: 'twice' is used by an earlier entry")
                .hasMessageContaining("entry 11: id: is required")
                .hasMessageContaining("entry 11: systems");
    }

    @Test
    void aFileThatIsNotAListOfSchedulesIsRefused() throws IOException {
        assertThatThrownBy(() -> catalog("schedule:\n  - id: x\n").afterSingletonsInstantiated())
                .hasMessageContaining("expected a list under 'schedules:'");
        assertThatThrownBy(() -> catalog("schedules: [\n").afterSingletonsInstantiated())
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void noFileMeansNoSchedules() {
        ScheduleCatalog catalog = new ScheduleCatalog(file(dir.resolve("absent.yaml").toString()),
                new StartRequests(new ObjectMapper()), connections);
        catalog.afterSingletonsInstantiated();
        assertThat(catalog.all()).isEmpty();
    }

    @Test
    void theShippedSchedulesFilesAreValid() {
        Connections withDemo = acmeConnected();
        withDemo.register("demo", new WooCommerceSettings(URI.create("http://127.0.0.1:1"), "ck", "cs", timeouts()));
        withDemo.register("demo", new OdooSettings(URI.create("http://127.0.0.1:2"), OdooSettings.Protocol.JSONRPC, "d",
                "admin", "secret", timeouts()));
        for (String shipped : new String[] {"config/schedules.yaml", "config/schedules-demo.yaml"}) {
            ScheduleCatalog catalog = new ScheduleCatalog(file(shipped), new StartRequests(new ObjectMapper()), withDemo);
            catalog.afterSingletonsInstantiated();
        }
    }

    private ScheduleCatalog catalog(String yaml) throws IOException {
        Path file = dir.resolve("schedules.yaml");
        Files.writeString(file, yaml);
        return new ScheduleCatalog(file(file.toString()), new StartRequests(new ObjectMapper()), connections);
    }

    private static Connections acmeConnected() {
        Connections connections = new Connections(new ConnectionsProperties());
        connections.register("acme", new WooCommerceSettings(URI.create("http://127.0.0.1:1"), "ck", "cs", timeouts()));
        connections.register("acme", new OdooSettings(URI.create("http://127.0.0.1:2"), OdooSettings.Protocol.JSONRPC, "d",
                "admin", "secret", timeouts()));
        return connections;
    }

    private static HttpTimeouts timeouts() {
        return new HttpTimeouts(1_000, 1_000);
    }

    private static ScheduleProperties file(String path) {
        ScheduleProperties properties = new ScheduleProperties();
        properties.setSchedulesFile(path);
        return properties;
    }
}
