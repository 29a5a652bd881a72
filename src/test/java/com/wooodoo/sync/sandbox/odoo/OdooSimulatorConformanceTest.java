package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.DATABASE;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.LOGIN;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.PASSWORD;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator answers like the Odoo of the fixtures: for each response fixture, its answer to
 * the equivalent request has the same JSON shape (keys and kinds of values; values may differ),
 * and each request fixture is accepted as it is.
 */
class OdooSimulatorConformanceTest {

    private static final List<String[]> COMPANIES = List.of(new String[] {"Agrolait", "BE"}, new String[] {"Axelor", "FR"},
            new String[] {"Bank Wealthy and sons", "GB"}, new String[] {"Best Designers", "IN"},
            new String[] {"Camptocamp", "FR"}, new String[] {"Deco Addict", "US"});

    /** A fresh simulator for every test, dynamic ones included (they share one {@code @BeforeEach}). */
    private OdooSimulator odoo;
    private RawHttp http;

    @BeforeEach
    void startWithTheDocumentationsCompanies() {
        if (odoo != null) {
            odoo.close();
        }
        odoo = new OdooSimulator(0, 7, DATABASE, LOGIN, PASSWORD, OdooFixtures.API_KEY).start();
        odoo.setClock(Clock.fixed(Instant.parse("2025-06-01T08:30:00Z"), ZoneOffset.UTC));
        http = new RawHttp(odoo.baseUrl());
        for (int i = 0; i < 20; i++) {
            String[] company = i < COMPANIES.size() ? COMPANIES.get(i) : new String[] {"Company " + i, "DE"};
            odoo.insert("res.partner", Map.of("name", company[0], "is_company", true, "country_id", odoo.countryId(company[1]),
                    "email", "info" + i + "@example.com", "phone", "+32 2 555 01 " + (10 + i)));
        }
    }

    @AfterEach
    void stop() {
        odoo.close();
        odoo = null;
    }

    @TestFactory
    Stream<DynamicTest> json2AnswersHaveTheFixturesShapes() {
        return Stream.of(
                conforms("json2_search_read_response_200.json", 200,
                        () -> http.json2("res.partner", "search_read", load("json2_search_read_request.json"))),
                conforms("rpc_execute_kw_search_result.json", 200,
                        () -> http.json2("res.partner", "search", load("json2_search_request_from_curl_example.json"))),
                conforms("json2_error_401_invalid_apikey.json", 401, () -> http.post("/json/2/res.partner/search_read",
                        load("json2_search_read_request.json"), "Authorization", "bearer not-the-key")),
                conforms("derived/json2_create_multi_response.json", 200,
                        () -> http.json2("res.partner", "create", load("derived/json2_create_multi_request.json"))),
                conforms("derived/json2_error_403_access_error.json", 403, () -> {
                    odoo.setWriteProtected("res.partner", true);
                    return http.json2("res.partner", "write", load("derived/json2_write_request.json"));
                }),
                conforms("derived/json2_error_404_missing_error.json", 404,
                        () -> http.json2("res.partner", "write", Map.of("ids", List.of(999999), "vals", Map.of("name", "x")))),
                conforms("derived/json2_error_404_unknown_model.json", 404, () -> http.json2("x.nope", "search_read", Map.of())),
                conforms("derived/json2_error_422_validation_error.json", 422,
                        () -> http.json2("res.partner", "create", Map.of("vals_list", List.of(Map.of("email", "no-name@example.com"))))),
                conforms("rpc_execute_kw_search_count_result.json", 200,
                        () -> http.json2("res.partner", "search_count", load("derived/json2_search_count_request.json"))),
                conforms("json2_search_read_response_200.json", 200,
                        () -> http.json2("res.partner", "search_read", load("derived/json2_search_read_incremental_request.json")),
                        fixture -> {
                            ((ObjectNode) fixture.get(0)).put("email", "").put("phone", "").put("write_date", "");
                            return fixture;
                        }),
                conforms("rpc_execute_kw_name_search_result.json", 200,
                        () -> http.json2("res.partner", "write", load("derived/json2_write_request.json"))),
                conforms("web_version_response_19.json", 200, () -> http.get("/web/version")));
    }

