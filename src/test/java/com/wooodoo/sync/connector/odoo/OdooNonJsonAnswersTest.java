package com.wooodoo.sync.connector.odoo;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.connector.ScriptedServer;
import com.wooodoo.sync.connector.ScriptedServer.Answer;
import com.wooodoo.sync.sandbox.odoo.OdooFixtures;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** HTML pages of proxies and firewalls in front of Odoo, from a scripted loopback server. */
class OdooNonJsonAnswersTest {

    static final String LOGIN_OK = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":2}";
    static final String COUNT_OK = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":0}";

    ScriptedServer server;
    DefaultCamelContext camel;

    @BeforeEach
    void start() {
        server = new ScriptedServer();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.close();
    }

    OdooConnector connector(Protocol protocol) {
        OdooSettings settings = new OdooSettings(server.baseUrl(), protocol, OdooFixtures.DATABASE,
                protocol == Protocol.JSONRPC ? OdooFixtures.LOGIN : null, OdooRig.secret(protocol), HttpTimeouts.DEFAULTS);
        return new OdooConnector(settings, OdooRig.MAPPINGS, camel.createProducerTemplate(), OdooRig.JSON);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aChallengePageOn403Or401IsTransientAndTheCredentialsAreNotRemembered(Protocol protocol) {
        OdooConnector odoo = connector(protocol);
        if (protocol == Protocol.JSONRPC) {
            server.add(Answer.json(200, LOGIN_OK));
        }
        server.add(Answer.html(403, "<!DOCTYPE html><html><title>Just a moment...</title><body>challenge</body></html>"));
        server.add(Answer.html(401, "<html><body>401 Authorization Required</body></html>"));
        server.add(Answer.json(200, protocol == Protocol.JSONRPC ? COUNT_OK : "0"));

        ConnectorException challenge = readFails(odoo);
        ConnectorException proxyAuth = readFails(odoo);

        assertThat(challenge.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(challenge.httpStatus()).isEqualTo(403);
        assertThat(challenge.getMessage()).contains("challenge");
        assertThat(proxyAuth.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(odoo.readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty()).total()).isZero();
    }

    @Test
    void aLoginAnsweredByAChallengePageIsTransientAndTriedAgain() {
        OdooConnector odoo = connector(Protocol.JSONRPC);
        server.add(Answer.html(403, "<html><title>Attention Required!</title></html>"));
        server.add(Answer.json(200, LOGIN_OK));
        server.add(Answer.json(200, COUNT_OK));

        assertThat(readFails(odoo).kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(odoo.readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty()).total()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anHtml400PageIsAProtocolFailureOfTheCallNotOfTheRecords(Protocol protocol) {
        OdooConnector odoo = connector(protocol);
        if (protocol == Protocol.JSONRPC) {
            server.add(Answer.json(200, LOGIN_OK));
        }
        server.add(Answer.html(400, "<html><body><h1>400 Bad Request</h1>Request blocked by the firewall</body></html>"));

        ConnectorException failure = readFails(odoo);

        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(OdooFailures.concernsRecords(failure)).isFalse();
        assertThat(failure.getMessage()).contains("HTTP 400");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anHtml5xxPageIsTransient(Protocol protocol) {
        OdooConnector odoo = connector(protocol);
        if (protocol == Protocol.JSONRPC) {
            server.add(Answer.json(200, LOGIN_OK));
        }
        server.add(Answer.html(502, "<html><body>502 Bad Gateway</body></html>"));

        assertThat(readFails(odoo).kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anAnswerLargerThanTheCapFailsNamingTheSystemAndTheCall(Protocol protocol) {
        OdooSettings settings = new OdooSettings(server.baseUrl(), protocol, OdooFixtures.DATABASE,
                protocol == Protocol.JSONRPC ? OdooFixtures.LOGIN : null, OdooRig.secret(protocol),
                new HttpTimeouts(5_000, 30_000, 1_000_000));
        OdooConnector odoo = new OdooConnector(settings, OdooRig.MAPPINGS, camel.createProducerTemplate(), OdooRig.JSON);
        if (protocol == Protocol.JSONRPC) {
            server.add(Answer.json(200, LOGIN_OK));
        }
        server.add(Answer.json(200, "xxxxxxxxxx").repeated(200_000).chunked());

        ConnectorException failure = readFails(odoo);

        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(failure.getMessage()).contains("res.partner.search_count").contains("Odoo").contains("1000000 bytes");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aDeeplyNestedAnswerIsRefusedByTheReadLimits(Protocol protocol) {
        OdooConnector odoo = connector(protocol);
        if (protocol == Protocol.JSONRPC) {
            server.add(Answer.json(200, LOGIN_OK));
        }
        String nested = "[".repeat(500) + "]".repeat(500);
        server.add(Answer.json(200, protocol == Protocol.JSONRPC ? "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":" + nested + "}" : nested));

        ConnectorException failure = readFails(odoo);

        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(failure.getMessage()).contains("res.partner.search_count").contains("nesting depth");
    }

    static ConnectorException readFails(OdooConnector odoo) {
        try {
            odoo.readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty());
        } catch (ConnectorException e) {
            return e;
        }
        throw new AssertionError("the read should have failed");
    }
}
