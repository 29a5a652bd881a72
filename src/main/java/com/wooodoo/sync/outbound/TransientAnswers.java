package com.wooodoo.sync.outbound;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The last step inside an outbound circuit breaker: an answer that says the system is in trouble
 * (5xx, or 429 Too Many Requests) counts as a failure, any other answer as a success, so that
 * records the system rejects (validation, duplicates: 4xx) never open the breaker.
 */
@Component("transientAnswers")
public class TransientAnswers {

    public void failWhenTransient(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 500 || status == 429) {
            throw new TransientAnswerException(exchange.getMessage());
        }
    }
}
