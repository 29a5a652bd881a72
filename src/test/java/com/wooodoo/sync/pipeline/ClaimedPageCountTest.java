package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shop whose paging headers claim a billion pages (and a hundred billion customers) while it
 * holds two pages: the sync reads the two pages, writes every customer once, ends {@code done},
 * and reports the total it really read, not the claim.
 */
class ClaimedPageCountTest extends SandboxTestBase {

    @Test
    void aBillionClaimedPagesEndAtTheFirstShortPageAndTheTotalIsWhatWasRead() {
        woo.seed(EntityType.CUSTOMERS, 150);
        woo.claimPaging("100000000000", "1000000000");

        String syncId = startSync("[\"woocommerce\",\"odoo\"]", "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");
        JsonNode report = runToEnd(syncId, Duration.ofSeconds(60));

        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/total").asInt()).as(report.toString()).isEqualTo(150);
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(150);
        assertThat(report.at("/queue/pending").asInt()).isZero();
        List<JsonNode> partners = odoo.records("res.partner");
        Map<String, Long> byEmail = partners.stream().collect(Collectors.groupingBy(p -> p.path("email").asText(),
                Collectors.counting()));
        assertThat(byEmail).hasSize(150).allSatisfy((email, n) -> assertThat(n).as(email).isEqualTo(1L));
        assertThat(woo.customers().stream().map(c -> c.path("email").asText()).collect(Collectors.toSet()))
                .isEqualTo(byEmail.keySet());
        // the first page (with the count), the second (short: the last), and what was read ahead of them:
        // with 4 batches in flight, up to four pages ahead of the one being synced (pages 3 to 6 while the
        // second is), never more
        assertThat(woo.stats().get("GET customers")).as("two pages and the reads ahead: " + woo.stats())
                .isLessThanOrEqualTo(6L);
    }

    /** Odoo counts with the first page only: the run reads the pages counted then, not one more to find the end. */
    @Test
    void odooIsReadUpToThePagesItCountedWithTheFirstOne() {
        odoo.seed(EntityType.CUSTOMERS, 150);
        int partners = odoo.count("res.partner");
        for (int i = partners; i % 100 != 0; i++) {
            odoo.insert("res.partner", Map.of("name", "Padding " + i, "email", "padding." + i + "@example.com"));
        }
        int pages = odoo.count("res.partner") / 100;
        odoo.resetStats();

        String syncId = startSync("[\"odoo\",\"woocommerce\"]", "[\"customers\"]", "{\"interBatchDelayMs\":0,\"mode\":\"full\"}");
        JsonNode report = runToEnd(syncId, Duration.ofSeconds(60));

        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/total").asInt()).isEqualTo(pages * 100);
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(pages * 100);
        assertThat(odoo.stats().get("execute_kw res.partner.search_count")).isEqualTo(1L);
        assertThat(odoo.stats().get("execute_kw res.partner.search_read")).as("full pages, none past them: " + odoo.stats())
                .isEqualTo((long) pages);
    }
}
