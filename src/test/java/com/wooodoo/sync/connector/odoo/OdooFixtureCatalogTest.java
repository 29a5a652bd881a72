package com.wooodoo.sync.connector.odoo;

import com.wooodoo.sync.sandbox.odoo.OdooFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Odoo fixture is parsed and used by a test: a fixture added to the folder without a test
 * that uses it fails here, as does a test relying on one that went missing.
 */
class OdooFixtureCatalogTest {

    private static final String SIMULATOR = "OdooSimulatorConformanceTest";
    private static final String CONNECTOR = "OdooConnectorFixturesTest";
    private static final String CLASSIFICATION = "OdooErrorClassificationTest";

    /** Each fixture and the tests that check the connector or the simulator against it. */
    static final Map<String, String> USED_BY = new TreeMap<>(Map.ofEntries(
            entry("json2_error_401_invalid_apikey.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("json2_search_read_request.json", SIMULATOR),
            entry("json2_search_read_response_200.json", SIMULATOR + ", " + CONNECTOR),
            entry("json2_search_request_from_curl_example.json", SIMULATOR),
            entry("jsonrpc_envelope_error_docstring.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("jsonrpc_envelope_request_docstring.json", SIMULATOR + ", " + CONNECTOR),
            entry("jsonrpc_envelope_success_docstring.json", SIMULATOR + ", " + CONNECTOR),
            entry("rpc_common_version_result.json", SIMULATOR),
            entry("rpc_execute_kw_create_result.json", SIMULATOR + ", " + CONNECTOR),
            entry("rpc_execute_kw_name_get_after_write_result.json", SIMULATOR),
            entry("rpc_execute_kw_name_search_result.json", SIMULATOR + ", " + CONNECTOR),
            entry("rpc_execute_kw_read_fields_result.json", SIMULATOR + ", " + CONNECTOR),
            entry("rpc_execute_kw_search_after_unlink_result.json", SIMULATOR),
            entry("rpc_execute_kw_search_count_result.json", SIMULATOR + ", " + CONNECTOR),
            entry("rpc_execute_kw_search_offset10_limit5_result.json", SIMULATOR),
            entry("rpc_execute_kw_search_read_result.json", SIMULATOR + ", " + CONNECTOR),
            entry("rpc_execute_kw_search_result.json", SIMULATOR),
            entry("rpc_x_custom_model_fields_get_result.json", SIMULATOR),
            entry("rpc_x_custom_read_result.json", SIMULATOR),
            entry("web_version_response_19.json", SIMULATOR),
            entry("derived/json2_create_multi_request.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/json2_create_multi_response.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/json2_error_403_access_error.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/json2_error_404_missing_error.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/json2_error_404_unknown_model.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/json2_error_422_validation_error.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/json2_search_count_request.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/json2_search_read_incremental_request.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/json2_write_request.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/jsonrpc_common_authenticate_request.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/jsonrpc_common_login_bad_credentials_response.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/jsonrpc_common_login_request.json", SIMULATOR),
            entry("derived/jsonrpc_common_login_success_response.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/jsonrpc_error_access_denied_v16_18.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/jsonrpc_error_access_denied_v19.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/jsonrpc_error_access_error_v16_18.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/jsonrpc_error_missing_v16_18.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/jsonrpc_error_not_found_404.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/jsonrpc_error_session_expired.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/jsonrpc_error_user_error_v16_18.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/jsonrpc_error_validation_v16_18.json", SIMULATOR + ", " + CLASSIFICATION),
            entry("derived/jsonrpc_execute_kw_create_multi_request.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/jsonrpc_execute_kw_create_multi_response.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/jsonrpc_execute_kw_search_read_request.json", SIMULATOR + ", " + CONNECTOR),
            entry("derived/jsonrpc_execute_kw_search_read_response.json", SIMULATOR + ", " + CONNECTOR)));

    @Test
    void everyFixtureIsKnownAndEveryKnownFixtureExists() {
        assertThat(OdooFixtures.all()).containsExactlyInAnyOrderElementsOf(USED_BY.keySet());
    }

    @Test
    void everyFixtureHasItsProvenanceInSources() throws IOException {
        String sources = Files.readString(OdooFixtures.dir().resolve("SOURCES.md"));

        assertThat(OdooFixtures.all()).filteredOn(name -> !name.startsWith("derived/"))
                .allSatisfy(name -> assertThat(sources).as("SOURCES.md names " + name).contains("| " + name + " |"));
        assertThat(sources).as("the derived (constructed) fixtures are described as such").contains("## derived/");
    }

    @Test
    void everyFixtureIsValidJson() {
        USED_BY.keySet().forEach(name -> assertThat(OdooFixtures.load(name)).as(name).isNotNull());
    }
}
