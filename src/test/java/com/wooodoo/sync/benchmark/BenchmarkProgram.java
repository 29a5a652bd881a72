package com.wooodoo.sync.benchmark;

import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import com.wooodoo.sync.support.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * How a benchmark program runs: its work, then its clean-up (simulators closed, its database
 * dropped) also when it fails or is interrupted (Ctrl-C, kill), and an exit code of 1 on failure.
 */
final class BenchmarkProgram {

    /** The benchmark's work. */
    interface Work {
        void run() throws Exception;
    }

    private BenchmarkProgram() {
    }

    static void run(Work work, Runnable cleanUp) {
        int exit = 0;
        Thread onInterrupt = new Thread(cleanUp, "benchmark-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            work.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            cleanUp.run();
        }
        System.exit(exit);
    }

    /**
     * The clean-up of a benchmark's sandbox: the simulators closed and its database dropped, each
     * where it was made (null where not); a database that cannot be dropped is logged, not thrown.
     *
     * @param server the PostgreSQL server's JDBC URL up to the database name ({@code jdbc:postgresql://host:port/})
     */
    static void closeSandbox(WooCommerceSimulator woo, OdooSimulator odoo, String server, String database, Consumer<String> log) {
        if (woo != null) {
            woo.close();
        }
        if (odoo != null) {
            odoo.close();
        }
        if (database != null) {
            try {
                execute(server + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (RuntimeException e) {
                log.accept("could not drop " + database + ": " + e.getMessage());
            }
        }
    }

    /** Runs one SQL statement on its own connection. */
    static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.USER, TestDatabase.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
