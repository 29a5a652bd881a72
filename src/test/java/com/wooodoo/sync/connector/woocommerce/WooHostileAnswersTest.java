package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalText;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.LogCapture;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.ScriptedServer;
import com.wooodoo.sync.connector.ScriptedServer.Answer;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.WooCommerceSettings;
import com.wooodoo.sync.outbound.OutboundChannel;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Answers a hostile or misconfigured shop (or a proxy in front of it) may give, from a scripted loopback server. */
class WooHostileAnswersTest {

    private static final String KEY = "ck_live_0123456789abcdef";
    private static final String SECRET = "cs_live_fedcba9876543210";
    private static final String BASIC = ExternalText.basicCredential(KEY, SECRET);

    private ScriptedServer server;
    private DefaultCamelContext camel;
    private WooCommerceConnector connector;

    @BeforeEach
    void start() {
        server = new ScriptedServer();
        camel = new DefaultCamelContext();
        camel.start();
        connector = new WooCommerceConnector(new WooCommerceSettings(server.baseUrl(), KEY, SECRET, HttpTimeouts.DEFAULTS),
                WooTestShop.MAPPINGS, camel.createProducerTemplate(), new ObjectMapper(), Clock.systemUTC(), Duration.ofMinutes(30));
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.close();
    }

    @Test
    void echoedSecretsAndInjectedLineBreaksReachNeitherTheMessageNorTheLog() {
        String hostile = "bad request from " + KEY + " / " + SECRET + " Authorization: Basic " + BASIC
                + "\r\n2025-01-01T00:00:00Z ERROR --- forged log line";
        server.add(Answer.json(400, "{\"code\":\"rest_invalid_param\",\"message\":" + json(hostile) + ",\"data\":{\"status\":400}}"));

        ConnectorException failure;
        try (LogCapture log = new LogCapture(WooCommerceHttp.class)) {
            failure = readFails();
            assertThat(log.lines()).isNotEmpty().allSatisfy(line -> assertClean(line));
            assertThat(String.join("|", log.lines())).contains("***").contains("\\r\\n");
        }
        assertClean(failure.getMessage());
        assertThat(failure.getMessage()).contains("***").contains("\\r\\n2025-01-01");
    }

    @Test
    void aSecretAtTheEndOfAVeryLongMessageIsMaskedNotCutInHalf() {
        server.add(Answer.json(400, "{\"code\":\"rest_invalid_param\",\"message\":\"" + "x".repeat(990) + SECRET
                + "\",\"data\":{\"status\":400}}"));

        ConnectorException failure = readFails();

        assertThat(failure.getMessage()).doesNotContain(SECRET.substring(0, 8)).contains("***");
    }

    @Test
    void aBatchItemErrorOfAnotherShapeIsQuotedMasked() {
        assertThat(connector).isNotNull();
        WooErrors errors = new WooErrors(Clock.systemUTC(), KEY, SECRET);
        ConnectorException failure = errors.ofItem(new ObjectMapper().createObjectNode()
                .put("odd", "y".repeat(190) + BASIC + "\n"), null);

        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(failure.getMessage()).doesNotContain(BASIC.substring(0, 8)).doesNotContain("\n");
    }