    @TestFactory
    Stream<DynamicTest> jsonRpcAnswersHaveTheFixturesShapes() {
        return Stream.of(
                conforms("derived/jsonrpc_common_login_success_response.json", 200,
                        () -> http.post("/jsonrpc", load("derived/jsonrpc_common_authenticate_request.json"), json())),
                conforms("derived/jsonrpc_common_login_success_response.json", 200,
                        () -> http.post("/jsonrpc", load("derived/jsonrpc_common_login_request.json"), json())),
                conforms("derived/jsonrpc_common_login_bad_credentials_response.json", 200,
                        () -> http.jsonRpc("common", "login", DATABASE, LOGIN, "wrong password")),
                conforms("derived/jsonrpc_execute_kw_create_multi_response.json", 200,
                        () -> http.post("/jsonrpc", load("derived/jsonrpc_execute_kw_create_multi_request.json"), json())),
                conforms("derived/jsonrpc_execute_kw_search_read_response.json", 200,
                        () -> http.post("/jsonrpc", load("derived/jsonrpc_execute_kw_search_read_request.json"), json())),
                conforms("derived/jsonrpc_error_access_denied_v16_18.json", 200, () -> {
                    odoo.setServerVersion(18);
                    return http.executeKwAs("wrong password", "res.partner", "search_count", List.of(List.of()), Map.of());
                }),
                conforms("derived/jsonrpc_error_access_denied_v19.json", 200, () -> {
                    odoo.setServerVersion(19);
                    return http.executeKwAs("wrong password", "res.partner", "search_count", List.of(List.of()), Map.of());
                }),
                conforms("derived/jsonrpc_error_access_error_v16_18.json", 200, () -> {
                    odoo.setServerVersion(18);
                    odoo.setWriteProtected("res.partner", true);
                    return http.executeKw("res.partner", "write", List.of(List.of(1), Map.of("name", "x")), Map.of());
                }),
                conforms("derived/jsonrpc_error_missing_v16_18.json", 200, () -> {
                    odoo.setServerVersion(18);
                    return http.executeKw("res.partner", "read", List.of(List.of(999999)), Map.of("fields", List.of("name")));
                }),
                conforms("derived/jsonrpc_error_user_error_v16_18.json", 200, () -> {
                    odoo.setServerVersion(18);
                    return http.executeKw("x.nonexistent", "search_read", List.of(List.of()), Map.of());
                }),
                conforms("derived/jsonrpc_error_validation_v16_18.json", 200, () -> {
                    odoo.setServerVersion(18);
                    long partner = odoo.records("res.partner").get(0).get("id").asLong();
                    long product = odoo.insert("product.product", Map.of("name", "Desk"));
                    odoo.insert("sale.order", Map.of("partner_id", partner,
                            "order_line", List.of(List.of(0, 0, Map.of("product_id", product)))));
                    return http.executeKw("res.partner", "unlink", List.of(List.of(partner)), Map.of());
                }),
                conforms("derived/jsonrpc_error_session_expired.json", 200,
                        () -> http.post("/web/dataset/call_kw/res.partner/search_read", Map.of("jsonrpc", "2.0", "method", "call",
                                "params", Map.of(), "id", 6), json())),
                conforms("derived/jsonrpc_error_not_found_404.json", 200,
                        () -> http.post("/web/no/such/route", Map.of("jsonrpc", "2.0", "method", "call", "params", Map.of(), "id", 7),
                                json())));
    }

    @TestFactory
    Stream<DynamicTest> executeKwResultsHaveTheDocumentationsShapes() {
        return Stream.of(
                conformsResult("rpc_common_version_result.json", () -> http.jsonRpc("common", "version")),
                conformsResult("rpc_execute_kw_search_result.json",
                        () -> http.executeKw("res.partner", "search", List.of(List.of(List.of("is_company", "=", true))), Map.of())),
                conformsResult("rpc_execute_kw_search_offset10_limit5_result.json",
                        () -> http.executeKw("res.partner", "search", List.of(List.of(List.of("is_company", "=", true))),
                                Map.of("offset", 10, "limit", 5))),
                conformsResult("rpc_execute_kw_search_count_result.json",
                        () -> http.executeKw("res.partner", "search_count", List.of(List.of(List.of("is_company", "=", true))), Map.of())),
                conformsResult("rpc_execute_kw_read_fields_result.json",
                        () -> http.executeKw("res.partner", "read", List.of(List.of(1)), Map.of("fields", List.of("name", "country_id", "comment")))),
                conformsResult("rpc_execute_kw_search_read_result.json",
                        () -> http.executeKw("res.partner", "search_read", List.of(List.of(List.of("is_company", "=", true))),
                                Map.of("fields", List.of("name", "country_id", "comment"), "limit", 5))),
                conformsResult("rpc_execute_kw_create_result.json",
                        () -> http.executeKw("res.partner", "create", List.of(Map.of("name", "New Partner")), Map.of())),
                conformsResult("rpc_execute_kw_name_get_after_write_result.json", () -> {
                    http.executeKw("res.partner", "write", List.of(List.of(1), Map.of("name", "Newer partner")), Map.of());
                    return http.executeKw("res.partner", "name_get", List.of(List.of(1)), Map.of());
                }),
                conformsResult("rpc_execute_kw_search_after_unlink_result.json", () -> {
                    http.executeKw("res.partner", "unlink", List.of(List.of(2)), Map.of());
                    return http.executeKw("res.partner", "search", List.of(List.of(List.of("id", "=", 2))), Map.of());
                }),
                conformsResult("rpc_execute_kw_name_search_result.json",
                        () -> http.executeKw("res.partner", "check_access_rights", List.of("write"), Map.of("raise_exception", false))));
    }

