package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.ExternalText;
import com.wooodoo.sync.connector.FailureKind;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.wooodoo.sync.connector.FailureKind.AUTHENTICATION;
import static com.wooodoo.sync.connector.FailureKind.DUPLICATE;
import static com.wooodoo.sync.connector.FailureKind.NOT_FOUND;
import static com.wooodoo.sync.connector.FailureKind.PROTOCOL;
import static com.wooodoo.sync.connector.FailureKind.TRANSIENT;
import static com.wooodoo.sync.connector.FailureKind.VALIDATION;

/**
 * Turns Odoo's error answers into typed failures. The Python exception name ({@code data.name}
 * over JSON-RPC, {@code name} in a JSON-2 body) decides, whatever the JSON-RPC {@code code} (200
 * up to Odoo 18, 0 from 19) and whatever the message says, because messages are translated and
 * change between versions. The HTTP status decides only where no known name came with it.
 *
 * <p>One exception: a unique-constraint violation reaches the client as a plain ValidationError
 * (Odoo wraps PostgreSQL's IntegrityError in {@code odoo/service/model.py}), so the only way to
 * tell "this key is taken" from "this value is invalid" is PostgreSQL's own text, "duplicate key
 * value violates unique constraint", which Odoo passes on for constraints it does not know by
 * name. A constraint a module declares with its own message reads as VALIDATION.
 *
 * <p>Choices: an unknown model over JSON-RPC is a UserError and so VALIDATION (telling it apart
 * would need the message); over JSON-2 it is werkzeug's NotFound, which, like any missing route,
 * is PROTOCOL: the configuration does not fit this Odoo, while NOT_FOUND is kept for records
 * ({@code MissingError}). Python's own exceptions ({@code builtins.ValueError}: an unknown field,
 * a value of the wrong type) are PROTOCOL too, as they mean the request does not fit the model.
 *
 * <p>Answers without Odoo's error shape (an HTML page of a proxy, a firewall or a crash) are
 * classified by status, but never as AUTHENTICATION and never as a failure of the records sent:
 * Odoo's own authentication errors always carry their exception name (AccessDenied, a session
 * error, werkzeug's Unauthorized), so a 401/403 without one is a proxy's challenge or block page,
 * TRANSIENT (retried, then RetryExhausted), as are 408, 409, 425, 429 and 5xx; any other such 4xx
 * is a PROTOCOL failure of the whole call, not a ValidationError of every record of the batch.
 */
final class OdooFailures {

    private static final Logger LOG = LoggerFactory.getLogger(OdooFailures.class);

    static final String ACCESS_DENIED = "odoo.exceptions.AccessDenied";
    static final String SESSION_EXPIRED = "odoo.http.SessionExpiredException";

    private static final String UNIQUE_VIOLATION_TEXT = "duplicate key value violates unique constraint";
    private static final Set<String> VALIDATION_NAMES = Set.of("odoo.exceptions.ValidationError",
            "odoo.exceptions.UserError", "odoo.exceptions.RedirectWarning", "odoo.exceptions.except_orm",
            "odoo.exceptions.Warning", "psycopg2.IntegrityError", "psycopg2.errors.NotNullViolation",
            "psycopg2.errors.ForeignKeyViolation", "psycopg2.errors.CheckViolation");
    private static final Map<String, FailureKind> KINDS = Map.ofEntries(
            Map.entry(ACCESS_DENIED, AUTHENTICATION),
            Map.entry("odoo.exceptions.AccessError", AUTHENTICATION),
            Map.entry(SESSION_EXPIRED, AUTHENTICATION),
            Map.entry("werkzeug.exceptions.Unauthorized", AUTHENTICATION),
            Map.entry("werkzeug.exceptions.Forbidden", AUTHENTICATION),
            Map.entry("psycopg2.errors.UniqueViolation", DUPLICATE),
            Map.entry("odoo.exceptions.MissingError", NOT_FOUND),
            Map.entry("odoo.exceptions.LockError", TRANSIENT),
            Map.entry("odoo.exceptions.ConcurrencyError", TRANSIENT),
            Map.entry("psycopg2.OperationalError", TRANSIENT),
            Map.entry("psycopg2.errors.SerializationFailure", TRANSIENT),
            Map.entry("psycopg2.errors.LockNotAvailable", TRANSIENT),
            Map.entry("psycopg2.errors.DeadlockDetected", TRANSIENT),
            Map.entry("psycopg2.extensions.TransactionRollbackError", TRANSIENT),
            Map.entry("werkzeug.exceptions.TooManyRequests", TRANSIENT),
            Map.entry("werkzeug.exceptions.ServiceUnavailable", TRANSIENT),
            Map.entry("werkzeug.exceptions.BadGateway", TRANSIENT),
            Map.entry("werkzeug.exceptions.GatewayTimeout", TRANSIENT),
            Map.entry("werkzeug.exceptions.NotFound", PROTOCOL),
            Map.entry("werkzeug.exceptions.BadRequest", PROTOCOL),
            Map.entry("werkzeug.exceptions.MethodNotAllowed", PROTOCOL),
            Map.entry("werkzeug.exceptions.UnprocessableEntity", PROTOCOL));

    private final Set<String> secrets;

    /**
     * @param secret the password or API key: masked in every message taken from an answer (as it is,
     *               JSON-escaped or URL-encoded), should Odoo or a proxy echo it, before anything is cut
     */
    OdooFailures(String secret) {
        this.secrets = ExternalText.forms(secret);
    }

