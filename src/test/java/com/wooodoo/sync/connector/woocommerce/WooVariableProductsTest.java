package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.NeutralProduct;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.SyncRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Variable products read as one product record per variation, seen through its parent. */
class WooVariableProductsTest {

    private final WooTestShop shop = new WooTestShop(3);

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void aPageOfVariableProductsIsReadAsTheirVariations() {
        List<Long> parents = shop.simulator.seedVariableProducts(4, 5);
        WooCommerceConnector connector = shop.connector();

        RecordPage page = connector.readPage(EntityType.PRODUCTS, 1, 100, Optional.empty());

        int variations = parents.stream().mapToInt(p -> shop.simulator.variations(p).size()).sum();
        assertThat(page.records()).hasSize(variations);
        assertThat(shop.simulator.stats().entrySet().stream().filter(e -> e.getKey().contains("variations"))
                .mapToLong(Map.Entry::getValue).sum()).as(shop.simulator.stats().toString()).isEqualTo(parents.size());
        JsonNode parent = shop.simulator.record(EntityType.PRODUCTS, parents.get(0)).orElseThrow();
        JsonNode first = shop.simulator.variations(parents.get(0)).get(0);
        SyncRecord record = page.records().stream().filter(r -> r.id().equals(first.get("id").asText())).findFirst().orElseThrow();
        assertThat(record.fields().get("name")).isEqualTo(parent.get("name").asText());
        assertThat((BigDecimal) record.fields().get("price")).isEqualByComparingTo(first.get("regular_price").asText());
        assertThat(record.fields().get(NeutralProduct.PARENT)).isEqualTo(parent.get("name").asText());
        Map<String, String> values = NeutralProduct.attributesOf(record.fields());
        assertThat(values).hasSize(first.get("attributes").size());
        first.get("attributes").forEach(a -> assertThat(values.get(a.get("name").asText())).isEqualTo(a.get("option").asText()));
        assertThat(page.records().stream().map(r -> NeutralProduct.combinationKey(NeutralProduct.attributesOf(r.fields()))
                + "@" + r.fields().get(NeutralProduct.PARENT) + r.fields().get(NeutralProduct.PARENT_SKU))).doesNotHaveDuplicates();
    }
}
