package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.wooodoo.sync.connector.AnswerLimits;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.OdooSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Odoo's JSON-RPC ({@code POST /jsonrpc}), for every Odoo version. Logs in once with
 * {@code common.authenticate} and reuses the uid for every {@code execute_kw}. A refused login
 * ({@code false} or AccessDenied) is remembered and never retried. If Odoo stops accepting the
 * uid later (AccessDenied or an expired session on a call), it logs in once more and repeats the
 * call once; a second refusal is remembered too.
 */
final class JsonRpcApi implements OdooApi {

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcApi.class);
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json");

    private final OdooHttp http;
    private final ObjectMapper json;
    private final OdooSettings settings;
    private final OdooFailures failures;
    private final RememberedFailure refused = new RememberedFailure();
    private final AtomicLong requestIds = new AtomicLong();
    private final Object loginLock = new Object();
    private volatile Long uid;

    JsonRpcApi(OdooHttp http, ObjectMapper json, OdooSettings settings, OdooFailures failures) {
        this.http = http;
        this.json = AnswerLimits.constrained(json);
        this.settings = settings;
        this.failures = failures;
    }

    @Override
    public JsonNode call(OdooCall call) {
        long current = uid();
        try {
            return execute(current, call);
        } catch (ConnectorException e) {
            if (!OdooFailures.meansLoginLost(e)) {
                throw e;
            }
            LOG.info("Odoo no longer accepts uid {} on {} ({}); logging in once more", current, call.label(),
                    failures.loggable(e.code().orElse("")));
            forget(current);
        }
        long renewed = uid();
        try {
            return execute(renewed, call);
        } catch (ConnectorException e) {
            if (OdooFailures.meansLoginLost(e)) {
                refused.remember(e);
            }
            throw e;
        }
    }

    private JsonNode execute(long userId, OdooCall call) {
        ArrayNode args = json.createArrayNode()
                .add(settings.database()).add(userId).add(settings.secret()).add(call.model()).add(call.method());
        args.add(call.positionalArgs());
        ObjectNode keywords = call.keywordArgs();
        if (!keywords.isEmpty()) {
            args.add(keywords);
        }
        return rpc("object", "execute_kw", args, call.label());
    }

    private long uid() {
        refused.throwIfRefused();
        Long known = uid;
        if (known != null) {
            return known;
        }
        synchronized (loginLock) {
            refused.throwIfRefused();
            if (uid != null) {
                return uid;
            }
            ArrayNode args = json.createArrayNode().add(settings.database()).add(settings.login()).add(settings.secret());
            args.addObject();
            JsonNode result;
            try {
                result = rpc("common", "authenticate", args, "common.authenticate");
            } catch (ConnectorException e) {
                if (e.kind() == FailureKind.AUTHENTICATION) {
                    refused.remember(e);
                }
                throw e;
            }
            if (result.isIntegralNumber() && result.asLong() > 0) {
                uid = result.asLong();
                LOG.info("Logged in to Odoo database '{}' as '{}' (uid {})", settings.database(), settings.login(), uid);
                return uid;
            }
            if (result.isBoolean() && !result.asBoolean()) {
                ConnectorException failure = new ConnectorException(ExternalSystem.ODOO, FailureKind.AUTHENTICATION, null, 0,
                        "Odoo refused the login of '" + settings.login() + "' to database '" + settings.database()
                                + "' (wrong login, password or API key, or too many failed logins)");
                refused.remember(failure);
                throw failure;
            }
            throw failures.protocol("common.authenticate answered " + result.getNodeType() + " instead of a uid or false");
        }
    }

    private void forget(long staleUid) {
        synchronized (loginLock) {
            if (uid != null && uid == staleUid) {
                uid = null;
            }
        }
    }

    private JsonNode rpc(String service, String method, ArrayNode args, String label) {
        ObjectNode request = json.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("method", "call");
        ObjectNode params = request.putObject("params");
        params.put("service", service);
        params.put("method", method);
        params.set("args", args);
        request.put("id", requestIds.incrementAndGet());
        HttpReply reply;
        try {
            reply = http.post("/jsonrpc", HEADERS, json.writeValueAsBytes(request), label);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a JSON-RPC request", e);
        }
        if (reply.status() != 200) {
            throw failures.fromHttpStatus(reply, label);
        }
        JsonNode answer = parse(reply, label);
        if (answer.has("error")) {
            throw failures.fromJsonRpcError(answer.get("error"), label);
        }
        if (!answer.has("result")) {
            throw failures.protocol(label + ": JSON-RPC answer without result or error: " + failures.excerpt(reply));
        }
        return answer.get("result");
    }

    private JsonNode parse(HttpReply reply, String label) {
        try {
            JsonNode answer = json.readTree(reply.body());
            if (answer != null && answer.isObject()) {
                return answer;
            }
        } catch (StreamConstraintsException e) {
            throw failures.protocol(label + ": the answer exceeds the JSON read limits: " + e.getOriginalMessage());
        } catch (IOException e) {
            // reported below
        }
        throw failures.protocol(label + ": the answer is not a JSON-RPC object: " + failures.excerpt(reply));
    }
}
