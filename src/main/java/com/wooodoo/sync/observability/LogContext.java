package com.wooodoo.sync.observability;

import org.apache.camel.Exchange;
import org.slf4j.MDC;

/**
 * The organisation and sync a log line concerns ({@code [org=… sync=…]} in every line, see
 * {@code logging.pattern.level}): set by the sync runner for its run, by a schedule's firing, and
 * by an API call once its caller is known, and cleared when that work ends, so that no other work
 * on the same thread inherits it.
 */
public final class LogContext {

    public static final String ORG = "orgId";
    public static final String SYNC = "syncId";

    private LogContext() {
    }

    /** Starts the context of work for an organisation on this thread (a sync of it unknown yet). */
    public static void organisation(String orgId) {
        MDC.put(ORG, orgId);
        MDC.remove(SYNC);
    }

    /** Adds the sync the current work concerns. */
    public static void sync(Object syncId) {
        if (syncId != null) {
            MDC.put(SYNC, syncId.toString());
        }
    }

    public static void clear() {
        MDC.remove(ORG);
        MDC.remove(SYNC);
    }

    /** The context of an API call, cleared when the exchange that carries it completes. */
    public static void forCall(Exchange exchange, String orgId) {
        organisation(orgId);
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                clear();
            }
        });
    }
}