    /**
     * The {@code x_custom} fixtures come from a model created through {@code ir.model}, which a
     * stock Odoo does not have; what they show of every model (the magic fields and their kinds)
     * must hold for res.partner. {@code __last_update} is left out: Odoo 17 removed it.
     */
    @Test
    void everyModelHasTheMagicFieldsOfTheCustomModelFixtures() {
        JsonNode described = http.executeKw("res.partner", "fields_get", List.of(), Map.of("attributes", List.of("string", "type"))).json()
                .get("result");
        JsonNode fixture = load("rpc_x_custom_model_fields_get_result.json");
        fixture.fieldNames().forEachRemaining(field -> {
            if (!field.equals("__last_update")) {
                assertThat(JsonShape.differences(fixture.get(field), described.get(field))).as(field).isEmpty();
                assertThat(described.get(field).get("type")).isEqualTo(fixture.get(field).get("type"));
            }
        });
        described.elements().forEachRemaining(field -> assertThat(JsonShape.differences(fixture.get("id"), field)).isEmpty());

        ObjectNode record = (ObjectNode) load("rpc_x_custom_read_result.json").get(0).deepCopy();
        record.remove("__last_update");
        record.set("name", record.remove("x_name"));
        List<String> fields = new java.util.ArrayList<>();
        record.fieldNames().forEachRemaining(fields::add);
        JsonNode read = http.executeKw("res.partner", "read", List.of(List.of(1)), Map.of("fields", fields)).json().get("result");
        assertThat(JsonShape.differences(OdooJson.NODES.arrayNode().add(record), read)).isEmpty();
    }

    /** The docstring envelopes are generic; Odoo's own answers have their top-level members. */
    @Test
    void answersHaveTheJsonRpcEnvelopeOfTheDocstrings() {
        JsonNode success = http.jsonRpc("common", "version").json();
        assertThat(keys(success)).isEqualTo(keys(load("jsonrpc_envelope_success_docstring.json")));

        JsonNode failure = http.post("/jsonrpc", load("jsonrpc_envelope_request_docstring.json"), json()).json();
        JsonNode documented = load("jsonrpc_envelope_error_docstring.json");
        assertThat(keys(failure)).isEqualTo(keys(documented));
        assertThat(keys(failure.get("error"))).isEqualTo(keys(documented.get("error")));
        assertThat(failure.get("error").get("data").get("debug").isTextual()).isTrue();
    }

    private DynamicTest conforms(String fixture, int status, Supplier<RawHttp.Answer> call) {
        return conforms(fixture, status, call, f -> f);
    }

    /** The answer has the fixture's shape (adjusted where the request asks for more fields); errors also its code and name. */
    private DynamicTest conforms(String fixture, int status, Supplier<RawHttp.Answer> call,
                                 java.util.function.UnaryOperator<JsonNode> adjustFixture) {
        return DynamicTest.dynamicTest(fixture, () -> {
            startWithTheDocumentationsCompanies();
            RawHttp.Answer answer = call.get();
            assertThat(answer.status()).as(answer.text()).isEqualTo(status);
            JsonNode expected = adjustFixture.apply(load(fixture).deepCopy());
            assertThat(JsonShape.differences(expected, answer.json())).as(answer.text()).isEmpty();
            if (expected.has("error")) {
                assertThat(answer.json().path("error").path("code")).isEqualTo(expected.path("error").path("code"));
                assertThat(answer.json().path("error").path("data").path("name")).isEqualTo(expected.path("error").path("data").path("name"));
            } else if (expected.has("name") && expected.has("debug")) {
                assertThat(answer.json().path("name")).isEqualTo(expected.path("name"));
            }
        });
    }

    private DynamicTest conformsResult(String fixture, Supplier<RawHttp.Answer> call) {
        return DynamicTest.dynamicTest(fixture, () -> {
            startWithTheDocumentationsCompanies();
            RawHttp.Answer answer = call.get();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().has("result")).as(answer.text()).isTrue();
            assertThat(JsonShape.differences(load(fixture), answer.json().get("result"))).as(answer.text()).isEmpty();
        });
    }

    private static String[] json() {
        return new String[] {"Content-Type", "application/json"};
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new HashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
