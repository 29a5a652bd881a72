package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A queued sync runs: WooCommerce customers end up in Odoo once each, and a second run writes nothing. */
class CustomerSyncTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";

    @Test
    void customersReachOdooOnceAndASecondRunWritesNothing() {
        woo.seed(EntityType.CUSTOMERS, 230);

        String first = startSync(WOO_TO_ODOO, "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("done", "partial", "failed").contains(status(first)));

        JsonNode report = api.get(ApiClient.BASE + "/status?syncId=" + first).json();
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/total").asInt()).isEqualTo(230);
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(230);
        assertThat(report.at("/progress/percentComplete").asInt()).isEqualTo(100);
        assertThat(report.at("/progress/batchesDone").asInt()).isEqualTo(5);

        List<JsonNode> partners = odoo.records("res.partner");
        Set<String> wooEmails = woo.customers().stream().map(c -> c.get("email").asText()).collect(Collectors.toSet());
        Set<String> odooEmails = partners.stream().map(p -> p.get("email").asText()).collect(Collectors.toSet());
        assertThat(partners).hasSize(230);
        assertThat(odooEmails).isEqualTo(wooEmails);

        odoo.resetStats();
        String second = startSync(WOO_TO_ODOO, "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("done", "partial", "failed").contains(status(second)));
        assertThat(status(second)).isEqualTo("done");
        assertThat(odoo.records("res.partner")).hasSize(230);
        assertThat(odoo.stats().keySet()).noneMatch(kind -> kind.contains("create") || kind.contains("write"));
    }
}
