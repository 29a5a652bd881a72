package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.connector.mapping.MappingLoader;
import com.wooodoo.sync.sandbox.odoo.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating and updating records in the simulated Odoo, over both protocols. */
class OdooConnectorWriteTest {

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
    void createsCustomersWithOneCallPerHundredAndCountriesAsIds(Protocol protocol) {
        List<String> countries = List.of("DE", "FR", "BE", "US", "BR");
        List<SyncRecord> records = IntStream.range(0, 250).mapToObj(i -> customer(i, countries.get(i % 5))).toList();

        List<WriteOutcome> outcomes = rig.connector(protocol).create(EntityType.CUSTOMERS, records);

        assertThat(outcomes).hasSize(250).allSatisfy(o -> assertThat(o.succeeded()).isTrue());
        assertThat(outcomes).extracting(WriteOutcome::index).containsExactlyElementsOf(IntStream.range(0, 250).boxed().toList());
        assertThat(rig.calls(protocol, "res.partner", "create")).isEqualTo(3);
        assertThat(rig.calls(protocol, "res.country", "search_read")).as("one lookup for the batch").isEqualTo(1);
        JsonNode stored = rig.odoo.record("res.partner", Long.parseLong(outcomes.get(7).targetId().orElseThrow())).orElseThrow();
        assertThat(stored.get("name").asText()).isEqualTo("First7 Last Seven");
        assertThat(stored.get("email").asText()).isEqualTo("c7@example.com");
        assertThat(stored.get("country_id").get(0).asLong()).isEqualTo(rig.odoo.countryId("BE"));
        assertThat(stored.get("street2").asBoolean()).isFalse();

        RecordedRequest firstCreate = rig.requests(OdooRig.kind(protocol, "res.partner", "create")).get(0);
        JsonNode valsList = OdooRig.namedArgs(firstCreate, List.of("vals_list")).get("vals_list");
        assertThat(valsList).hasSize(100);
        assertThat(valsList).allSatisfy(vals -> assertThat(vals.get("country_id").isIntegralNumber()).isTrue());
        assertThat(valsList.get(0).has("street2")).as("empty fields are left out of a create").isFalse();

        rig.connector(protocol).create(EntityType.CUSTOMERS, List.of(customer(300, "DE")));
        assertThat(rig.calls(protocol, "res.country", "search_read")).as("another connector looks up again").isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anUnknownCountryCodeFailsOnlyItsRecordWithoutACall(Protocol protocol) {
        List<WriteOutcome> outcomes = rig.connector(protocol).create(EntityType.CUSTOMERS,
                List.of(customer(1, "DE"), customer(2, "XX"), customer(3, "FR")));

        assertThat(outcomes.get(0).succeeded()).isTrue();
        assertThat(outcomes.get(2).succeeded()).isTrue();
        ConnectorException failure = outcomes.get(1).failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(FailureKind.VALIDATION);
        assertThat(failure.getMessage()).contains("country").contains("'XX'");
        assertThat(rig.calls(protocol, "res.partner", "create")).isEqualTo(1);
        assertThat(rig.odoo.count("res.partner")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aRejectedChunkIsCreatedRecordByRecordToFindTheBadOnes(Protocol protocol) {
        rig.odoo.setUniqueConstraint("res.partner", "email", true);
        rig.odoo.insert("res.partner", Map.of("name", "Already here", "email", "c2@example.com"));
        List<SyncRecord> records = new ArrayList<>(IntStream.range(0, 5).mapToObj(i -> customer(i, "BE")).toList());
        Map<String, Object> nameless = new HashMap<>(records.get(4).fields());
        nameless.put("firstName", null);
        nameless.put("lastName", "");
        records.set(4, new SyncRecord(EntityType.CUSTOMERS, ExternalSystem.WOOCOMMERCE, "w4", nameless, null));

        List<WriteOutcome> outcomes = rig.connector(protocol).create(EntityType.CUSTOMERS, records);

        assertThat(outcomes).extracting(WriteOutcome::succeeded).containsExactly(true, true, false, true, false);
        assertThat(outcomes.get(2).failure().orElseThrow().kind()).isEqualTo(FailureKind.DUPLICATE);
        assertThat(outcomes.get(2).failure().orElseThrow().code()).contains("odoo.exceptions.ValidationError");
        assertThat(outcomes.get(4).failure().orElseThrow().kind()).isEqualTo(FailureKind.VALIDATION);
        assertThat(rig.calls(protocol, "res.partner", "create")).as("the chunk, then each record").isEqualTo(1 + 5);
        assertThat(rig.odoo.count("res.partner")).isEqualTo(1 + 3);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aFailedCallAfterSomeRecordsWereWrittenBecomesTheOutcomeOfTheRest(Protocol protocol) {
        rig.odoo.injectAnswer(OdooRig.kind(protocol, "res.partner", "create"), 1, 503,
                OdooRig.JSON.createObjectNode().put("message", "busy"));
        List<SyncRecord> records = IntStream.range(0, 150).mapToObj(i -> customer(i, "DE")).toList();

        List<WriteOutcome> outcomes = rig.connector(protocol).create(EntityType.CUSTOMERS, records);

        assertThat(outcomes.subList(0, 100)).allSatisfy(o -> assertThat(o.succeeded()).isTrue());
        assertThat(outcomes.subList(100, 150)).allSatisfy(o -> {
            assertThat(o.failure().orElseThrow().kind()).isEqualTo(FailureKind.TRANSIENT);
            assertThat(o.failure().orElseThrow().httpStatus()).isEqualTo(503);
        });
        assertThat(rig.odoo.count("res.partner")).isEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aFailedCallBeforeAnythingWasWrittenIsThrown(Protocol protocol) {
        rig.odoo.injectAnswer(OdooRig.kind(protocol, "res.partner", "create"), 503, OdooRig.JSON.createObjectNode());

        assertThatThrownBy(() -> rig.connector(protocol).create(EntityType.CUSTOMERS, List.of(customer(1, "DE"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void createsOrdersWithTheirLinesInOneCall(Protocol protocol) {
        long partner = rig.odoo.insert("res.partner", Map.of("name", "Axelor"));
        long desk = rig.odoo.insert("product.product", Map.of("name", "Desk", "list_price", 120.0));
        long lamp = rig.odoo.insert("product.product", Map.of("name", "Lamp", "list_price", 30.0));
        Map<String, Object> fields = new HashMap<>();
        fields.put("number", "1042");
        fields.put("customer", String.valueOf(partner));
        fields.put("orderedAt", "2025-03-04T10:15:30Z");
        fields.put("note", "Leave at the door");
        fields.put("lines", List.of(
                Map.of("product", String.valueOf(desk), "quantity", new BigDecimal("2"), "unitPrice", new BigDecimal("99.50")),
                Map.of("product", String.valueOf(lamp), "quantity", new BigDecimal("1"), "unitPrice", new BigDecimal("30"))));

        List<WriteOutcome> outcomes = rig.connector(protocol).create(EntityType.ORDERS,
                List.of(new SyncRecord(EntityType.ORDERS, ExternalSystem.WOOCOMMERCE, "1042", fields, null)));

        JsonNode order = rig.odoo.record("sale.order", Long.parseLong(outcomes.get(0).targetId().orElseThrow())).orElseThrow();
        assertThat(order.get("client_order_ref").asText()).isEqualTo("1042");
        assertThat(order.get("partner_id").get(0).asLong()).isEqualTo(partner);
        assertThat(order.get("date_order").asText()).isEqualTo("2025-03-04 10:15:30");
        assertThat(order.get("amount_total").asDouble()).isEqualTo(229.0);
        JsonNode firstLine = rig.odoo.record("sale.order.line", order.get("order_line").get(0).asLong()).orElseThrow();
        assertThat(firstLine.get("product_id").get(0).asLong()).isEqualTo(desk);
        assertThat(firstLine.get("price_unit").asDouble()).isEqualTo(99.5);
        JsonNode sent = OdooRig.namedArgs(rig.requests(OdooRig.kind(protocol, "sale.order", "create")).get(0), List.of("vals_list"));
        assertThat(sent.get("vals_list").get(0).get("order_line").get(0).get(0).asInt()).isZero();
        assertThat(sent.get("vals_list").get(0).get("partner_id").isIntegralNumber()).isTrue();
        assertThat(rig.calls(protocol, "sale.order", "create")).isEqualTo(1);
        assertThat(rig.calls(protocol, "sale.order.line", "create")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void updatesEachRecordWithItsOwnWrite(Protocol protocol) {
        List<WriteOutcome> created = rig.connector(protocol).create(EntityType.CUSTOMERS,
                List.of(customer(1, "DE"), customer(2, "DE"), customer(3, "DE")));
        Map<String, Object> moved = new HashMap<>(customer(1, "FR").fields());
        moved.put("lastName", "Martin");
        moved.put("phone", null);
        List<TargetUpdate> updates = List.of(
                new TargetUpdate(created.get(0).targetId().orElseThrow(),
                        new SyncRecord(EntityType.CUSTOMERS, ExternalSystem.WOOCOMMERCE, "w1", moved, null)),
                new TargetUpdate("999999", customer(2, "DE")),
                new TargetUpdate(created.get(2).targetId().orElseThrow(), customer(3, "BE")));

        List<WriteOutcome> outcomes = rig.connector(protocol).update(EntityType.CUSTOMERS, updates);

        assertThat(outcomes).extracting(WriteOutcome::succeeded).containsExactly(true, false, true);
        assertThat(outcomes.get(0).targetId()).isEqualTo(created.get(0).targetId());
        assertThat(outcomes.get(1).failure().orElseThrow().kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(rig.calls(protocol, "res.partner", "write")).isEqualTo(3);
        JsonNode first = rig.odoo.record("res.partner", Long.parseLong(created.get(0).targetId().orElseThrow())).orElseThrow();
        assertThat(first.get("name").asText()).isEqualTo("First1 Martin");
        assertThat(first.get("phone").asBoolean()).as("null clears the field").isFalse();
        assertThat(first.get("country_id").get(0).asLong()).isEqualTo(rig.odoo.countryId("FR"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anUpdateReplacesTheLinesOfAnOrder(Protocol protocol) {
        rig.odoo.seed(EntityType.ORDERS, 1);
        JsonNode order = rig.odoo.records("sale.order").get(0);
        long product = rig.odoo.records("product.product").get(0).get("id").asLong();
        Map<String, Object> fields = new HashMap<>();
        fields.put("lines", List.of(Map.of("product", String.valueOf(product), "quantity", new BigDecimal("7"))));

        List<WriteOutcome> outcomes = rig.connector(protocol).update(EntityType.ORDERS, List.of(new TargetUpdate(
                order.get("id").asText(), new SyncRecord(EntityType.ORDERS, ExternalSystem.WOOCOMMERCE, "9", fields, null))));

        assertThat(outcomes.get(0).succeeded()).isTrue();
        JsonNode lines = rig.odoo.record("sale.order", order.get("id").asLong()).orElseThrow().get("order_line");
        assertThat(lines).hasSize(1);
        assertThat(rig.odoo.record("sale.order.line", lines.get(0).asLong()).orElseThrow().get("product_uom_qty").asDouble()).isEqualTo(7.0);
        assertThat(rig.odoo.count("sale.order.line")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void readOnlyFieldsAreReadButNeverWritten(Protocol protocol, @TempDir Path dir) throws IOException {
        for (String entity : List.of("customers", "products", "orders", "stock")) {
            Files.copy(Path.of("config", "mappings", entity + ".yaml"), dir.resolve(entity + ".yaml"));
        }
        Path customers = dir.resolve("customers.yaml");
        Files.writeString(customers, Files.readString(customers).replace("    odoo: phone", "    odoo: { path: phone, readOnly: true }"));
        MappingCatalog mappings = new MappingCatalog(MappingLoader.loadAll(dir));
        OdooConnector odoo = rig.connector(protocol, OdooRig.secret(protocol), HttpTimeouts.DEFAULTS, mappings);

        String id = odoo.create(EntityType.CUSTOMERS, List.of(customer(1, "DE"))).get(0).targetId().orElseThrow();

        assertThat(rig.odoo.record("res.partner", Long.parseLong(id)).orElseThrow().get("phone").asBoolean()).isFalse();
        rig.odoo.update("res.partner", Long.parseLong(id), Map.of("phone", "+49 30 1234"));
        assertThat(odoo.readByIds(EntityType.CUSTOMERS, List.of(id)).get(0).field("phone")).contains("+49 30 1234");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aWriteProtectedModelIsAnAuthenticationFailure(Protocol protocol) {
        rig.odoo.setWriteProtected("res.partner", true);

        assertThatThrownBy(() -> rig.connector(protocol).create(EntityType.CUSTOMERS, List.of(customer(1, "DE"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
                    assertThat(e.code()).contains("odoo.exceptions.AccessError");
                });
        assertThat(rig.odoo.count("res.partner")).isZero();
    }

    static SyncRecord customer(int i, String country) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("email", "c" + i + "@example.com");
        fields.put("firstName", "First" + i);
        fields.put("lastName", i == 7 ? "Last Seven" : "Last" + i);
        fields.put("company", null);
        fields.put("phone", "+49 30 " + (100000 + i));
        fields.put("street", "Invalidenstraße " + i);
        fields.put("street2", null);
        fields.put("city", "Berlin");
        fields.put("zip", "10115");
        fields.put("country", country);
        return new SyncRecord(EntityType.CUSTOMERS, ExternalSystem.WOOCOMMERCE, "w" + i, fields, null);
    }

}
