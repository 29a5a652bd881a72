package com.wooodoo.sync.outbound;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.processor.ThrottlerRejectedExecutionException;

import java.util.Date;
import java.util.Optional;

/**
 * How a connector's HTTP requests leave the service. In the service every request of an
 * organisation's connection goes to the route {@code outboundRequest}
 * ({@code routes/outbound-request.camel.yaml}): the organisation's throttle, then the circuit
 * breaker of its connection to that system, then the system's HTTP endpoint. A connector's own
 * tests send straight to the endpoint. Either way the caller gets the HTTP answer as the endpoint
 * gave it (error statuses included), or the failure to get one; a refusal of an open breaker is
 * thrown as {@link CallNotPermittedException}.
 */
public final class OutboundChannel {

    /** The route every request of the service passes. */
    public static final String ROUTE = "direct:outboundRequest";
    /** Exchange properties read by the route (properties, so that they never become HTTP headers). */
    public static final String ORGANISATION = "wooodooOrganisation";
    /** The connection, {@code <organisation>-<system>}: which circuit breaker the request passes. */
    public static final String CONNECTION = "wooodooConnection";
    public static final String ENDPOINT = "wooodooEndpoint";
    /** When the request first asked the throttle (the metric of the throttle's wait reads it). */
    public static final String THROTTLE_ENTERED = "wooodooThrottleEntered";
    /** How long a request the throttle refused waits before it asks again. */
    static final long THROTTLE_RETRY_MS = 100;

    private final String orgId;
    private final String system;

    private OutboundChannel(String orgId, String system) {
        this.orgId = orgId;
        this.system = system;
    }

    /** Through the outbound route, for an organisation's connection to a system ("woocommerce", "odoo"). */
    public static OutboundChannel of(String orgId, String system) {
        return new OutboundChannel(orgId, system);
    }

    /** Straight to the endpoint: no throttle, no circuit breaker (a connector's own tests). */
    public static OutboundChannel straight() {
        return new OutboundChannel(null, null);
    }

    /** Sends one request, made by {@code request}, to the HTTP endpoint; answers the exchange with the answer or the failure. */
    public Exchange send(ProducerTemplate producer, String endpointUri, Processor request) {
        if (orgId == null) {
            return producer.send(endpointUri, request);
        }
        Date entered = new Date();
        Exchange done;
        while (true) {
            done = producer.send(ROUTE, exchange -> {
                exchange.setProperty(ORGANISATION, orgId);
                exchange.setProperty(CONNECTION, OutboundBreakers.connection(orgId, system));
                exchange.setProperty(ENDPOINT, endpointUri);
                exchange.setProperty(THROTTLE_ENTERED, entered);
                request.process(exchange);
            });
            if (!(done.getException() instanceof ThrottlerRejectedExecutionException)) {
                break;
            }
            // the organisation's throttle is full: wait a moment, unless the request's sync has stopped
            OutboundWaits.checkWanted(orgId);
            pause(THROTTLE_RETRY_MS);
            OutboundWaits.checkWanted(orgId);
        }
        Exception failure = done.getException();
        if (failure instanceof TransientAnswerException answered) {
            // counted by the breaker as a failure; the caller reads it as the answer it is
            done.setException(null);
            answered.restoreInto(done.getMessage());
        } else {
            Optional<CallNotPermittedException> refused = refusalOfAnOpenBreaker(failure);
            if (refused.isPresent()) {
                throw refused.get();
            }
        }
        return done;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the organisation's rate limit", e);
        }
    }

    /** The refusal of an open circuit breaker among a failure and its causes. */
    public static Optional<CallNotPermittedException> refusalOfAnOpenBreaker(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CallNotPermittedException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }
}
