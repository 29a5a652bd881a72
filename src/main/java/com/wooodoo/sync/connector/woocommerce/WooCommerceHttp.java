package com.wooodoo.sync.connector.woocommerce;

import com.wooodoo.sync.outbound.OutboundChannel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.wooodoo.sync.connector.AnswerDeadline;
import com.wooodoo.sync.connector.AnswerLimits;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.WooCommerceSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calls to one shop's REST API, made through Camel's {@code http} component and sent by the
 * connector's {@link OutboundChannel} (the organisation's throttle and breaker). One endpoint per
 * shop (base URL and timeouts in its URI) gives one pooled HTTP client for all calls; path, query
 * and method travel in the {@code CamelHttp*} headers of each exchange. The consumer key and
 * secret are sent only as an {@code Authorization: Basic} header (WooCommerce's authentication
 * over HTTPS), never in the endpoint URI, logs or messages.
 */
final class WooCommerceHttp {

    static final String API_PATH = "/wp-json/wc/v3/";
    private static final Logger LOG = LoggerFactory.getLogger(WooCommerceHttp.class);
    static final int PER_PAGE = 100;
    /** SKUs asked for in one query: a page's 100 typical SKUs, well inside the 8 KB request line web servers take. */
    static final int MAX_SKU_QUERY_CHARS = 3_000;
    private static final int POOL_SIZE = 20;

    private final ProducerTemplate producer;
    private final OutboundChannel channel;
    private final ObjectMapper json;
    private final WooErrors errors;
    private final String endpointUri;
    private final String authorization;
    private final int readTimeoutMs;

