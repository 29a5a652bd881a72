package com.wooodoo.sync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Writes the HTTP answer of an orchestrate call. Every header the request brought into the
 * exchange is dropped first, so that nothing of the request (its token above all) is echoed back.
 */
@Component("orchestrateResponder")
public class OrchestrateResponder {

    private final ObjectMapper json;

    public OrchestrateResponder(ObjectMapper json) {
        this.json = json;
    }

    public void success(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        ApiResponse response = exchange.getMessage().getMandatoryBody(ApiResponse.class);
        write(exchange, response.status(), response.body(), response.headers());
    }

    /** Not a bean method of the routes: the error handler calls it with the envelope already built. */
    void write(Exchange exchange, int status, Map<String, Object> body, Map<String, String> headers) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Cache-Control", "no-store");
        headers.forEach(message::setHeader);
        try {
            message.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer is not serialisable", e);
        }
    }
}
