package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How every kind of WooCommerce answer is classified, and how Retry-After is read. */
class WooErrorsTest {

    private static final Instant NOW = Instant.parse("2025-10-21T07:28:00Z");
    private static final WooErrors ERRORS = new WooErrors(Clock.fixed(NOW, ZoneOffset.UTC), List.of("ck_live_key", "cs_live_secret"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "401, woocommerce_rest_cannot_view, AUTHENTICATION",
            "401, woocommerce_rest_authentication_error, AUTHENTICATION",
            "403, woocommerce_rest_cannot_edit, AUTHENTICATION",
            "400, registration-error-email-exists, DUPLICATE",
            "400, registration-error-username-exists, DUPLICATE",
            "400, woocommerce_rest_customer_invalid_email, DUPLICATE",
            "400, product_invalid_sku, DUPLICATE",
            "400, woocommerce_rest_product_exists, DUPLICATE",
            "400, term_exists, DUPLICATE",
            "400, customer_invalid_email, VALIDATION",
            "400, registration-error-invalid-email, VALIDATION",
            "400, rest_invalid_param, VALIDATION",
            "400, rest_missing_callback_param, VALIDATION",
            "400, woocommerce_rest_invalid_customer_id, VALIDATION",
            "400, woocommerce_rest_required_product_reference, VALIDATION",
            "413, woocommerce_rest_request_entity_too_large, VALIDATION",
            "400, woocommerce_rest_invalid_id, NOT_FOUND",
            "400, woocommerce_rest_shop_order_invalid_id, NOT_FOUND",
            "404, woocommerce_rest_product_invalid_id, NOT_FOUND",
            "404, woocommerce_rest_term_invalid, NOT_FOUND",
            "404, rest_no_route, PROTOCOL",
            "429, too_many_requests, TRANSIENT",
            "500, internal_server_error, TRANSIENT",
            "502, bad_gateway, TRANSIENT",
            "503, internal_server_error, TRANSIENT"})
    void classifiesWooCommerceErrors(int status, String code, FailureKind kind) {
        ConnectorException failure = ERRORS.ofResponse(status, error(code, "Some message.", status), null, "GET customers");

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.code()).contains(code);
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(failure.system().id()).isEqualTo("woocommerce");
    }

    /** A 401/403 without WooCommerce's shape is a proxy's or firewall's page (a challenge), not the shop refusing the key. */
    @ParameterizedTest(name = "{0} without the error shape → {1}")
    @CsvSource({"401, TRANSIENT", "403, TRANSIENT", "408, TRANSIENT", "429, TRANSIENT", "503, TRANSIENT", "504, TRANSIENT",
            "400, PROTOCOL", "404, PROTOCOL", "301, PROTOCOL"})
    void answersWithoutTheErrorShapeAreClassifiedByStatus(int status, FailureKind kind) throws IOException {
        JsonNode html = null;
        JsonNode other = JSON.readTree("{\"error\":\"nope\"}");

        assertThat(ERRORS.ofResponse(status, html, null, "GET orders").kind()).isEqualTo(kind);
        assertThat(ERRORS.ofResponse(status, other, null, "GET orders").kind()).isEqualTo(kind);
    }

    @Test
    void aBatchItemsErrorIsClassifiedWithItsOwnStatus() {
        ConnectorException duplicate = ERRORS.ofItem(error("product_invalid_sku", "SKU ungültig oder doppelt.", 400), "TSH-1");
        ConnectorException locked = ERRORS.ofItem(error("woocommerce_rest_product_not_created",
                "The SKU (TSH-2) you are trying to insert is already under processing", 400), null);
        ConnectorException gone = ERRORS.ofItem(error("woocommerce_rest_invalid_id", "Invalid resource ID.", 400), null);
        ConnectorException malformed = ERRORS.ofItem(JSON.getNodeFactory().textNode("boom"), null);

        assertThat(duplicate.kind()).as("whatever the language of the message").isEqualTo(FailureKind.DUPLICATE);
        assertThat(locked.kind()).isEqualTo(FailureKind.DUPLICATE);
        assertThat(gone.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(gone.httpStatus()).isEqualTo(400);
        assertThat(malformed.kind()).isEqualTo(FailureKind.PROTOCOL);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        ConnectorException seconds = ERRORS.ofResponse(429, error("too_many_requests", "Slow down", 429), "120", "GET orders");
        ConnectorException date = ERRORS.ofResponse(503, null, "Tue, 21 Oct 2025 07:28:30 GMT", "GET orders");

        assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(date.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Mon, 20 Oct 2025 07:28:30 GMT", Clock.fixed(NOW, ZoneOffset.UTC))).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", Clock.fixed(NOW, ZoneOffset.UTC))).isNull();
        assertThat(RetryAfter.parse(null, Clock.fixed(NOW, ZoneOffset.UTC))).isNull();
    }

    @Test
    void transportFailuresAreTransientAndMessagesNeverHoldCredentials() {
        ConnectorException timeout = ERRORS.ofTransport(new IOException("wrapped", new SocketTimeoutException("Read timed out")), "GET customers", 300);
        ConnectorException refused = ERRORS.ofTransport(new ConnectException("Connection refused to ck_live_key"), "GET customers", 300);
        ConnectorException echoed = ERRORS.ofResponse(400, error("rest_invalid_param", "bad consumer_secret cs_live_secret", 400), null, "GET x");

        assertThat(timeout.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(timeout.getMessage()).contains("no answer within 300 ms");
        assertThat(refused.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(refused.getMessage()).doesNotContain("ck_live_key");
        assertThat(echoed.getMessage()).doesNotContain("cs_live_secret");
    }

    private static JsonNode error(String code, String message, int status) {
        return JSON.createObjectNode().put("code", code).put("message", message)
                .set("data", JSON.createObjectNode().put("status", status));
    }

    /**
     * Guards against pathological backtracking (quadratic or worse time on a long hostile
     * message), not a measure of speed: the bound is generous on purpose.
     */
    @Test
    void aMegabyteMessageIsClassifiedInBoundedTime() {
        String hostile = "SKU ()".repeat(1_000_000 / 6);
        String tags = "<".repeat(1_000_000);

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(WooErrors.kindOf("woocommerce_rest_product_not_created", 400, hostile, null)).isEqualTo(FailureKind.VALIDATION);
            assertThat(ERRORS.ofResponse(400, error("rest_invalid_param", hostile, 400), null, "POST products").kind())
                    .isEqualTo(FailureKind.VALIDATION);
            assertThat(ERRORS.ofItem(error("rest_invalid_param", tags, 400), "X").kind()).isEqualTo(FailureKind.VALIDATION);
        });
    }

    @Test
    void theSkuInProcessingRuleAndTheTagsStillReadAsBefore() {
        assertThat(WooErrors.skuInProcess("The SKU (TSH-2) you are trying to insert is already under processing")).isTrue();
        assertThat(WooErrors.skuInProcess("La SKU (TSH-2) est en cours de processing")).isTrue();
        assertThat(WooErrors.skuInProcess("The SKU (TSH-2) is invalid")).isFalse();
        assertThat(WooErrors.skuInProcess("already SKU (TSH-2)")).isFalse();
        assertThat(WooErrors.skuInProcess("SKU (x) already")).isTrue();
        assertThat(WooErrors.skuInProcess("SKU (x)\n already")).isFalse();
        assertThat(WooErrors.stripTags("a <a href=\"x\">link</a> b < c")).isEqualTo("a link b < c");
    }
}
