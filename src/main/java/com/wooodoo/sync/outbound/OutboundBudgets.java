package com.wooodoo.sync.outbound;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many requests a minute each organisation may send to its shop and its Odoo together. A
 * sync's run (and a conflict's resolution) opens a budget with its {@code rateLimit} for as long
 * as it calls out; while several are open, the strictest applies to all of the organisation's
 * requests. A request of an organisation with no open budget is not metered. The route
 * {@code outboundRequest} reads the limit here ({@link #applyTo}) and throttles with it.
 */
@Component("outboundBudgets")
public class OutboundBudgets {

    /** The exchange property the throttle reads: requests per minute; absent when not metered. */
    public static final String REQUESTS_PER_MINUTE = "wooodooRequestsPerMinute";

    private final Map<String, Map<Budget, Integer>> openByOrganisation = new ConcurrentHashMap<>();
    private final int override;
    private final boolean throttled;

    public OutboundBudgets(OutboundProperties properties) {
        this.override = properties.getRequestsPerMinuteOverride();
        this.throttled = properties.isThrottleEnabled();
    }

    /** Meters the organisation's requests at {@code requestsPerMinute} (or stricter) until the budget is closed. */
    public Budget open(String orgId, int requestsPerMinute) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("a budget of " + requestsPerMinute + " requests a minute");
        }
        Budget budget = new Budget(orgId);
        openByOrganisation.computeIfAbsent(orgId, k -> new ConcurrentHashMap<>())
                .put(budget, override > 0 ? override : requestsPerMinute);
        return budget;
    }

    /** Route step: the organisation's limit now, on the exchange for the throttle. */
    public void applyTo(Exchange exchange) {
        String orgId = exchange.getProperty(OutboundChannel.ORGANISATION, String.class);
        Map<Budget, Integer> open = orgId == null ? null : openByOrganisation.get(orgId);
        Integer strictest = open == null || !throttled ? null : open.values().stream().min(Integer::compare).orElse(null);
        if (strictest == null) {
            exchange.removeProperty(REQUESTS_PER_MINUTE);
        } else {
            exchange.setProperty(REQUESTS_PER_MINUTE, strictest);
        }
    }

    /** An open budget; closing it ends it. */
    public final class Budget implements AutoCloseable {
        private final String orgId;

        private Budget(String orgId) {
            this.orgId = orgId;
        }

        @Override
        public void close() {
            openByOrganisation.computeIfPresent(orgId, (k, open) -> {
                open.remove(this);
                return open.isEmpty() ? null : open;
            });
        }
    }
}
