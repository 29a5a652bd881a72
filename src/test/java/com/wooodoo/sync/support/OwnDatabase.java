package com.wooodoo.sync.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A database of a test class's own on the test server, for services run as child JVMs whose
 * runners and Quartz nodes must not meet other tests' syncs and triggers. Dropped by {@link #drop()}.
 */
public final class OwnDatabase implements AutoCloseable {

    private final String name;
    private final String url;

    private OwnDatabase(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /** Creates {@code wooodoo_<suffix>} next to the shared test database. */
    public static OwnDatabase create(String suffix) {
        String shared = TestDatabase.url();
        String server = shared.substring(0, shared.lastIndexOf('/') + 1);
        String name = "wooodoo_" + suffix.replaceAll("[^a-z0-9_]", "_");
        execute(server + "postgres", "CREATE DATABASE " + name);
        return new OwnDatabase(name, server + name);
    }

    public String url() {
        return url;
    }

    /** The service's schema in it (once a service has started on it and Flyway made the tables). */
    public JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(url + "?currentSchema=wooodoo", TestDatabase.USER,
                TestDatabase.PASSWORD));
    }

    /** The arguments that point a child service at this database. */
    public List<String> serviceArguments() {
        return new ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=" + TestDatabase.PASSWORD, "--spring.main.banner-mode=off"));
    }

    /** The arguments that connect an organisation to a shop and an Odoo (the simulators' test credentials). */
    public static List<String> organisationArguments(String orgId, String shopUrl, String odooUrl) {
        String at = "--wooodoo.organizations." + orgId;
        return List.of(at + ".woocommerce.base-url=" + shopUrl, at + ".woocommerce.consumer-key=ck_test",
                at + ".woocommerce.consumer-secret=cs_test", at + ".odoo.url=" + odooUrl, at + ".odoo.protocol=jsonrpc",
                at + ".odoo.database=test", at + ".odoo.login=admin", at + ".odoo.password=odoo-password");
    }

    /** Drops the database ({@link #drop}). */
    @Override
    public void close() {
        drop();
    }

    public void drop() {
        try {
            execute(url.substring(0, url.lastIndexOf('/') + 1) + "postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException ignored) {
            // a left-over test database is harmless
        }
    }

    private static void execute(String url, String sql) {
        try (var c = DriverManager.getConnection(url, TestDatabase.USER, TestDatabase.PASSWORD);
             var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
