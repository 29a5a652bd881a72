package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.sandbox.odoo.OdooFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static com.wooodoo.sync.connector.FailureKind.AUTHENTICATION;
import static com.wooodoo.sync.connector.FailureKind.DUPLICATE;
import static com.wooodoo.sync.connector.FailureKind.NOT_FOUND;
import static com.wooodoo.sync.connector.FailureKind.PROTOCOL;
import static com.wooodoo.sync.connector.FailureKind.TRANSIENT;
import static com.wooodoo.sync.connector.FailureKind.VALIDATION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error shape of the fixtures, answered by the simulator to a call of the connector, is
 * classified by its exception name: JSON-RPC errors of Odoo 16-18 (code 200) and 19 (code 0), and
 * JSON-2 bodies with their HTTP status.
 */
class OdooErrorClassificationTest {

    private static final String DUPLICATE_TEXT = "The operation cannot be completed: duplicate key value violates unique "
            + "constraint \"res_partner_email_uniq\"\nDETAIL:  Key (email)=(a@example.com) already exists.\n";

    private OdooRig rig;

    @BeforeEach
    void start() {
        rig = new OdooRig();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    static Stream<Arguments> jsonRpcErrors() {
        return Stream.of(
                Arguments.of("derived/jsonrpc_error_access_denied_v16_18.json", 2, AUTHENTICATION, "odoo.exceptions.AccessDenied"),
                Arguments.of("derived/jsonrpc_error_access_denied_v19.json", 2, AUTHENTICATION, "odoo.exceptions.AccessDenied"),
                Arguments.of("derived/jsonrpc_error_access_error_v16_18.json", 1, AUTHENTICATION, "odoo.exceptions.AccessError"),
                Arguments.of("derived/jsonrpc_error_validation_v16_18.json", 1, VALIDATION, "odoo.exceptions.ValidationError"),
                Arguments.of("derived/jsonrpc_error_user_error_v16_18.json", 1, VALIDATION, "odoo.exceptions.UserError"),
                Arguments.of("derived/jsonrpc_error_missing_v16_18.json", 1, NOT_FOUND, "odoo.exceptions.MissingError"),
                Arguments.of("derived/jsonrpc_error_session_expired.json", 2, AUTHENTICATION, "odoo.http.SessionExpiredException"),
                Arguments.of("derived/jsonrpc_error_not_found_404.json", 1, PROTOCOL, "werkzeug.exceptions.NotFound"),
                Arguments.of("jsonrpc_envelope_error_docstring.json", 1, PROTOCOL, null));
    }

    @ParameterizedTest
    @MethodSource("jsonRpcErrors")
    void jsonRpcErrorsAreClassifiedByExceptionName(String fixture, int times, FailureKind kind, String code) {
        for (int i = 0; i < times; i++) {
            rig.odoo.injectAnswer("execute_kw res.partner.search_count", 200, OdooFixtures.load(fixture));
        }

        ConnectorException failure = readFails(Protocol.JSONRPC);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.code().orElse(null)).isEqualTo(code);
        assertThat(failure.httpStatus()).isZero();
    }

    @ParameterizedTest
    @MethodSource("jsonRpcErrors")
    void theSameErrorWithOdoo19sCodeZeroIsClassifiedTheSame(String fixture, int times, FailureKind kind, String code) {
        for (int i = 0; i < times; i++) {
            ObjectNode error = (ObjectNode) OdooFixtures.load(fixture).deepCopy();
            ((ObjectNode) error.get("error")).put("code", 0);
            rig.odoo.injectAnswer("execute_kw res.partner.search_count", 200, error);
        }

        assertThat(readFails(Protocol.JSONRPC).kind()).isEqualTo(kind);
    }