    @Test
    void aChallengePageOn403Or401IsTransientNotAnAuthenticationFailure() {
        server.add(Answer.html(403, "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
                + "<body>Checking your browser before accessing the shop.</body></html>").with("cf-mitigated", "challenge"));
        server.add(Answer.html(401, "<html><body>401 Authorization Required</body></html>"));

        ConnectorException challenge = readFails();
        ConnectorException basicAuthProxy = readFails();

        assertThat(challenge.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(challenge.httpStatus()).isEqualTo(403);
        assertThat(challenge.getMessage()).contains("challenge").contains("Just a moment");
        assertThat(basicAuthProxy.kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void theShopsOwnAuthenticationErrorIsStillAnAuthenticationFailure() {
        server.add(Answer.json(401, "{\"code\":\"woocommerce_rest_authentication_error\",\"message\":\"Invalid signature\","
                + "\"data\":{\"status\":401}}"));
        server.add(Answer.json(403, "{\"code\":\"woocommerce_rest_cannot_view\",\"message\":\"Sorry, you cannot list resources.\","
                + "\"data\":{\"status\":403}}"));

        assertThat(readFails().kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(readFails().kind()).isEqualTo(FailureKind.AUTHENTICATION);
    }

    @Test
    void anHtml5xxPageIsTransient() {
        server.add(Answer.html(503, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>").with("Retry-After", "12"));

        ConnectorException failure = readFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void anHtml400PageIsAProtocolFailureOfTheCallNotAValidationErrorOfTheRecords() {
        server.add(Answer.html(400, "<html><body><h1>Request blocked</h1>ModSecurity rule 942100</body></html>"));

        assertThatThrownBy(() -> connector.create(EntityType.CUSTOMERS, List.of(
                WooCommerceConnectorWriteTest.customer("a@example.com", "A", "B"),
                WooCommerceConnectorWriteTest.customer("b@example.com", "C", "D"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
                    assertThat(e.getMessage()).contains("HTTP 400").contains("Request blocked");
                });
    }

    @Test
    void theDefaultAnswerCapIs32MegabytesAndTheDeadlineTwoMinutes() {
        assertThat(HttpTimeouts.DEFAULTS.maxAnswerBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(HttpTimeouts.DEFAULTS.answerDeadlineMs()).isEqualTo(120_000);
        assertThat(WooCommerceHttp.endpointUri(new WooCommerceSettings(server.baseUrl(), KEY, SECRET, HttpTimeouts.DEFAULTS)))
                .contains("WooHttpClientConfigurer(33554432,120000)");
    }

    @Test
    void aBodyDrippedPastTheDeadlineIsAbandonedAsATransientFailureNamingTheCallAndPage() {
        WooCommerceConnector hurried = withTimeouts(new HttpTimeouts(5_000, 30_000, HttpTimeouts.DEFAULT_MAX_ANSWER_BYTES, 1_500));
        // about 80 bytes, one every 150 ms: 12 s in all, never 30 s without a byte
        server.add(Answer.json(200, "[" + "{\"id\":1,\"email\":\"a@example.com\"},".repeat(2) + "{}]".repeat(1))
                .with("X-WP-Total", "3").with("X-WP-TotalPages", "1").dripped(Duration.ofMillis(150)));
        server.add(Answer.json(200, "[]").with("X-WP-Total", "0").with("X-WP-TotalPages", "0"));

        long started = System.nanoTime();
        assertThatThrownBy(() -> hurried.readPage(EntityType.CUSTOMERS, 3, 10, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.getMessage()).contains("WooCommerce's answer to GET customers page 3 did not arrive within 1500 ms");
                });
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMs).as("abandoned at the deadline, not when the body ended").isBetween(1_400L, 6_000L);
        assertThat(hurried.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()).records())
                .as("the next call has a connection of its own").isEmpty();
    }

    @Test
    void headersHeldPastTheDeadlineAreAbandonedToo() {
        WooCommerceConnector hurried = withTimeouts(new HttpTimeouts(5_000, 30_000, HttpTimeouts.DEFAULT_MAX_ANSWER_BYTES, 1_500));
        server.add(Answer.json(200, "[]").with("X-WP-Total", "0").with("X-WP-TotalPages", "0").headersAfter(Duration.ofSeconds(10)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> hurried.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.getMessage()).contains("WooCommerce's answer to GET customers page 1 did not arrive within 1500 ms");
                });
        assertThat((System.nanoTime() - started) / 1_000_000).as("shut at the deadline, not at the read timeout").isBetween(1_400L, 6_000L);
    }

    @Test
    void aBillionClaimedPagesEndAtTheFirstShortPage() {
        Answer full = Answer.json(200, "[" + String.join(",", java.util.Collections.nCopies(10, "{\"id\":1,\"email\":\"a@example.com\"}")) + "]")
                .with("X-WP-Total", "100000000000").with("X-WP-TotalPages", "1000000000");
        server.add(full);
        server.add(Answer.json(200, "[{\"id\":2,\"email\":\"b@example.com\"}]")
                .with("X-WP-Total", "100000000000").with("X-WP-TotalPages", "1000000000"));

        RecordPage first = connector.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty());
        RecordPage second = connector.readPage(EntityType.CUSTOMERS, 2, 10, Optional.empty());

        assertThat(first.isLast()).isFalse();
        assertThat(first.totalPages()).as("a full page: the claim stands, until a short page").isEqualTo(1_000_000_000);
        assertThat(second.isLast()).as("fewer records than asked: the last page, whatever the header").isTrue();
        assertThat(second.total()).as("what the pages held").isEqualTo(11);
    }

    @Test
    void aListReadToTheEndStopsAtTheFirstShortPageWhateverTheHeaderClaims() {
        String hundred = "[" + String.join(",", java.util.Collections.nCopies(100, "{\"id\":1}")) + "]";
        server.add(Answer.json(200, hundred).with("X-WP-TotalPages", "1000000000"));
        server.add(Answer.json(200, hundred).with("X-WP-TotalPages", "1000000000"));
        server.add(Answer.json(200, "[]").with("X-WP-TotalPages", "1000000000"));
        WooCommerceHttp http = new WooCommerceHttp(new WooCommerceSettings(server.baseUrl(), KEY, SECRET, HttpTimeouts.DEFAULTS),
                camel.createProducerTemplate(), OutboundChannel.straight(), new ObjectMapper(), Clock.systemUTC());

        assertThat(http.getAll("products", WooQuery.of("sku", "A"))).hasSize(200);
        assertThat(server.queries()).hasSize(3).allSatisfy(q -> assertThat(q).contains("per_page=100"));
    }

    @Test
    void theScanOfTheShopsEmailsEndsAtTheFirstShortPageWhateverTheHeaderClaims() {
        server.add(Answer.json(200, customers(1, 100)).with("X-WP-Total", "100000000000").with("X-WP-TotalPages", "1000000000"));
        server.add(Answer.json(200, customers(101, 5)).with("X-WP-Total", "100000000000").with("X-WP-TotalPages", "1000000000"));
        server.add(Answer.json(200, customers(103, 1)).with("X-WP-Total", "1").with("X-WP-TotalPages", "1"));

        List<SyncRecord> found = connector.findByNaturalKeys(EntityType.CUSTOMERS,
                List.of("c103@example.com", "nobody@example.com", "nobody-else@example.com"));

        assertThat(found).extracting(SyncRecord::id).containsExactly("103");
        assertThat(server.queries()).as("two pages of the scan, then the customer found").hasSize(3);
        assertThat(server.queries().get(2)).contains("include=103");
    }

    /** Customers as the shop lists them, ids from {@code firstId}, e-mails c<id>@example.com. */
    private static String customers(int firstId, int count) {
        List<String> rows = new java.util.ArrayList<>();
        for (int id = firstId; id < firstId + count; id++) {
            rows.add("{\"id\":" + id + ",\"email\":\"c" + id + "@example.com\"}");
        }
        return "[" + String.join(",", rows) + "]";
    }

    @Test
    void aPageCountThatIsNotANonNegativeNumberFailsTheRead() {
        for (String claim : List.of("-1", "many", "1e9", "")) {
            server.add(Answer.json(200, "[]").with("X-WP-Total", "0").with("X-WP-TotalPages", claim));
            ConnectorException failure = readFails();
            assertThat(failure.kind()).as(claim).isEqualTo(FailureKind.PROTOCOL);
            assertThat(failure.getMessage()).as(claim).contains("GET customers").contains("no valid X-WP-TotalPages header");
        }
    }

    @Test
    void aHundredKilobyteErrorIsCutToABoundedMessageWithItsSecretsMasked() {
        String text = "y".repeat(50_000) + SECRET + "z".repeat(50_000) + KEY;
        server.add(Answer.json(400, "{\"code\":\"rest_invalid_param\",\"message\":\"" + SECRET + " " + text
                + "\",\"data\":{\"status\":400}}"));
        server.add(Answer.html(502, "<html><body>" + SECRET + "x".repeat(100_000) + "</body></html>"));

        for (ConnectorException failure : List.of(readFails(), readFails())) {
            assertThat(failure.getMessage().length()).as(failure.getMessage()).isLessThan(2 * ExternalText.MAX_CHARS);
            assertClean(failure.getMessage());
        }
    }

    @Test
    void anAnswerLargerThanTheCapFailsNamingTheSystemAndTheCall() {
        WooCommerceConnector capped = new WooCommerceConnector(new WooCommerceSettings(server.baseUrl(), KEY, SECRET,
                new HttpTimeouts(5_000, 30_000, 1_000_000)), WooTestShop.MAPPINGS, camel.createProducerTemplate(),
                new ObjectMapper(), Clock.systemUTC(), Duration.ofMinutes(30));
        Answer list = Answer.json(200, "{\"id\":1,\"email\":\"a@example.com\"},").with("X-WP-Total", "1")
                .with("X-WP-TotalPages", "1");
        server.add(list.repeated(100_000));
        server.add(list.repeated(100_000).chunked());

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> capped.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
                        assertThat(e.getMessage()).contains("GET customers").contains("WooCommerce").contains("1000000 bytes");
                    });
        }
    }

    @Test
    void aDeeplyNestedAnswerIsRefusedByTheReadLimits() {
        server.add(Answer.json(200, "[".repeat(500) + "]".repeat(500)).with("X-WP-Total", "1").with("X-WP-TotalPages", "1"));

        ConnectorException failure = readFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(failure.getMessage()).contains("GET customers").contains("nesting depth");
    }

    private WooCommerceConnector withTimeouts(HttpTimeouts timeouts) {
        return new WooCommerceConnector(new WooCommerceSettings(server.baseUrl(), KEY, SECRET, timeouts), WooTestShop.MAPPINGS,
                camel.createProducerTemplate(), new ObjectMapper(), Clock.systemUTC(), Duration.ofMinutes(30));
    }

    static void assertClean(String text) {
        assertThat(text).doesNotContain(KEY).doesNotContain(SECRET).doesNotContain(BASIC).doesNotContain("\r").doesNotContain("\n");
    }

    ConnectorException readFails() {
        try {
            connector.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty());
        } catch (ConnectorException e) {
            return e;
        }
        throw new AssertionError("the read should have failed");
    }

    static String json(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
