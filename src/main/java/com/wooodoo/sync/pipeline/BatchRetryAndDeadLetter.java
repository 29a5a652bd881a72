package com.wooodoo.sync.pipeline;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling of the batch route ({@code routeConfigurationId: syncBatchErrors}): a failed
 * batch is planned and written again from the start after 1, 2, 4, 8, 16 s (transient failures
 * only, up to the sync's maxRetries); what still fails goes to the dead-letter route
 * {@code direct:conflictDetection} with the batch as it came.
 */
@Component
public class BatchRetryAndDeadLetter extends RouteConfigurationBuilder {

    private final long firstDelayMs;

    public BatchRetryAndDeadLetter(PipelineProperties properties) {
        this.firstDelayMs = properties.getFirstRetryDelayMs();
    }

    @Override
    public void configuration() {
        routeConfiguration("syncBatchErrors")
                .errorHandler(deadLetterChannel("direct:conflictDetection")
                        .useOriginalMessage()
                        .redeliveryDelay(firstDelayMs)
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(firstDelayMs * 16)
                        .retryWhile(method("retryPolicy", "shouldRetry"))
                        .logRetryAttempted(true));
    }
}
