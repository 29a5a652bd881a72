package com.wooodoo.sync.connector;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checked connection settings of every configured organisation. A missing or malformed
 * setting stops start-up with the name of the property to fix.
 */
@Component
@EnableConfigurationProperties(ConnectionsProperties.class)
public class Connections {

    private static final Pattern ORG_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");
    private static final String PREFIX = "wooodoo.organizations.";

    private final Map<String, WooCommerceSettings> woocommerce = new ConcurrentHashMap<>();
    private final Map<String, OdooSettings> odoo = new ConcurrentHashMap<>();
    private final Map<String, StockSettings> stock = new ConcurrentHashMap<>();

    public Connections(ConnectionsProperties properties) {
        List<String> problems = new ArrayList<>();
        HttpTimeouts timeouts = timeouts(properties.getHttp(), problems);
        properties.getOrganizations().forEach((orgId, org) -> {
            if (!ORG_ID.matcher(orgId).matches()) {
                problems.add(PREFIX + orgId + ": organisation ids are 1-64 characters of a-z, 0-9, '_' and '-'");
                return;
            }
            if (org.getWoocommerce() != null) {
                wooCommerce(orgId, org.getWoocommerce(), timeouts, problems).ifPresent(s -> woocommerce.put(orgId, s));
            }
            if (org.getOdoo() != null) {
                odoo(orgId, org.getOdoo(), timeouts, problems).ifPresent(s -> odoo.put(orgId, s));
            }
            stock.put(orgId, StockSettings.of(orgId, org.getStock(), problems));
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid connection settings in config/application.yaml or the environment:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** Adds or replaces an organisation's shop connection made at run time (the demo does). */
    public void register(String orgId, WooCommerceSettings settings) {
        woocommerce.put(orgId, settings);
    }

    /** Adds or replaces an organisation's Odoo connection made at run time (the demo does). */
    public void register(String orgId, OdooSettings settings) {
        odoo.put(orgId, settings);
    }

    /** Replaces an organisation's stock settings at run time (tests and the demo do). */
    public void register(String orgId, StockSettings settings) {
        stock.put(orgId, settings);
    }

    /** An organisation's stock settings; {@link StockSettings#DEFAULTS} when it configures none. */
    public StockSettings stock(String orgId) {
        return stock.getOrDefault(orgId, StockSettings.DEFAULTS);
    }

    /** The organisations with a connection, and the systems each is connected to. */
    public java.util.SortedMap<String, java.util.Set<ExternalSystem>> connected() {
        java.util.SortedMap<String, java.util.Set<ExternalSystem>> connected = new java.util.TreeMap<>();
        woocommerce.keySet().forEach(org -> connected.computeIfAbsent(org, o -> java.util.EnumSet.noneOf(ExternalSystem.class))
                .add(ExternalSystem.WOOCOMMERCE));
        odoo.keySet().forEach(org -> connected.computeIfAbsent(org, o -> java.util.EnumSet.noneOf(ExternalSystem.class))
                .add(ExternalSystem.ODOO));
        return connected;
    }

    public Optional<WooCommerceSettings> wooCommerce(String orgId) {
        return Optional.ofNullable(woocommerce.get(orgId));
    }

    public Optional<OdooSettings> odoo(String orgId) {
        return Optional.ofNullable(odoo.get(orgId));
    }

    private static Optional<WooCommerceSettings> wooCommerce(String orgId, ConnectionsProperties.WooCommerce wc,
                                                             HttpTimeouts timeouts, List<String> problems) {
        String at = PREFIX + orgId + ".woocommerce.";
        URI url = url(wc.getBaseUrl(), at + "base-url", problems);
        String key = required(wc.getConsumerKey(), at + "consumer-key", problems);
        String secret = required(wc.getConsumerSecret(), at + "consumer-secret", problems);
        return url == null || key == null || secret == null ? Optional.empty()
                : Optional.of(new WooCommerceSettings(url, key, secret, timeouts));
    }

    private static Optional<OdooSettings> odoo(String orgId, ConnectionsProperties.Odoo o, HttpTimeouts timeouts,
                                               List<String> problems) {
        String at = PREFIX + orgId + ".odoo.";
        URI url = url(o.getUrl(), at + "url", problems);
        OdooSettings.Protocol protocol;
        try {
            protocol = OdooSettings.Protocol.valueOf(String.valueOf(o.getProtocol()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(at + "protocol: must be jsonrpc or json2, not '" + o.getProtocol() + "'");
            return Optional.empty();
        }
        String database = required(o.getDatabase(), at + "database", problems);
        String secret;
        String login = null;
        if (protocol == OdooSettings.Protocol.JSONRPC) {
            login = required(o.getLogin(), at + "login", problems);
            secret = o.getApiKey() != null && !o.getApiKey().isBlank() ? o.getApiKey()
                    : required(o.getPassword(), at + "password (or api-key)", problems);
        } else {
            secret = required(o.getApiKey(), at + "api-key", problems);
        }
        return url == null || database == null || secret == null || (protocol == OdooSettings.Protocol.JSONRPC && login == null)
                ? Optional.empty()
                : Optional.of(new OdooSettings(url, protocol, database, login, secret, timeouts));
    }

    private static HttpTimeouts timeouts(ConnectionsProperties.Http http, List<String> problems) {
        if (http.getConnectTimeoutMs() < 1 || http.getReadTimeoutMs() < 1 || http.getMaxAnswerBytes() < 1) {
            problems.add("wooodoo.http.connect-timeout-ms, read-timeout-ms and max-answer-bytes must be positive");
            return HttpTimeouts.DEFAULTS;
        }
        if (http.getAnswerDeadlineMs() < http.getReadTimeoutMs()) {
            problems.add("wooodoo.http.answer-deadline-ms (" + http.getAnswerDeadlineMs() + ") must be at least "
                    + "wooodoo.http.read-timeout-ms (" + http.getReadTimeoutMs() + "): it bounds a whole answer, not one wait");
            return HttpTimeouts.DEFAULTS;
        }
        return new HttpTimeouts(http.getConnectTimeoutMs(), http.getReadTimeoutMs(), http.getMaxAnswerBytes(),
                http.getAnswerDeadlineMs());
    }

    private static URI url(String text, String property, List<String> problems) {
        if (required(text, property, problems) == null) {
            return null;
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(property + ": '" + text + "' is not an http(s) URL");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(property + ": '" + text + "' is not a URL (" + e.getReason() + ")");
            return null;
        }
    }

    private static String required(String value, String property, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(property + " is required");
            return null;
        }
        return value;
    }
}
