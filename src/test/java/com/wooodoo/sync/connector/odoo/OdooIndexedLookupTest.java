package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.sandbox.odoo.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Look-ups by natural key are domains a real Odoo answers from an index: e-mails by the mail
 * module's {@code email_normalized}, SKUs by {@code default_code in}, order numbers by
 * {@code client_order_ref in}, so the simulator, which charges scans as a real Odoo's PostgreSQL
 * spends them, scans no row. Without the mail module, e-mails fall back to {@code =ilike} chains of
 * at most ten terms that never carry an id read.
 */
class OdooIndexedLookupTest {

    private static final int STORED = 60;

    private OdooRig rig;
    private final List<Long> partners = new ArrayList<>();

    @BeforeEach
    void start() {
        rig = new OdooRig();
        for (int i = 0; i < STORED; i++) {
            partners.add(rig.odoo.insert("res.partner", Map.of("name", "Person " + i, "email", "Person." + i + "@Example.com")));
        }
        rig.odoo.resetStats();
        rig.odoo.clearRequests();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** 50 e-mails as the shop may spell them: another case than Odoo's, blanks around. */
    private static List<String> fiftyEmails() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            emails.add(i % 2 == 0 ? "PERSON." + i + "@EXAMPLE.COM" : " person." + i + "@example.COM ");
        }
        return emails;
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void fiftyEmailsInAnotherCaseAreFoundByEmailNormalizedWithoutScanningARow(Protocol protocol) {
        OdooConnector odoo = rig.connector(protocol);

        List<SyncRecord> found = odoo.findByNaturalKeys(EntityType.CUSTOMERS, fiftyEmails());

        assertThat(found).hasSize(50);
        assertThat(found).extracting(SyncRecord::id).containsExactlyElementsOf(partners.subList(0, 50).stream().map(String::valueOf).toList());
        assertThat(rig.odoo.rowsScanned()).isZero();
        List<RecordedRequest> lookups = rig.requests(OdooRig.kind(protocol, "res.partner", "search_read"));
        assertThat(lookups).hasSize(1);
        String domain = domainOf(lookups.get(0)).toString();
        assertThat(domain).contains("email_normalized").contains("person.0@example.com").doesNotContain("ilike");
        assertThat(rig.calls(protocol, "res.partner", "fields_get")).isEqualTo(1);

        odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("PERSON.55@example.com"));
        assertThat(rig.calls(protocol, "res.partner", "fields_get")).as("asked once per connector").isEqualTo(1);
        assertThat(rig.odoo.rowsScanned()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aReadBackCombinedWithTheNextLookUpOrsTwoIndexedConditionsInOneCall(Protocol protocol) {
        OdooConnector odoo = rig.connector(protocol);
        List<String> ids = List.of(String.valueOf(partners.get(55)), String.valueOf(partners.get(56)));

        List<SyncRecord> found = odoo.readByIdsOrNaturalKeys(EntityType.CUSTOMERS, ids, fiftyEmails());

        assertThat(found).hasSize(52);
        List<RecordedRequest> reads = rig.requests(OdooRig.kind(protocol, "res.partner", "search_read"));
        assertThat(reads).hasSize(1);
        assertThat(domainOf(reads.get(0)).toString()).contains("\"id\"").contains("email_normalized").doesNotContain("ilike");
        assertThat(rig.odoo.rowsScanned()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void withoutTheMailModuleEmailsAreFoundByIlikeChainsOfAtMostTenThatCarryNoIds(Protocol protocol) {
        rig.odoo.setWithoutMailModule(true);
        OdooConnector odoo = rig.connector(protocol);
        List<String> ids = List.of(String.valueOf(partners.get(55)), String.valueOf(partners.get(56)));

        List<SyncRecord> found = odoo.readByIdsOrNaturalKeys(EntityType.CUSTOMERS, ids, fiftyEmails());

        assertThat(found).hasSize(52);
        List<RecordedRequest> reads = rig.requests(OdooRig.kind(protocol, "res.partner", "search_read"));
        List<JsonNode> ilike = reads.stream().map(OdooIndexedLookupTest::domainOf).filter(d -> d.toString().contains("=ilike")).toList();
        assertThat(ilike).hasSize(5);
        for (JsonNode domain : ilike) {
            assertThat(leaves(domain)).hasSizeLessThanOrEqualTo(KeyLookups.ILIKE_CHUNK)
                    .allSatisfy(leaf -> assertThat(leaf.get(1).asText()).isEqualTo("=ilike"));
        }
        assertThat(reads).hasSize(6).as("the chunks, then one read by id of what they found and the ids asked");
        assertThat(domainOf(reads.get(5)).toString()).contains("\"id\"").doesNotContain("ilike");
        assertThat(rig.odoo.rowsScanned()).as("each chunk scans res_partner").isEqualTo(5L * STORED);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aFailedFieldsGetFailsTheLookUpAndIsAskedAgainNotTakenAsMissing(Protocol protocol) {
        rig.odoo.injectAnswer(OdooRig.kind(protocol, "res.partner", "fields_get"), 503, OdooRig.JSON.createObjectNode());
        OdooConnector odoo = rig.connector(protocol);

        assertThatThrownBy(() -> odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("person.1@example.com")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT));
        assertThat(odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("PERSON.1@example.com"))).hasSize(1);
        assertThat(rig.calls(protocol, "res.partner", "fields_get")).isEqualTo(2);
        assertThat(rig.requests(OdooRig.kind(protocol, "res.partner", "search_read")).stream()
                .map(r -> domainOf(r).toString())).noneMatch(d -> d.contains("ilike"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aSkuDifferingOnlyInCaseIsFoundByAnIndexedIn(Protocol protocol) {
        long upper = rig.odoo.insert("product.product", Map.of("name", "Tee red L", "default_code", "TEE-RED-L"));
        long lower = rig.odoo.insert("product.product", Map.of("name", "Mug", "default_code", "mug-01"));
        OdooConnector odoo = rig.connector(protocol);
        odoo.findByNaturalKeys(EntityType.PRODUCTS, List.of("mug-01")); // reads the category tree once: a small table, read whole
        rig.odoo.resetStats();
        rig.odoo.clearRequests();

        List<SyncRecord> found = odoo.findByNaturalKeys(EntityType.PRODUCTS, List.of("tee-red-l", " MUG-01", "nothing"));

        assertThat(found).extracting(SyncRecord::id).containsExactly(String.valueOf(upper), String.valueOf(lower));
        assertThat(rig.odoo.rowsScanned()).isZero();
        String domain = domainOf(rig.requests(OdooRig.kind(protocol, "product.product", "search_read")).get(0)).toString();
        assertThat(domain).contains("default_code").contains("\"in\"").doesNotContain("ilike");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anOrderNumberIsLookedUpByClientOrderRefWithoutAScan(Protocol protocol) {
        long order = rig.odoo.insert("sale.order", Map.of("partner_id", partners.get(0), "client_order_ref", "1042"));
        rig.odoo.resetStats();

        List<SyncRecord> found = rig.connector(protocol).findByNaturalKeys(EntityType.ORDERS, List.of("1042", "1043"));

        assertThat(found).extracting(SyncRecord::id).containsExactly(String.valueOf(order));
        assertThat(rig.odoo.rowsScanned()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aGuestOrderFindsItsPartnerByEmailNormalized(Protocol protocol) {
        long desk = rig.odoo.insert("product.product", Map.of("name", "Desk", "list_price", 120.0));
        rig.odoo.resetStats();

        List<WriteOutcome> outcomes = rig.connector(protocol).create(EntityType.ORDERS, List.of(guestOrder("2001", desk,
                "PERSON.7@example.com")));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isEmpty());
        JsonNode order = rig.odoo.records("sale.order").get(0);
        assertThat(order.path("partner_id").get(0).asLong()).isEqualTo(partners.get(7));
        assertThat(rig.requests(OdooRig.kind(protocol, "res.partner", "search_read")).stream().map(r -> domainOf(r).toString()))
                .anyMatch(d -> d.contains("email_normalized")).noneMatch(d -> d.contains("ilike"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void withoutTheMailModuleAGuestOrderFindsItsPartnerByIlike(Protocol protocol) {
        rig.odoo.setWithoutMailModule(true);
        long desk = rig.odoo.insert("product.product", Map.of("name", "Desk", "list_price", 120.0));

        List<WriteOutcome> outcomes = rig.connector(protocol).create(EntityType.ORDERS, List.of(guestOrder("2002", desk,
                "Person.8@EXAMPLE.com")));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isEmpty());
        assertThat(rig.odoo.records("sale.order").get(0).path("partner_id").get(0).asLong()).isEqualTo(partners.get(8));
        assertThat(rig.requests(OdooRig.kind(protocol, "res.partner", "search_read")).stream().map(r -> domainOf(r).toString()))
                .anyMatch(d -> d.contains("=ilike")).noneMatch(d -> d.contains("email_normalized"));
    }

    private static SyncRecord guestOrder(String number, long product, String email) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("number", number);
        fields.put("orderedAt", "2025-03-04T10:15:30Z");
        fields.put("billing", Map.of("name", "Guest", "email", email));
        fields.put("lines", List.of(Map.of("product", String.valueOf(product), "quantity", new BigDecimal("1"),
                "unitPrice", new BigDecimal("120"))));
        return new SyncRecord(EntityType.ORDERS, ExternalSystem.WOOCOMMERCE, number, fields, null);
    }

    private static JsonNode domainOf(RecordedRequest request) {
        return OdooRig.namedArgs(request, List.of("domain", "fields")).path("domain");
    }

    private static List<JsonNode> leaves(JsonNode domain) {
        List<JsonNode> leaves = new ArrayList<>();
        domain.forEach(term -> {
            if (term.isArray()) {
                leaves.add(term);
            }
        });
        return leaves;
    }
}