    WooCommerceHttp(WooCommerceSettings settings, ProducerTemplate producer, OutboundChannel channel, ObjectMapper json,
                    Clock clock) {
        this.producer = producer;
        this.channel = channel;
        this.json = AnswerLimits.constrained(json);
        this.errors = new WooErrors(clock, settings.consumerKey(), settings.consumerSecret());
        this.endpointUri = endpointUri(settings);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.consumerKey() + ":" + settings.consumerSecret()).getBytes(StandardCharsets.UTF_8));
        this.readTimeoutMs = settings.timeouts().readMs();
    }

    WooErrors errors() {
        return errors;
    }

    WooResponse get(String resourcePath, WooQuery query) {
        return call("GET", resourcePath, query.encoded(), null);
    }

    /**
     * Every page of a filtered list, 100 per call, by id, up to the first page with fewer than 100
     * (or the last {@code X-WP-TotalPages} claims, if earlier): the header never makes it read on.
     */
    java.util.List<JsonNode> getAll(String resourcePath, WooQuery filter) {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        for (int page = 1; ; page++) {
            WooResponse response = get(resourcePath, filter.copy().with("page", page).with("per_page", PER_PAGE)
                    .with("orderby", "id").with("order", "asc"));
            if (!response.body().isArray()) {
                throw protocol("GET " + resourcePath + ": expected a JSON list, got " + response.body().getNodeType());
            }
            response.body().forEach(all::add);
            String pages = response.header("X-WP-TotalPages");
            if (pages == null || !pages.strip().matches("\\d{1,18}")) {
                throw protocol("GET " + resourcePath + ": the answer has no valid X-WP-TotalPages header");
            }
            if (response.body().size() < PER_PAGE || page >= Long.parseLong(pages.strip())) {
                return all;
            }
        }
    }

    /**
     * The products (and variations) with these SKUs: {@code sku} takes a comma-separated list, 100
     * SKUs and {@value #MAX_SKU_QUERY_CHARS} characters a call.
     */
    java.util.List<JsonNode> getBySkus(java.util.List<String> skus) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        java.util.List<String> chunk = new java.util.ArrayList<>();
        int chars = 0;
        for (String sku : skus) {
            if (sku.contains(",")) {
                // WooCommerce splits the parameter at commas (and also matches it whole): such a SKU goes alone
                found.addAll(getAll("products", WooQuery.of("sku", sku)));
                continue;
            }
            if (chunk.size() == PER_PAGE || chars + sku.length() > MAX_SKU_QUERY_CHARS) {
                found.addAll(getAll("products", WooQuery.of("sku", WooQuery.joined(chunk))));
                chunk.clear();
                chars = 0;
            }
            chunk.add(sku);
            chars += sku.length() + 1;
        }
        if (!chunk.isEmpty()) {
            found.addAll(getAll("products", WooQuery.of("sku", WooQuery.joined(chunk))));
        }
        return found;
    }

    WooResponse post(String resourcePath, JsonNode body) {
        try {
            return call("POST", resourcePath, null, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON body", e);
        }
    }

    private WooResponse call(String method, String resourcePath, String query, byte[] body) {
        String call = method + " " + resourcePath;
        long started = System.nanoTime();
        Exchange exchange = channel.send(producer, endpointUri, ex -> {
            Message in = ex.getIn();
            // only these headers become the request's: nothing of an earlier exchange may leak into it
            in.removeHeaders("*");
            in.setHeader(Exchange.HTTP_METHOD, method);
            in.setHeader(Exchange.HTTP_PATH, API_PATH + resourcePath);
            if (query != null && !query.isEmpty()) {
                in.setHeader(Exchange.HTTP_QUERY, query);
            }
            in.setHeader("Authorization", authorization);
            in.setHeader("Accept", "application/json");
            if (body != null) {
                in.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
            }
            in.setBody(body);
        });
        if (exchange.getException() != null) {
            LOG.debug("WooCommerce {} failed after {} ms: {}", call, elapsedMs(started), exchange.getException().getClass().getSimpleName());
            AnswerLimits.AnswerTooLarge tooLarge = AnswerLimits.tooLargeIn(exchange.getException()).orElse(null);
            if (tooLarge != null) {
                throw errors.protocol(AnswerLimits.tooLargeMessage("WooCommerce", call, tooLarge));
            }
            AnswerDeadline.AnswerLate late = AnswerDeadline.lateIn(exchange.getException()).orElse(null);
            if (late != null) {
                throw new ConnectorException(ExternalSystem.WOOCOMMERCE, FailureKind.TRANSIENT, null, 0,
                        AnswerDeadline.lateMessage("WooCommerce", call + pageOf(query), late), null, late);
            }
            throw errors.ofTransport(exchange.getException(), call, readTimeoutMs);
        }
        Message out = exchange.getMessage();
        int status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.getHeaders().forEach((k, v) -> {
            if (v != null && !k.startsWith("Camel")) {
                headers.put(k, String.valueOf(v));
            }
        });
        byte[] raw = out.getBody(byte[].class);
        JsonNode parsed;
        try {
            parsed = parse(raw);
        } catch (StreamConstraintsException e) {
            throw errors.protocol(call + ": the answer exceeds the JSON read limits: " + e.getOriginalMessage());
        }
        if (status < 200 || status >= 300) {
            ConnectorException failure = errors.ofResponse(status, parsed, raw, headers.get("Retry-After"), call);
            LOG.debug("WooCommerce {} answered {} in {} ms: {}", call, status, elapsedMs(started), failure.getMessage());
            throw failure;
        }
        LOG.debug("WooCommerce {} answered {} in {} ms", call, status, elapsedMs(started));
        if (parsed == null) {
            throw errors.protocol(call + ": HTTP " + status + " without a JSON body");
        }
        return new WooResponse(status, headers, parsed);
    }

    /** The answer as JSON, or null if it is none; beyond the read constraints it is an exception of its own. */
    private JsonNode parse(byte[] bytes) throws StreamConstraintsException {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw e;
        } catch (IOException e) {
            return null;
        }
    }

    /** " page 3" when the query asks for a page, for messages that must say which page of a list it was. */
    private static String pageOf(String query) {
        if (query == null) {
            return "";
        }
        Matcher page = PAGE_PARAMETER.matcher(query);
        return page.find() ? " page " + page.group(1) : "";
    }

    private static final Pattern PAGE_PARAMETER = Pattern.compile("(?:^|&)page=(\\d{1,10})(?:&|$)");

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** The shop's address with the client's settings; credentials, queries and fragments are refused in it. */
    static String endpointUri(WooCommerceSettings settings) {
        URI base = settings.baseUrl();
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("WooCommerce base URL must be http or https");
        }
        if (base.getRawUserInfo() != null || base.getRawQuery() != null || base.getRawFragment() != null || base.getHost() == null) {
            throw new IllegalArgumentException("WooCommerce base URL must be scheme://host[:port][/path], without credentials or query");
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        int connectMs = settings.timeouts().connectMs();
        int readMs = settings.timeouts().readMs();
        return scheme + "://" + base.getRawAuthority() + path
                + "?throwExceptionOnFailure=false"
                + "&connectTimeout=" + connectMs
                + "&connectionRequestTimeout=" + connectMs
                + "&responseTimeout=" + readMs
                + "&soTimeout=" + readMs
                + "&maxTotalConnections=" + POOL_SIZE
                + "&connectionsPerRoute=" + POOL_SIZE
                + "&httpClientConfigurer=#class:" + WooHttpClientConfigurer.class.getName()
                + "(" + settings.timeouts().maxAnswerBytes() + "," + settings.timeouts().answerDeadlineMs() + ")";
    }

    /** For failures found after the answer arrived (a body not shaped as documented). */
    ConnectorException protocol(String message) {
        return errors.protocol(message);
    }
}
