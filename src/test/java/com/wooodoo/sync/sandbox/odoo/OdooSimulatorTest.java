package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.DATABASE;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.LOGIN;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The simulated Odoo's rules, as seen over HTTP. */
class OdooSimulatorTest {

    private static final Instant NOW = Instant.parse("2025-06-01T08:30:00Z");

    private OdooSimulator odoo;
    private RawHttp http;

    @BeforeEach
    void start() {
        odoo = new OdooSimulator(0, 5, DATABASE, LOGIN, PASSWORD, OdooFixtures.API_KEY).start();
        odoo.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        http = new RawHttp(odoo.baseUrl());
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void loginAnswersTheUidOrFalseAndAnUnknownDatabaseIsAnOperationalError() {
        assertThat(http.jsonRpc("common", "authenticate", DATABASE, LOGIN, PASSWORD, Map.of()).json().get("result").asLong()).isEqualTo(2);
        assertThat(http.jsonRpc("common", "authenticate", DATABASE, LOGIN, OdooFixtures.API_KEY, Map.of()).json().get("result").asLong())
                .as("an API key works as a password").isEqualTo(2);
        assertThat(http.jsonRpc("common", "login", DATABASE, LOGIN, "nope").json().get("result").asBoolean(true)).isFalse();
        assertThat(http.jsonRpc("common", "login", "otherdb", LOGIN, PASSWORD).json().at("/error/data/name").asText())
                .isEqualTo("psycopg2.OperationalError");
        assertThat(odoo.stats()).containsEntry("common.authenticate", 2L).containsEntry("common.login", 2L);
    }

    @Test
    void afterFiveFailedLoginsEvenTheRightPasswordFailsForAMinute() {
        for (int i = 0; i < 5; i++) {
            assertThat(http.jsonRpc("common", "login", DATABASE, LOGIN, "wrong").json().get("result").asBoolean(true)).isFalse();
        }
        assertThat(http.jsonRpc("common", "login", DATABASE, LOGIN, PASSWORD).json().get("result").asBoolean(true)).isFalse();
        odoo.setClock(Clock.fixed(NOW.plus(Duration.ofSeconds(59)), ZoneOffset.UTC));
        assertThat(http.jsonRpc("common", "login", DATABASE, LOGIN, PASSWORD).json().get("result").asBoolean(true)).isFalse();
        odoo.setClock(Clock.fixed(NOW.plus(Duration.ofSeconds(61)), ZoneOffset.UTC));
        assertThat(http.jsonRpc("common", "login", DATABASE, LOGIN, PASSWORD).json().get("result").asLong()).isEqualTo(2);
    }

    @Test
    void executeKwChecksThePasswordOnEveryCallAndTheErrorCodeFollowsTheVersion() {
        JsonNode v19 = http.executeKwAs("wrong", "res.partner", "search_count", List.of(List.of()), Map.of()).json();
        assertThat(v19.at("/error/code").asInt()).isZero();
        assertThat(v19.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.AccessDenied");
        odoo.setServerVersion(16);
        JsonNode v16 = http.executeKwAs("wrong", "res.partner", "search_count", List.of(List.of()), Map.of()).json();
        assertThat(v16.at("/error/code").asInt()).isEqualTo(200);
        assertThat(v16.at("/error/message").asText()).isEqualTo("Odoo Server Error");
        assertThat(http.jsonRpc("object", "execute_kw", DATABASE, 7, PASSWORD, "res.partner", "search", List.of(List.of())).json()
                .at("/error/data/name").asText()).as("another uid").isEqualTo("odoo.exceptions.AccessDenied");
    }

    @Test
    void json2ExistsFromOdoo19AndWantsTheBearerKey() {
        assertThat(http.json2("res.partner", "search_count", Map.of()).json().asInt()).isZero();
        assertThat(http.post("/json/2/res.partner/search_count", Map.of(), "Authorization", "Bearer " + OdooFixtures.API_KEY).status())
                .as("the scheme is case-insensitive").isEqualTo(200);
        assertThat(http.post("/json/2/res.partner/search_count", Map.of()).status()).isEqualTo(401);
        assertThat(http.post("/json/2/res.partner/search_count", Map.of(), "Authorization", "bearer " + OdooFixtures.API_KEY,
                "X-Odoo-Database", "otherdb").status()).isEqualTo(404);
        assertThat(http.json2("res.partner", "search_count", Map.of("nonsense", 1)).status()).isEqualTo(422);
        odoo.setServerVersion(18);
        assertThat(http.post("/json/2/res.partner/search_count", "{}", "Authorization", "bearer " + OdooFixtures.API_KEY).status())
                .isEqualTo(404);
        assertThat(http.get("/web/version").json().get("version").asText()).isEqualTo("18.0");
    }

    @Test
    void aMultiCreateIsAllOrNothingAndDictOrListDecidesTheAnswer() {
        JsonNode failed = http.executeKw("res.partner", "create", List.of(List.of(Map.of("name", "A"), Map.of("email", "b@x"))), Map.of()).json();
        assertThat(failed.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        assertThat(failed.at("/error/data/message").asText()).contains("mandatory field").contains("Field: Name (name)");
        assertThat(odoo.count("res.partner")).isZero();

        assertThat(http.executeKw("res.partner", "create", List.of(List.of(Map.of("name", "A"), Map.of("name", "B"))), Map.of())
                .json().get("result")).hasSize(2);
        assertThat(http.executeKw("res.partner", "create", List.of(Map.of("name", "C")), Map.of()).json().get("result").isIntegralNumber())
                .isTrue();
        assertThat(http.json2("res.partner", "create", Map.of("vals_list", List.of(Map.of("name", "D")))).json().isArray()).isTrue();
        assertThat(odoo.count("res.partner")).isEqualTo(4);
    }

    @Test
    void internalReferencesMayRepeatUnlessAUniqueConstraintIsSwitchedOn() {
        odoo.insert("product.product", Map.of("name", "Desk", "default_code", "D-1"));
        odoo.insert("product.product", Map.of("name", "Desk again", "default_code", "D-1"));
        assertThat(http.executeKw("product.product", "search_count", List.of(List.of(List.of("default_code", "=", "D-1"))), Map.of())
                .json().get("result").asInt()).isEqualTo(2);

        odoo.setUniqueConstraint("res.partner", "email", true);
        odoo.insert("res.partner", Map.of("name", "A", "email", "a@example.com"));
        JsonNode duplicate = http.executeKw("res.partner", "create", List.of(Map.of("name", "B", "email", "a@example.com")), Map.of()).json();
        assertThat(duplicate.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        assertThat(duplicate.at("/error/data/message").asText()).contains("duplicate key value violates unique constraint");
        odoo.setUniqueConstraint("res.partner", "email", false);
        assertThat(http.executeKw("res.partner", "create", List.of(Map.of("name", "B", "email", "a@example.com")), Map.of())
                .json().has("result")).isTrue();
    }

    @Test
    void many2onesTakeExistingIdsOnly() {
        JsonNode missing = http.executeKw("res.partner", "create", List.of(Map.of("name", "A", "country_id", 99999)), Map.of()).json();
        assertThat(missing.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        assertThat(missing.at("/error/data/message").asText()).contains("res_partner_country_id_fkey");
        JsonNode text = http.executeKw("res.partner", "create", List.of(Map.of("name", "A", "country_id", "BE")), Map.of()).json();
        assertThat(text.at("/error/data/name").asText()).isEqualTo("builtins.ValueError");
        JsonNode date = http.executeKw("sale.order", "create", List.of(Map.of("partner_id", 1, "date_order", "2025-01-01T10:00:00Z")), Map.of()).json();
        assertThat(date.at("/error/data/name").asText()).as("ISO is not Odoo's datetime format").isEqualTo("builtins.ValueError");
    }

    @Test
    void domainsSupportTheUsualOperatorsAndPrefixNotation() {
        odoo.insert("res.partner", Map.of("name", "Agrolait", "is_company", true, "country_id", odoo.countryId("BE")));
        odoo.insert("res.partner", Map.of("name", "Axelor", "is_company", true, "country_id", odoo.countryId("FR"), "email", "a@axelor.com"));
        odoo.insert("res.partner", Map.of("name", "Anna Schmidt", "country_id", odoo.countryId("DE")));
        odoo.insert("res.partner", Map.of("name", "Old Contact", "active", false));

        assertThat(names(List.of(List.of("is_company", "=", true)))).containsExactly("Agrolait", "Axelor");
        assertThat(names(List.of(List.of("is_company", "!=", true)))).containsExactly("Anna Schmidt");
        assertThat(names(List.of(List.of("email", "=", false)))).containsExactly("Agrolait", "Anna Schmidt");
        assertThat(names(List.of(List.of("country_id.code", "in", List.of("BE", "DE"))))).containsExactly("Agrolait", "Anna Schmidt");
        assertThat(names(List.of(List.of("id", "not in", List.of(1, 2))))).containsExactly("Anna Schmidt");
        assertThat(names(List.of(List.of("id", ">", 1), List.of("id", "<=", 3)))).containsExactly("Axelor", "Anna Schmidt");
        assertThat(names(List.of(List.of("id", ">=", 3)))).containsExactly("Anna Schmidt");
        assertThat(names(List.of(List.of("id", "<", 2)))).containsExactly("Agrolait");
        assertThat(names(List.of(List.of("name", "ilike", "%AX%")))).containsExactly("Axelor");
        assertThat(names(List.of(List.of("name", "like", "%AX%")))).isEmpty();
        assertThat(names(List.of(List.of("name", "not ilike", "lait")))).containsExactly("Axelor", "Anna Schmidt");
        assertThat(names(List.of(List.of("email", "=ilike", "A@AXELOR.COM")))).containsExactly("Axelor");
        assertThat(names(List.of(List.of("email", "=like", "A@AXELOR.COM")))).isEmpty();
        assertThat(names(List.of(List.of("name", "=ilike", "anna_schmidt")))).as("_ is any one character").containsExactly("Anna Schmidt");
        assertThat(names(List.of(List.of("name", "=ilike", "a%t")))).containsExactly("Agrolait", "Anna Schmidt");
        assertThat(names(List.of("|", List.of("name", "=", "Agrolait"), List.of("country_id", "=", odoo.countryId("DE")))))
                .containsExactly("Agrolait", "Anna Schmidt");
        assertThat(names(List.of("&", "!", List.of("is_company", "=", true), List.of("name", "ilike", "anna")))).containsExactly("Anna Schmidt");
        assertThat(names(List.of(List.of("active", "=", false)))).containsExactly("Old Contact");
        assertThat(http.executeKw("res.partner", "search_count", List.of(List.of()), Map.of("context", Map.of("active_test", false)))
                .json().get("result").asInt()).isEqualTo(4);
        assertThat(http.executeKw("res.partner", "search", List.of(List.of(List.of("nope", "=", 1))), Map.of()).json()
                .at("/error/data/name").asText()).isEqualTo("builtins.ValueError");
    }

    @Test
    void searchReadOrdersAndPagesAndReadsMany2onesAsPairs() {
        for (String name : List.of("Delta", "alpha", "Charlie", "bravo")) {
            odoo.insert("res.partner", Map.of("name", name, "country_id", odoo.countryId("BE")));
        }
        JsonNode page = http.executeKw("res.partner", "search_read", List.of(List.of()),
                Map.of("fields", List.of("name", "country_id", "write_date"), "order", "name asc", "offset", 1, "limit", 2)).json().get("result");

        assertThat(page).extracting(r -> r.get("name").asText()).containsExactly("bravo", "Charlie");
        assertThat(page.get(0).get("country_id").get(1).asText()).isEqualTo("Belgium");
        assertThat(page.get(0).get("write_date").asText()).isEqualTo("2025-06-01 08:30:00");
        assertThat(page.get(0).fieldNames()).toIterable().containsExactly("id", "name", "country_id", "write_date");
        assertThat(http.executeKw("res.partner", "search_read", List.of(List.of()), Map.of("order", "nope desc")).json()
                .at("/error/data/name").asText()).isEqualTo("builtins.ValueError");
    }

    @Test
    void orderLinesAreWrittenWithCommandsAndReadAsIdsOrAsTheirOwnModel() {
        long partner = odoo.insert("res.partner", Map.of("name", "Axelor"));
        long desk = odoo.insert("product.product", Map.of("name", "Desk", "default_code", "D-1", "list_price", 120.0));
        long lamp = odoo.insert("product.product", Map.of("name", "Lamp", "list_price", 30.0));
        long order = http.executeKw("sale.order", "create", List.of(Map.of("partner_id", partner, "order_line", List.of(
                List.of(0, 0, Map.of("product_id", desk, "product_uom_qty", 2)),
                List.of(0, 0, Map.of("product_id", lamp, "price_unit", 25.555))))), Map.of()).json().get("result").asLong();

        JsonNode read = odoo.record("sale.order", order).orElseThrow();
        assertThat(read.get("name").asText()).isEqualTo("S00001");
        assertThat(read.get("order_line")).hasSize(2);
        assertThat(read.get("amount_total").asDouble()).isEqualTo(265.56);
        JsonNode lines = http.executeKw("sale.order.line", "search_read", List.of(List.of(List.of("order_id", "in", List.of(order)))),
                Map.of("fields", List.of("product_id", "price_unit", "name"))).json().get("result");
        assertThat(lines.get(0).get("price_unit").asDouble()).as("the product's price by default").isEqualTo(120.0);
        assertThat(lines.get(0).get("name").asText()).isEqualTo("[D-1] Desk");
        assertThat(lines.get(1).get("price_unit").asDouble()).as("rounded to two decimals").isEqualTo(25.56);

        long kept = read.get("order_line").get(1).asLong();
        http.executeKw("sale.order", "write", List.of(List.of(order), Map.of("order_line", List.of(List.of(6, 0, List.of(kept))))), Map.of());
        assertThat(odoo.record("sale.order", order).orElseThrow().get("order_line")).extracting(JsonNode::asLong).containsExactly(kept);
        http.executeKw("sale.order", "write", List.of(List.of(order), Map.of("order_line", List.of(List.of(5, 0, 0)))), Map.of());
        assertThat(odoo.count("sale.order.line")).isZero();

        http.executeKw("sale.order", "write", List.of(List.of(order), Map.of("order_line", List.of(List.of(0, 0, Map.of("product_id", lamp))))), Map.of());
        http.executeKw("sale.order", "unlink", List.of(List.of(order)), Map.of());
        assertThat(odoo.count("sale.order.line")).as("lines go with their order").isZero();
    }

    @Test
    void aWriteMovesTheWriteDateAndAMissingRecordIsAMissingError() {
        long id = odoo.insert("res.partner", Map.of("name", "A"));
        odoo.setClock(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));

        assertThat(http.executeKw("res.partner", "write", List.of(List.of(id), Map.of("city", "Gent")), Map.of()).json().get("result")
                .asBoolean()).isTrue();
        JsonNode record = odoo.record("res.partner", id).orElseThrow();
        assertThat(record.get("write_date").asText()).isEqualTo("2025-06-01 09:30:00");
        assertThat(record.get("create_date").asText()).isEqualTo("2025-06-01 08:30:00");
        JsonNode missing = http.executeKw("res.partner", "write", List.of(List.of(id, 999999), Map.of("city", "x")), Map.of()).json();
        assertThat(missing.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.MissingError");
        assertThat(missing.at("/error/data/message").asText()).contains("res.partner(999999,)");
        assertThat(odoo.record("res.partner", id).orElseThrow().get("city").asText()).isEqualTo("Gent");
    }

    @Test
    void seedingIsRealisticAndRepeatable() {
        odoo.seed(EntityType.ORDERS, 25);
        try (OdooSimulator twin = new OdooSimulator(0, 5, DATABASE, LOGIN, PASSWORD, "k").start();
             OdooSimulator other = new OdooSimulator(0, 6, DATABASE, LOGIN, PASSWORD, "k").start()) {
            twin.seed(EntityType.ORDERS, 25);
            other.seed(EntityType.ORDERS, 25);
            assertThat(twin.records("res.partner")).isEqualTo(odoo.records("res.partner"));
            assertThat(twin.records("sale.order.line")).isEqualTo(odoo.records("sale.order.line"));
            assertThat(other.records("res.partner")).isNotEqualTo(odoo.records("res.partner"));
        }
        assertThat(odoo.count("sale.order")).isEqualTo(25);
        assertThat(odoo.count("res.partner")).isEqualTo(10);
        JsonNode partner = odoo.records("res.partner").get(0);
        assertThat(partner.get("email").asText()).matches("[a-z.]+\\.1@example\\.com");
        assertThat(partner.get("country_id").isArray()).isTrue();
        assertThat(odoo.records("product.product").get(0).get("default_code").asText()).matches("[A-Z]+-00001");
        assertThat(odoo.records("sale.order")).allSatisfy(o -> assertThat(o.get("order_line")).isNotEmpty());
    }

    @Test
    void theAdminCallsSeedAndReset() {
        RawHttp.Answer seeded = http.post("/__sandbox/seed", Map.of("entity", "customers", "count", 1000));
        assertThat(seeded.status()).isEqualTo(200);
        assertThat(seeded.json().get("total").asInt()).isEqualTo(1000);
        assertThat(http.post("/__sandbox/seed", Map.of("entity", "invoices", "count", 1)).status()).isEqualTo(400);
        assertThat(http.post("/__sandbox/unique", Map.of("model", "res.partner", "field", "email")).status()).isEqualTo(200);
        assertThat(http.post("/__sandbox/version", Map.of("version", 17)).json().get("version").asInt()).isEqualTo(17);
        http.jsonRpc("common", "version");

        assertThat(http.post("/__sandbox/reset", Map.of()).status()).isEqualTo(200);
        assertThat(odoo.count("res.partner")).isZero();
        assertThat(odoo.count("res.country")).isGreaterThan(240);
        assertThat(odoo.stats()).isEmpty();
    }

    @Test
    void faultsAnswerInOdoosShapes() {
        odoo.setFaults(Faults.NONE.withAuthFailure(true));
        assertThat(http.jsonRpc("common", "authenticate", DATABASE, LOGIN, PASSWORD, Map.of()).json().get("result").asBoolean(true)).isFalse();
        assertThat(http.executeKw("res.partner", "search", List.of(List.of()), Map.of()).json().at("/error/data/name").asText())
                .isEqualTo("odoo.exceptions.AccessDenied");
        assertThat(http.json2("res.partner", "search", Map.of()).status()).isEqualTo(401);

        odoo.setFaults(Faults.NONE.withServerErrorShare(1.0));
        RawHttp.Answer rpc = http.executeKw("res.partner", "search", List.of(List.of()), Map.of());
        assertThat(rpc.status()).isEqualTo(200);
        assertThat(rpc.json().at("/error/data/name").asText()).isEqualTo("psycopg2.OperationalError");
        RawHttp.Answer json2 = http.json2("res.partner", "search", Map.of());
        assertThat(json2.status()).isEqualTo(500);
        assertThat(json2.json().get("name").asText()).isEqualTo("psycopg2.OperationalError");
    }

    @Test
    void injectedAnswersAreGivenOnceAfterTheCallsToLetThrough() {
        odoo.injectAnswer("json2 res.partner/search_count", 1, 503, OdooJson.NODES.objectNode().put("message", "busy"));

        assertThat(http.json2("res.partner", "search_count", Map.of()).status()).isEqualTo(200);
        assertThat(http.json2("res.partner", "search_count", Map.of()).status()).isEqualTo(503);
        assertThat(http.json2("res.partner", "search_count", Map.of()).status()).isEqualTo(200);
        assertThat(odoo.stats()).containsEntry("json2 res.partner/search_count", 3L);
        assertThat(odoo.requests()).hasSize(3).allSatisfy(r -> assertThat(r.headers()).containsKey("authorization"));
    }

    @Test
    void jsonRpcWantsJsonAndAPost() {
        assertThat(http.post("/jsonrpc", "{}", "Content-Type", "text/plain").status()).isEqualTo(400);
        assertThat(http.get("/jsonrpc").status()).isEqualTo(405);
        assertThat(http.post("/jsonrpc", "not json", "Content-Type", "application/json").json().at("/error/data/name").asText())
                .isEqualTo("werkzeug.exceptions.BadRequest");
        assertThat(http.executeKw("res.partner", "_private", List.of(), Map.of()).json().at("/error/data/name").asText())
                .isEqualTo("odoo.exceptions.AccessError");
        assertThat(http.executeKw("res.partner", "fields_get", List.of(List.of("country_id")), Map.of()).json()
                .at("/result/country_id/relation").asText()).isEqualTo("res.country");
    }

    private List<String> names(Object domain) {
        JsonNode result = http.executeKw("res.partner", "search_read", List.of(domain), Map.of("fields", List.of("name"), "order", "id asc"))
                .json();
        assertThat(result.has("result")).as(result.toString()).isTrue();
        return result.get("result").findValuesAsText("name");
    }
}
