package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.wooodoo.sync.connector.AnswerLimits;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.OdooSettings;

import java.io.IOException;
import java.util.Map;

/**
 * Odoo 19's JSON-2 API: {@code POST /json/2/<model>/<method>} with the arguments by name,
 * {@code Authorization: bearer <API key>} and {@code X-Odoo-Database}. Nothing to log in to;
 * a refused key (401) is remembered and not sent again.
 */
final class Json2Api implements OdooApi {

    private final OdooHttp http;
    private final ObjectMapper json;
    private final OdooFailures failures;
    private final Map<String, String> headers;
    private final RememberedFailure refused = new RememberedFailure();

    Json2Api(OdooHttp http, ObjectMapper json, OdooSettings settings, OdooFailures failures) {
        this.http = http;
        this.json = AnswerLimits.constrained(json);
        this.failures = failures;
        this.headers = Map.of("Content-Type", "application/json", "Authorization", "bearer " + settings.secret(),
                "X-Odoo-Database", settings.database());
    }

    @Override
    public JsonNode call(OdooCall call) {
        refused.throwIfRefused();
        HttpReply reply;
        try {
            reply = http.post("/json/2/" + call.model() + "/" + call.method(), headers, json.writeValueAsBytes(call.args()),
                    call.label());
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a JSON-2 request", e);
        }
        JsonNode body = parse(reply, call.label());
        if (reply.status() == 200) {
            if (body == null) {
                throw failures.protocol(call.label() + ": the JSON-2 answer is not JSON: " + failures.excerpt(reply));
            }
            if (body.isObject() && body.has("jsonrpc") && body.has("error")) {
                // an Odoo without JSON-2 answers a JSON request to an unknown route as JSON-RPC
                throw failures.fromJsonRpcError(body.get("error"), call.label() + " (no JSON-2 API here: it needs Odoo 19 or later)");
            }
            return body;
        }
        ConnectorException failure = failures.fromJson2(reply, body, call.label());
        if (reply.status() == 401 && failure.kind() == FailureKind.AUTHENTICATION) {
            refused.remember(failure);
        }
        throw failure;
    }

    private JsonNode parse(HttpReply reply, String label) {
        try {
            return reply.body().length == 0 ? null : json.readTree(reply.body());
        } catch (StreamConstraintsException e) {
            throw failures.protocol(label + ": the answer exceeds the JSON read limits: " + e.getOriginalMessage());
        } catch (IOException e) {
            return null;
        }
    }
}