    static Stream<Arguments> json2Errors() {
        return Stream.of(
                Arguments.of("json2_error_401_invalid_apikey.json", 401, AUTHENTICATION, "werkzeug.exceptions.Unauthorized"),
                Arguments.of("derived/json2_error_403_access_error.json", 403, AUTHENTICATION, "odoo.exceptions.AccessError"),
                Arguments.of("derived/json2_error_404_missing_error.json", 404, NOT_FOUND, "odoo.exceptions.MissingError"),
                Arguments.of("derived/json2_error_404_unknown_model.json", 404, PROTOCOL, "werkzeug.exceptions.NotFound"),
                Arguments.of("derived/json2_error_422_validation_error.json", 422, VALIDATION, "odoo.exceptions.ValidationError"));
    }

    @ParameterizedTest
    @MethodSource("json2Errors")
    void json2ErrorsAreClassifiedByExceptionName(String fixture, int status, FailureKind kind, String code) {
        rig.odoo.injectAnswer("json2 res.partner/search_count", status, OdooFixtures.load(fixture));

        ConnectorException failure = readFails(Protocol.JSON2);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.code()).contains(code);
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(failure.getMessage()).contains(OdooFixtures.load(fixture).get("message").asText().split("\n")[0]);
    }

    static Stream<Arguments> variants() {
        UnaryOperator<JsonNode> duplicate = body -> ((ObjectNode) body).put("message", DUPLICATE_TEXT);
        UnaryOperator<JsonNode> lock = body -> ((ObjectNode) body).put("name", "odoo.exceptions.LockError");
        UnaryOperator<JsonNode> unknownName = body -> ((ObjectNode) body).put("name", "odoo.addons.x.SomethingElse");
        UnaryOperator<JsonNode> python = body -> ((ObjectNode) body).put("name", "builtins.ValueError");
        return Stream.of(
                Arguments.of("derived/json2_error_422_validation_error.json", 422, duplicate, DUPLICATE),
                Arguments.of("derived/json2_error_422_validation_error.json", 409, lock, TRANSIENT),
                Arguments.of("derived/json2_error_422_validation_error.json", 422, unknownName, VALIDATION),
                Arguments.of("derived/json2_error_404_missing_error.json", 404, unknownName, NOT_FOUND),
                Arguments.of("derived/json2_error_403_access_error.json", 403, unknownName, AUTHENTICATION),
                Arguments.of("derived/json2_error_422_validation_error.json", 503, unknownName, TRANSIENT),
                Arguments.of("derived/json2_error_422_validation_error.json", 500, python, PROTOCOL));
    }

    /** Names decide first; a duplicate key is the one message that is looked at; unknown names fall back to the status. */
    @ParameterizedTest
    @MethodSource("variants")
    void json2VariantsAreClassifiedByNameThenStatus(String fixture, int status, UnaryOperator<JsonNode> change, FailureKind kind) {
        rig.odoo.injectAnswer("json2 res.partner/search_count", status, change.apply(OdooFixtures.load(fixture).deepCopy()));

        assertThat(readFails(Protocol.JSON2).kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @MethodSource("jsonRpcDuplicateFixture")
    void aUniqueViolationInAJsonRpcValidationErrorIsADuplicate(String fixture) {
        ObjectNode error = (ObjectNode) OdooFixtures.load(fixture).deepCopy();
        ((ObjectNode) error.get("error").get("data")).put("message", DUPLICATE_TEXT);
        rig.odoo.injectAnswer("execute_kw res.partner.search_count", 200, error);

        assertThat(readFails(Protocol.JSONRPC).kind()).isEqualTo(DUPLICATE);
    }

    static Stream<String> jsonRpcDuplicateFixture() {
        return Stream.of("derived/jsonrpc_error_validation_v16_18.json", "derived/jsonrpc_error_user_error_v16_18.json");
    }

    private ConnectorException readFails(Protocol protocol) {
        try {
            rig.connector(protocol).readPage(EntityType.CUSTOMERS, 1, 5, Optional.empty());
        } catch (ConnectorException e) {
            return e;
        }
        throw new AssertionError("the read should have failed");
    }
}
