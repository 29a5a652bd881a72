package com.wooodoo.sync.pipeline;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling of the batch route ({@code routeConfigurationId: syncBatchErrors}): a failed
 * batch is planned and written again from the start (transient failures only, up to the sync's
 * maxRetries, {@link RetryPolicy#shouldRetry}); what still fails goes to the dead-letter route
 * {@code direct:conflictDetection} with the batch as it came. Camel sends it again at once: the
 * wait before it (1, 2, 4, 8, 16 s, {@code Retry-After}, the settle) is the first step of the next
 * attempt ({@link BatchStart#attempt}), which looks at the sync's state while it waits, so that a
 * pause or a cancel is taken within the wait rather than after it.
 */
@Component
public class BatchRetryAndDeadLetter extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("syncBatchErrors")
                .errorHandler(deadLetterChannel("direct:conflictDetection")
                        .useOriginalMessage()
                        .redeliveryDelay(0)
                        .retryWhile(method("retryPolicy", "shouldRetry"))
                        .logRetryAttempted(true));
    }
}
