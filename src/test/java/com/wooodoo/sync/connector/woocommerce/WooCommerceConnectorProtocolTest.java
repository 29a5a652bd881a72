package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.WooCommerceSettings;
import com.wooodoo.sync.connector.WriteOutcome;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Answers no real shop should give, from a scripted HTTP server on loopback: they must become
 * PROTOCOL failures, and a batch call failing after earlier ones succeeded must keep their outcomes.
 */
class WooCommerceConnectorProtocolTest {

    private record Scripted(int status, Map<String, String> headers, String body) {
    }

    private final ConcurrentLinkedQueue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<String> requests = new ArrayList<>();
    private HttpServer server;
    private DefaultCamelContext camel;
    private WooCommerceConnector connector;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            try (exchange) {
                synchronized (requests) {
                    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                }
                exchange.getRequestBody().readAllBytes();
                Scripted answer = script.poll();
                if (answer == null) {
                    answer = new Scripted(500, Map.of(), "script exhausted");
                }
                answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        });
        server.start();
        camel = new DefaultCamelContext();
        camel.start();
        ProducerTemplate producer = camel.createProducerTemplate();
        connector = new WooCommerceConnector(new WooCommerceSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "ck_x", "cs_y", HttpTimeouts.DEFAULTS), WooTestShop.MAPPINGS, producer, new ObjectMapper(), Clock.systemUTC(),
                Duration.ofMinutes(30));
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.stop(0);
    }

    @Test
    void aListWithoutPagingHeadersIsAProtocolFailure() {
        script.add(new Scripted(200, Map.of("Content-Type", "application/json"), "[]"));

        assertProtocol(() -> connector.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()), "X-WP-Total");
    }

    @Test
    void anHtmlPageInsteadOfJsonIsAProtocolFailure() {
        script.add(new Scripted(200, Map.of("Content-Type", "text/html"), "<html><body>Maintenance</body></html>"));

        assertProtocol(() -> connector.readPage(EntityType.PRODUCTS, 1, 10, Optional.empty()), "without a JSON body");
    }

    @Test
    void anObjectWhereAListBelongsIsAProtocolFailure() {
        script.add(new Scripted(200, Map.of("X-WP-Total", "1", "X-WP-TotalPages", "1"), "{\"id\":1}"));

        assertProtocol(() -> connector.readByIds(EntityType.ORDERS, List.of("1")), "expected a JSON list");
    }

    @Test
    void aBatchAnswerWithTheWrongNumberOfResultsIsAProtocolFailure() {
        script.add(new Scripted(200, Map.of(), "{\"create\":[{\"id\":5,\"email\":\"a@example.com\"}]}"));

        assertProtocol(() -> connector.create(EntityType.CUSTOMERS, List.of(
                WooCommerceConnectorWriteTest.customer("a@example.com", "A", "B"),
                WooCommerceConnectorWriteTest.customer("b@example.com", "C", "D"))), "expected 2 results");
    }

    @Test
    void whenALaterBatchCallFailsTheEarlierOutcomesAreKept() {
        StringBuilder written = new StringBuilder("{\"create\":[");
        for (int i = 0; i < 100; i++) {
            written.append(i == 0 ? "" : ",").append("{\"id\":").append(1000 + i).append(",\"email\":\"c").append(i).append("@example.com\"}");
        }
        script.add(new Scripted(200, Map.of(), written.append("]}").toString()));
        script.add(new Scripted(503, Map.of("Retry-After", "30"), "{\"code\":\"internal_server_error\",\"message\":\"Busy\",\"data\":{\"status\":503}}"));
        List<SyncRecord> records = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            records.add(WooCommerceConnectorWriteTest.customer("c" + i + "@example.com", "C", String.valueOf(i)));
        }

        List<WriteOutcome> outcomes = connector.create(EntityType.CUSTOMERS, records);

        assertThat(outcomes.subList(0, 100)).allMatch(WriteOutcome::succeeded);
        assertThat(outcomes.get(99).targetId()).contains("1099");
        assertThat(outcomes.subList(100, 150)).allSatisfy(o -> {
            assertThat(o.failure().orElseThrow().kind()).isEqualTo(FailureKind.TRANSIENT);
            assertThat(o.failure().orElseThrow().retryAfter()).contains(Duration.ofSeconds(30));
        });
        assertThat(requests).containsExactly("POST /wp-json/wc/v3/customers/batch", "POST /wp-json/wc/v3/customers/batch");
    }

    @Test
    void whenTheFirstBatchCallFailsNothingWasWrittenAndTheFailureIsThrown() {
        script.add(new Scripted(503, Map.of(), "{\"code\":\"internal_server_error\",\"message\":\"Busy\",\"data\":{\"status\":503}}"));

        assertThatThrownBy(() -> connector.create(EntityType.CUSTOMERS, List.of(WooCommerceConnectorWriteTest.customer("a@example.com", "A", "B"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT));
    }

    @Test
    void aRedirectIsAProtocolFailureNotFollowed() {
        script.add(new Scripted(301, Map.of("Location", "https://shop.example.com/wp-json/wc/v3/customers"), ""));

        assertProtocol(() -> connector.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()), "redirected");
        assertThat(requests).hasSize(1);
    }

    private static void assertProtocol(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