    /** The start of an answer's body, for messages: the secret masked first, then cut. */
    String excerpt(HttpReply reply) {
        return ExternalText.clean(new String(reply.body(), StandardCharsets.UTF_8).strip(), secrets, 200);
    }

    /** External text made fit for a log line: secrets masked, control characters escaped, cut. */
    String loggable(String text) {
        return ExternalText.clean(text, secrets, ExternalText.MAX_CHARS);
    }

    /** A JSON-RPC {@code error} member (always HTTP 200). */
    ConnectorException fromJsonRpcError(JsonNode error, String call) {
        JsonNode data = error.path("data");
        String name = data.path("name").isTextual() ? data.path("name").asText() : null;
        String message = data.path("message").isTextual() ? data.path("message").asText() : error.path("message").asText("");
        if (name == null) {
            return failure(PROTOCOL, null, 0, call + ": JSON-RPC error without an exception name (code "
                    + error.path("code").asText("?") + "): " + message, null);
        }
        return failure(byName(name, message).orElse(PROTOCOL), name, 0, call + ": " + message, null);
    }

    /** A JSON-2 answer other than 200; {@code body} is the serialised exception, or null if there was no JSON. */
    ConnectorException fromJson2(HttpReply reply, JsonNode body, String call) {
        if (body == null || !body.path("name").isTextual()) {
            return fromHttpStatus(reply, call);
        }
        String name = body.path("name").asText();
        String message = body.path("message").asText("");
        FailureKind kind = byName(name, message).orElseGet(() -> switch (reply.status()) {
            case 401, 403 -> AUTHENTICATION;
            case 404 -> NOT_FOUND;
            case 422 -> VALIDATION;
            default -> byStatus(reply.status());
        });
        return failure(kind, name, reply.status(), call + ": " + message, reply.retryAfter().orElse(null));
    }

    /** An HTTP answer that is not Odoo's own error shape (a proxy, a missing route, a crash). */
    ConnectorException fromHttpStatus(HttpReply reply, String call) {
        FailureKind kind = reply.status() == 404 ? PROTOCOL : byStatus(reply.status());
        String hint = reply.status() == 404 ? " (no Odoo API at this address, or JSON-2 on an Odoo older than 19)"
                : reply.status() >= 300 && reply.status() < 400 ? " (a redirect: check the URL and the database)"
                : reply.status() == 401 || reply.status() == 403
                ? " without Odoo's error shape (a proxy's or firewall's challenge, not Odoo refusing the credentials)" : "";
        return failure(kind, null, reply.status(), call + ": HTTP " + reply.status() + hint + ": " + excerpt(reply),
                reply.retryAfter().orElse(null));
    }

    /** The records of a {@code search_read} answer: a list of objects with ids, or a protocol failure naming the model. */
    java.util.List<JsonNode> records(JsonNode answer, String model) {
        if (!answer.isArray()) {
            throw protocol(model + ".search_read answered " + answer.getNodeType() + " instead of a list of records");
        }
        java.util.List<JsonNode> records = new java.util.ArrayList<>();
        for (JsonNode record : answer) {
            if (!record.isObject() || !record.path("id").isIntegralNumber()) {
                throw protocol(model + ".search_read answered a record without an id");
            }
            records.add(record);
        }
        return records;
    }

    /**
     * A look-up that matched more records than it asked for ({@link OdooCall#lookupLimit}): PROTOCOL,
     * not retried, since the same keys would match as many again; the data needs a person.
     */
    ConnectorException truncated(String call, int keys, int limit) {
        return protocol(call + ": the look-up of " + keys + " keys matched more than " + limit
                + " records; refusing a partial answer (duplicates of a key in Odoo?)");
    }

    ConnectorException protocol(String message) {
        return failure(PROTOCOL, null, 0, message, null);
    }

    /** Whether Odoo no longer accepts the uid or session the call was made with (worth one new login). */
    static boolean meansLoginLost(ConnectorException failure) {
        return failure.code().filter(code -> code.equals(ACCESS_DENIED) || code.equals(SESSION_EXPIRED)).isPresent();
    }

    /** Failures that concern the records sent rather than the call: other records may still be written. */
    static boolean concernsRecords(ConnectorException failure) {
        return failure.kind() == VALIDATION || failure.kind() == DUPLICATE || failure.kind() == NOT_FOUND;
    }

    private static Optional<FailureKind> byName(String name, String message) {
        if (VALIDATION_NAMES.contains(name)) {
            return Optional.of(message.contains(UNIQUE_VIOLATION_TEXT) ? DUPLICATE : VALIDATION);
        }
        if (name.startsWith("builtins.")) {
            return Optional.of(PROTOCOL);
        }
        return Optional.ofNullable(KINDS.get(name));
    }

    /** The kind of an answer by its status alone: never AUTHENTICATION, see the class comment. */
    private static FailureKind byStatus(int status) {
        if (status == 401 || status == 403) {
            return TRANSIENT;
        }
        if (status == 408 || status == 409 || status == 425 || status == 429 || status >= 500) {
            return TRANSIENT;
        }
        return PROTOCOL;
    }

    private ConnectorException failure(FailureKind kind, String code, int status, String message, Duration retryAfter) {
        String text = ExternalText.clean(message.strip(), secrets, ExternalText.MAX_CHARS);
        ConnectorException failure = new ConnectorException(ExternalSystem.ODOO, kind,
                code == null ? null : ExternalText.clean(code, secrets, 200), status, text, retryAfter, null);
        LOG.debug("Odoo answered a failure: {}", failure.getMessage());
        return failure;
    }
}
