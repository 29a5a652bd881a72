package com.wooodoo.sync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.EntityType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shop simulator holding back one answer after running the call, as the crash tests use it. */
class HoldingWooCommerceSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VARIATIONS_BATCH = "products/\\d+/variations/batch";
    private final HttpClient http = HttpClient.newHttpClient();
    private HoldingWooCommerceSimulator shop;
    private HoldingWooCommerceSimulator.Hold hold;

    @BeforeEach
    void start() {
        shop = new HoldingWooCommerceSimulator(0, 5, "ck_hold", "cs_hold").start();
    }

    @AfterEach
    void stop() {
        if (hold != null) {
            hold.release();
        }
        shop.close();
    }

    @Test
    void theNthMatchingCallRunsButItsAnswerWaitsForTheRelease() throws Exception {
        long parent = shop.seedVariableProducts(1, 3).get(0);
        hold = shop.holdAnswer("POST", VARIATIONS_BATCH, 2);

        HttpResponse<String> first = send("POST", "products/" + parent + "/variations/batch", batchOf("HELD-1")).get(10, TimeUnit.SECONDS);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(hold.isHolding()).as("the first matching call is answered").isFalse();

        CompletableFuture<HttpResponse<String>> second = send("POST", "products/" + parent + "/variations/batch", batchOf("HELD-2"));
        await("the second call has run and its answer is held").atMost(Duration.ofSeconds(10)).until(hold::isHolding);
        assertThat(hold.heldRoute()).isEqualTo("products/" + parent + "/variations/batch");
        assertThat(hold.heldRequest().at("/create/0/sku").asText()).isEqualTo("HELD-2");
        assertThat(shop.variations(parent)).as("the held call's variation is in the shop")
                .anySatisfy(v -> assertThat(v.get("sku").asText()).isEqualTo("HELD-2"));
        assertThat(second).as("its answer is held").isNotDone();

        HttpResponse<String> other = send("GET", "products/" + parent + "/variations", null).get(10, TimeUnit.SECONDS);
        assertThat(other.statusCode()).as("other calls are answered meanwhile").isEqualTo(200);

        hold.release();
        HttpResponse<String> answered = second.get(10, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answered.body()).at("/create/0/sku").asText()).isEqualTo("HELD-2");
    }

    @Test
    void callsOfOtherRoutesAndMethodsDoNotCount() throws Exception {
        long product = shop.seed(EntityType.PRODUCTS, 1).get(0);
        hold = shop.holdAnswer("POST", VARIATIONS_BATCH, 1);

        assertThat(send("POST", "products/batch", "{\"update\":[{\"id\":" + product + ",\"name\":\"Renamed\"}]}")
                .get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(send("GET", "products/" + product, null).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        assertThat(hold.isHolding()).isFalse();
    }

    private static String batchOf(String sku) {
        return "{\"create\":[{\"sku\":\"" + sku + "\",\"regular_price\":\"12.00\"}]}";
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String route, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/wp-json/wc/v3/" + route))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ck_hold:cs_hold".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
