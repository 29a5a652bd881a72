package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.WooCommerceSettings;
import org.apache.camel.impl.DefaultCamelContext;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Category answers no real shop should give, from a scripted HTTP server on loopback (the
 * simulator refuses to hold such a tree): each is a PROTOCOL failure naming the call and what is
 * wrong, never a wrong path.
 */
class WooCategoryTreeProtocolTest {

    private static final String CLOTHING = "{\"id\":9,\"name\":\"Clothing\",\"slug\":\"clothing\",\"parent\":0}";

    /** The body answered per API path (without {@code /wp-json/wc/v3/}). */
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final AtomicInteger treeReads = new AtomicInteger();
    private HttpServer server;
    private DefaultCamelContext camel;
    private WooCommerceConnector connector;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath().replaceFirst("^/wp-json/wc/v3/", "");
                if (path.equals(WooCategoryTree.RESOURCE)) {
                    treeReads.incrementAndGet();
                }
                byte[] bytes = bodies.getOrDefault(path, "[]").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("X-WP-Total", "1");
                exchange.getResponseHeaders().set("X-WP-TotalPages", "1");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        camel = new DefaultCamelContext();
        camel.start();
        connector = new WooCommerceConnector(new WooCommerceSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "ck_x", "cs_y", HttpTimeouts.DEFAULTS), WooTestShop.MAPPINGS, camel.createProducerTemplate(), new ObjectMapper(),
                Clock.systemUTC(), Duration.ofMinutes(30));
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.stop(0);
    }

    @Test
    void aTreeThatIsNoListIsAProtocolFailure() {
        productIn(9);
        bodies.put(WooCategoryTree.RESOURCE, "{\"categories\":[" + CLOTHING + "]}");

        assertThat(readFails()).contains("GET products/categories").contains("expected a JSON list");
    }

    @Test
    void aCategoryWhoseParentIsNotListedIsAProtocolFailure() {
        productIn(14);
        bodies.put(WooCategoryTree.RESOURCE, "[" + CLOTHING + ",{\"id\":14,\"name\":\"T-shirts\",\"slug\":\"t-shirts\",\"parent\":77}]");

        assertThat(readFails()).contains("GET products/categories").contains("category 14 'T-shirts' has parent 77, which is not in the list")
                .contains("Products → Categories");
    }

    @Test
    void parentsInACycleAreAProtocolFailure() {
        productIn(14);
        bodies.put(WooCategoryTree.RESOURCE, "[{\"id\":14,\"name\":\"T-shirts\",\"slug\":\"t-shirts\",\"parent\":15},"
                + "{\"id\":15,\"name\":\"Tops\",\"slug\":\"tops\",\"parent\":14}]");

        assertThat(readFails()).contains("GET products/categories").contains("form a cycle");
    }

    @Test
    void aCategoryWithoutIdOrParentIsAProtocolFailure() {
        productIn(9);
        bodies.put(WooCategoryTree.RESOURCE, "[{\"id\":9,\"name\":\"Clothing\",\"slug\":\"clothing\",\"parent\":\"none\"}]");
        assertThat(readFails()).contains("GET products/categories").contains("no numeric parent");

        bodies.put(WooCategoryTree.RESOURCE, "[{\"name\":\"Clothing\",\"slug\":\"clothing\",\"parent\":0}]");
        assertThat(readFails()).contains("without a positive numeric id");
    }

    @Test
    void aProductsCategoriesThatAreNoListAreAProtocolFailure() {
        bodies.put("products", "[{\"id\":1,\"sku\":\"P-1\",\"name\":\"P\",\"categories\":\"Clothing\"}]");

        assertThat(readFails()).contains("products 1 field categories is not a list of categories");
        assertThat(treeReads).hasValue(0);
    }

    @Test
    void aCategoryTheTreeDoesNotHoldEvenAfterReadingItAgainIsAProtocolFailure() {
        productIn(42);
        bodies.put(WooCategoryTree.RESOURCE, "[" + CLOTHING + "]");

        assertThat(readFails()).contains("category 42 is not in the list of categories");
        assertThat(treeReads).as("read once, not per record").hasValue(1);
    }

    private void productIn(long category) {
        bodies.put("products", "[{\"id\":1,\"sku\":\"P-1\",\"name\":\"P\",\"categories\":[{\"id\":" + category
                + ",\"name\":\"C\",\"slug\":\"c\"}]}]");
    }

    private String readFails() {
        ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                () -> connector.readPage(EntityType.PRODUCTS, 1, 10, Optional.empty()));
        assertThat(failure).as("a failure").isNotNull();
        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
        return failure.getMessage();
    }
}
