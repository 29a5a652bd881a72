package com.wooodoo.sync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.connector.WooCommerceSettings;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The source misbehaving: its page reads and the count at a run's start are tried again as
 * batches are (transient failures, Retry-After honoured, an open circuit waited out), refused
 * credentials stop the sync with one AuthError, and a pause is taken while a read waits. With the
 * pipeline's fast settings of {@link SandboxTestBase} (20 ms first retry, 500 ms open breaker).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SourceFaultsTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";
    private static final String CUSTOMERS = "[\"customers\"]";
    private static final String CONFIG = "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":100,\"maxRetries\":5}";
    private static final Faults FLAKY = Faults.NONE.withServerErrorShare(0.1).withRateLimit(0.1, 1);

    /** The count of the shop's customers (one per page) and the first page of 100. */
    private static final String SHOP_COUNT = "GET /wp-json/wc/v3/customers?page=1&per_page=1&";
    private static final String SHOP_FIRST_PAGE = "GET /wp-json/wc/v3/customers?page=1&per_page=100&";

    @Autowired
    private Connections connections;

    /**
     * Counts from zero, and a read timeout of 2 s rather than 5 s: a batch whose create failed
     * waits the target's read timeout before it plans again (RetryPolicy), which would make the
     * runs with a fifth of the calls failing long.
     */
    @BeforeEach
    void countFaultsFromZeroAndShortenTheReadTimeout() {
        woo.resetStats();
        odoo.resetStats();
        HttpTimeouts timeouts = new HttpTimeouts(1_000, 2_000);
        connections.register(orgId, new WooCommerceSettings(URI.create(woo.baseUrl()), "ck_test", "cs_test", timeouts));
        connections.register(orgId, new OdooSettings(URI.create(odoo.baseUrl()), OdooSettings.Protocol.JSONRPC, "test",
                "admin", "odoo-password", timeouts));
    }

    @Test
    void bothSystemsAnswering503And429ToAFifthOfTheCallsShopToOdooEndsDoneWithEveryCustomerOnce() {
        woo.seed(EntityType.CUSTOMERS, 1_500);
        woo.setFaults(FLAKY);
        odoo.setFaults(FLAKY);

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, CONFIG), Duration.ofSeconds(90));
        long sourceFaults = woo.faultsAnswered();
        woo.setFaults(Faults.NONE);
        odoo.setFaults(Faults.NONE);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(sourceFaults).as("the shop answered faults to the sync's reads").isPositive();
        assertThat(report.at("/queue/total").asInt()).isEqualTo(1_500);
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(1_500);
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as(report.toString()).isZero();
        Map<String, Long> partners = byEmail(odoo.records("res.partner"), p -> p.path("email").asText());
        assertThat(partners.entrySet()).as("partners created more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(partners.keySet()).isEqualTo(emails(woo.customers()));
    }

    @Test
    void bothSystemsAnswering503And429ToAFifthOfTheCallsOdooToShopEndsDoneWithEveryContactOnce() {
        odoo.seed(EntityType.CUSTOMERS, 1_500);
        Set<String> odooEmails = odoo.records("res.partner").stream().map(p -> p.path("email").asText().toLowerCase())
                .filter(e -> !e.isBlank() && !e.equals("false")).collect(Collectors.toSet());
        woo.setFaults(FLAKY);
        odoo.setFaults(FLAKY);

        JsonNode report = runToEnd(startSync(ODOO_TO_WOO, CUSTOMERS, CONFIG), Duration.ofSeconds(90));
        long sourceFaults = odoo.faultsAnswered();
        woo.setFaults(Faults.NONE);
        odoo.setFaults(Faults.NONE);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(sourceFaults).as("Odoo answered faults to the sync's reads").isPositive();
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as(report.toString()).isZero();
        Map<String, Long> customers = byEmail(woo.customers(), c -> c.get("email").asText());
        assertThat(customers.entrySet()).as("shop customers created more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(odooEmails).hasSizeGreaterThanOrEqualTo(1_500);
        assertThat(customers.keySet()).isEqualTo(odooEmails);
    }

    /** A run from the start counts with its first page: that one read, and its retry, meet a 503 each. */
    @Test
    void twoSuccessive503sOnTheFirstPageReadWhichCountsAreTriedAgainAndTheSyncEndsDone() {
        woo.seed(EntityType.CUSTOMERS, 150);
        woo.failNextCall(SHOP_FIRST_PAGE);
        woo.failNextCall(SHOP_FIRST_PAGE);
        woo.failNextCall(SHOP_COUNT);

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, CONFIG), Duration.ofSeconds(60));

        assertThat(woo.oneShotFailuresLeft()).as("no read of one customer to count them: the first page counts")
                .isEqualTo(1);
        assertThat(woo.faultsAnswered()).isEqualTo(2);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/total").asInt()).as("the count was made after its 503").isEqualTo(150);
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(150);
        assertThat(report.at("/conflicts/totalConflicts").asInt()).isZero();
        assertThat(byEmail(odoo.records("res.partner"), p -> p.path("email").asText()).keySet())
                .isEqualTo(emails(woo.customers()));
    }

    @Test
    void theSourceRefusingTheCredentialsFailsTheSyncWithExactlyOneAuthError() {
        woo.seed(EntityType.CUSTOMERS, 50);
        woo.setFaults(Faults.NONE.withAuthFailure(true));

        String syncId = startSync(WOO_TO_ODOO, CUSTOMERS, CONFIG);
        JsonNode report = runToEnd(syncId, Duration.ofSeconds(30));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("failed");
        assertThat(report.at("/conflicts/byType/AuthError").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("failureReason").asText()).containsIgnoringCase("auth").contains("WooCommerce");
        assertThat(woo.faultsAnswered()).as("refused credentials are not tried again").isEqualTo(1);
        assertThat(odoo.records("res.partner")).isEmpty();
    }

    @Test
    void aPageReadThatOutlastsItsRetriesFailsTheSyncNamingTheSystemAndTheCallAndKeepsTheCheckpoint() {
        woo.seed(EntityType.CUSTOMERS, 250);
        String thirdPage = "GET /wp-json/wc/v3/customers?page=3&per_page=100&";
        for (int i = 0; i < 3; i++) { // the first read and its 2 retries
            woo.failNextCall(thirdPage);
        }

        String syncId = startSync(WOO_TO_ODOO, CUSTOMERS,
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":50,\"maxRetries\":2}");
        JsonNode report = runToEnd(syncId, Duration.ofSeconds(60));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("failed");
        assertThat(report.get("failureReason").asText()).as(report.toString())
                .contains("WooCommerce", "page 3 of customers", "2 retries", "start the sync again");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(200);
        assertThat(odoo.records("res.partner")).hasSize(200);
        assertThat(jdbc.queryForObject("SELECT checkpoint::text FROM sync_orchestration WHERE sync_id = ?::uuid",
                String.class, syncId)).as("the checkpoint is at the page that could not be read").contains("\"page\": 3");
    }

    @Test
    void aPauseWhileAReadWaitsForItsRetryIsTakenWithinTwoSeconds() {
        woo.seed(EntityType.CUSTOMERS, 50);
        // every call answered 429 with Retry-After: 30: the count waits 30 s before it tries again
        woo.setFaults(Faults.NONE.withRateLimit(1.0, 30));

        String syncId = startSync(WOO_TO_ODOO, CUSTOMERS, CONFIG);
        await("the count met its 429").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> woo.faultsAnswered() >= 1);
        assertThat(api.post("{\"action\":\"pause\",\"syncId\":\"" + syncId + "\"}").status()).isEqualTo(200);
        await("the runner let the paused sync go").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> leaseReleased(syncId));
        assertThat(status(syncId)).isEqualTo("paused");
        assertThat(woo.faultsAnswered()).as("no further read while paused").isEqualTo(1);

        woo.setFaults(Faults.NONE);
        api.post("{\"action\":\"resume\",\"syncId\":\"" + syncId + "\"}");
        JsonNode report = runToEnd(syncId, Duration.ofSeconds(30));
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(50);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static Map<String, Long> byEmail(List<JsonNode> records, Function<JsonNode, String> email) {
        return records.stream().collect(Collectors.groupingBy(r -> email.apply(r).toLowerCase(), Collectors.counting()));
    }

    private static Set<String> emails(List<JsonNode> shopCustomers) {
        return shopCustomers.stream().map(c -> c.get("email").asText().toLowerCase()).collect(Collectors.toSet());
    }

    private boolean leaseReleased(String syncId) {
        return jdbc.queryForObject("SELECT lease_owner IS NULL FROM sync_orchestration WHERE sync_id = ?::uuid",
                Boolean.class, syncId);
    }
}
