package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Odoo 19's {@code POST /json/2/<model>/<method>}: a bearer API key, named arguments in the body,
 * the result as the body; a failure is the serialised exception with the exception's HTTP status
 * (401 bad key, 403 access, 404 missing record or model, 422 validation or user error).
 */
final class Json2Service {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP status and a JSON body. */
    record Answer(int status, JsonNode body) {
    }

    private final OdooDatabase db;
    private final ModelMethods methods;
    private final LoginGuard guard;
    private final String database;

    Json2Service(OdooDatabase db, LoginGuard guard, String database) {
        this.db = db;
        this.methods = new ModelMethods(db);
        this.guard = guard;
        this.database = database;
    }

    Answer handle(String model, String method, String authorization, String databaseHeader, byte[] body) {
        try {
            if (!guard.checkBearer(authorization)) {
                throw OdooError.unauthorized();
            }
            if (databaseHeader != null && !databaseHeader.equals(database)) {
                throw OdooError.notFound("the database '" + databaseHeader + "' does not exist");
            }
            if (!db.hasModel(model)) {
                throw OdooError.unknownModelJson2(model);
            }
            JsonNode args = parse(body);
            if (!args.isObject()) {
                throw OdooError.badRequest("the body must be a JSON object of named arguments");
            }
            return new Answer(200, methods.call(model, method, (ObjectNode) args, false));
        } catch (OdooError e) {
            return failure(e);
        }
    }

    static Answer failure(OdooError error) {
        return new Answer(error.json2Status(), OdooErrorBodies.json2(error));
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return OdooJson.NODES.objectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw OdooError.badRequest("Invalid JSON data");
        }
    }
}
