package com.wooodoo.sync.api;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's last word on a request it could not hand to the application (a malformed URI, a
 * header it cannot parse): the contract's JSON envelope instead of Tomcat's HTML page, with the
 * security headers of every answer ({@link SecurityHeadersFilter}).
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED.name();
            case 403 -> ErrorCode.FORBIDDEN.name();
            case 404 -> ErrorCode.NOT_FOUND.name();
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED.name();
            case 503 -> ErrorCode.UNAVAILABLE.name();
            default -> status >= 500 ? ErrorCode.INTERNAL.name() : ErrorCode.VALIDATION_ERROR.name();
        };
        String message = status >= 500 ? "internal error; the service log has the details"
                : "the request could not be read (HTTP " + status + "): check the URL's percent-encoding and the headers";
        String body = "{\"success\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"details\":[]}}";
        try {
            SecurityHeadersFilter.apply(response);
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing more can be said
        }
    }
}
