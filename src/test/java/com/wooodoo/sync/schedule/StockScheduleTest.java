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

/** A schedule may run the stock sync every minute (Odoo → shop); the other direction stops start-up naming entityTypes. */
class StockScheduleTest {

    @TempDir
    Path dir;

    @Test
    void aStockScheduleEveryMinuteIsAccepted() throws IOException {
        ScheduleCatalog catalog = catalog("""
                schedules:
                  - id: shop-stock-every-minute
                    organisation: acme
                    cron: "0 * * * * ?"
                    systems: [odoo, woocommerce]
                    entityTypes: [stock]
                    syncConfig: { mode: incremental, interBatchDelayMs: 0, rateLimit: 50 }
                """);
        catalog.afterSingletonsInstantiated();

        Schedule schedule = catalog.find("shop-stock-every-minute").orElseThrow();
        assertThat(schedule.start().get("entityTypes").toString()).isEqualTo("[\"stock\"]");
        assertThat(schedule.cron()).isEqualTo("0 * * * * ?");
    }

    @Test
    void stockFromTheShopIsRefusedAtStartUp() throws IOException {
        ScheduleCatalog catalog = catalog("""
                schedules:
                  - id: wrong-way
                    organisation: acme
                    cron: "0 * * * * ?"
                    systems: [woocommerce, odoo]
                    entityTypes: [stock]
                """);
        assertThatThrownBy(catalog::afterSingletonsInstantiated)
                .hasMessageContaining("entry 1 'wrong-way'")
                .hasMessageContaining("entityTypes: stock goes from Odoo to the shop only");
    }

    private ScheduleCatalog catalog(String yaml) throws IOException {
        Path file = dir.resolve("schedules.yaml");
        Files.writeString(file, yaml);
        ScheduleProperties properties = new ScheduleProperties();
        properties.setSchedulesFile(file.toString());
        Connections connections = new Connections(new ConnectionsProperties());
        HttpTimeouts timeouts = new HttpTimeouts(1_000, 1_000);
        connections.register("acme", new WooCommerceSettings(URI.create("http://127.0.0.1:1"), "ck", "cs", timeouts));
        connections.register("acme", new OdooSettings(URI.create("http://127.0.0.1:2"), OdooSettings.Protocol.JSONRPC, "d",
                "admin", "secret", timeouts));
        return new ScheduleCatalog(properties, new StartRequests(new ObjectMapper()), connections);
    }
}
