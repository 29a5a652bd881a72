package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.connector.mapping.MappingLoader;
import com.wooodoo.sync.sandbox.odoo.OdooFixtures;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.odoo.RecordedRequest;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A simulated Odoo on a loopback port, a plain Camel context, and connectors to it built from
 * the project's mapping files. The simulator's clock stands still at {@link #NOW}.
 */
final class OdooRig implements AutoCloseable {

    static final Instant NOW = Instant.parse("2025-06-01T08:30:00Z");
    static final MappingCatalog MAPPINGS = new MappingCatalog(MappingLoader.loadAll(Path.of("config", "mappings")));
    static final ObjectMapper JSON = new ObjectMapper();

    final OdooSimulator odoo;
    private final DefaultCamelContext camel;
    final ProducerTemplate producer;

    OdooRig() {
        odoo = new OdooSimulator(0, 11, OdooFixtures.DATABASE, OdooFixtures.LOGIN, OdooFixtures.PASSWORD,
                OdooFixtures.API_KEY).start();
        odoo.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        camel = new DefaultCamelContext();
        camel.start();
        producer = camel.createProducerTemplate();
    }

    OdooConnector connector(Protocol protocol) {
        return connector(protocol, secret(protocol), HttpTimeouts.DEFAULTS);
    }

    OdooConnector connector(Protocol protocol, String secret, HttpTimeouts timeouts) {
        return connector(protocol, secret, timeouts, MAPPINGS);
    }

    OdooConnector connector(Protocol protocol, String secret, HttpTimeouts timeouts, MappingCatalog mappings) {
        OdooSettings settings = new OdooSettings(URI.create(odoo.baseUrl()), protocol, OdooFixtures.DATABASE,
                protocol == Protocol.JSONRPC ? OdooFixtures.LOGIN : null, secret, timeouts);
        return new OdooConnector(settings, mappings, producer, JSON);
    }

    static String secret(Protocol protocol) {
        return protocol == Protocol.JSONRPC ? OdooFixtures.PASSWORD : OdooFixtures.API_KEY;
    }

    /** How the simulator counts a method call over this protocol. */
    static String kind(Protocol protocol, String model, String method) {
        return protocol == Protocol.JSONRPC ? "execute_kw " + model + "." + method : "json2 " + model + "/" + method;
    }

    long calls(String kind) {
        return odoo.stats().getOrDefault(kind, 0L);
    }

    long calls(Protocol protocol, String model, String method) {
        return calls(kind(protocol, model, method));
    }

    /** The requests of one kind, oldest first. */
    List<RecordedRequest> requests(String kind) {
        return odoo.requests().stream().filter(r -> r.callKind().equals(kind)).toList();
    }

    /** The named arguments of a recorded call, whatever the protocol: JSON-2's body, or execute_kw's args and kwargs. */
    static JsonNode namedArgs(RecordedRequest request, List<String> positionalNames) {
        if (request.path().startsWith("/json/2/")) {
            return request.body();
        }
        JsonNode args = request.body().path("params").path("args");
        com.fasterxml.jackson.databind.node.ObjectNode named = JSON.createObjectNode();
        for (int i = 0; i < positionalNames.size() && i < args.path(5).size(); i++) {
            named.set(positionalNames.get(i), args.path(5).get(i));
        }
        args.path(6).fields().forEachRemaining(e -> named.set(e.getKey(), e.getValue()));
        return named;
    }

    List<String> endpointUris() {
        return camel.getEndpoints().stream().map(Endpoint::getEndpointUri).toList();
    }

    @Override
    public void close() {
        camel.stop();
        odoo.close();
    }
}
