package com.wooodoo.sync.pipeline;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of a record's mapped fields in a canonical form (keys sorted, numbers without
 * trailing zeros, empty text as absent), so that the same content always hashes the same,
 * whichever system it was read from.
 */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(Map<String, Object> fields) {
        StringBuilder canonical = new StringBuilder();
        write(fields, canonical);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value == null || (value instanceof String s && s.isEmpty())) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            new TreeMap<>((Map<String, Object>) map).forEach((k, v) -> {
                if (v != null && !(v instanceof String s && s.isEmpty())) {
                    out.append(quote(k)).append(':');
                    write(v, out);
                    out.append(',');
                }
            });
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            list.forEach(item -> {
                write(item, out);
                out.append(',');
            });
            out.append(']');
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString());
        } else if (value instanceof Number number) {
            out.append(new BigDecimal(number.toString()).stripTrailingZeros().toPlainString());
        } else if (value instanceof Boolean bool) {
            out.append(bool);
        } else {
            out.append(quote(value.toString()));
        }
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
