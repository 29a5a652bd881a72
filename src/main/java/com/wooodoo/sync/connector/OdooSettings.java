package com.wooodoo.sync.connector;

import java.net.URI;

/**
 * An organisation's Odoo.
 *
 * @param url      the Odoo address, e.g. {@code https://acme.odoo.com}
 * @param protocol {@code jsonrpc} ({@code /jsonrpc}, every Odoo) or {@code json2} (Odoo 19's
 *                 {@code /json/2/<model>/<method>} with a bearer API key)
 * @param database the database name (JSON-RPC; for JSON-2 sent as {@code X-Odoo-Database})
 * @param login    the user's login (JSON-RPC)
 * @param secret   the user's password or API key (JSON-RPC), or the API key (JSON-2); from the environment
 */
public record OdooSettings(URI url, Protocol protocol, String database, String login, String secret,
                           HttpTimeouts timeouts) {

    public enum Protocol { JSONRPC, JSON2 }

    @Override
    public String toString() {
        return "OdooSettings[url=" + url + ", protocol=" + protocol + ", database=" + database + ", login=" + login
                + ", secret=***]";
    }
}
