package com.wooodoo.sync.connector;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code wooodoo.organizations.<org>.stock}: every warehouse and no backorders by default; a blank code stops start-up naming its key. */
class StockSettingsTest {

    @Test
    void withoutStockSettingsTheShopSellsEveryWarehouseWithoutBackorders() {
        Connections connections = new Connections(properties("acme", null));
        assertThat(connections.stock("acme")).isEqualTo(StockSettings.DEFAULTS);
        assertThat(connections.stock("acme").warehouses()).isEmpty();
        assertThat(connections.stock("acme").backorders()).isFalse();
        assertThat(connections.stock("unknown")).isEqualTo(StockSettings.DEFAULTS);
    }

    @Test
    void configuredWarehousesAndBackordersAreKept() {
        StockProperties stock = new StockProperties();
        stock.setWarehouses(List.of("WH", " WH2 "));
        stock.setBackorders(true);
        Connections connections = new Connections(properties("acme", stock));
        assertThat(connections.stock("acme")).isEqualTo(new StockSettings(List.of("WH", "WH2"), true));
    }

    @Test
    void aBlankOrRepeatedCodeStopsStartUpNamingTheKey() {
        StockProperties stock = new StockProperties();
        stock.setWarehouses(Arrays.asList("WH", " ", "WH"));
        assertThatThrownBy(() -> new Connections(properties("acme", stock)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wooodoo.organizations.acme.stock.warehouses[1] is blank")
                .hasMessageContaining("wooodoo.organizations.acme.stock.warehouses[2]: 'WH' is listed twice");
    }

    private static ConnectionsProperties properties(String orgId, StockProperties stock) {
        ConnectionsProperties properties = new ConnectionsProperties();
        ConnectionsProperties.Organization org = new ConnectionsProperties.Organization();
        org.setStock(stock);
        properties.getOrganizations().put(orgId, org);
        return properties;
    }
}
