package com.wooodoo.sync.connector.woocommerce;

import com.wooodoo.sync.support.ImportedOrders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.sandbox.woocommerce.SimulatorClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading pages and looking records up, against the simulator over real HTTP through Camel. */
class WooCommerceConnectorReadTest {

    private static WooTestShop shop;
    private static WooCommerceConnector connector;

    @BeforeAll
    static void start() {
        shop = new WooTestShop(2024);
        shop.simulator.seed(EntityType.CUSTOMERS, 1050);
        shop.simulator.seed(EntityType.PRODUCTS, 260);
        shop.simulator.seed(EntityType.ORDERS, 120);
        connector = shop.connector();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @BeforeEach
    void clearStats() {
        shop.simulator.resetStats();
    }

    @Test
    void readsEveryCustomerOnceAcrossElevenPages() {
        List<String> ids = new ArrayList<>();
        RecordPage page;
        int number = 0;
        do {
            page = connector.readPage(EntityType.CUSTOMERS, ++number, 100, Optional.empty());
            assertThat(page.total()).isEqualTo(1050);
            assertThat(page.totalPages()).isEqualTo(11);
            page.records().forEach(r -> ids.add(r.id()));
        } while (!page.isLast());

        assertThat(number).isEqualTo(11);
        assertThat(ids).hasSize(1050).doesNotHaveDuplicates();
        assertThat(ids).containsExactlyElementsOf(shop.simulator.customers().stream().map(c -> c.get("id").asText()).toList());
        assertThat(shop.calls("GET customers")).isEqualTo(11);
    }

    @Test
    void aPageIsAtMost100Records() {
        RecordPage page = connector.readPage(EntityType.PRODUCTS, 2, 250, Optional.empty());

        int products = shop.simulator.count(EntityType.PRODUCTS);
        assertThat(products).isBetween(201, 300);
        assertThat(page.records()).hasSize(100);
        assertThat(page.totalPages()).isEqualTo(3);
        assertThat(page.total()).isEqualTo(products);
    }

    @Test
    void mapsACustomerThroughTheMapping() {
        JsonNode json = shop.simulator.customers().get(17);

        SyncRecord record = connector.readByIds(EntityType.CUSTOMERS, List.of(json.get("id").asText())).get(0);

        assertThat(record.system().id()).isEqualTo("woocommerce");
        assertThat(record.fields()).containsEntry("email", json.get("email").asText())
                .containsEntry("firstName", json.get("first_name").asText())
                .containsEntry("phone", json.at("/billing/phone").asText())
                .containsEntry("street", json.at("/billing/address_1").asText())
                .containsEntry("zip", json.at("/billing/postcode").asText())
                .containsEntry("country", json.at("/billing/country").asText());
        assertThat(record.modifiedAt()).isEqualTo(Instant.parse(json.get("date_modified_gmt").asText() + "Z"));
    }

    @Test
    void mapsOrdersWithReferencesLinesAndUtcDates() {
        JsonNode withCustomer = shop.simulator.orders().stream().filter(o -> o.get("customer_id").asLong() != 0).findFirst().orElseThrow();
        JsonNode guest = shop.simulator.orders().stream().filter(o -> o.get("customer_id").asLong() == 0).findFirst().orElseThrow();

        Map<String, SyncRecord> records = connector.readByIds(EntityType.ORDERS, List.of(withCustomer.get("id").asText(),
                guest.get("id").asText())).stream().collect(Collectors.toMap(SyncRecord::id, r -> r));

        SyncRecord order = records.get(withCustomer.get("id").asText());
        assertThat(order.fields()).containsEntry("number", withCustomer.get("number").asText())
                .containsEntry("customer", withCustomer.get("customer_id").asText())
                .containsEntry("orderedAt", withCustomer.get("date_created_gmt").asText() + "Z");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) order.fields().get("lines");
        JsonNode firstLine = withCustomer.get("line_items").get(0);
        assertThat(lines).hasSize(withCustomer.get("line_items").size());
        assertThat(lines.get(0)).containsEntry("product", firstLine.get("product_id").asText())
                .containsEntry("quantity", new BigDecimal(firstLine.get("quantity").asText()));
        assertThat((BigDecimal) lines.get(0).get("unitPrice")).isEqualByComparingTo(firstLine.get("price").decimalValue());
        assertThat(records.get(guest.get("id").asText()).fields().get("customer")).isNull();
    }

