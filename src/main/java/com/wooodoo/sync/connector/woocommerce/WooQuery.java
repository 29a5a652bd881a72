package com.wooodoo.sync.connector.woocommerce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The query string of one call, form-encoded as WordPress (PHP) decodes it. */
final class WooQuery {

    private final Map<String, String> params = new LinkedHashMap<>();

    static WooQuery of(String name, Object value) {
        return new WooQuery().with(name, value);
    }

    WooQuery with(String name, Object value) {
        params.put(name, String.valueOf(value));
        return this;
    }

    WooQuery copy() {
        WooQuery copy = new WooQuery();
        copy.params.putAll(params);
        return copy;
    }

    static String joined(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    String encoded() {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
        return String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
