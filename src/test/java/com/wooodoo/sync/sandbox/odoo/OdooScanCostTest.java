package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.DATABASE;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.LOGIN;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator answers from an index only what a stock Odoo's PostgreSQL answers from one, and
 * counts (and charges as server time) the rows and terms every other search scans; the mail
 * module's {@code email_normalized} is such an index, and is missing without the module.
 */
class OdooScanCostTest {

    private static final int PARTNERS = 300;

    private OdooSimulator odoo;
    private RawHttp http;

    @BeforeEach
    void start() {
        odoo = new OdooSimulator(0, 5, DATABASE, LOGIN, PASSWORD, OdooFixtures.API_KEY).start();
        http = new RawHttp(odoo.baseUrl());
        for (int i = 0; i < PARTNERS; i++) {
            odoo.insert("res.partner", Map.of("name", "Partner " + i, "email", " Person." + i + "@Example.com "));
        }
        odoo.resetStats();
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void anIlikeOrChainScansEveryRowAndEvaluatesEachTermOnIt() {
        List<Object> domain = new ArrayList<>();
        int terms = 50;
        for (int i = 1; i < terms; i++) {
            domain.add("|");
        }
        for (int i = 0; i < terms; i++) {
            domain.add(List.of("email", "=ilike", "person." + i + "@example.com"));
        }

        JsonNode found = http.executeKw("res.partner", "search", List.of(domain), Map.of()).json().path("result");

        assertThat(found).hasSize(0).as("=ilike compares the whole text: the stored e-mails have blanks around them");
        assertThat(odoo.rowsScanned()).isEqualTo(PARTNERS);
        assertThat(odoo.termsEvaluated()).isEqualTo((long) PARTNERS * terms);
    }

    @Test
    void emailNormalizedInIsAnIndexLookUpThatScansNothing() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            emails.add("person." + i + "@example.com");
        }

        JsonNode found = http.executeKw("res.partner", "search_read", List.of(List.of(List.of("email_normalized", "in", emails))),
                Map.of("fields", List.of("email_normalized"))).json().path("result");

        assertThat(found).hasSize(50);
        assertThat(found.get(0).path("email_normalized").asText()).isEqualTo("person.0@example.com");
        assertThat(odoo.rowsScanned()).isZero();
        http.executeKw("res.partner", "search", List.of(List.of(List.of("default_code", "=", "X"))), Map.of());
        assertThat(odoo.rowsScanned()).as("res.partner has no default_code: an error, no scan").isZero();
        http.executeKw("product.product", "search", List.of(List.of(List.of("default_code", "in", List.of("X", "x")))), Map.of());
        http.executeKw("sale.order", "search", List.of(List.of(List.of("client_order_ref", "=", "1001"))), Map.of());
        http.executeKw("res.partner", "search", List.of(List.of(List.of("id", "in", List.of(1, 2)))), Map.of());
        assertThat(odoo.rowsScanned()).isZero();
        http.executeKw("res.partner", "search", List.of(List.of(List.of("name", "=", "Partner 1"))), Map.of());
        assertThat(odoo.rowsScanned()).as("name has no index").isEqualTo(PARTNERS);
    }

    @Test
    void aPathThroughAMany2oneToAnIndexedFieldUsesBothIndexes() {
        long parent = odoo.records("res.partner").get(7).path("id").asLong();
        long delivery = odoo.insert("res.partner", Map.of("name", "Depot", "parent_id", parent, "type", "delivery"));
        odoo.resetStats();

        JsonNode found = http.executeKw("res.partner", "search", List.of(List.of("&",
                List.of("parent_id.email_normalized", "in", List.of("person.7@example.com")),
                List.of("type", "in", List.of("invoice", "delivery")))), Map.of()).json().path("result");

        assertThat(found).hasSize(1);
        assertThat(found.get(0).asLong()).isEqualTo(delivery);
        assertThat(odoo.rowsScanned()).as("the parents by email_normalized, then their children by parent_id").isZero();
        http.executeKw("res.partner", "search", List.of(List.of(List.of("parent_id.name", "=", "Partner 7"))), Map.of());
        assertThat(odoo.rowsScanned()).as("name has no index: every row's parent is looked at").isEqualTo(PARTNERS + 1);
    }

    @Test
    void emailNormalizedIsAStoredReadonlyFieldThatFollowsTheEmail() {
        JsonNode fields = http.executeKw("res.partner", "fields_get", List.of(), Map.of("attributes", List.of("type", "readonly")))
                .json().path("result");
        assertThat(fields.path("email_normalized").path("type").asText()).isEqualTo("char");
        assertThat(fields.path("email_normalized").path("readonly").asBoolean()).isTrue();
        long id = odoo.insert("res.partner", Map.of("name", "Ann", "email", "Ann <ANN@x.com>"));
        long none = odoo.insert("res.partner", Map.of("name", "Nobody"));
        odoo.update("res.partner", id, Map.of("email", "Ann.New@X.com", "email_normalized", "ignored@x.com"));

        assertThat(odoo.record("res.partner", id).orElseThrow().path("email_normalized").asText()).isEqualTo("ann.new@x.com");
        assertThat(odoo.record("res.partner", none).orElseThrow().path("email_normalized").asBoolean(true)).isFalse();
    }

    @Test
    void withoutTheMailModuleTheFieldIsMissingAndSearchingItIsInvalid() {
        odoo.setWithoutMailModule(true);

        JsonNode fields = http.executeKw("res.partner", "fields_get", List.of(List.of("email_normalized", "email")),
                Map.of("attributes", List.of("type"))).json().path("result");
        JsonNode error = http.executeKw("res.partner", "search", List.of(List.of(List.of("email_normalized", "in",
                List.of("person.1@example.com")))), Map.of()).json().path("error");

        assertThat(fields.has("email")).isTrue();
        assertThat(fields.has("email_normalized")).isFalse();
        assertThat(error.path("data").path("message").asText()).contains("Invalid field").contains("email_normalized");
        odoo.setWithoutMailModule(false);
        assertThat(http.executeKw("res.partner", "search_count", List.of(List.of(List.of("email_normalized", "=",
                "person.1@example.com"))), Map.of()).json().path("result").asInt()).as("computed again for the rows stored").isEqualTo(1);
    }

    @Test
    void theChargeIsServerTimeOfTheCall() {
        odoo.setCosts(0, 1_000_000); // 1 ms a row and term: 300 rows, 1 term
        long started = System.nanoTime();
        http.executeKw("res.partner", "search", List.of(List.of(List.of("name", "=", "Partner 1"))), Map.of());
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        odoo.setCosts(0, 0);

        assertThat(tookMs).isGreaterThanOrEqualTo(PARTNERS);
    }
}
