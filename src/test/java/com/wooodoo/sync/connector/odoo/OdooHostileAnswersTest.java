package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.LogCapture;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Error answers that echo the secret or carry line breaks: masked first, escaped, then cut. */
class OdooHostileAnswersTest {

    private OdooRig rig;

    @BeforeEach
    void start() {
        rig = new OdooRig();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void echoedSecretsAndInjectedLineBreaksReachNeitherTheMessageNorTheLog(Protocol protocol) {
        String secret = OdooRig.secret(protocol);
        String message = "bad args " + secret + "\r\n2025-01-01 ERROR forged line";
        inject(protocol, "odoo.exceptions.UserError\r\nforged", message);

        ConnectorException failure;
        try (LogCapture log = new LogCapture(OdooFailures.class)) {
            failure = readFails(rig.connector(protocol));
            assertThat(log.lines()).isNotEmpty().allSatisfy(line -> assertClean(line, secret));
        }
        assertClean(failure.getMessage(), secret);
        assertThat(failure.getMessage()).contains("***").contains("\\r\\n2025-01-01");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aSecretWhereTheMessageIsCutIsMaskedNotCutInHalf(Protocol protocol) {
        String secret = OdooRig.secret(protocol);
        inject(protocol, "odoo.exceptions.UserError", "x".repeat(960) + secret + " and more");

        ConnectorException failure = readFails(rig.connector(protocol));

        assertThat(failure.getMessage()).doesNotContain(secret.substring(0, 10)).contains("***");
    }

    private void inject(Protocol protocol, String name, String message) {
        String kind = OdooRig.kind(protocol, "res.partner", "search_count");
        if (protocol == Protocol.JSON2) {
            rig.odoo.injectAnswer(kind, 422, OdooRig.JSON.createObjectNode().put("name", name).put("message", message));
        } else {
            ObjectNode answer = OdooRig.JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.putObject("error").put("code", 200).put("message", "Odoo Server Error")
                    .putObject("data").put("name", name).put("message", message);
            rig.odoo.injectAnswer(kind, 200, answer);
        }
    }

    private static void assertClean(String text, String secret) {
        assertThat(text).doesNotContain(secret).doesNotContain("\r").doesNotContain("\n");
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
