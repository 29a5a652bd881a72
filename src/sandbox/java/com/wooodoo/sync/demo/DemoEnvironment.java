package com.wooodoo.sync.demo;

import com.wooodoo.sync.api.ApiTokens;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.connector.WooCommerceSettings;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import com.wooodoo.sync.store.ApiTokenStore;
import com.wooodoo.sync.store.LinkStore;
import com.wooodoo.sync.store.OrganizationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The demo: both simulators on loopback, seeded with a shop's worth of records, and an
 * organisation wired to them with fresh random credentials, so that a new user sees a real sync
 * without owning a shop. Active only with the {@code demo} profile; the product itself never
 * imports the sandbox.
 */
@Component
@Profile("demo")
public class DemoEnvironment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoEnvironment.class);

    private final DemoProperties properties;
    private final WooCommerceSimulator woocommerce;
    private final OdooSimulator odoo;

    public DemoEnvironment(DemoProperties properties, Connections connections, OrganizationStore organizations,
                           ApiTokenStore tokens, LinkStore links) {
        this.properties = properties;
        String consumerKey = "ck_" + randomHex(20);
        String consumerSecret = "cs_" + randomHex(20);
        String odooPassword = randomHex(16);
        String odooApiKey = randomHex(20);
        woocommerce = new WooCommerceSimulator(properties.getWoocommercePort(), properties.getSeed(), consumerKey,
                consumerSecret);
        odoo = new OdooSimulator(properties.getOdooPort(), properties.getSeed(), "demo", "admin", odooPassword, odooApiKey);
        woocommerce.start();
        odoo.start();
        odoo.seedShopAccounting();
        woocommerce.seed(EntityType.CUSTOMERS, properties.getCustomers());
        woocommerce.seed(EntityType.PRODUCTS, properties.getProducts());
        // guests and customers, taxes, shipping, fees, coupons and three currencies, as a shop has them
        woocommerce.seedOrderMix(properties.getOrders(), properties.getSeed());
        // after the orders, which stay as they were: their lines are the simple products
        woocommerce.seedVariableProducts(properties.getVariableProducts(), properties.getSeed());
        // storable templates with variants and stock on hand, for Odoo → shop products and stock
        odoo.seedVariableProducts(properties.getOdooTemplates(), properties.getSeed());

        String orgId = properties.getOrganization();
        connections.register(orgId, new WooCommerceSettings(URI.create(woocommerce.baseUrl()), consumerKey,
                consumerSecret, HttpTimeouts.DEFAULTS));
        connections.register(orgId, new OdooSettings(URI.create(odoo.baseUrl()), OdooSettings.Protocol.JSONRPC, "demo",
                "admin", odooPassword, HttpTimeouts.DEFAULTS));
        organizations.createIfAbsent(orgId, "Demo shop");
        links.forgetOrganisation(orgId); // the simulators are new: links and watermarks of earlier runs point nowhere
        String token = ApiTokens.generate();
        tokens.insert(UUID.randomUUID(), orgId, ApiTokens.hash(token), "demo (issued at start-up)");
        writeTokenFile(token);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void announce() {
        LOG.info("""

                ================================================================
                 Demo ready: organisation '{}'
                   WooCommerce simulator {} ({} customers, {} products, {} variable products, {} orders)
                   Odoo simulator        {} (its taxes, pricelists, shipping products; {} products with variants and stock)
                   API token             {} (also in ./{})
                ================================================================""",
                properties.getOrganization(), woocommerce.baseUrl(), properties.getCustomers(),
                properties.getProducts(), properties.getVariableProducts(), properties.getOrders(), odoo.baseUrl(),
                properties.getOdooTemplates(), tokenFile(), properties.getTokenFile());
    }

    public WooCommerceSimulator woocommerce() {
        return woocommerce;
    }

    public OdooSimulator odoo() {
        return odoo;
    }

    @Override
    public void close() {
        woocommerce.close();
        odoo.close();
    }

    private void writeTokenFile(String token) {
        try {
            Files.writeString(Path.of(properties.getTokenFile()), token + System.lineSeparator());
        } catch (IOException e) {
            LOG.warn("Could not write the demo token to {}: {}", properties.getTokenFile(), e.getMessage());
        }
    }

    private String tokenFile() {
        try {
            return Files.readString(Path.of(properties.getTokenFile())).strip();
        } catch (IOException e) {
            return "(see " + properties.getTokenFile() + ")";
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
