package com.wooodoo.sync.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The organisations' connections, under {@code wooodoo.organizations.<orgId>} in
 * {@code config/application.yaml}; secrets come from the environment through placeholders.
 * Checked at start-up by {@link Connections}.
 */
@ConfigurationProperties(prefix = "wooodoo")
public class ConnectionsProperties {

    private Map<String, Organization> organizations = new LinkedHashMap<>();
    private Http http = new Http();

    public Map<String, Organization> getOrganizations() {
        return organizations;
    }

    public void setOrganizations(Map<String, Organization> organizations) {
        this.organizations = organizations;
    }

    public Http getHttp() {
        return http;
    }

    public void setHttp(Http http) {
        this.http = http;
    }

    public static class Organization {
        private WooCommerce woocommerce;
        private Odoo odoo;
        private StockProperties stock;

        public StockProperties getStock() {
            return stock;
        }

        public void setStock(StockProperties stock) {
            this.stock = stock;
        }

        public WooCommerce getWoocommerce() {
            return woocommerce;
        }

        public void setWoocommerce(WooCommerce woocommerce) {
            this.woocommerce = woocommerce;
        }

        public Odoo getOdoo() {
            return odoo;
        }

        public void setOdoo(Odoo odoo) {
            this.odoo = odoo;
        }
    }

    public static class WooCommerce {
        private String baseUrl;
        private String consumerKey;
        private String consumerSecret;

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getConsumerKey() {
            return consumerKey;
        }

        public void setConsumerKey(String consumerKey) {
            this.consumerKey = consumerKey;
        }

        public String getConsumerSecret() {
            return consumerSecret;
        }

        public void setConsumerSecret(String consumerSecret) {
            this.consumerSecret = consumerSecret;
        }
    }

    public static class Odoo {
        private String url;
        private String protocol = "jsonrpc";
        private String database;
        private String login;
        private String password;
        private String apiKey;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getProtocol() {
            return protocol;
        }

        public void setProtocol(String protocol) {
            this.protocol = protocol;
        }

        public String getDatabase() {
            return database;
        }

        public void setDatabase(String database) {
            this.database = database;
        }

        public String getLogin() {
            return login;
        }

        public void setLogin(String login) {
            this.login = login;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }
    }

    public static class Http {
        private int connectTimeoutMs = HttpTimeouts.DEFAULTS.connectMs();
        private int readTimeoutMs = HttpTimeouts.DEFAULTS.readMs();
        /** The largest answer body read from WooCommerce or Odoo; a larger one is a failure of the call. */
        private long maxAnswerBytes = HttpTimeouts.DEFAULT_MAX_ANSWER_BYTES;
        /** The longest an answer may take, from the request to its last byte; a later one is abandoned (transient). */
        private long answerDeadlineMs = HttpTimeouts.DEFAULT_ANSWER_DEADLINE_MS;

        public long getAnswerDeadlineMs() {
            return answerDeadlineMs;
        }

        public void setAnswerDeadlineMs(long answerDeadlineMs) {
            this.answerDeadlineMs = answerDeadlineMs;
        }

        public long getMaxAnswerBytes() {
            return maxAnswerBytes;
        }

        public void setMaxAnswerBytes(long maxAnswerBytes) {
            this.maxAnswerBytes = maxAnswerBytes;
        }

        public int getConnectTimeoutMs() {
            return connectTimeoutMs;
        }

        public void setConnectTimeoutMs(int connectTimeoutMs) {
            this.connectTimeoutMs = connectTimeoutMs;
        }

        public int getReadTimeoutMs() {
            return readTimeoutMs;
        }

        public void setReadTimeoutMs(int readTimeoutMs) {
            this.readTimeoutMs = readTimeoutMs;
        }
    }
}
