package com.wooodoo.sync.outbound;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP answer the circuit breaker counts as a failure of the system (5xx, 429), thrown inside
 * the breaker and turned back into the answer for the connector by {@link OutboundChannel}.
 */
public final class TransientAnswerException extends RuntimeException {

    private final int status;
    private final Map<String, Object> headers;
    private final transient Object body;

    TransientAnswerException(Message answer) {
        super("HTTP " + answer.getHeader(Exchange.HTTP_RESPONSE_CODE), null, false, false);
        this.status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        this.headers = new HashMap<>(answer.getHeaders());
        this.body = answer.getBody();
    }

    public int status() {
        return status;
    }

    void restoreInto(Message message) {
        message.setHeaders(new HashMap<>(headers));
        message.setBody(body);
    }
}
