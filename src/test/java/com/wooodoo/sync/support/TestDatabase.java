package com.wooodoo.sync.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL database of the test run's own, created fresh on the local server (see
 * {@code .ci/run}) the first time a test asks for it and dropped when the JVM exits.
 * Host, port and user can be changed with TEST_PG_HOST, TEST_PG_PORT and TEST_PG_USER.
 */
public final class TestDatabase {

    private static final String HOST = env("TEST_PG_HOST", "localhost");
    private static final String PORT = env("TEST_PG_PORT", "5432");
    public static final String USER = env("TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("TEST_PG_PASSWORD", "");
    private static String name;

    private TestDatabase() {
    }

    public static synchronized String url() {
        if (name == null) {
            name = "wooodoo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute("CREATE DATABASE " + name);
            String created = name;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    execute("DROP DATABASE IF EXISTS " + created + " WITH (FORCE)");
                } catch (RuntimeException ignored) {
                    // the server may be gone already; a left-over test database is harmless
                }
            }));
        }
        return jdbcUrl(name);
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " as " + USER
                    + " is needed for the tests (start it, see .ci/run): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
