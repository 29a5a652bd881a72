package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.sandbox.odoo.JsonShape;
import com.wooodoo.sync.sandbox.odoo.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connector against the fixtures: what it sends has the shape of the request fixtures, and
 * the response fixtures, answered by the simulator in place of its own answer, are mapped as
 * they should be. JSON-2 requests carry no {@code context} unless lookups need
 * {@code active_test: false}; that is the one key left out where the derived fixtures have it.
 */
class OdooConnectorFixturesTest {

    private OdooRig rig;

    @BeforeEach
    void start() {
        rig = new OdooRig();
        rig.odoo.seed(EntityType.CUSTOMERS, 12);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** The leaf the connector adds to a page read of partners: not the invoice and delivery addresses of others. */
    private static final String ADDRESS_SCOPE = "[\"type\",\"not in\",[\"invoice\",\"delivery\",\"other\"]]";

    private static JsonNode withoutAddressScope(JsonNode body) {
        JsonNode domain = body.get("domain");
        assertThat(domain.get(domain.size() - 1).toString()).isEqualTo(ADDRESS_SCOPE);
        ((com.fasterxml.jackson.databind.node.ArrayNode) domain).remove(domain.size() - 1);
        return body;
    }

    @Test
    void jsonRpcRequestsHaveTheShapesOfTheFixtures() {
        OdooConnector odoo = rig.connector(Protocol.JSONRPC);
        odoo.readPage(EntityType.CUSTOMERS, 1, 5, Optional.of(Instant.parse("2025-01-01T00:00:00Z")));
        odoo.create(EntityType.CUSTOMERS, List.of(OdooConnectorWriteTest.customer(1, "DE"), OdooConnectorWriteTest.customer(2, "FR")));

        RecordedRequest login = rig.requests("common.authenticate").get(0);
        assertThat(JsonShape.differences(load("derived/jsonrpc_common_authenticate_request.json"), login.body())).isEmpty();
        assertThat(login.body().get("params").get("args").get(3)).isEmpty();

        RecordedRequest read = rig.requests("execute_kw res.partner.search_read").get(0);
        assertThat(read.body().at("/params/args/5/0/1").toString()).isEqualTo(ADDRESS_SCOPE);
        ((com.fasterxml.jackson.databind.node.ArrayNode) read.body().at("/params/args/5/0")).remove(1);
        JsonNode readFixture = load("derived/jsonrpc_execute_kw_search_read_request.json");
        // a leaf's value has the type of its field: the fixture filters a boolean, the connector a datetime
        ((com.fasterxml.jackson.databind.node.ArrayNode) readFixture.at("/params/args/5/0/0")).set(2, "2025-01-01 00:00:00");
        assertThat(JsonShape.differencesAllowingExtraKeys(readFixture, read.body())).isEmpty();
        assertThat(read.body().get("params").get("args")).hasSize(7);
        assertThat(read.body().get("params").get("args").get(6).get("fields")).extracting(JsonNode::asText).contains("email", "country_id");

        RecordedRequest create = rig.requests("execute_kw res.partner.create").get(0);
        JsonNode createFixture = load("derived/jsonrpc_execute_kw_create_multi_request.json");
        assertThat(JsonShape.differencesAllowingExtraKeys(createFixture, create.body())).isEmpty();
        assertThat(create.body().get("params").get("args")).as("no kwargs, as in the fixture").hasSize(6);

        for (RecordedRequest request : List.of(login, read, create)) {
            JsonNode envelope = load("jsonrpc_envelope_request_docstring.json");
            assertThat(keys(request.body())).isEqualTo(keys(envelope));
            assertThat(request.body().get("method")).isEqualTo(envelope.get("method"));
            assertThat(request.body().get("id").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void json2RequestsHaveTheShapesOfTheFixtures() {
        OdooConnector odoo = rig.connector(Protocol.JSON2);
        odoo.readPage(EntityType.CUSTOMERS, 1, 200, Optional.of(Instant.parse("2025-01-01T00:00:00Z")));
        List<WriteOutcome> created = odoo.create(EntityType.CUSTOMERS,
                List.of(OdooConnectorWriteTest.customer(1, "DE"), OdooConnectorWriteTest.customer(2, "FR")));
        odoo.update(EntityType.CUSTOMERS, List.of(new TargetUpdate(created.get(0).targetId().orElseThrow(),
                OdooConnectorWriteTest.customer(1, "BE"))));

        JsonNode count = rig.requests("json2 res.partner/search_count").get(0).body();
        assertThat(withoutAddressScope(count)).isEqualTo(load("derived/json2_search_count_request.json"));

        JsonNode read = withoutAddressScope(rig.requests("json2 res.partner/search_read").get(0).body());
        ObjectNode readFixture = (ObjectNode) load("derived/json2_search_read_incremental_request.json");
        readFixture.remove("context");
        assertThat(JsonShape.differences(readFixture, read)).isEmpty();
        assertThat(read.get("domain")).isEqualTo(readFixture.get("domain"));
        assertThat(read.get("order")).isEqualTo(readFixture.get("order"));
        assertThat(read.get("limit")).isEqualTo(readFixture.get("limit"));

        JsonNode create = rig.requests("json2 res.partner/create").get(0).body();
        assertThat(JsonShape.differencesAllowingExtraKeys(load("derived/json2_create_multi_request.json"), create)).isEmpty();
        assertThat(keys(create)).containsExactly("vals_list");

        JsonNode write = rig.requests("json2 res.partner/write").get(0).body();
        ObjectNode writeFixture = (ObjectNode) load("derived/json2_write_request.json");
        writeFixture.remove("context");
        assertThat(JsonShape.differencesAllowingExtraKeys(writeFixture, write)).isEmpty();
        assertThat(keys(write)).isEqualTo(keys(writeFixture));
    }

    @Test
    void theDocumentedSearchReadResultIsMappedToCustomers() {
        rig.odoo.injectAnswer("execute_kw res.partner.search_count", 200, result(load("rpc_execute_kw_search_count_result.json")));
        rig.odoo.injectAnswer("execute_kw res.partner.search_read", 200, load("derived/jsonrpc_execute_kw_search_read_response.json"));
        rig.odoo.injectAnswer("execute_kw res.country.search_read", 200, result(load("rpc_execute_kw_search_read_result.json")
                .findValues("country_id").stream().distinct().map(this::countryWithCode).toList()));

        RecordPage page = rig.connector(Protocol.JSONRPC).readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty());

        assertThat(page.total()).isEqualTo(19);
        assertThat(page.totalPages()).isEqualTo(4);
        assertThat(page.records()).extracting(SyncRecord::id).containsExactly("7", "18", "12", "14", "17");
        assertThat(page.records()).extracting(r -> r.fields().get("country")).containsExactly("BE", "FR", "GB", "IN", "FR");
        assertThat(page.records().get(2).fields()).containsEntry("firstName", "Bank").containsEntry("lastName", "Wealthy and sons")
                .containsEntry("email", null);
        assertThat(page.records().get(0).modifiedAt()).as("no write_date in the documented answer").isNull();
    }

    @Test
    void theDocumentedReadResultIsMapped() {
        rig.odoo.injectAnswer("execute_kw res.partner.search_read", 200, result(load("rpc_execute_kw_read_fields_result.json")));
        rig.odoo.injectAnswer("execute_kw res.country.search_read", 200, result(List.of(countryWithCode(
                load("rpc_execute_kw_read_fields_result.json").get(0).get("country_id")))));

        List<SyncRecord> records = rig.connector(Protocol.JSONRPC).readByIds(EntityType.CUSTOMERS, List.of("7"));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("7");
            assertThat(r.fields()).containsEntry("firstName", "Agrolait").containsEntry("lastName", null).containsEntry("country", "BE");
        });
    }

    @Test
    void theJson2SearchReadExampleIsMapped() {
        rig.odoo.injectAnswer("json2 res.partner/search_read", 200, load("json2_search_read_response_200.json"));

        List<SyncRecord> records = rig.connector(Protocol.JSON2).findByNaturalKeys(EntityType.CUSTOMERS, List.of("info@deco-addict.com"));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("25");
            assertThat(r.fields()).containsEntry("firstName", "Deco").containsEntry("lastName", "Addict").containsEntry("country", null);
        });
    }

    @Test
    void theMultiCreateAnswersGiveTheNewIdsInOrder() {
        rig.odoo.injectAnswer("execute_kw res.partner.create", 200, load("derived/jsonrpc_execute_kw_create_multi_response.json"));
        rig.odoo.injectAnswer("json2 res.partner/create", 200, load("derived/json2_create_multi_response.json"));
        List<SyncRecord> two = List.of(OdooConnectorWriteTest.customer(1, "DE"), OdooConnectorWriteTest.customer(2, "DE"));

        for (Protocol protocol : Protocol.values()) {
            assertThat(rig.connector(protocol).create(EntityType.CUSTOMERS, two))
                    .extracting(o -> o.targetId().orElseThrow()).containsExactly("101", "102");
        }
    }

    @Test
    void aSingleIdAnswerToAListCreateIsAProtocolFailure() {
        rig.odoo.injectAnswer("execute_kw res.partner.create", 200, result(load("rpc_execute_kw_create_result.json")));

        assertThatThrownBy(() -> rig.connector(Protocol.JSONRPC).create(EntityType.CUSTOMERS, List.of(OdooConnectorWriteTest.customer(1, "DE"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL));
    }

    @Test
    void theLoginAnswersAreUnderstood() {
        rig.odoo.injectAnswer("common.authenticate", 200, load("derived/jsonrpc_common_login_success_response.json"));
        OdooConnector odoo = rig.connector(Protocol.JSONRPC);
        odoo.readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty());
        assertThat(rig.requests("execute_kw res.partner.search_read").get(0).body().get("params").get("args").get(1).asLong())
                .isEqualTo(load("derived/jsonrpc_common_login_success_response.json").get("result").asLong());

        rig.odoo.injectAnswer("common.authenticate", 200, load("derived/jsonrpc_common_login_bad_credentials_response.json"));
        assertThatThrownBy(() -> rig.connector(Protocol.JSONRPC).readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION));
    }

    @Test
    void writeMustAnswerTrueAndCountMustAnswerANumber() {
        long id = rig.odoo.records("res.partner").get(0).get("id").asLong();
        rig.odoo.injectAnswer("execute_kw res.partner.write", 200, result(load("rpc_execute_kw_name_search_result.json")));
        rig.odoo.injectAnswer("execute_kw res.partner.search_count", 200, load("jsonrpc_envelope_success_docstring.json"));
        OdooConnector odoo = rig.connector(Protocol.JSONRPC);

        assertThat(odoo.update(EntityType.CUSTOMERS, List.of(new TargetUpdate(String.valueOf(id),
                OdooConnectorWriteTest.customer(1, "DE")))).get(0).succeeded()).isTrue();
        assertThatThrownBy(() -> odoo.readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL));
    }

    private ObjectNode countryWithCode(JsonNode many2one) {
        String code = switch (many2one.get(1).asText()) {
            case "Belgium" -> "BE";
            case "France" -> "FR";
            case "United Kingdom" -> "GB";
            case "India" -> "IN";
            default -> throw new IllegalArgumentException(many2one.toString());
        };
        return OdooRig.JSON.createObjectNode().put("id", many2one.get(0).asLong()).put("code", code);
    }

    private static ObjectNode result(Object value) {
        ObjectNode envelope = OdooRig.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1);
        envelope.set("result", OdooRig.JSON.valueToTree(value));
        return envelope;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
