package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.AnswerLimits;
import com.wooodoo.sync.connector.ExternalText;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.LogCapture;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.ScriptedServer;
import com.wooodoo.sync.connector.ScriptedServer.Answer;
import com.wooodoo.sync.sandbox.odoo.OdooFixtures;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile answers: errors that echo the secret or carry line breaks (masked first, escaped, then
 * cut), bodies that trickle past the deadline, counts that claim more than there is, JSON nested
 * beyond the read limits.
 */
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

    @Test
    void aBodyDrippedPastTheDeadlineIsAbandonedAsATransientFailureNamingTheCall() {
        try (ScriptedServer server = new ScriptedServer(); Camel camel = new Camel()) {
            OdooConnector odoo = scripted(server, camel, new HttpTimeouts(5_000, 30_000, HttpTimeouts.DEFAULT_MAX_ANSWER_BYTES, 1_500));
            server.add(Answer.json(200, "12345678901234567890123456789012345678901234567890").dripped(Duration.ofMillis(200)));
            server.add(Answer.json(200, "0"));

            long started = System.nanoTime();
            ConnectorException failure = readFails(odoo);
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
            assertThat(failure.getMessage()).contains("Odoo's answer to res.partner.search_count")
                    .contains("did not arrive within 1500 ms");
            assertThat(tookMs).as("abandoned at the deadline, not when the body ended").isBetween(1_400L, 6_000L);
            assertThat(odoo.readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty()).total()).isZero();
        }
    }

    @Test
    void aCountOfATrillionWithTwoRealPagesEndsAtTheShortPage() {
        try (ScriptedServer server = new ScriptedServer(); Camel camel = new Camel()) {
            OdooConnector odoo = scripted(server, camel, HttpTimeouts.DEFAULTS);
            String trillion = "1000000000000";
            server.add(Answer.json(200, trillion)); // counted with the first page only
            server.add(Answer.json(200, partners(1, 5)));
            server.add(Answer.json(200, partners(6, 2)));

            RecordPage first = odoo.readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty());
            RecordPage second = odoo.readPage(EntityType.CUSTOMERS, 2, 5, Optional.empty());

            assertThat(first.records()).hasSize(5);
            assertThat(first.isLast()).isFalse();
            assertThat(first.totalPages()).as("the claim, capped, not overflowed").isEqualTo(Integer.MAX_VALUE);
            assertThat(second.records()).hasSize(2);
            assertThat(second.isLast()).as("fewer records than asked: the last page, whatever the count").isTrue();
            assertThat(second.total()).isEqualTo(7);
        }
    }

    @Test
    void aCountThatIsNotANonNegativeNumberFailsTheRead() {
        try (ScriptedServer server = new ScriptedServer(); Camel camel = new Camel()) {
            OdooConnector odoo = scripted(server, camel, HttpTimeouts.DEFAULTS);
            for (String count : List.of("-5", "\"many\"", "1.5", "null")) {
                server.add(Answer.json(200, count));
                ConnectorException failure = readFails(odoo);
                assertThat(failure.kind()).as(count).isEqualTo(FailureKind.PROTOCOL);
                assertThat(failure.getMessage()).as(count).contains("res.partner.search_count answered");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aDeeplyNestedAnswerIsRefusedByTheReadLimits(Protocol protocol) {
        try (ScriptedServer server = new ScriptedServer(); Camel camel = new Camel()) {
            OdooConnector odoo = scripted(server, camel, HttpTimeouts.DEFAULTS, protocol);
            if (protocol == Protocol.JSONRPC) {
                server.add(Answer.json(200, OdooNonJsonAnswersTest.LOGIN_OK));
            }
            String nested = "[".repeat(AnswerLimits.MAX_NESTING_DEPTH + 300) + "]".repeat(AnswerLimits.MAX_NESTING_DEPTH + 300);
            server.add(Answer.json(200, protocol == Protocol.JSONRPC ? "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":" + nested + "}" : nested));

            ConnectorException failure = readFails(odoo);

            assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
            assertThat(failure.getMessage()).contains("res.partner.search_count").contains("nesting depth");
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aHundredKilobyteErrorIsCutToABoundedMessageWithItsSecretMasked(Protocol protocol) {
        String secret = OdooRig.secret(protocol);
        inject(protocol, "odoo.exceptions.UserError", secret + " " + "y".repeat(50_000) + secret + "z".repeat(50_000) + secret);

        ConnectorException failure = readFails(rig.connector(protocol));

        assertThat(failure.getMessage().length()).as(failure.getMessage()).isLessThan(2 * ExternalText.MAX_CHARS);
        assertClean(failure.getMessage(), secret);
        assertThat(failure.getMessage()).contains("***");
    }

    /** Two partners' worth of search_read rows, ids from {@code firstId}. */
    private static String partners(int firstId, int count) {
        StringBuilder rows = new StringBuilder("[");
        for (int id = firstId; id < firstId + count; id++) {
            rows.append(id == firstId ? "" : ",").append("{\"id\":").append(id).append(",\"name\":\"P").append(id)
                    .append("\",\"email\":\"p").append(id).append("@example.com\",\"write_date\":\"2025-01-01 00:00:00\"}");
        }
        return rows.append("]").toString();
    }

    private static OdooConnector scripted(ScriptedServer server, Camel camel, HttpTimeouts timeouts) {
        return scripted(server, camel, timeouts, Protocol.JSON2);
    }

    private static OdooConnector scripted(ScriptedServer server, Camel camel, HttpTimeouts timeouts, Protocol protocol) {
        OdooSettings settings = new OdooSettings(server.baseUrl(), protocol, OdooFixtures.DATABASE,
                protocol == Protocol.JSONRPC ? OdooFixtures.LOGIN : null, OdooRig.secret(protocol), timeouts);
        return new OdooConnector(settings, OdooRig.MAPPINGS, camel.context.createProducerTemplate(), OdooRig.JSON);
    }

    /** A Camel context of a test's own, for a connector pointed at a scripted server. */
    private static final class Camel implements AutoCloseable {
        final DefaultCamelContext context = new DefaultCamelContext();

        Camel() {
            context.start();
        }

        @Override
        public void close() {
            context.stop();
        }
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
