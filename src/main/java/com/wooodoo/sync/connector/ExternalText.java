package com.wooodoo.sync.connector;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Text that came from an external system (error messages, codes, bodies) made fit for messages and
 * log lines, always in this order: every secret masked first (so that no cut can leave part of
 * one), then control characters escaped (a hostile answer cannot forge a log line or a conflict's
 * lines: CR and LF become {@code \r} and {@code \n}), then cut to a bounded length.
 */
public final class ExternalText {

    /** The longest external text a failure message carries. */
    public static final int MAX_CHARS = 1_000;
    static final String MASK = "***";

    private ExternalText() {
    }

    /** Masked, escaped and cut to {@code maxChars} (plus an ellipsis). */
    public static String clean(String text, Collection<String> secrets, int maxChars) {
        return cut(escapeControls(mask(text, secrets)), maxChars);
    }

    /** Every occurrence of every secret replaced by {@code ***}, the longest secrets first. */
    public static String mask(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        List<String> ordered = secrets.stream().filter(s -> s != null && !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : ordered) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /**
     * CR, LF, tab and the other control characters (C0, DEL, C1, and the Unicode line and
     * paragraph separators) as Java-like escapes; everything else unchanged.
     */
    public static String escapeControls(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
            if (!control) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** At most {@code maxChars} characters, with an ellipsis where the text was cut. */
    public static String cut(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    /**
     * The forms in which a secret may come back in an answer: as it is, JSON-escaped (an echoed
     * request body) and URL-encoded (an echoed query).
     */
    public static Set<String> forms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        if (secret == null || secret.isEmpty()) {
            return forms;
        }
        forms.add(secret);
        forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(secret)));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        return forms;
    }

    /** The base64 credential of HTTP Basic authentication ({@code user:password}), without "Basic ". */
    public static String basicCredential(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
