package com.wooodoo.sync.api;

import com.wooodoo.sync.conflict.ConflictAlreadyResolvedException;
import com.wooodoo.sync.conflict.ConflictNotFoundException;
import com.wooodoo.sync.orchestration.IllegalTransitionException;
import com.wooodoo.sync.orchestration.SyncNotFoundException;
import com.wooodoo.sync.store.ActiveSyncLimitException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns any failure of an orchestrate call into the contract's error envelope. Known failures
 * get their code; anything else is a 500 {@code INTERNAL} with an error id that the log repeats
 * next to the stack trace.
 */
@Component("apiErrorResponder")
public class ApiErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorResponder.class);

    private final OrchestrateResponder responder;

    public ApiErrorResponder(OrchestrateResponder responder) {
        this.responder = responder;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException error = toApiException(failure);
        if (error.code() == ErrorCode.INTERNAL || error.code() == ErrorCode.UNAVAILABLE) {
            LOG.error("Orchestrate call failed: {}", error.getMessage(), failure);
        } else {
            LOG.debug("Orchestrate call refused: {} {}", error.code(), error.getMessage());
        }
        responder.write(exchange, error.code().httpStatus(), ErrorEnvelope.of(error), error.headers());
    }

    static ApiException toApiException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof SyncNotFoundException || t instanceof ConflictNotFoundException) {
                return new ApiException(ErrorCode.NOT_FOUND, t.getMessage());
            }
            if (t instanceof IllegalTransitionException || t instanceof ConflictAlreadyResolvedException) {
                return new ApiException(ErrorCode.INVALID_STATE, t.getMessage());
            }
            if (t instanceof ActiveSyncLimitException) {
                return new ApiException(ErrorCode.CONCURRENCY_LIMIT, t.getMessage()
                        + "; wait for a sync to finish, or cancel one", List.of(), Map.of());
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException) {
                return new ApiException(ErrorCode.UNAVAILABLE,
                        "the database cannot be reached; retry shortly", List.of(), Map.of("Retry-After", "5"));
            }
        }
        String errorId = UUID.randomUUID().toString();
        return new ApiException(ErrorCode.INTERNAL, "internal error " + errorId + "; the service log has the details");
    }
}
