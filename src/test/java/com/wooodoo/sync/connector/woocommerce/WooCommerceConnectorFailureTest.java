package com.wooodoo.sync.connector.woocommerce;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.WooCommerceSettings;
import com.wooodoo.sync.sandbox.Faults;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Whole-call failures: authentication, overload, timeouts, refused connections, wrong addresses. */
class WooCommerceConnectorFailureTest {

    private WooTestShop shop;

    @BeforeEach
    void start() {
        shop = new WooTestShop(5);
        shop.simulator.seed(EntityType.CUSTOMERS, 3);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void aWrongSecretIsAnAuthenticationFailureThatNamesNoCredentials() {
        ConnectorException failure = failure(() -> shop.connector(WooTestShop.KEY, "cs_wrong_secret_value", HttpTimeouts.DEFAULTS)
                .readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(failure.code()).contains("woocommerce_rest_authentication_error");
        assertThat(failure.httpStatus()).isEqualTo(401);
        assertThat(failure.getMessage()).doesNotContain(WooTestShop.KEY).doesNotContain("cs_wrong_secret_value");
    }

    @Test
    void anUnknownKeyAndAnInjectedAuthFailureAreAuthenticationFailures() {
        ConnectorException unknownKey = failure(() -> shop.connector("ck_unknown", WooTestShop.SECRET, HttpTimeouts.DEFAULTS)
                .readByIds(EntityType.CUSTOMERS, List.of("2")));
        shop.simulator.setFaults(Faults.NONE.withAuthFailure(true));
        ConnectorException injected = failure(() -> shop.connector().create(EntityType.CUSTOMERS,
                List.of(WooCommerceConnectorWriteTest.customer("a@example.com", "A", "B"))));

        assertThat(unknownKey.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(unknownKey.code()).contains("woocommerce_rest_cannot_view");
        assertThat(injected.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(injected.getMessage()).doesNotContain(WooTestShop.SECRET);
    }

    @Test
    void tooManyRequestsIsTransientWithTheAskedWait() {
        shop.simulator.setFaults(Faults.NONE.withRateLimit(1.0, 7));

        long started = System.nanoTime();
        ConnectorException failure = failure(() -> shop.connector().readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.httpStatus()).isEqualTo(429);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(elapsedMs).as("the HTTP client must not wait out Retry-After by itself").isLessThan(5_000);
    }

    @Test
    void unavailableIsTransient() {
        shop.simulator.setFaults(Faults.NONE.withServerErrorShare(1.0));
        ConnectorException serverError = failure(() -> shop.connector().findByNaturalKeys(EntityType.CUSTOMERS, List.of("a@example.com")));
        shop.simulator.setFaults(Faults.NONE.withDown(true));
        ConnectorException down = failure(() -> shop.connector().create(EntityType.CUSTOMERS,
                List.of(WooCommerceConnectorWriteTest.customer("a@example.com", "A", "B"))));

        assertThat(serverError.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(serverError.httpStatus()).isEqualTo(503);
        assertThat(down.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(down.retryAfter()).isEmpty();
    }

    @Test
    void anAnswerLaterThanTheReadTimeoutIsTransient() {
        shop.simulator.setFaults(Faults.NONE.withTimeouts(1.0, 5_000));
        WooCommerceConnector impatient = shop.connector(WooTestShop.KEY, WooTestShop.SECRET, new HttpTimeouts(1_000, 300));

        long started = System.nanoTime();
        ConnectorException failure = failure(() -> impatient.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.httpStatus()).isZero();
        assertThat(failure.getMessage()).contains("no answer within 300 ms");
        assertThat(elapsedMs).isLessThan(4_000);
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        ConnectorException failure = failure(() -> shop.connector(URI.create("http://127.0.0.1:" + closedPort), WooTestShop.KEY,
                WooTestShop.SECRET, new HttpTimeouts(1_000, 1_000)).readPage(EntityType.PRODUCTS, 1, 10, Optional.empty()));

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.httpStatus()).isZero();
    }

    @Test
    void aShopWithoutTheRestApiAtTheBaseUrlIsAProtocolFailure() {
        ConnectorException failure = failure(() -> shop.connector(URI.create(shop.simulator.baseUrl() + "/shop"), WooTestShop.KEY,
                WooTestShop.SECRET, HttpTimeouts.DEFAULTS).readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()));

        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(failure.code()).contains("rest_no_route");
        assertThat(shop.simulator.stats()).containsKey("GET rest_no_route");
    }

    @Test
    void credentialsStayOutOfEndpointsWhichCarryTheTimeoutsAndShareOnePool() {
        WooCommerceConnector connector = shop.connector(WooTestShop.KEY, WooTestShop.SECRET, new HttpTimeouts(1_234, 5_678));
        connector.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty());
        connector.readPage(EntityType.CUSTOMERS, 2, 10, Optional.empty());
        connector.findByNaturalKeys(EntityType.PRODUCTS, List.of("X"));

        List<String> uris = shop.camel.getEndpoints().stream().map(Endpoint::getEndpointUri).toList();

        assertThat(uris).hasSize(1);
        assertThat(uris.get(0)).startsWith(shop.simulator.baseUrl()).contains("throwExceptionOnFailure=false")
                .contains("connectTimeout=1234").contains("responseTimeout=5678")
                .doesNotContain(WooTestShop.KEY).doesNotContain(WooTestShop.SECRET);
    }

    @Test
    void baseUrlsWithCredentialsOrQueriesAreRefused() {
        for (String url : List.of("https://user:pw@shop.example.com", "https://shop.example.com?consumer_key=ck", "ftp://shop.example.com")) {
            assertThatThrownBy(() -> WooCommerceHttp.endpointUri(new WooCommerceSettings(URI.create(url), "ck", "cs", HttpTimeouts.DEFAULTS)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pw");
        }
        assertThat(WooCommerceHttp.endpointUri(new WooCommerceSettings(URI.create("https://shop.example.com/store/"), "ck", "cs",
                HttpTimeouts.DEFAULTS))).startsWith("https://shop.example.com/store?");
    }

    private static ConnectorException failure(Executable call) {
        return assertThrows(ConnectorException.class, call);
    }
}
