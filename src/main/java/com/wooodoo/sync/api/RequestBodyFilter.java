package com.wooodoo.sync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of an API call before anything else does: answers an oversized body with a 400
 * in the contract's envelope, and hands the body on as JSON whatever {@code Content-Type} the
 * client sent. Clients written against the contract send JSON with {@code curl -d} (which claims
 * {@code application/x-www-form-urlencoded}) or as {@code text/plain}; left alone, the servlet
 * container and the HTTP binding would try to parse such a body as form fields.
 */
public class RequestBodyFilter extends OncePerRequestFilter {

    /** The body exactly as received, so that the JSON parser sees its bytes, not a decoded copy. */
    public static final String RAW_BODY_ATTRIBUTE = RequestBodyFilter.class.getName() + ".body";

    private final int maxBodyBytes;
    private final ObjectMapper json;

    public RequestBodyFilter(int maxBodyBytes, ObjectMapper json) {
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        request.setAttribute(RAW_BODY_ATTRIBUTE, body);
        chain.doFilter(new JsonBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        String message = "must be at most " + maxBodyBytes + " bytes";
        response.setStatus(400);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        json.writeValue(response.getOutputStream(), ErrorEnvelope.of(ErrorCode.VALIDATION_ERROR,
                "body: " + message, List.of(new FieldProblem("body", message))));
    }

    /** The request with its body already read, presented as JSON. */
    static final class JsonBodyRequest extends HttpServletRequestWrapper {
        private static final String JSON = "application/json";
        private final byte[] body;

        JsonBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public String getContentType() {
            return body.length == 0 ? super.getContentType() : JSON;
        }

        @Override
        public String getHeader(String name) {
            return isContentType(name) && body.length > 0 ? JSON : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isContentType(name) && body.length > 0
                    ? Collections.enumeration(List.of(JSON)) : super.getHeaders(name);
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        /** Only the query string's parameters: the body is never read as form fields. */
        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.emptyMap();
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        private static boolean isContentType(String name) {
            return "Content-Type".equalsIgnoreCase(name);
        }
    }
}
