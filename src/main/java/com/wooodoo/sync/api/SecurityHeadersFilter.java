package com.wooodoo.sync.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * Puts the same security headers on every answer of the public port — the API's, its errors
 * (401, 404, …), the web console's pages and files, the OpenAPI document, the probes: a strict
 * Content-Security-Policy (scripts, styles and calls only from the service itself, no plug-ins, no
 * framing), no MIME sniffing, no referrer. Set before the rest of the chain runs, so an answer
 * written by any later filter, route or error handler carries them; Tomcat's own error answers get
 * them from {@link JsonErrorReportValve}. The console needs no inline script or style for this.
 */
public class SecurityHeadersFilter implements Filter {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; frame-ancestors 'none'";

    /** Header name → value. */
    public static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            apply(http);
        }
        chain.doFilter(request, response);
    }

    /** Sets the headers on an answer not yet committed (replacing any earlier value). */
    public static void apply(HttpServletResponse response) {
        if (!response.isCommitted()) {
            HEADERS.forEach(response::setHeader);
        }
    }
}
