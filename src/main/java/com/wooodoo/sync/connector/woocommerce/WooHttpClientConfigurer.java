package com.wooodoo.sync.connector.woocommerce;

import com.wooodoo.sync.connector.AnswerDeadline;
import com.wooodoo.sync.connector.AnswerLimits;
import com.wooodoo.sync.connector.HttpTimeouts;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * The HTTP client of a shop's endpoint, set on it by Camel ({@code httpClientConfigurer=#class:...}).
 * HttpClient would itself wait out a 429 or 503 ({@code Retry-After}) and send again, hidden from
 * the pipeline, whose throttle, back-off and circuit breaker must see every such answer: those
 * answers are never retried here. A GET that met a stale pooled connection is still sent once
 * more (POSTs never are). Cookies are not kept: the API is authenticated per request.
 */
public class WooHttpClientConfigurer implements HttpClientConfigurer {

    private final long maxAnswerBytes;
    private final long answerDeadlineMs;

    public WooHttpClientConfigurer() {
        this(HttpTimeouts.DEFAULT_MAX_ANSWER_BYTES, HttpTimeouts.DEFAULT_ANSWER_DEADLINE_MS);
    }

    /**
     * @param maxAnswerBytes   the largest answer body read ({@link AnswerLimits})
     * @param answerDeadlineMs the longest a whole answer may take ({@link AnswerDeadline}); both from the
     *                         endpoint URI's {@code #class:...(bytes,ms)}
     */
    public WooHttpClientConfigurer(long maxAnswerBytes, long answerDeadlineMs) {
        this.maxAnswerBytes = maxAnswerBytes;
        this.answerDeadlineMs = answerDeadlineMs;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        AnswerLimits.limitAnswers(builder, maxAnswerBytes);
        AnswerDeadline.limitTime(builder, answerDeadlineMs);
        builder.setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS) {
            @Override
            public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
                return false;
            }
        });
        builder.disableCookieManagement();
    }
}