    @Test
    void productPricesBecomeDecimals() {
        long id = shop.simulator.insert(EntityType.PRODUCTS, p -> p.put("regular_price", "21.99").put("short_description", ""));

        SyncRecord product = connector.readByIds(EntityType.PRODUCTS, List.of(String.valueOf(id))).get(0);

        assertThat(product.fields().get("price")).isEqualTo(new BigDecimal("21.99"));
        assertThat(product.fields().get("description")).as("'' is no value").isNull();
        assertThat(product.fields()).containsKey("description");
    }

    @Test
    void onlyOrdersOfTheImportedStatusesAreReadAndCounted() {
        List<JsonNode> all = shop.simulator.orders();
        List<String> imported = all.stream().filter(ImportedOrders::isImported)
                .map(o -> o.get("id").asText()).toList();
        assertThat(all).as("the seed has orders of other statuses too")
                .anyMatch(o -> !ImportedOrders.isImported(o));

        List<String> read = new ArrayList<>();
        RecordPage page;
        int number = 0;
        do {
            page = connector.readPage(EntityType.ORDERS, ++number, 100, Optional.empty());
            page.records().forEach(r -> read.add(r.id()));
        } while (!page.isLast());

        assertThat(read).containsExactlyElementsOf(imported);
        assertThat(page.total()).isEqualTo(imported.size());
    }

