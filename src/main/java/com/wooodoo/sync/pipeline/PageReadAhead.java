package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.RecordPage;
import org.apache.camel.CamelContext;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import com.wooodoo.sync.outbound.OutboundWaits;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Reads the next page of the source while the current one is being synced, so that a sync waits
 * for a page read only once. A page read is a read: one made ahead and not used (the sync was
 * paused, or failed) changes nothing. The read passes the breaker and throttle like any other
 * call, on a thread of its own.
 */
@Component
public class PageReadAhead {

    /** A page being read: which one, and its future. */
    public record Pending(EntityType entity, int page, CompletableFuture<RecordPage> read) {

        /** The page, once read; a failed read is thrown as it was raised. */
        public RecordPage await() {
            try {
                return read.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }

        public boolean isOf(EntityType entity, int page) {
            return this.entity == entity && this.page == page;
        }
    }

    private final ExecutorService readers;

    public PageReadAhead(CamelContext camel) {
        this.readers = camel.getExecutorServiceManager().newCachedThreadPool(this, "pageReadAhead");
    }

    /** Starts reading {@code page} of {@code entity} now, with the caller's log context. */
    public Pending start(EntityType entity, int page, Supplier<RecordPage> read) {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        BooleanSupplier wanted = OutboundWaits.current();
        return new Pending(entity, page, CompletableFuture.supplyAsync(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return OutboundWaits.whileWanted(wanted, read);
            } finally {
                MDC.clear();
            }
        }, readers));
    }

    /** A page already read, to be taken as if it had been read ahead. */
    public Pending done(EntityType entity, int page, RecordPage read) {
        return new Pending(entity, page, CompletableFuture.completedFuture(read));
    }

    /** The page read ahead when it is the one wanted, else the page read now. */
    public RecordPage take(Pending ahead, EntityType entity, int page, Supplier<RecordPage> read) {
        if (ahead != null && ahead.isOf(entity, page)) {
            return ahead.await();
        }
        return read.get();
    }
}
