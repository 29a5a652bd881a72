package com.wooodoo.sync.connector;

import com.wooodoo.sync.outbound.OutboundChannel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.connector.odoo.OdooConnector;
import com.wooodoo.sync.connector.woocommerce.WooCommerceConnector;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connector of an organisation to an external system, made once from its connection
 * settings and reused (an Odoo connector keeps its authenticated session). Its HTTP requests pass
 * the organisation's throttle and the connection's circuit breaker (route {@code outboundRequest}).
 */
@Component
public class ConnectorRegistry {

    private record Key(String orgId, ExternalSystem system, Object settings) {
    }

    private final Connections connections;
    private final MappingCatalog mappings;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final Map<Key, SystemConnector> connectors = new ConcurrentHashMap<>();

    public ConnectorRegistry(Connections connections, MappingCatalog mappings, ProducerTemplate producer,
                             ObjectMapper json) {
        this.connections = connections;
        this.mappings = mappings;
        this.producer = producer;
        this.json = json;
    }

    /**
     * @throws ConnectorNotConfiguredException when the organisation has no connection to the system
     */
    public SystemConnector connector(String orgId, ExternalSystem system) {
        return switch (system) {
            case WOOCOMMERCE -> {
                WooCommerceSettings settings = connections.wooCommerce(orgId)
                        .orElseThrow(() -> new ConnectorNotConfiguredException(orgId, system));
                yield connectors.computeIfAbsent(new Key(orgId, system, settings),
                        k -> new WooCommerceConnector(settings, mappings, producer,
                                OutboundChannel.of(orgId, system.id()), json));
            }
            case ODOO -> {
                OdooSettings settings = connections.odoo(orgId)
                        .orElseThrow(() -> new ConnectorNotConfiguredException(orgId, system));
                StockSettings stock = connections.stock(orgId);
                yield connectors.computeIfAbsent(new Key(orgId, system, List.of(settings, stock)),
                        k -> new OdooConnector(settings, mappings, producer, OutboundChannel.of(orgId, system.id()),
                                json, orgId, stock));
            }
        };
    }
}