    @Test
    void productsAndOrdersAreFilteredByModificationCustomersAreNot() {
        Instant updatedAt = Instant.parse("2026-01-15T10:20:30Z");
        shop.simulator.setClock(Clock.fixed(updatedAt, ZoneOffset.UTC));
        List<JsonNode> products = shop.simulator.products();
        List<JsonNode> orders = shop.simulator.orders().stream()
                .filter(ImportedOrders::isImported).toList();
        SimulatorClient client = new SimulatorClient(shop.simulator.baseUrl(), WooTestShop.KEY, WooTestShop.SECRET);
        for (int i : new int[] {5, 77, 230}) {
            client.send("PUT", "/wp-json/wc/v3/products/" + products.get(i).get("id").asLong(), Map.of("name", "Changed " + i));
        }
        client.send("PUT", "/wp-json/wc/v3/orders/" + orders.get(9).get("id").asLong(), Map.of("customer_note", "changed"));

        RecordPage changedProducts = connector.readPage(EntityType.PRODUCTS, 1, 50, Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
        RecordPage sameSecond = connector.readPage(EntityType.PRODUCTS, 1, 50, Optional.of(updatedAt));
        RecordPage later = connector.readPage(EntityType.PRODUCTS, 1, 50, Optional.of(updatedAt.plusSeconds(1)));
        RecordPage changedOrders = connector.readPage(EntityType.ORDERS, 1, 50, Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
        RecordPage customers = connector.readPage(EntityType.CUSTOMERS, 1, 50, Optional.of(Instant.parse("2030-01-01T00:00:00Z")));

        assertThat(connector.canFilterByModification(EntityType.PRODUCTS)).isTrue();
        assertThat(connector.canFilterByModification(EntityType.ORDERS)).isTrue();
        assertThat(connector.canFilterByModification(EntityType.CUSTOMERS)).isFalse();
        assertThat(changedProducts.records()).extracting(r -> r.fields().get("name"))
                .containsExactlyInAnyOrder("Changed 5", "Changed 77", "Changed 230");
        assertThat(changedProducts.total()).isEqualTo(3);
        assertThat(sameSecond.records()).as("the boundary second is read again, not missed").hasSize(3);
        assertThat(later.records()).isEmpty();
        assertThat(changedOrders.records()).extracting(SyncRecord::id).containsExactly(orders.get(9).get("id").asText());
        assertThat(customers.total()).as("customers cannot be filtered: all are read").isEqualTo(1050);
    }

    @Test
    void readsByIdsInCallsOf100AndSkipsWhatDoesNotExist() {
        List<String> ids = new ArrayList<>(shop.simulator.customers().stream().limit(248).map(c -> c.get("id").asText()).toList());
        ids.add("999999");
        ids.add("not-an-id");

        List<SyncRecord> records = connector.readByIds(EntityType.CUSTOMERS, ids);

        assertThat(records).hasSize(248);
        assertThat(shop.calls("GET customers")).isEqualTo(3);
    }

    @Test
    void findsManyCustomersByEmailInAFewCalls() {
        List<JsonNode> customers = shop.simulator.customers();
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            first.add(customers.get(i * 20).get("email").asText().toUpperCase());
        }
        for (int i = 0; i < 5; i++) {
            first.add("nobody" + i + "@example.com");
        }
        List<String> second = customers.subList(500, 550).stream().map(c -> c.get("email").asText()).toList();

        List<SyncRecord> found = connector.findByNaturalKeys(EntityType.CUSTOMERS, first);
        long firstCalls = shop.calls("GET customers");
        shop.simulator.resetStats();
        long plantedId = shop.simulator.insertCustomer("planted.later@example.com");
        List<String> withPlanted = new ArrayList<>(second);
        withPlanted.add("planted.later@example.com");
        connector.syncStarting(); // new customers are caught up once per sync
        List<SyncRecord> foundAgain = connector.findByNaturalKeys(EntityType.CUSTOMERS, withPlanted);

        assertThat(found).hasSize(45);
        assertThat(found).extracting(r -> ((String) r.fields().get("email")).toUpperCase()).containsExactlyInAnyOrderElementsOf(first.subList(0, 45));
        assertThat(firstCalls).as("the index is read once (11 pages) and the matches in one call").isEqualTo(12);
        assertThat(foundAgain).hasSize(51).extracting(SyncRecord::id).contains(String.valueOf(plantedId));
        assertThat(shop.calls("GET customers")).as("new customers caught up in one call, matches read in one").isEqualTo(2);
    }

    @Test
    void findsOneOrTwoCustomersWithExactEmailCalls() {
        JsonNode customer = shop.simulator.customers().get(3);

        List<SyncRecord> found = connector.findByNaturalKeys(EntityType.CUSTOMERS,
                List.of(customer.get("email").asText().toUpperCase(), customer.get("email").asText().substring(2)));

        assertThat(found).extracting(SyncRecord::id).containsExactly(customer.get("id").asText());
        assertThat(shop.calls("GET customers")).isEqualTo(2);
    }

    @Test
    void findsProductsBySkuListsOf100() {
        List<String> skus = new ArrayList<>(shop.simulator.products().stream().limit(150).map(p -> p.get("sku").asText().toLowerCase()).toList());
        long comma = shop.simulator.insertProduct("A,B");
        skus.add("A,B");
        skus.add("MISSING-1");

        List<SyncRecord> found = connector.findByNaturalKeys(EntityType.PRODUCTS, skus);

        assertThat(found).hasSize(151).extracting(SyncRecord::id).contains(String.valueOf(comma));
        assertThat(shop.calls("GET products")).isEqualTo(3);
    }

    @Test
    void findsOrdersByNumber() {
        JsonNode order = shop.simulator.orders().get(4);

        List<SyncRecord> found = connector.findByNaturalKeys(EntityType.ORDERS, List.of(order.get("number").asText(), "X-1", "999999"));

        assertThat(found).extracting(SyncRecord::id).containsExactly(order.get("id").asText());
        assertThat(shop.calls("GET orders")).isEqualTo(1);
    }

    @Test
    void aRecordWithAValueOfTheWrongKindIsAProtocolFailureNamingIt() {
        long id = shop.simulator.insertProduct("BROKEN-1");
        shop.simulator.corrupt(EntityType.PRODUCTS, id, "regular_price", new TextNode("12,50 EUR"));

        assertThatThrownBy(() -> connector.readByIds(EntityType.PRODUCTS, List.of(String.valueOf(id))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
                    assertThat(e.getMessage()).contains("products " + id).contains("regular_price");
                });
    }

    @Test
    void pageArgumentsStartAt1() {
        assertThatThrownBy(() -> connector.readPage(EntityType.CUSTOMERS, 0, 10, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        Set<String> none = new HashSet<>();
        assertThat(connector.findByNaturalKeys(EntityType.CUSTOMERS, none)).isEmpty();
    }
}
