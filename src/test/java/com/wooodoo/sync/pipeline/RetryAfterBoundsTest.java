package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.RetryAfterHeader;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No {@code Retry-After} a system sends overflows a wait or a time: seconds beyond any long, a date
 * in the year 9999; what is longer than a worker waits puts the sync in the queue for at most a day.
 */
class RetryAfterBoundsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void hugeSecondsAndFarDatesAreReadAsAtMostAYear() {
        assertThat(RetryAfterHeader.parse("999999999", CLOCK)).isEqualTo(RetryAfterHeader.LONGEST);
        assertThat(RetryAfterHeader.parse("99999999999999999999999", CLOCK)).isEqualTo(RetryAfterHeader.LONGEST);
        assertThat(RetryAfterHeader.parse("Fri, 31 Dec 9999 23:59:59 GMT", CLOCK)).isEqualTo(RetryAfterHeader.LONGEST);
        assertThat(RetryAfterHeader.parse("86400", CLOCK)).isEqualTo(Duration.ofDays(1));
        assertThat(RetryAfterHeader.parse("Sun, 06 Dec 2026 05:00:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfterHeader.parse("Mon, 20 Oct 2025 07:28:30 GMT", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfterHeader.parse("-5", CLOCK)).isNull();
        assertThat(RetryAfterHeader.parse("soon", CLOCK)).isNull();
    }

    @Test
    void aConnectorFailureBoundsWhatItWasGivenSoThatItsMillisecondsNeverOverflow() {
        ConnectorException failure = tooManyRequests(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(failure.retryAfter()).contains(RetryAfterHeader.LONGEST);
        assertThat(failure.retryAfter().orElseThrow().toMillis()).isPositive();
    }

    @Test
    void aWaitLongerThanTheWorkerWaitsIsAQueueWaitOfAtMostADay() {
        RetryPolicy policy = new RetryPolicy(null, null, null, properties(300_000));

        assertThat(policy.waitTooLongForTheWorker(tooManyRequests(Duration.ofSeconds(300)))).isEmpty();
        assertThat(policy.waitTooLongForTheWorker(tooManyRequests(Duration.ofSeconds(301))))
                .contains(Duration.ofSeconds(301));
        Duration asked = RetryAfterHeader.parse("999999999", CLOCK);
        assertThat(policy.waitTooLongForTheWorker(tooManyRequests(asked))).contains(RetryAfterHeader.LONGEST);
        assertThat(policy.readDelayMs(tooManyRequests(asked), 1_000)).isEqualTo(RetryAfterHeader.LONGEST.toMillis());

        SyncJob.Requeue requeue = RetryPolicy.requeue(ExternalSystem.ODOO, asked, 5_000, "syncing batch 3 of customers");
        assertThat(requeue.waitMs()).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(requeue.reason()).startsWith("Odoo asked to wait 31536000 s (Retry-After) when syncing batch 3")
                .contains("the sync waits in the queue until");
        assertThat(RetryPolicy.requeue(ExternalSystem.WOOCOMMERCE, Duration.ofMinutes(10), 0, "reading page 1 of customers")
                .waitMs()).isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(RetryPolicy.requeue(ExternalSystem.ODOO, Duration.ofMinutes(10), Duration.ofHours(2).toMillis(), "x")
                .waitMs()).as("never before the settle").isEqualTo(Duration.ofHours(2).toMillis());
    }

    @Test
    void aFailureThatIsNotTransientIsNeverAQueueWait() {
        RetryPolicy policy = new RetryPolicy(null, null, null, properties(1_000));
        ConnectorException refused = new ConnectorException(ExternalSystem.ODOO, FailureKind.AUTHENTICATION, null, 401,
                "refused", Duration.ofDays(1), null);
        assertThat(policy.waitTooLongForTheWorker(refused)).isEmpty();
    }

    private static ConnectorException tooManyRequests(Duration retryAfter) {
        return new ConnectorException(ExternalSystem.ODOO, FailureKind.TRANSIENT, null, 429, "too many requests",
                retryAfter, null);
    }

    private static PipelineProperties properties(long maxRetryAfterMs) {
        PipelineProperties properties = new PipelineProperties();
        properties.setMaxRetryAfterMs(maxRetryAfterMs);
        return properties;
    }
}
