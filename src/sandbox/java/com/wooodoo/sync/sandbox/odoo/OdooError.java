package com.wooodoo.sync.sandbox.odoo;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Python exception as stock Odoo raises it: its qualified name (what {@code data.name} and the
 * JSON-2 body's {@code name} carry), its message, and the HTTP status the JSON-2 API gives it
 * ({@code exception.http_status}; 500 for exceptions that have none).
 */
final class OdooError extends RuntimeException {

    static final String ACCESS_DENIED = "odoo.exceptions.AccessDenied";
    static final String ACCESS_ERROR = "odoo.exceptions.AccessError";
    static final String VALIDATION_ERROR = "odoo.exceptions.ValidationError";
    static final String USER_ERROR = "odoo.exceptions.UserError";
    static final String MISSING_ERROR = "odoo.exceptions.MissingError";

    private final String name;
    private final int json2Status;
    private final List<Object> arguments;

    private OdooError(String name, String message, int json2Status, List<Object> arguments) {
        super(message);
        this.name = name;
        this.json2Status = json2Status;
        this.arguments = arguments;
    }

    private OdooError(String name, String message, int json2Status) {
        this(name, message, json2Status, List.of(message));
    }

    String name() {
        return name;
    }

    int json2Status() {
        return json2Status;
    }

    List<Object> arguments() {
        return arguments;
    }

    /** The traceback's last line, as in {@code data.debug}. */
    String debug() {
        return "Traceback (most recent call last):\n  ...\n" + name + ": " + getMessage() + "\n";
    }

    static OdooError accessDenied() {
        return new OdooError(ACCESS_DENIED, "Access Denied", 403);
    }

    static OdooError accessError(String message) {
        return new OdooError(ACCESS_ERROR, message, 403);
    }

    static OdooError validation(String message) {
        return new OdooError(VALIDATION_ERROR, message, 422);
    }

    static OdooError userError(String message) {
        return new OdooError(USER_ERROR, message, 422);
    }

    static OdooError missing(String model, List<Long> ids) {
        String tuple = ids.size() == 1 ? ids.get(0) + ","
                : ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new OdooError(MISSING_ERROR, "Record does not exist or has been deleted.\n(Record: " + model
                + "(" + tuple + "), User: " + OdooDatabase.ADMIN_UID + ")", 404);
    }

    /** What {@code execute_kw} raises for a model that is not installed. */
    static OdooError unknownModel(String model) {
        return userError("Object " + model + " doesn't exist");
    }

    /** What the JSON-2 controller raises for a model that is not installed. */
    static OdooError unknownModelJson2(String model) {
        return notFound("the model '" + model + "' does not exist");
    }

    static OdooError notFound(String message) {
        return new OdooError("werkzeug.exceptions.NotFound", message, 404, List.of(message, 404));
    }

    static OdooError unauthorized() {
        return new OdooError("werkzeug.exceptions.Unauthorized", "Invalid apikey", 401, List.of("Invalid apikey", 401));
    }

    static OdooError valueError(String message) {
        return new OdooError("builtins.ValueError", message, 500);
    }

    /** Arguments that do not fit the method's signature (the JSON-2 controller answers 422). */
    static OdooError typeError(String message) {
        return new OdooError("builtins.TypeError", message, 422);
    }

    static OdooError attributeError(String message) {
        return new OdooError("builtins.AttributeError", message, 500);
    }

    static OdooError badRequest(String message) {
        return new OdooError("werkzeug.exceptions.BadRequest", message, 400, List.of());
    }

    /** What a lost or overloaded PostgreSQL looks like through Odoo (the database itself is fine). */
    static OdooError databaseUnavailable(String message) {
        return new OdooError("psycopg2.OperationalError", message, 500);
    }
}
