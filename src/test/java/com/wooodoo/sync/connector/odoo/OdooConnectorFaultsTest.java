package com.wooodoo.sync.connector.odoo;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.sandbox.odoo.OdooFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes wrong between the connector and Odoo, and how it is reported. */
class OdooConnectorFaultsTest {

    private OdooRig rig;

    @BeforeEach
    void start() {
        rig = new OdooRig();
        rig.odoo.seed(EntityType.CUSTOMERS, 10);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aDownOdooIsTransient(Protocol protocol) {
        rig.odoo.setFaults(Faults.NONE.withDown(true));

        ConnectorException failure = readFails(rig.connector(protocol));

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.httpStatus()).isEqualTo(503);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aServerErrorIsTransientAndATransientLoginFailureIsNotRemembered(Protocol protocol) {
        rig.odoo.setFaults(Faults.NONE.withServerErrorShare(1.0));
        OdooConnector odoo = rig.connector(protocol);

        ConnectorException failure = readFails(odoo);

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).contains("psycopg2.OperationalError");
        assertThat(failure.httpStatus()).isEqualTo(protocol == Protocol.JSON2 ? 500 : 0);
        rig.odoo.setFaults(Faults.NONE);
        assertThat(odoo.readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty()).total()).isEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @Timeout(10)
    void tooManyRequestsIsTransientWithRetryAfterAndNotRetriedBehindThePipelinesBack(Protocol protocol) {
        rig.odoo.setFaults(Faults.NONE.withRateLimit(1.0, 30));

        ConnectorException failure = readFails(rig.connector(protocol));

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.httpStatus()).isEqualTo(429);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    @Timeout(10)
    void anAnswerSlowerThanTheReadTimeoutIsTransient(Protocol protocol) {
        rig.odoo.setFaults(Faults.NONE.withTimeouts(1.0, 5_000));
        OdooConnector odoo = rig.connector(protocol, OdooRig.secret(protocol), new HttpTimeouts(1_000, 300));

        ConnectorException failure = readFails(odoo);

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.httpStatus()).isZero();
        assertThat(failure.getCause()).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aRefusedConnectionIsTransient(Protocol protocol) {
        OdooConnector odoo = rig.connector(protocol);
        rig.odoo.close();

        ConnectorException failure = readFails(odoo);

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.getCause()).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void answersThatAreNotOdoosAreClassifiedByStatus(Protocol protocol) {
        String kind = OdooRig.kind(protocol, "res.partner", "search_count");
        OdooConnector odoo = rig.connector(protocol);
        rig.odoo.injectAnswer(kind, 502, OdooRig.JSON.createObjectNode().put("message", "bad gateway"));
        rig.odoo.injectAnswer(kind, 200, OdooRig.JSON.getNodeFactory().textNode("<html>maintenance</html>"));
        rig.odoo.injectAnswer(kind, 302, OdooRig.JSON.createObjectNode());

        assertThat(readFails(odoo).kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(readFails(odoo).kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(readFails(odoo).kind()).isEqualTo(FailureKind.PROTOCOL);
    }

    @Test
    void jsonRpcNotFoundIsAProtocolFailure() {
        rig.odoo.injectAnswer("execute_kw res.partner.search_count", 404, OdooRig.JSON.createObjectNode());

        ConnectorException failure = readFails(rig.connector(Protocol.JSONRPC));

        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(failure.httpStatus()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void credentialsAreNeitherInEndpointUrisNorInMessages(Protocol protocol) {
        String secret = OdooRig.secret(protocol);
        String kind = OdooRig.kind(protocol, "res.partner", "search_count");
        OdooConnector odoo = rig.connector(protocol);
        rig.odoo.injectAnswer(kind, 500, OdooRig.JSON.createObjectNode().put("name", "odoo.exceptions.UserError")
                .put("message", "bad args ['" + OdooFixtures.DATABASE + "', 2, '" + secret + "']"));
        rig.odoo.injectAnswer(kind, 200, OdooRig.JSON.createObjectNode().put("jsonrpc", "2.0")
                .set("error", OdooRig.JSON.createObjectNode().put("code", 200).set("data", OdooRig.JSON.createObjectNode()
                        .put("name", "builtins.TypeError").put("message", "execute_kw() got " + secret))));

        ConnectorException first = readFails(odoo);
        ConnectorException second = protocol == Protocol.JSONRPC ? readFails(odoo) : null;

        assertThat(first.getMessage()).doesNotContain(secret).contains("***");
        if (second != null) {
            assertThat(second.getMessage()).doesNotContain(secret).contains("***");
        }
        assertThat(odoo.endpointUri()).doesNotContain(secret);
        assertThat(rig.endpointUris()).isNotEmpty().allSatisfy(uri -> assertThat(uri).doesNotContain(secret));
    }

    private static ConnectorException readFails(OdooConnector odoo) {
        try {
            odoo.readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty());
        } catch (ConnectorException e) {
            return e;
        }
        throw new AssertionError("the read should have failed");
    }

}
