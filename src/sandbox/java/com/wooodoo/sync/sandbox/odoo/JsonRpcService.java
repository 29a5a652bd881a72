package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * {@code POST /jsonrpc}: the services {@code common} ({@code version}, {@code login},
 * {@code authenticate}), {@code object} ({@code execute_kw}, {@code execute}) and {@code db}
 * ({@code list}). Every answer is HTTP 200; failures are JSON-RPC errors, bad credentials at
 * login are the result {@code false}.
 */
final class JsonRpcService {

    private final ModelMethods methods;
    private final OdooDatabase db;
    private final LoginGuard guard;
    private final String database;
    private final IntSupplier serverVersion;
    private final Supplier<Clock> clock;

    JsonRpcService(OdooDatabase db, LoginGuard guard, String database, IntSupplier serverVersion, Supplier<Clock> clock) {
        this.db = db;
        this.methods = new ModelMethods(db);
        this.guard = guard;
        this.database = database;
        this.serverVersion = serverVersion;
        this.clock = clock;
    }

    /** How a request is counted: {@code common.authenticate}, {@code execute_kw res.partner.search_read}. */
    static String callKind(JsonNode request) {
        JsonNode params = request.path("params");
        String service = params.path("service").asText("?");
        String method = params.path("method").asText("?");
        if (service.equals("object") && (method.equals("execute_kw") || method.equals("execute"))) {
            JsonNode args = params.path("args");
            return method + " " + args.path(3).asText("?") + "." + args.path(4).asText("?");
        }
        return service + "." + method;
    }

    static boolean isLogin(JsonNode request) {
        String kind = callKind(request);
        return kind.equals("common.login") || kind.equals("common.authenticate");
    }

    ObjectNode handle(JsonNode request) {
        JsonNode id = request.has("id") ? request.get("id") : NullNode.getInstance();
        try {
            JsonNode params = request.path("params");
            JsonNode args = params.path("args");
            if (!request.path("jsonrpc").asText().equals("2.0") || !args.isArray()) {
                throw OdooError.badRequest("Invalid JSON-RPC request: expected jsonrpc 2.0 and params.args as a list");
            }
            String method = params.path("method").asText();
            JsonNode result = switch (params.path("service").asText()) {
                case "common" -> common(method, (ArrayNode) args);
                case "object" -> object(method, (ArrayNode) args);
                case "db" -> dbService(method);
                default -> throw OdooError.attributeError("service '" + params.path("service").asText() + "' does not exist");
            };
            return OdooErrorBodies.result(id, result);
        } catch (OdooError e) {
            return OdooErrorBodies.jsonRpc(id, e, serverVersion.getAsInt());
        }
    }

    /** The answer while every authentication fails: {@code false} for a login, AccessDenied otherwise. */
    ObjectNode authFailure(JsonNode request) {
        JsonNode id = request.path("id");
        return isLogin(request) ? OdooErrorBodies.result(id, OdooJson.NODES.booleanNode(false))
                : OdooErrorBodies.jsonRpc(id, OdooError.accessDenied(), serverVersion.getAsInt());
    }

    ObjectNode serverError(JsonNode request) {
        return OdooErrorBodies.jsonRpc(request.path("id"), OdooError.databaseUnavailable(
                "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n"
                        + "\tbefore or while processing the request.\n"), serverVersion.getAsInt());
    }

    static ObjectNode version(int major) {
        ObjectNode version = OdooJson.NODES.objectNode();
        version.put("server_version", major + ".0");
        version.set("server_version_info", versionInfo(major));
        version.put("server_serie", major + ".0");
        version.put("protocol_version", 1);
        return version;
    }

    static ArrayNode versionInfo(int major) {
        return OdooJson.NODES.arrayNode().add(major).add(0).add(0).add("final").add(0).add("");
    }

    private JsonNode common(String method, ArrayNode args) {
        switch (method) {
            case "version":
                return version(serverVersion.getAsInt());
            case "login":
            case "authenticate":
                int expected = method.equals("login") ? 3 : 4;
                if (args.size() != expected) {
                    throw OdooError.typeError("exp_" + method + "() takes " + expected + " positional arguments but "
                            + args.size() + " were given");
                }
                checkDatabase(args.get(0).asText());
                return guard.authenticate(args.get(1).asText(), args.get(2).asText(), clock.get())
                        .<JsonNode>map(OdooJson.NODES::numberNode).orElse(OdooJson.NODES.booleanNode(false));
            default:
                throw OdooError.attributeError("module 'odoo.service.common' has no attribute 'exp_" + method + "'");
        }
    }

    private JsonNode object(String method, ArrayNode args) {
        if (!method.equals("execute_kw") && !method.equals("execute")) {
            throw OdooError.attributeError("module 'odoo.service.model' has no attribute 'exp_" + method + "'");
        }
        if (args.size() < 5) {
            throw OdooError.typeError(method + "() missing required positional arguments: expected db, uid, password, model, method");
        }
        checkDatabase(args.get(0).asText());
        if (!args.get(1).isIntegralNumber() || !guard.checkCall(args.get(1).asLong(), args.get(2).asText(null))) {
            throw OdooError.accessDenied();
        }
        String model = args.get(3).asText();
        if (!db.hasModel(model)) {
            throw OdooError.unknownModel(model);
        }
        String modelMethod = args.get(4).asText();
        ObjectNode named;
        if (method.equals("execute_kw")) {
            if (args.size() > 7) {
                throw OdooError.typeError("execute_kw() takes from 5 to 7 positional arguments but " + args.size() + " were given");
            }
            named = ModelMethods.named(modelMethod, args.path(5), args.path(6));
        } else {
            ArrayNode rest = OdooJson.NODES.arrayNode();
            for (int i = 5; i < args.size(); i++) {
                rest.add(args.get(i));
            }
            named = ModelMethods.named(modelMethod, rest, null);
        }
        return methods.call(model, modelMethod, named, true);
    }

    private JsonNode dbService(String method) {
        if (method.equals("list")) {
            return OdooJson.NODES.arrayNode().add(database);
        }
        if (method.equals("server_version")) {
            return OdooJson.NODES.textNode(serverVersion.getAsInt() + ".0");
        }
        throw OdooError.attributeError("module 'odoo.service.db' has no attribute 'exp_" + method + "'");
    }

    private void checkDatabase(String name) {
        if (!database.equals(name)) {
            throw OdooError.databaseUnavailable("connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: "
                    + "FATAL:  database \"" + name + "\" does not exist\n");
        }
    }
}
