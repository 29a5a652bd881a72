package com.wooodoo.sync.sandbox.woocommerce;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.sandbox.LatencyProfile;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server time the simulator charges ({@link WooCommerceSimulator#setCosts}), and that calls pay it side by side. */
class WooCommerceSimulatorCostsTest {

    private static final String API = "/wp-json/wc/v3/";
    private WooCommerceSimulator shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        shop = new WooCommerceSimulator(0, 13, "ck_costs", "cs_costs").start();
        client = new SimulatorClient(shop.baseUrl(), "ck_costs", "cs_costs");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void noCostsByDefault() {
        shop.seed(EntityType.CUSTOMERS, 3);

        assertThat(client.post(API + "customers/batch", batchOf(10, "free")).status()).isEqualTo(200);
        assertThat(client.get(API + "customers?page=1&per_page=100").status()).isEqualTo(200);

        assertThat(shop.serverTimeChargedMs()).isZero();
        assertThat(shop.itemsWritten()).isEqualTo(10);
    }

    @Test
    void aBatchCostsItsWrittenItemsAndAListPageItsPageCost() {
        shop.setCosts(70, 30);
        shop.insertCustomer("taken0@example.com");

        long started = System.nanoTime();
        SimulatorClient.Answer batch = client.post(API + "customers/batch", batchOf(20, "taken"));
        long batchMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.json().at("/create/0/error/code").asText()).isEqualTo("registration-error-email-exists");
        assertThat(shop.itemsWritten()).as("the item refused costs nothing").isEqualTo(19);
        assertThat(shop.serverTimeChargedMs()).isEqualTo(19 * 30);
        assertThat(batchMs).as("the answer waited for the server time").isGreaterThanOrEqualTo(19 * 30);

        shop.resetStats();
        client.get(API + "customers?page=1&per_page=5");
        client.get(API + "customers?page=2&per_page=5&orderby=id&order=desc");
        client.get(API + "customers/" + shop.customers().get(0).get("id").asLong());
        client.send("PUT", API + "customers/" + shop.customers().get(1).get("id").asLong(), Map.of("first_name", "Eve"));

        assertThat(shop.serverTimeChargedMs()).as("two pages and one update; reading one record is no page")
                .isEqualTo(2 * 70 + 30);
        assertThat(shop.listCalls()).containsExactly("customers?page=1&per_page=5",
                "customers?page=2&per_page=5&orderby=id&order=desc");
    }

    @Test
    void batchesSentTogetherAreAnsweredTogether() {
        shop.setCosts(0, 40);
        long started = System.nanoTime();
        assertThat(client.post(API + "customers/batch", batchOf(25, "alone")).status()).isEqualTo(200);
        long aloneMs = (System.nanoTime() - started) / 1_000_000;

        started = System.nanoTime();
        List<CompletableFuture<SimulatorClient.Answer>> together = new ArrayList<>();
        for (String prefix : List.of("first", "second")) {
            together.add(CompletableFuture.supplyAsync(() -> client.post(API + "customers/batch", batchOf(25, prefix))));
        }
        together.forEach(answer -> assertThat(answer.join().status()).isEqualTo(200));
        long togetherMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(aloneMs).isGreaterThanOrEqualTo(25 * 40);
        assertThat(shop.serverTimeChargedMs()).isEqualTo(3 * 25 * 40);
        assertThat(togetherMs).as("two batches of %d ms each overlap (one alone took %d ms)", 25 * 40, aloneMs)
                .isLessThan(2 * 25 * 40 * 9 / 10);
        assertThat(shop.count(EntityType.CUSTOMERS)).isEqualTo(75);
    }

    @Test
    void costsAreNeverNegative() {
        assertThatThrownBy(() -> shop.setCosts(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageMs");
    }

    @Test
    void aLatencyProfileSetsTheShopsCostsAndTheLatencyOfBoth() {
        OdooSimulator odoo = new OdooSimulator(0, 13, "test", "admin", "pw", "key");
        shop.setFaults(Faults.NONE.withLatencyMs(5).withTimeouts(0, 1234));

        LatencyProfile.named(" Realistic ").applyTo(odoo, shop);
        client.get(API + "customers?page=1");

        assertThat(shop.serverTimeChargedMs()).isEqualTo(150);
        assertThat(shop.faults().timeoutMs()).as("the other faults stay").isEqualTo(1234);
        assertThat(shop.faults().latencyMs()).isZero();
        LatencyProfile.FLAT_20.applyTo(odoo, shop);
        assertThat(odoo.faults().latencyMs()).isEqualTo(20);
        assertThat(shop.faults().latencyMs()).isEqualTo(20);
        assertThatThrownBy(() -> LatencyProfile.named("slow")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'slow'").hasMessageContaining("'0 ms', '20 ms', 'realistic'");
    }

    private static Map<String, Object> batchOf(int count, String prefix) {
        return Map.of("create", IntStream.range(0, count)
                .mapToObj(i -> Map.of("email", prefix + i + "@example.com", "first_name", "N" + i)).toList());
    }
}
