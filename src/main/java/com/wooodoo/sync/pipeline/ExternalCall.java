package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorException;

import java.util.function.Supplier;

/**
 * One call of a connector, sent through the route {@code externalCall} so that it passes the
 * organisation's throttle and the system's circuit breaker. Only transient failures reach the
 * breaker as failures; any other failure is carried past it and thrown after it, so that a
 * rejected record does not open the circuit for everybody.
 */
public final class ExternalCall {

    private final String description;
    private final Supplier<?> call;
    private Object result;
    private ConnectorException nonTransientFailure;

    public ExternalCall(String description, Supplier<?> call) {
        this.description = description;
        this.call = call;
    }

    /** Runs the call inside the circuit breaker. */
    public void run() {
        try {
            result = call.get();
        } catch (ConnectorException e) {
            if (e.isTransient()) {
                throw e;
            }
            nonTransientFailure = e;
        }
    }

    /** The result, or the non-transient failure thrown now, outside the breaker. */
    public Object outcome() {
        if (nonTransientFailure != null) {
            throw nonTransientFailure;
        }
        return result;
    }

    @Override
    public String toString() {
        return description;
    }
}
