package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.SyncRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

import static org.assertj.core.api.Assertions.assertThat;

/** Reading pages, ids and natural keys from the simulated Odoo, over both protocols. */
class OdooConnectorReadTest {

    private OdooRig rig;

    @BeforeEach
    void start() {
        rig = new OdooRig();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void readsEveryPartnerOncePageByPageWithOneCountryLookupAtMostPerPage(Protocol protocol) {
        rig.odoo.seed(EntityType.CUSTOMERS, 1050);
        OdooConnector odoo = rig.connector(protocol);

        Set<String> ids = new HashSet<>();
        List<Instant> changes = new ArrayList<>();
        RecordPage page;
        int number = 0;
        do {
            page = odoo.readPage(EntityType.CUSTOMERS, ++number, 100, Optional.empty());
            if (number == 1 || number == 11) { // counted with the first page; the last one is not full
                assertThat(page.total()).isEqualTo(1050);
                assertThat(page.totalPages()).isEqualTo(11);
            }
            assertThat(page.isLast()).isEqualTo(number == 11);
            assertThat(page.records()).hasSize(number < 11 ? 100 : 50);
            if (number == 1) {
                assertThat(rig.calls(protocol, "res.country", "search_read")).isEqualTo(1);
            }
            for (SyncRecord record : page.records()) {
                ids.add(record.id());
                changes.add(record.modifiedAt());
                JsonNode stored = rig.odoo.record("res.partner", Long.parseLong(record.id())).orElseThrow();
                assertThat(record.field("country")).contains(countryCode(stored));
                assertThat(record.field("email")).contains(stored.get("email").asText());
            }
        } while (!page.isLast());

        assertThat(number).isEqualTo(11);
        assertThat(ids).hasSize(1050);
        assertThat(changes).isSorted();
        assertThat(rig.calls(protocol, "res.partner", "search_count")).as("counted with the first page only").isEqualTo(1);
        assertThat(rig.calls(protocol, "res.partner", "search_read")).isEqualTo(11);
        assertThat(rig.calls(protocol, "res.country", "search_read")).isBetween(1L, 11L);
        assertThat(odoo.readPage(EntityType.CUSTOMERS, 12, 100, Optional.empty()).records()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void mapsAContactToNeutralFields(Protocol protocol) {
        long id = rig.odoo.insert("res.partner", Map.of("name", "Anna Maria Schmidt", "email", "anna@example.com",
                "phone", "+32 2 555 01 01", "street", "Rue Neuve 1", "city", "Bruxelles", "zip", "1000",
                "country_id", rig.odoo.countryId("BE")));
        long bare = rig.odoo.insert("res.partner", Map.of("name", "Agrolait"));

        List<SyncRecord> records = rig.connector(protocol).readByIds(EntityType.CUSTOMERS, List.of(String.valueOf(id), String.valueOf(bare)));

        assertThat(records).hasSize(2);
        SyncRecord anna = records.get(0);
        assertThat(anna.type()).isEqualTo(EntityType.CUSTOMERS);
        assertThat(anna.system()).isEqualTo(ExternalSystem.ODOO);
        assertThat(anna.id()).isEqualTo(String.valueOf(id));
        assertThat(anna.modifiedAt()).isEqualTo(OdooRig.NOW);
        assertThat(anna.fields()).containsEntry("firstName", "Anna").containsEntry("lastName", "Maria Schmidt")
                .containsEntry("email", "anna@example.com").containsEntry("country", "BE").containsEntry("city", "Bruxelles")
                .containsEntry("street2", null).containsEntry("company", null);
        assertThat(anna.fields().keySet()).containsExactlyInAnyOrderElementsOf(
                OdooRig.MAPPINGS.of(EntityType.CUSTOMERS).fields().stream().map(f -> f.name()).toList());
        assertThat(records.get(1).fields()).containsEntry("firstName", "Agrolait").containsEntry("lastName", null)
                .containsEntry("country", null).containsEntry("email", null);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void countriesAreLookedUpOncePerConnector(Protocol protocol) {
        rig.odoo.seed(EntityType.CUSTOMERS, 40);
        OdooConnector odoo = rig.connector(protocol);

        odoo.readPage(EntityType.CUSTOMERS, 1, 40, Optional.empty());
        odoo.readPage(EntityType.CUSTOMERS, 1, 40, Optional.empty());
        odoo.readByIds(EntityType.CUSTOMERS, List.of("1", "2", "3"));

        assertThat(rig.calls(protocol, "res.country", "search_read")).isEqualTo(1);
        JsonNode lookup = OdooRig.namedArgs(rig.requests(OdooRig.kind(protocol, "res.country", "search_read")).get(0), List.of("domain"));
        assertThat(lookup.get("domain").get(0).get(0).asText()).isEqualTo("id");
        assertThat(lookup.get("domain").get(0).get(1).asText()).isEqualTo("in");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void readsOnlyWhatChangedAfterAnInstantTruncatedToTheSecond(Protocol protocol) {
        rig.odoo.seed(EntityType.CUSTOMERS, 30);  // written 2025-01-01 00:00, 00:07, 00:14, ..., 03:23
        rig.odoo.setClock(Clock.fixed(Instant.parse("2025-01-01T01:03:00.900Z"), ZoneOffset.UTC));
        rig.odoo.insert("res.partner", Map.of("name", "Written in the checkpoint's second, after it"));

        RecordPage page = rig.connector(protocol).readPage(EntityType.CUSTOMERS, 1, 50,
                Optional.of(Instant.parse("2025-01-01T01:03:00.750Z")));

        assertThat(page.total()).isEqualTo(21);
        assertThat(page.records()).hasSize(21)
                .allSatisfy(r -> assertThat(r.modifiedAt()).isAfterOrEqualTo(Instant.parse("2025-01-01T01:03:00Z")));
        assertThat(page.records().get(0).field("firstName")).contains("Written");
        JsonNode sent = OdooRig.namedArgs(rig.requests(OdooRig.kind(protocol, "res.partner", "search_count")).get(0), List.of("domain"));
        assertThat(sent.get("domain").toString()).as("the changed ones, of the partners that are not addresses of others")
                .isEqualTo("[[\"write_date\",\">\",\"2025-01-01 01:03:00\"],[\"type\",\"not in\",[\"invoice\",\"delivery\",\"other\"]]]");
        JsonNode read = OdooRig.namedArgs(rig.requests(OdooRig.kind(protocol, "res.partner", "search_read")).get(0), List.of("domain"));
        assertThat(read.get("order").asText()).isEqualTo("write_date asc, id asc");
        assertThat(rig.connector(protocol).canFilterByModification(EntityType.CUSTOMERS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void readsOrdersWithTheLinesOfAPageInOneCall(Protocol protocol) {
        rig.odoo.seed(EntityType.ORDERS, 120);
        OdooConnector odoo = rig.connector(protocol);

        List<SyncRecord> orders = new ArrayList<>();
        for (int number = 1; number <= 3; number++) {
            orders.addAll(odoo.readPage(EntityType.ORDERS, number, 50, Optional.empty()).records());
        }

        assertThat(orders).hasSize(120);
        assertThat(rig.calls(protocol, "sale.order.line", "search_read")).isEqualTo(3);
        assertThat(rig.calls(protocol, "product.product", "search_read"))
                .as("the shipping and fee products looked up once, though this Odoo has none of them").isEqualTo(1);
        for (SyncRecord order : orders) {
            JsonNode stored = rig.odoo.record("sale.order", Long.parseLong(order.id())).orElseThrow();
            assertThat(order.field("number")).contains(stored.get("client_order_ref").asText());
            assertThat(order.field("customer")).contains(stored.get("partner_id").get(0).asText());
            assertThat(order.field("orderedAt")).contains(stored.get("date_order").asText().replace(' ', 'T') + "Z");
            List<?> lines = (List<?>) order.fields().get("lines");
            assertThat(lines).hasSize(stored.get("order_line").size());
            JsonNode firstLine = rig.odoo.record("sale.order.line", stored.get("order_line").get(0).asLong()).orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, Object> line = (Map<String, Object>) lines.get(0);
            assertThat(line)
                    .containsEntry("product", firstLine.get("product_id").get(0).asText())
                    .containsEntry("quantity", OdooValues.normalise(firstLine.get("product_uom_qty").decimalValue()))
                    .containsEntry("unitPrice", OdooValues.normalise(firstLine.get("price_unit").decimalValue()));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void readsPricesAsDecimalsWithoutTrailingZeros(Protocol protocol) {
        long tenEuros = rig.odoo.insert("product.product", Map.of("name", "Mug", "default_code", "MUG-1", "list_price", 10.0));
        long cheap = rig.odoo.insert("product.product", Map.of("name", "Pen", "default_code", "PEN-1", "list_price", 0.5));

        List<SyncRecord> products = rig.connector(protocol).readByIds(EntityType.PRODUCTS, List.of(tenEuros + "", cheap + ""));

        assertThat(products.get(0).fields()).containsEntry("price", new BigDecimal("10")).containsEntry("sku", "MUG-1")
                .containsEntry("name", "Mug").containsEntry("description", null);
        assertThat(products.get(1).fields()).containsEntry("price", new BigDecimal("0.5"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void readByIdsLeavesOutIdsThatCannotOrDoNotExist(Protocol protocol) {
        long id = rig.odoo.insert("res.partner", Map.of("name", "Axelor"));
        OdooConnector odoo = rig.connector(protocol);

        assertThat(odoo.readByIds(EntityType.CUSTOMERS, List.of(String.valueOf(id), "999999", "woo-17")))
                .extracting(SyncRecord::id).containsExactly(String.valueOf(id));
        assertThat(odoo.readByIds(EntityType.CUSTOMERS, List.of("woo-17"))).isEmpty();
        assertThat(odoo.readByIds(EntityType.CUSTOMERS, List.of())).isEmpty();
        assertThat(rig.calls(protocol, "res.partner", "search_read")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aNaturalKeyMayMatchSeveralRecordsArchivedOnesIncluded(Protocol protocol) {
        long first = rig.odoo.insert("product.product", Map.of("name", "Desk", "default_code", "DUP-1"));
        long second = rig.odoo.insert("product.product", Map.of("name", "Desk (copy)", "default_code", "DUP-1"));
        long archived = rig.odoo.insert("product.product", Map.of("name", "Old lamp", "default_code", "LAMP-9", "active", false));
        rig.odoo.insert("product.product", Map.of("name", "Chair", "default_code", "CHAIR-1"));

        List<SyncRecord> found = rig.connector(protocol).findByNaturalKeys(EntityType.PRODUCTS, List.of("DUP-1", "LAMP-9", "NOPE", " "));

        assertThat(found).extracting(SyncRecord::id).containsExactly(first + "", second + "", archived + "");
        assertThat(found).extracting(r -> r.field("sku").orElseThrow()).containsExactly("DUP-1", "DUP-1", "LAMP-9");
        assertThat(rig.calls(protocol, "product.product", "search_read")).isEqualTo(1);
        assertThat(rig.connector(protocol).readPage(EntityType.PRODUCTS, 1, 10, Optional.empty()).total())
                .as("pages leave archived records out").isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anEmptyModelHasNoPagesAndNeedsNoRead(Protocol protocol) {
        RecordPage page = rig.connector(protocol).readPage(EntityType.ORDERS, 1, 50, Optional.empty());

        assertThat(page.total()).isZero();
        assertThat(page.totalPages()).isZero();
        assertThat(page.isLast()).isTrue();
        assertThat(page.records()).isEmpty();
        assertThat(rig.calls(protocol, "sale.order", "search_read")).isZero();
    }

    private String countryCode(JsonNode partner) {
        long countryId = partner.get("country_id").get(0).asLong();
        return rig.odoo.record("res.country", countryId).orElseThrow().get("code").asText();
    }
}
