package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default mode reads only what changed since the last successful sync where the source can
 * filter (WooCommerce products by modified_after), and compares content where it cannot
 * (WooCommerce customers): unchanged records are never written again.
 */
class IncrementalSyncTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String INCREMENTAL = "{\"interBatchDelayMs\":0}";

    @Test
    void aSecondRunReadsAndWritesOnlyWhatChanged() throws Exception {
        woo.seed(EntityType.CUSTOMERS, 60);
        List<Long> products = woo.seed(EntityType.PRODUCTS, 60);
        assertThat(finish(startSync(WOO_TO_ODOO, "[\"customers\",\"products\"]", INCREMENTAL)).get("status").asText())
                .isEqualTo("done");

        renameProduct(products.get(3), "Renamed product A");
        renameProduct(products.get(40), "Renamed product B");
        woo.resetStats();
        odoo.resetStats();

        JsonNode second = finish(startSync(WOO_TO_ODOO, "[\"customers\",\"products\"]", INCREMENTAL));

        assertThat(second.get("status").asText()).isEqualTo("done");
        // customers cannot be filtered by date: all 60 read, none written; products: only the 2 changed read
        assertThat(second.at("/queue/total").asInt()).isEqualTo(62);
        assertThat(odoo.stats()).doesNotContainKey("execute_kw res.partner.write")
                .doesNotContainKey("execute_kw res.partner.create")
                .doesNotContainKey("execute_kw product.product.create");
        assertThat(odoo.stats().get("execute_kw product.product.write")).isEqualTo(2L);
        assertThat(odoo.records("product.product")).extracting(p -> p.get("name").asText())
                .contains("Renamed product A", "Renamed product B");
    }

    private JsonNode finish(String syncId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("done", "partial", "failed").contains(status(syncId)));
        return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
    }

    private static void renameProduct(long id, String name) throws Exception {
        String auth = Base64.getEncoder().encodeToString("ck_test:cs_test".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(woo.baseUrl() + "/wp-json/wc/v3/products/" + id))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
