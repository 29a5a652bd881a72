package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.WooCommerceSettings;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.connector.mapping.MappingLoader;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A simulated shop on a loopback port and a plain Camel context to reach it, for connector tests. */
final class WooTestShop implements AutoCloseable {

    static final String KEY = "ck_4f1c2a9be07d5531";
    static final String SECRET = "cs_97aa0d3e1f6b2c48";
    static final MappingCatalog MAPPINGS = new MappingCatalog(MappingLoader.loadAll(Path.of("config/mappings")));

    final WooCommerceSimulator simulator;
    final DefaultCamelContext camel = new DefaultCamelContext();
    final ProducerTemplate producer;

    WooTestShop(long seed) {
        simulator = new WooCommerceSimulator(0, seed, KEY, SECRET).start();
        camel.start();
        producer = camel.createProducerTemplate();
    }

    WooCommerceConnector connector() {
        return connector(KEY, SECRET, HttpTimeouts.DEFAULTS);
    }

    WooCommerceConnector connector(String key, String secret, HttpTimeouts timeouts) {
        return connector(URI.create(simulator.baseUrl()), key, secret, timeouts);
    }

    WooCommerceConnector connector(URI baseUrl, String key, String secret, HttpTimeouts timeouts) {
        return new WooCommerceConnector(new WooCommerceSettings(baseUrl, key, secret, timeouts), MAPPINGS, producer,
                new ObjectMapper(), Clock.systemUTC(), Duration.ofMinutes(30));
    }

    long calls(String kind) {
        return simulator.stats().getOrDefault(kind, 0L);
    }

    @Override
    public void close() {
        camel.stop();
        simulator.close();
    }
}
