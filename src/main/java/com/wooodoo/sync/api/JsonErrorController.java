package com.wooodoo.sync.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Every error the servlet container or Spring raises before a route runs (unknown path, a
 * request the container cannot read) is answered in the contract's JSON envelope, never as an
 * HTML page.
 */
@RestController
public class JsonErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer s ? s : 500;
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 409 -> ErrorCode.INVALID_STATE;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_ERROR;
        };
        String message = switch (code) {
            case NOT_FOUND -> "no such path: " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                    + "; the API is at " + OrchestrateRequestReader.BASE_PATH;
            case INTERNAL -> "internal error; the service log has the details";
            case UNAVAILABLE -> Boolean.TRUE.equals(request.getAttribute(SlowAnswers.TIMED_OUT))
                    ? "no answer within spring.mvc.async.request-timeout, but the action goes on in the service: a "
                    + "resolve-conflict records its outcome when it ends (the conflict is answered 409 until then); "
                    + "read it with the conflicts action in a minute"
                    : "the service is not accepting requests right now; retry shortly";
            default -> "the request could not be read (HTTP " + status + ")";
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(code, message, List.of()));
    }
}
