package com.wooodoo.sync.connector;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Bounds on what an external system may send: the size of an answer's body, enforced while it is
 * read (a {@code Content-Length} above the cap is refused before reading; a body without one
 * fails as soon as it passes the cap, after decompression), and Jackson's read constraints for
 * parsing answers (string length, nesting depth, number length).
 */
public final class AnswerLimits {

    /** The deepest nesting of an answer's JSON: WooCommerce and Odoo answers are a few levels deep. */
    public static final int MAX_NESTING_DEPTH = 200;
    public static final int MAX_NUMBER_LENGTH = 100;
    public static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

    private AnswerLimits() {
    }

    /** An answer larger than the cap, thrown while it is read (so the client gives up on it). */
    public static final class AnswerTooLarge extends IOException {
        private final long maxBytes;

        public AnswerTooLarge(long maxBytes) {
            super("the answer is larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    /** The answer-too-large failure among a failure and its causes. */
    public static Optional<AnswerTooLarge> tooLargeIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AnswerTooLarge tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }

    /** The message of a too large answer, naming the system, the call and the setting. */
    public static String tooLargeMessage(String system, String call, AnswerTooLarge failure) {
        return call + ": the answer of " + system + " is larger than " + failure.maxBytes()
                + " bytes (wooodoo.http.max-answer-bytes); not read";
    }

    /** Lets the client built by {@code builder} read no answer body larger than {@code maxBytes}. */
    public static void limitAnswers(HttpClientBuilder builder, long maxBytes) {
        // first in the chain: it sees the body as the caller reads it, after decompression
        builder.addExecInterceptorFirst("answer-size-limit", (request, scope, chain) -> {
            ClassicHttpResponse response = chain.proceed(request, scope);
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                if (entity.getContentLength() > maxBytes) {
                    response.close();
                    throw new AnswerTooLarge(maxBytes);
                }
                response.setEntity(new HttpEntityWrapper(entity) {
                    @Override
                    public InputStream getContent() throws IOException {
                        return new Limited(super.getContent(), maxBytes);
                    }

                    @Override
                    public void writeTo(java.io.OutputStream out) throws IOException {
                        try (InputStream in = getContent()) {
                            in.transferTo(out);
                        }
                    }
                });
            }
            return response;
        });
    }

    /** A copy of the mapper (its modules and settings) whose parser refuses answers beyond the read constraints. */
    public static ObjectMapper constrained(ObjectMapper json) {
        ObjectMapper copy = json.copy();
        copy.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
        return copy;
    }

    private static final class Limited extends FilterInputStream {
        private final long maxBytes;
        private long read;

        Limited(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws AnswerTooLarge {
            read += n;
            if (read > maxBytes) {
                throw new AnswerTooLarge(maxBytes);
            }
        }
    }
}
