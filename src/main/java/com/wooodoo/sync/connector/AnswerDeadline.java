package com.wooodoo.sync.connector;

import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The time a whole answer may take, from sending the request to the last byte of the body. The
 * read timeout bounds one wait for the next bytes only: a server that sends a byte a second (or
 * its headers that slowly) never trips it and would hold the sync for as long as it likes. When
 * the deadline passes, the connection is shut at once (the thread reading it wakes with an
 * error) and the call fails with {@link AnswerLate}; a connection already given back to the
 * pool is left alone.
 */
public final class AnswerDeadline {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private AnswerDeadline() {
    }

    /** The answer did not fully arrive within the deadline. */
    public static final class AnswerLate extends IOException {
        private final long deadlineMs;

        AnswerLate(long deadlineMs, Throwable cause) {
            super("the answer did not arrive within " + deadlineMs + " ms", cause);
            this.deadlineMs = deadlineMs;
        }

        public long deadlineMs() {
            return deadlineMs;
        }
    }

    /** The late-answer failure among a failure and its causes. */
    public static Optional<AnswerLate> lateIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AnswerLate late) {
                return Optional.of(late);
            }
        }
        return Optional.empty();
    }

    /** "WooCommerce's answer to GET customers page 3 did not arrive within 120 s (wooodoo.http.answer-deadline-ms)". */
    public static String lateMessage(String system, String call, AnswerLate late) {
        long ms = late.deadlineMs();
        String within = ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
        return system + "'s answer to " + call + " did not arrive within " + within
                + " (wooodoo.http.answer-deadline-ms); abandoned";
    }

    /** Gives every request of the client built by {@code builder} at most {@code deadlineMs} for its whole answer. */
    public static void limitTime(HttpClientBuilder builder, long deadlineMs) {
        // first in the chain: the clock runs from before the connection is leased to the body's end
        builder.addExecInterceptorFirst("answer-deadline", (request, scope, chain) -> {
            Running deadline = new Running(deadlineMs, scope.execRuntime);
            ClassicHttpResponse response;
            try {
                response = chain.proceed(request, scope);
            } catch (IOException | HttpException | RuntimeException e) {
                deadline.cancel();
                if (deadline.passed()) {
                    throw new AnswerLate(deadlineMs, e);
                }
                throw e;
            }
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                deadline.cancel();
                if (deadline.passed()) {
                    response.close();
                    throw new AnswerLate(deadlineMs, null);
                }
                return response;
            }
            response.setEntity(new HttpEntityWrapper(entity) {
                @Override
                public InputStream getContent() throws IOException {
                    return new Timed(super.getContent(), deadline);
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    try (InputStream in = getContent()) {
                        in.transferTo(out);
                    }
                }
            });
            return response;
        });
    }

    private static final class Running {
        private final long deadlineMs;
        private final long endsAtNanos;
        private final ExecRuntime runtime;
        private final ScheduledFuture<?> shutter;
        private volatile boolean shut;

        Running(long deadlineMs, ExecRuntime runtime) {
            this.deadlineMs = deadlineMs;
            this.runtime = runtime;
            this.endsAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
            this.shutter = TIMER.schedule(this::abandon, deadlineMs, TimeUnit.MILLISECONDS);
        }

        /**
         * Shuts the connection: closing the body's stream instead would read the rest of it first
         * (to reuse the connection), as slowly as it comes.
         */
        void abandon() {
            shut = true;
            runtime.discardEndpoint();
        }

        boolean passed() {
            return shut || System.nanoTime() - endsAtNanos >= 0;
        }

        void cancel() {
            shutter.cancel(false);
        }
    }

    private static final class Timed extends FilterInputStream {
        private final Running deadline;

        Timed(InputStream in, Running deadline) {
            super(in);
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            check();
            try {
                return ended(super.read());
            } catch (IOException e) {
                throw late(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            try {
                return ended(super.read(buffer, offset, length));
            } catch (IOException e) {
                throw late(e);
            }
        }

        @Override
        public void close() throws IOException {
            deadline.cancel();
            super.close();
        }

        private int ended(int read) {
            if (read < 0) {
                deadline.cancel();
            }
            return read;
        }

        private void check() throws IOException {
            if (deadline.passed()) {
                deadline.cancel();
                deadline.abandon();
                throw new AnswerLate(deadline.deadlineMs, null);
            }
        }

        private IOException late(IOException failure) {
            if (deadline.passed() && !(failure instanceof AnswerLate)) {
                deadline.cancel();
                return new AnswerLate(deadline.deadlineMs, failure);
            }
            return failure;
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "answer-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
