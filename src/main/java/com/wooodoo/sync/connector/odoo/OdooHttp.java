package com.wooodoo.sync.connector.odoo;

import com.wooodoo.sync.outbound.OutboundChannel;
import com.wooodoo.sync.connector.AnswerDeadline;
import com.wooodoo.sync.connector.AnswerLimits;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.RetryAfterHeader;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs to one Odoo through Camel's {@code http} component, sent by the connector's
 * {@link OutboundChannel} (the organisation's throttle and breaker). All calls of a connector go to one
 * endpoint (the Odoo base URL; the API path travels in {@code CamelHttpPath}), so they share that
 * endpoint's pooled client. Failures to get an answer at all (refused, timed out, reset) are
 * {@link FailureKind#TRANSIENT}; every HTTP answer, error statuses included, is returned as it is.
 * Credentials go in headers or bodies only, never in the endpoint URI.
 */
final class OdooHttp {

    private final ProducerTemplate producer;
    private final OutboundChannel channel;
    private final String endpointUri;
    private final String host;

    OdooHttp(ProducerTemplate producer, URI url, HttpTimeouts timeouts) {
        this(producer, OutboundChannel.straight(), url, timeouts);
    }

    OdooHttp(ProducerTemplate producer, OutboundChannel channel, URI url, HttpTimeouts timeouts) {
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The Odoo URL must not contain credentials; they belong in the settings");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("The Odoo URL must be a base address without query or fragment: " + url);
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        this.producer = producer;
        this.channel = channel;
        this.host = url.getHost();
        this.endpointUri = url.getScheme() + "://" + url.getRawAuthority() + path
                + "?throwExceptionOnFailure=false"
                + "&connectTimeout=" + timeouts.connectMs()
                + "&connectionRequestTimeout=" + timeouts.connectMs()
                + "&responseTimeout=" + timeouts.readMs()
                + "&soTimeout=" + timeouts.readMs()
                + "&httpClientConfigurer=%23class:" + OdooHttpClientConfigurer.class.getName()
                + "(" + timeouts.maxAnswerBytes() + "," + timeouts.answerDeadlineMs() + ")";
    }

    String endpointUri() {
        return endpointUri;
    }

    /** @param call how the call is named in messages ({@code res.partner.search_read}) */
    HttpReply post(String path, Map<String, String> headers, byte[] body, String call) {
        Exchange exchange = channel.send(producer, endpointUri, ex -> {
            ex.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
            ex.getIn().setHeader(Exchange.HTTP_PATH, path);
            headers.forEach(ex.getIn()::setHeader);
            ex.getIn().setBody(body);
        });
        if (exchange.getException() != null) {
            AnswerLimits.AnswerTooLarge tooLarge = AnswerLimits.tooLargeIn(exchange.getException()).orElse(null);
            if (tooLarge != null) {
                throw new ConnectorException(ExternalSystem.ODOO, FailureKind.PROTOCOL, null, 0,
                        AnswerLimits.tooLargeMessage("Odoo at " + host, call, tooLarge), null, tooLarge);
            }
            AnswerDeadline.AnswerLate late = AnswerDeadline.lateIn(exchange.getException()).orElse(null);
            if (late != null) {
                throw new ConnectorException(ExternalSystem.ODOO, FailureKind.TRANSIENT, null, 0,
                        AnswerDeadline.lateMessage("Odoo", call + " at " + host, late), null, late);
            }
            throw unreachable(exchange.getException());
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] answer = exchange.getMessage().getBody(byte[].class);
        return new HttpReply(status == null ? 0 : status, answer == null ? new byte[0] : answer,
                retryAfter(exchange.getMessage().getHeader("Retry-After", String.class)));
    }

    private ConnectorException unreachable(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return new ConnectorException(ExternalSystem.ODOO, FailureKind.TRANSIENT, null, 0,
                        "no answer from Odoo at " + host + ": " + io.getClass().getSimpleName() + ": " + io.getMessage(),
                        null, io);
            }
        }
        return new ConnectorException(ExternalSystem.ODOO, FailureKind.PROTOCOL, null, 0,
                "the call to Odoo at " + host + " could not be made: " + failure.getClass().getSimpleName(), null, failure);
    }

    /** {@code Retry-After} as seconds or as an HTTP date (see {@link RetryAfterHeader}). */
    static Optional<Duration> retryAfter(String value) {
        return Optional.ofNullable(RetryAfterHeader.parse(value, java.time.Clock.systemUTC()));
    }
}
