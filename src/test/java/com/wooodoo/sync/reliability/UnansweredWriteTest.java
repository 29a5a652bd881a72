package com.wooodoo.sync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.support.HoldingOdooSimulator;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A write whose answer does not come in time, after other writes of its batch were answered: Odoo
 * is written one {@code write} call per record, so a batch of updates can meet the read timeout
 * halfway. The batch is tried again (its records found again by their keys), as for any transient
 * failure, rather than its unanswered records being given up at the first attempt.
 */
class UnansweredWriteTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String CONFIG = "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":10,\"maxRetries\":3}";
    private static final int READ_TIMEOUT_MS = 1_000;

    @Autowired
    private Connections connections;

    @Test
    void anUpdateLeftUnansweredMidBatchHasTheBatchTriedAgainNotItsOtherRecordsGivenUp() {
        HoldingOdooSimulator holding = new HoldingOdooSimulator(0, 17, "test", "admin", "odoo-password", "odoo-api-key")
                .start();
        HoldingOdooSimulator.Hold hold = null;
        try {
            connections.register(orgId, new OdooSettings(URI.create(holding.baseUrl()), OdooSettings.Protocol.JSONRPC,
                    "test", "admin", "odoo-password", new HttpTimeouts(1_000, READ_TIMEOUT_MS)));
            woo.seed(EntityType.CUSTOMERS, 3);
            // already in Odoo, not linked: the sync finds them by e-mail and updates them, one write call each
            List<String> emails = woo.customers().stream().map(c -> c.get("email").asText()).toList();
            emails.forEach(email -> holding.insert("res.partner", Map.of("name", "Someone Else", "email", email)));
            hold = holding.holdAnswer("res.partner", "write", 2);

            String syncId = startSync(WOO_TO_ODOO, "[\"customers\"]", CONFIG);
            HoldingOdooSimulator.Hold held = hold;
            await("Odoo ran the second write and holds its answer").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20)).until(held::isHolding);
            JsonNode report = runToEnd(syncId, Duration.ofSeconds(60));

            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
            assertThat(report.at("/conflicts/totalConflicts").asInt()).as(report.toString()).isZero();
            assertThat(report.at("/queue/processed").asInt()).as(report.toString()).isEqualTo(3);
            Map<String, String> cityByEmail = holding.records("res.partner").stream()
                    .filter(p -> emails.contains(p.path("email").asText()))
                    .collect(Collectors.toMap(p -> p.path("email").asText(), p -> p.path("city").asText()));
            assertThat(cityByEmail).as("each partner written as its shop customer")
                    .isEqualTo(woo.customers().stream().collect(Collectors.toMap(c -> c.get("email").asText(),
                            c -> c.at("/billing/city").asText())));
            assertThat(holding.records("res.partner")).as("no partner created beside them")
                    .extracting(p -> p.path("email").asText().toLowerCase(Locale.ROOT)).hasSize(3);
        } finally {
            if (hold != null) {
                hold.release();
            }
            holding.close();
        }
    }
}
