package com.wooodoo.sync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.outbound.OutboundBreakers;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing lost, nothing doubled while Odoo misbehaves: rate limiting, timeouts, an outage, bad
 * credentials mid-sync, and a natural key that is not unique in Odoo. In-process, with the
 * pipeline's fast settings of {@link SandboxTestBase} (20 ms first retry, 500 ms open breaker).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultToleranceTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String CUSTOMERS = "[\"customers\"]";
    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";

    @Autowired
    private CamelContext camel;

    // The 429s count as breaker failures: depending on the fault draws, the breaker opens and the sync then hangs.
    @Test
    void odooAnswering429WithRetryAfterForAThirdOfTheCallsEndsDoneWithEveryCustomerOnce() {
        woo.seed(EntityType.CUSTOMERS, 100);
        odoo.setFaults(Faults.NONE.withRateLimit(0.3, 1));

        String syncId = startSync(WOO_TO_ODOO, CUSTOMERS,
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":25,\"maxRetries\":5}");
        JsonNode report = runToEnd(syncId);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(100);
        assertThat(report.at("/queue/failed").asInt() + report.at("/queue/skipped").asInt()).isZero();
        assertEachShopCustomerOnceInOdoo(Set.of());
        // the 429s were waited out as Retry-After asked (1 s each), not after the 20 ms back-off
        Duration took = Duration.between(Instant.parse(report.get("startedAt").asText()),
                Instant.parse(report.get("finishedAt").asText()));
        assertThat(took).as("at least one Retry-After of 1 s was honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    @Test
    void odooTimingOutEveryFifthCallLeavesEachCustomerOnceInOdooOrCountedFailed() {
        woo.seed(EntityType.CUSTOMERS, 30);
        // held 6 s, past the client's read timeout of 5 s (SandboxTestBase); Odoo still runs the call then
        odoo.setFaults(Faults.NONE.withTimeouts(0.2, 6_000));

        String syncId = startSync(WOO_TO_ODOO, CUSTOMERS,
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":10,\"maxRetries\":3}");
        JsonNode report = runToEnd(syncId);
        odoo.setFaults(Faults.NONE);
        // calls that timed out on the client's side are still running in Odoo for up to 6 s: let them land
        await("late calls of the timed-out requests have landed").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> odoo.callsInFlight() == 0);

        assertThat(report.get("status").asText()).as(report.toString()).isIn("done", "partial");
        Set<String> failed = conflictSourceIds(syncId, "RetryExhausted");
        assertThat(report.at("/queue/failed").asInt()).as(report.toString()).isEqualTo(failed.size());
        assertThat(report.at("/queue/processed").asInt() + failed.size()).as(report.toString()).isEqualTo(30);
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as("only RetryExhausted conflicts: " + report)
                .isEqualTo(failed.size());
        assertEachShopCustomerOnceInOdoo(failed);
    }

    @Test
    void shopTimingOutOrderCreatesNeverGetsAnOdooOrderTwiceThoughItNumbersOrdersItself() {
        odoo.seed(EntityType.ORDERS, 30); // with their contacts and products
        JsonNode references = runToEnd(startSync(ODOO_TO_WOO, "[\"customers\",\"products\"]",
                "{\"interBatchDelayMs\":0,\"mode\":\"full\"}"));
        assertThat(references.get("status").asText()).as(references.toString()).isEqualTo("done");
        // held 6 s, past the client's read timeout of 5 s: the shop still creates the orders then
        woo.setFaults(Faults.NONE.withTimeouts(0.25, 6_000));

        String syncId = startSync(ODOO_TO_WOO, "[\"orders\"]",
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":10,\"maxRetries\":5}");
        JsonNode report = runToEnd(syncId);
        woo.setFaults(Faults.NONE);
        await("late calls of the timed-out requests have landed").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> woo.callsInFlight() == 0);

        assertThat(report.get("status").asText()).as(report.toString()).isIn("done", "partial");
        Set<String> failed = conflictSourceIds(syncId, "RetryExhausted");
        assertThat(report.at("/queue/processed").asInt() + failed.size()).as(report.toString()).isEqualTo(30);
        Map<String, Long> shopOrdersBySource = woo.orders().stream()
                .flatMap(o -> java.util.stream.StreamSupport.stream(o.path("meta_data").spliterator(), false))
                .filter(m -> m.path("key").asText().equals("_wooodoo_source"))
                .collect(Collectors.groupingBy(m -> m.path("value").asText(), Collectors.counting()));
        assertThat(shopOrdersBySource.entrySet()).as("Odoo orders created twice in the shop")
                .filteredOn(e -> e.getValue() > 1).isEmpty();
        for (JsonNode order : odoo.records("sale.order")) {
            String id = order.get("id").asText();
            if (!failed.contains(id)) {
                assertThat(shopOrdersBySource).as("Odoo order " + id + " is in the shop").containsKey("odoo:" + id);
            }
        }
        assertThat(woo.orders()).hasSize(shopOrdersBySource.size());
    }

    @Test
    void odooDownWhenTheSyncStartsAndBackAfterTheFirstFailuresEndsDoneWithEveryCustomer() {
        woo.seed(EntityType.CUSTOMERS, 80);
        odoo.setFaults(Faults.NONE.withDown(true));

        String syncId = startSync(WOO_TO_ODOO, CUSTOMERS,
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":20,\"maxRetries\":5}");
        await("the first calls to Odoo failed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> odooBreaker().map(ResilienceProcessor::getNumberOfFailedCalls).orElse(0) >= 1);
        odoo.setFaults(Faults.NONE);

        JsonNode report = runToEnd(syncId);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(80);
        assertEachShopCustomerOnceInOdoo(Set.of());
    }
    @Test
    void aLongOdooOutageOpensTheBreakerAndBatchesWaitItOutInsteadOfFailingOneAfterAnother() {
        woo.seed(EntityType.CUSTOMERS, 200);
        odoo.setFaults(Faults.NONE.withDown(true));

        String syncId = startSync(WOO_TO_ODOO, CUSTOMERS,
                "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":20,\"maxRetries\":3}");
        await("Odoo's breaker opened").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> odooBreaker().map(ResilienceProcessor::getCircuitBreakerState).orElse("").equals("OPEN"));
        // a few open/half-open rounds (500 ms each) while Odoo is still down; counted from the breaker's
        // events, because resilience4j resets its metrics at every state transition
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        CircuitBreaker.EventPublisher events = odooBreaker().orElseThrow().getCircuitBreaker().getEventPublisher();
        events.onCallNotPermitted(e -> refused.incrementAndGet());
        events.onStateTransition(e -> {
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                opened.incrementAndGet();
            }
        });
        await("the breaker refused calls over several open periods").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10)).until(() -> refused.get() >= 5 && opened.get() >= 3);
        assertThat(conflictSourceIds(syncId, "RetryExhausted")).as("no batch gave up while the circuit was open")
                .hasSizeLessThanOrEqualTo(40);
        odoo.setFaults(Faults.NONE);

        JsonNode report = runToEnd(syncId);
        Set<String> failed = conflictSourceIds(syncId, "RetryExhausted");
        assertThat(report.get("status").asText()).as(report.toString()).isIn("done", "partial");
        assertThat(report.at("/queue/processed").asInt() + report.at("/queue/failed").asInt()).isEqualTo(200);
        assertThat(report.at("/queue/failed").asInt()).isEqualTo(failed.size());
        // 1 + maxRetries = 4 failed calls per batch: batches 1 and 2 use up their retries before the breaker
        // opens (10 calls); from then on batches wait the open breaker out (not counted against the retries)
        assertThat(failed.size()).as("records given up: only the 2 batches tried before the breaker opened")
                .isLessThanOrEqualTo(40);
        assertEachShopCustomerOnceInOdoo(failed);
    }
    @Test
    void odoosBreakerStaysOpenForBreakerOpenMs() {
        woo.seed(EntityType.CUSTOMERS, 1);
        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, "{\"interBatchDelayMs\":0,\"mode\":\"full\"}"));
        assertThat(report.get("status").asText()).isEqualTo("done");

        ResilienceProcessor breaker = odooBreaker().orElseThrow();
        long openMillis = breaker.getCircuitBreaker().getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
        assertThat(openMillis).as("how long Odoo's breaker stays open (wooodoo.outbound.breaker.open-ms=500)").isEqualTo(500);
    }

    @Test
    void credentialsRefusedMidSyncFailTheSyncWithExactlyOneAuthErrorAndNothingWrittenUnrecorded() {
        woo.seed(EntityType.CUSTOMERS, 200);
        String syncId = startSync(WOO_TO_ODOO, CUSTOMERS,
                "{\"interBatchDelayMs\":150,\"mode\":\"full\",\"batchSize\":20}");
        await("some batches done").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> batchesDone(syncId) >= 2);
        odoo.setFaults(Faults.NONE.withAuthFailure(true));

        JsonNode report = runToEnd(syncId);
        odoo.setFaults(Faults.NONE);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("failed");
        assertThat(report.at("/conflicts/byType/AuthError").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("failureReason").asText()).containsIgnoringCase("auth");
        int processed = report.at("/queue/processed").asInt();
        assertThat(processed).as(report.toString()).isBetween(40, 180);
        // what was written to Odoo is exactly what the sync recorded
        List<JsonNode> partners = odoo.records("res.partner");
        assertThat(partners).hasSize(processed);
        assertThat(partners.stream().map(p -> p.get("email").asText().toLowerCase()).distinct().count()).isEqualTo(processed);
        Integer links = jdbc.queryForObject("SELECT count(*) FROM sync_record_link WHERE org_id = ?", Integer.class, orgId);
        assertThat(links).isEqualTo(processed);
    }

    @Test
    void aShopCustomerWhoseEmailOdooHoldsTwiceIsSkippedWithAnAutomaticallyResolvedDuplicateKey() {
        woo.seed(EntityType.CUSTOMERS, 40);
        long twiceId = woo.insertCustomer("twice@example.com");
        odoo.insert("res.partner", Map.of("name", "Twice One", "email", "twice@example.com"));
        odoo.insert("res.partner", Map.of("name", "Twice Two", "email", "twice@example.com"));

        String syncId = startSync(WOO_TO_ODOO, CUSTOMERS, "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":15}");
        JsonNode report = runToEnd(syncId);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("partial");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(40);
        assertThat(report.at("/queue/skipped").asInt()).isEqualTo(1);
        assertThat(report.at("/queue/failed").asInt()).isZero();
        assertThat(report.at("/conflicts/byType/DuplicateKey").asInt()).isEqualTo(1);
        assertThat(report.at("/conflicts/totalConflicts").asInt()).isEqualTo(1);
        assertThat(report.at("/conflicts/unresolvedCount").asInt()).isZero();
        assertThat(report.at("/conflicts/count").asInt()).isZero();

        JsonNode conflicts = api.get(ApiClient.BASE + "/conflicts?syncId=" + syncId + "&state=all").json().get("conflicts");
        assertThat(conflicts).hasSize(1);
        JsonNode conflict = conflicts.get(0);
        assertThat(conflict.get("type").asText()).isEqualTo("DuplicateKey");
        assertThat(conflict.get("state").asText()).isEqualTo("resolved");
        assertThat(conflict.get("sourceRecordId").asText()).isEqualTo(String.valueOf(twiceId));
        assertThat(conflict.at("/resolution/resolution").asText()).isEqualTo("skip");

        Map<String, Long> byEmail = partnersByEmail();
        assertThat(byEmail.get("twice@example.com")).as("the two partners stay, no third one").isEqualTo(2L);
        assertThat(odoo.count("res.partner")).isEqualTo(42);
        woo.customers().stream().map(c -> c.get("email").asText().toLowerCase())
                .filter(e -> !e.equals("twice@example.com"))
                .forEach(e -> assertThat(byEmail.get(e)).as(e).isEqualTo(1L));
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Every shop customer is in Odoo exactly once, except those given, which are there at most once. */
    private void assertEachShopCustomerOnceInOdoo(Set<String> failedSourceIds) {
        Map<String, Long> byEmail = partnersByEmail();
        assertThat(byEmail.entrySet()).as("partners created more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
        List<String> missing = new ArrayList<>();
        for (JsonNode customer : woo.customers()) {
            String email = customer.get("email").asText().toLowerCase();
            if (!byEmail.containsKey(email) && !failedSourceIds.contains(customer.get("id").asText())) {
                missing.add(customer.get("id").asText() + " " + email);
            }
        }
        assertThat(missing).as("shop customers neither in Odoo nor counted failed").isEmpty();
        Set<String> shopEmails = woo.customers().stream().map(c -> c.get("email").asText().toLowerCase())
                .collect(Collectors.toSet());
        assertThat(shopEmails).containsAll(byEmail.keySet());
    }

    private Map<String, Long> partnersByEmail() {
        return odoo.records("res.partner").stream()
                .collect(Collectors.groupingBy(p -> p.path("email").asText().toLowerCase(), Collectors.counting()));
    }

    private Set<String> conflictSourceIds(String syncId, String type) {
        return Set.copyOf(jdbc.queryForList("SELECT source_record_id FROM sync_conflict WHERE sync_id = ?::uuid "
                + "AND conflict_type = ?", String.class, syncId, type));
    }

    private int batchesDone(String syncId) {
        return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json().at("/progress/batchesDone").asInt();
    }

    private JsonNode runToEnd(String syncId) {
        return runToEnd(syncId, Duration.ofSeconds(90));
    }

    /** The circuit breaker of this organisation's Odoo connection, once the first call made it. */
    private Optional<ResilienceProcessor> odooBreaker() {
        Route route = camel.getRoute(OutboundBreakers.routeId(orgId, "odoo"));
        if (route == null) {
            return Optional.empty();
        }
        return find(route.navigate());
    }

    private static Optional<ResilienceProcessor> find(Navigate<Processor> node) {
        if (node == null || !node.hasNext()) {
            return Optional.empty();
        }
        for (Processor processor : node.next()) {
            if (processor instanceof ResilienceProcessor breaker) {
                return Optional.of(breaker);
            }
            if (processor instanceof Navigate<?> deeper) {
                @SuppressWarnings("unchecked")
                Optional<ResilienceProcessor> found = find((Navigate<Processor>) deeper);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
