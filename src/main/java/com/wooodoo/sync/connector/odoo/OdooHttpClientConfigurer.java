package com.wooodoo.sync.connector.odoo;

import com.wooodoo.sync.connector.AnswerDeadline;
import com.wooodoo.sync.connector.AnswerLimits;
import com.wooodoo.sync.connector.HttpTimeouts;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * What the Odoo endpoint's HTTP client must not do on its own, set with
 * {@code httpClientConfigurer=#class:...} so the shared {@code http} component stays as it is:
 * <ul>
 *   <li>no automatic retries: HttpClient 5 re-sends a request answered 429 or 503 after its
 *       {@code Retry-After}, POSTs included; that would repeat a {@code create} behind the
 *       pipeline's back and hide the throttling it must see. Retrying is the pipeline's job;</li>
 *   <li>no cookies: organisations with the same Odoo URL share the endpoint's client, and every
 *       call carries its own credentials, so no session cookie may travel from one to another.</li>
 * </ul>
 */
public class OdooHttpClientConfigurer implements HttpClientConfigurer {

    private final long maxAnswerBytes;
    private final long answerDeadlineMs;

    public OdooHttpClientConfigurer() {
        this(HttpTimeouts.DEFAULT_MAX_ANSWER_BYTES, HttpTimeouts.DEFAULT_ANSWER_DEADLINE_MS);
    }

    /**
     * @param maxAnswerBytes   the largest answer body read ({@link AnswerLimits})
     * @param answerDeadlineMs the longest a whole answer may take ({@link AnswerDeadline}); both from the
     *                         endpoint URI's {@code #class:...(bytes,ms)}
     */
    public OdooHttpClientConfigurer(long maxAnswerBytes, long answerDeadlineMs) {
        this.maxAnswerBytes = maxAnswerBytes;
        this.answerDeadlineMs = answerDeadlineMs;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        AnswerLimits.limitAnswers(builder, maxAnswerBytes);
        AnswerDeadline.limitTime(builder, answerDeadlineMs);
        builder.disableAutomaticRetries();
        builder.disableCookieManagement();
    }
}
