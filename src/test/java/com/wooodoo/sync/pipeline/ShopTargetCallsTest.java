package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What products synced to the shop cost: WooCommerce answers a batch write with each record as it
 * stored it, and for products without variations that answer is the read-back, compared with what
 * was written as a read would be; the SKUs of a source page are looked up once for its batches,
 * except where a batch before may have created one since.
 */
@TestPropertySource(properties = "wooodoo.pipeline.batches-in-flight=1") // which batch of a page reads it is then known
class ShopTargetCallsTest extends SandboxTestBase {

    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";
    private static final String FULL = "{\"interBatchDelayMs\":0,\"mode\":\"full\"}";

    @Test
    void simpleProductsWrittenToTheShopAreReadBackFromTheBatchAnswer() {
        odoo.seed(EntityType.PRODUCTS, 60);
        woo.resetStats();

        JsonNode report = runToEnd(startSync(ODOO_TO_WOO, "[\"products\"]", FULL), Duration.ofSeconds(60));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(60);
        assertThat(woo.products()).hasSize(60);
        assertThat(woo.stats().get("POST products/batch")).isEqualTo(2L);
        assertThat(woo.stats().get("GET products")).as("one look-up by SKU for the page, no read-back: " + woo.stats())
                .isEqualTo(1L);
        Map<String, String> shopNames = woo.products().stream()
                .collect(Collectors.toMap(p -> p.get("sku").asText(), p -> p.get("name").asText()));
        odoo.records("product.product").stream().filter(p -> !p.path("type").asText().equals("service"))
                .forEach(variant -> assertThat(shopNames.get(variant.get("default_code").asText()))
                        .as(variant.toString()).isEqualTo(variant.get("name").asText()));
    }

    @Test
    void theSkusOfAPageAreLookedUpOnceAndASkuTwiceInThePageIsNotCreatedTwice() {
        List<Long> variants = odoo.seed(EntityType.PRODUCTS, 200);
        String twice = "TWICE-IN-A-PAGE";
        odoo.update("product.product", variants.get(10), Map.of("default_code", twice));
        odoo.update("product.product", variants.get(70), Map.of("default_code", twice));
        woo.resetStats();

        JsonNode report = runToEnd(startSync(ODOO_TO_WOO, "[\"products\"]", FULL), Duration.ofSeconds(60));

        assertThat(report.at("/queue/skipped").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.at("/conflicts/byType/DuplicateKey").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(woo.products().stream().filter(p -> p.get("sku").asText().equals(twice))).hasSize(1);
        assertThat(woo.products()).hasSize(199);
        assertThat(woo.stats().get("POST products/batch")).isEqualTo(4L);
        assertThat(woo.stats().get("GET products")).as("a look-up a page, and the batch with the SKU its page had "
                + "twice its own: " + woo.stats()).isEqualTo(3L);
    }
}
