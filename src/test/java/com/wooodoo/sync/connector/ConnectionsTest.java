package com.wooodoo.sync.connector;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connection settings are checked at start-up, naming the property to fix; secrets never print. */
class ConnectionsTest {

    @Test
    void validSettingsAreRead() {
        ConnectionsProperties properties = new ConnectionsProperties();
        properties.getOrganizations().put("acme", organization("https://shop.example.com/", "ck_1", "cs_1",
                "https://acme.odoo.com", "jsonrpc", "acme", "admin", "secret-password", null));
        properties.getHttp().setReadTimeoutMs(1234);

        Connections connections = new Connections(properties);

        WooCommerceSettings shop = connections.wooCommerce("acme").orElseThrow();
        assertThat(shop.baseUrl()).hasToString("https://shop.example.com");
        assertThat(shop.timeouts().readMs()).isEqualTo(1234);
        OdooSettings odoo = connections.odoo("acme").orElseThrow();
        assertThat(odoo.protocol()).isEqualTo(OdooSettings.Protocol.JSONRPC);
        assertThat(odoo.secret()).isEqualTo("secret-password");
        assertThat(odoo.toString()).doesNotContain("secret-password");
        assertThat(shop.toString()).doesNotContain("cs_1").doesNotContain("ck_1");
        assertThat(connections.wooCommerce("other")).isEmpty();
    }

    @Test
    void theAnswerDeadlineIsTwoMinutesUnlessSetAndNeverShorterThanTheReadTimeout() {
        ConnectionsProperties properties = new ConnectionsProperties();
        properties.getOrganizations().put("acme", organization("https://shop.example.com", "ck", "cs", null, null, null,
                null, null, null));
        assertThat(new Connections(properties).wooCommerce("acme").orElseThrow().timeouts().answerDeadlineMs()).isEqualTo(120_000);

        properties.getHttp().setAnswerDeadlineMs(45_000);
        assertThat(new Connections(properties).wooCommerce("acme").orElseThrow().timeouts().answerDeadlineMs()).isEqualTo(45_000);

        properties.getHttp().setAnswerDeadlineMs(10_000);
        assertThatThrownBy(() -> new Connections(properties))
                .hasMessageContaining("wooodoo.http.answer-deadline-ms (10000) must be at least wooodoo.http.read-timeout-ms (30000)");
        properties.getHttp().setAnswerDeadlineMs(0);
        assertThatThrownBy(() -> new Connections(properties)).hasMessageContaining("wooodoo.http.answer-deadline-ms");
    }

    @Test
    void json2NeedsAnApiKey() {
        ConnectionsProperties properties = new ConnectionsProperties();
        properties.getOrganizations().put("acme", organization("https://shop.example.com", "ck", "cs",
                "https://acme.odoo.com", "json2", "acme", null, null, null));

        assertThatThrownBy(() -> new Connections(properties))
                .hasMessageContaining("wooodoo.organizations.acme.odoo.api-key is required");
    }

    @Test
    void everyProblemIsNamed() {
        ConnectionsProperties properties = new ConnectionsProperties();
        properties.getOrganizations().put("acme", organization("ftp://shop", null, "cs",
                "not a url", "xmlrpc", null, null, null, null));
        properties.getOrganizations().put("Bad Org", organization("https://x.example", "ck", "cs", null, null, null,
                null, null, null));

        assertThatThrownBy(() -> new Connections(properties))
                .hasMessageContaining("wooodoo.organizations.acme.woocommerce.base-url: 'ftp://shop' is not an http(s) URL")
                .hasMessageContaining("wooodoo.organizations.acme.woocommerce.consumer-key is required")
                .hasMessageContaining("wooodoo.organizations.acme.odoo.protocol: must be jsonrpc or json2")
                .hasMessageContaining("wooodoo.organizations.Bad Org: organisation ids");
    }

    private static ConnectionsProperties.Organization organization(String shopUrl, String key, String secret,
                                                                   String odooUrl, String protocol, String database,
                                                                   String login, String password, String apiKey) {
        ConnectionsProperties.Organization org = new ConnectionsProperties.Organization();
        ConnectionsProperties.WooCommerce wc = new ConnectionsProperties.WooCommerce();
        wc.setBaseUrl(shopUrl);
        wc.setConsumerKey(key);
        wc.setConsumerSecret(secret);
        org.setWoocommerce(wc);
        if (odooUrl != null || protocol != null) {
            ConnectionsProperties.Odoo odoo = new ConnectionsProperties.Odoo();
            odoo.setUrl(odooUrl);
            if (protocol != null) {
                odoo.setProtocol(protocol);
            }
            odoo.setDatabase(database);
            odoo.setLogin(login);
            odoo.setPassword(password);
            odoo.setApiKey(apiKey);
            org.setOdoo(odoo);
        }
        return org;
    }
}
