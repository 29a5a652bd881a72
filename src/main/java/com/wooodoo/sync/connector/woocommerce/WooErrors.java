package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.ExternalText;
import com.wooodoo.sync.connector.FailureKind;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns WooCommerce's answers into typed failures. WooCommerce errors are
 * {@code {"code", "message", "data": {"status"}}}, for a whole call or, inside a batch answered
 * 200, for one item. The rules:
 * <ul>
 *   <li>401/403 with WooCommerce's error shape ({@code woocommerce_rest_authentication_error},
 *       {@code woocommerce_rest_cannot_view}, ...) → AUTHENTICATION; 401/403 without it (an HTML
 *       or other page of a proxy, CDN or firewall: a challenge, a block) → TRANSIENT, retried and
 *       then RetryExhausted, since the shop never refused the credentials;</li>
 *   <li>408, 425, 429 and 5xx → TRANSIENT with {@code Retry-After};</li>
 *   <li>the codes of a taken natural key → DUPLICATE: {@code registration-error-email-exists},
 *       {@code woocommerce_rest_customer_invalid_email} (WooCommerce's answer to an update that
 *       gives another account's e-mail), {@code product_invalid_sku} ("Invalid or duplicated
 *       SKU." — raised only for a SKU in use, so the message is not needed; it is translated
 *       anyway), any {@code ..._exists}/{@code ...-exists} code, and a failed product insert whose
 *       message names the SKU being written in parentheses (WooCommerce 9.x's "The SKU (x) you
 *       are trying to insert is already under processing", in whatever language);</li>
 *   <li>{@code ..._invalid_id} codes (answered 400 on update, 404 on read) and other 404s →
 *       NOT_FOUND, except {@code rest_no_route}: no such API at all (wrong base URL, WooCommerce
 *       missing) is PROTOCOL;</li>
 *   <li>other 4xx with the error shape → VALIDATION, keeping WooCommerce's code;</li>
 *   <li>any other answer without the documented shape (an HTML 400 page of a firewall) → PROTOCOL
 *       of the whole call, never a ValidationError of the records sent; timeouts and refused
 *       connections → TRANSIENT.</li>
 * </ul>
 * Messages never contain the consumer key, the consumer secret or the Basic credential made of
 * them: every text taken from an answer is masked first, then stripped of tags, its control
 * characters escaped and cut ({@link ExternalText}), and only then classified and reported.
 */
final class WooErrors {

    private static final ExternalSystem SYSTEM = ExternalSystem.WOOCOMMERCE;
    private static final Set<String> DUPLICATE_CODES = Set.of("registration-error-email-exists",
            "registration-error-username-exists", "woocommerce_rest_customer_invalid_email", "product_invalid_sku",
            "existing_user_email", "existing_user_login");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\n\r\u0085\u2028\u2029]");

    private final Clock clock;
    private final List<String> secrets;

    /** For a shop's consumer key and secret: masks both and the Basic credential made of them. */
    WooErrors(Clock clock, String consumerKey, String consumerSecret) {
        this(clock, withBasic(consumerKey, consumerSecret));
    }

    /** @param secrets masked wherever they appear, as they are, JSON-escaped or URL-encoded */
    WooErrors(Clock clock, List<String> secrets) {
        this.clock = clock;
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty())
                .flatMap(s -> ExternalText.forms(s).stream()).distinct().toList();
    }

    private static List<String> withBasic(String key, String secret) {
        List<String> all = new ArrayList<>();
        all.add(key);
        all.add(secret);
        if (key != null && !key.isEmpty() && secret != null && !secret.isEmpty()) {
            all.add(ExternalText.basicCredential(key, secret));
        }
        return all;
    }

    /** A non-2xx answer of a whole call. */
    ConnectorException ofResponse(int status, JsonNode body, String retryAfterHeader, String call) {
        return ofResponse(status, body, null, retryAfterHeader, call);
    }

    /** @param raw the answer's bytes, quoted (masked, escaped, cut) when they are not WooCommerce's error shape */
    ConnectorException ofResponse(int status, JsonNode body, byte[] raw, String retryAfterHeader, String call) {
        boolean shaped = isErrorShape(body);
        String code = shaped ? ExternalText.clean(body.get("code").asText(), secrets, 200) : null;
        String message = call + ": " + (shaped ? text(body.get("message").asText())
                : "HTTP " + status + " without WooCommerce's error shape" + (status == 401 || status == 403
                ? " (a proxy's or firewall's challenge or block page, not the shop refusing the credentials)" : "")
                + excerpt(raw));
        FailureKind kind;
        if ((status == 401 || status == 403) && shaped) {
            kind = FailureKind.AUTHENTICATION;
        } else if (status == 429 || status >= 500 || status == 401 || status == 403 || status == 408 || status == 425) {
            return new ConnectorException(SYSTEM, FailureKind.TRANSIENT, code, status, message,
                    RetryAfter.parse(retryAfterHeader, clock), null);
        } else if (status >= 300 && status < 400) {
            kind = FailureKind.PROTOCOL;
            message = call + ": redirected (HTTP " + status + "); the base URL must be the shop's final address, usually https";
        } else if (!shaped) {
            kind = FailureKind.PROTOCOL;
        } else {
            kind = kindOf(code, status, message, null);
        }
        return new ConnectorException(SYSTEM, kind, code, status, message);
    }

    /**
     * The {@code error} of one item of a batch answer (the call itself was 200).
     *
     * @param sku the SKU the item tried to write, to recognise a SKU that is "already under processing"
     */
    ConnectorException ofItem(JsonNode error, String sku) {
        if (!isErrorShape(error)) {
            return protocol("a batch item's error is not {code, message, data: {status}}: "
                    + ExternalText.clean(String.valueOf(error), secrets, 200));
        }
        String code = ExternalText.clean(error.get("code").asText(), secrets, 200);
        int status = error.get("data").get("status").asInt();
        String message = text(error.get("message").asText());
        return new ConnectorException(SYSTEM, kindOf(code, status, message, sku), code, status, message);
    }

    /** A call that got no HTTP answer. */
    ConnectorException ofTransport(Throwable failure, String call, int readTimeoutMs) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return transient0(call + ": no answer within " + readTimeoutMs + " ms (" + t.getClass().getSimpleName() + ")", failure);
            }
            if (t instanceof SSLException) {
                return new ConnectorException(SYSTEM, FailureKind.PROTOCOL, null, 0,
                        call + ": TLS failure: " + redact(String.valueOf(t.getMessage())), null, failure);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return transient0(call + ": " + t.getClass().getSimpleName() + ": " + redact(String.valueOf(t.getMessage())), failure);
            }
        }
        return new ConnectorException(SYSTEM, FailureKind.PROTOCOL, null, 0,
                call + ": " + failure.getClass().getSimpleName() + ": " + redact(String.valueOf(failure.getMessage())), null, failure);
    }

    ConnectorException protocol(String message) {
        return new ConnectorException(SYSTEM, FailureKind.PROTOCOL, null, 0, redact(message));
    }

    /** External text for a log line or a message: secrets masked, control characters escaped, cut. */
    String loggable(String text) {
        return ExternalText.clean(text, secrets, ExternalText.MAX_CHARS);
    }

    static FailureKind kindOf(String code, int status, String message, String sku) {
        if (status == 401 || status == 403) {
            return FailureKind.AUTHENTICATION;
        }
        if (status == 429 || status >= 500) {
            return FailureKind.TRANSIENT;
        }
        if (DUPLICATE_CODES.contains(code) || code.endsWith("_exists") || code.endsWith("-exists")
                || skuInProcess(message)
                || (sku != null && !sku.isEmpty() && code.equals("woocommerce_rest_product_not_created")
                && message.contains("(" + sku + ")"))) {
            return FailureKind.DUPLICATE;
        }
        if (code.equals("rest_no_route")) {
            return FailureKind.PROTOCOL;
        }
        if (code.endsWith("_invalid_id") || status == 404) {
            return FailureKind.NOT_FOUND;
        }
        return FailureKind.VALIDATION;
    }

    static boolean isErrorShape(JsonNode node) {
        return node != null && node.isObject() && node.path("code").isTextual() && node.path("message").isTextual()
                && node.path("data").path("status").isInt();
    }

    private ConnectorException transient0(String message, Throwable cause) {
        return new ConnectorException(SYSTEM, FailureKind.TRANSIENT, null, 0, message, null, cause);
    }

    /**
     * WooCommerce messages may hold HTML (a log-in link); entities stay as they are. Masked before
     * anything is cut; tags are stripped from a bounded text only.
     */
    private String text(String message) {
        String masked = ExternalText.cut(ExternalText.mask(message, secrets), 4 * ExternalText.MAX_CHARS);
        return ExternalText.clean(stripTags(masked).strip(), List.of(), ExternalText.MAX_CHARS);
    }

    /**
     * Whether a line of the message reads "SKU (…) … already" or "… processing" (any case):
     * WooCommerce's "The SKU (x) you are trying to insert is already under processing". Scans each
     * line with {@code indexOf} (first "sku (", first ")" after it, then either word after that),
     * so it takes time linear in the message, where a backtracking regex took quadratic time or
     * worse on a long hostile message.
     */
    static boolean skuInProcess(String message) {
        for (String line : LINE_BREAKS.split(message.toLowerCase(Locale.ROOT), -1)) {
            int sku = line.indexOf("sku (");
            int close = sku < 0 ? -1 : line.indexOf(')', sku + 5);
            if (close >= 0 && (line.indexOf("already", close + 1) >= 0 || line.indexOf("processing", close + 1) >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** The text without its tags ({@code <…>}), in one pass; a {@code <} that no {@code >} follows stays. */
    static String stripTags(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('<', at);
            int close = open < 0 ? -1 : text.indexOf('>', open + 1);
            if (close < 0) {
                out.append(text, at, text.length());
                break;
            }
            out.append(text, at, open);
            at = close + 1;
        }
        return out.toString();
    }

    private String excerpt(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return "";
        }
        String text = new String(raw, 0, Math.min(raw.length, 64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
        return ": " + ExternalText.clean(text.strip(), secrets, 200);
    }

    /** Secrets masked, control characters escaped, cut to a bounded length. */
    String redact(String text) {
        return ExternalText.clean(text, secrets, 4 * ExternalText.MAX_CHARS);
    }
}
