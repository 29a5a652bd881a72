package com.wooodoo.sync.benchmark;

import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How slow the simulators answer in a scenario, by name: {@code "0 ms"} and {@code "20 ms"} (any
 * {@code "<n> ms"}: that latency added to every call) and {@code "realistic"} (server costs per
 * call, per row scanned and per item written, as a real Odoo and a real shop have them).
 */
record BenchProfile(String name, long latencyMs, boolean available) {

    static final String REALISTIC = "realistic";
    private static final Pattern FLAT = Pattern.compile("(\\d{1,5})\\s*(ms)?");

    static BenchProfile named(String name) {
        String clean = name.strip().toLowerCase(Locale.ROOT);
        Matcher flat = FLAT.matcher(clean);
        if (flat.matches()) {
            return new BenchProfile(flat.group(1) + " ms", Long.parseLong(flat.group(1)), true);
        }
        if (clean.equals(REALISTIC)) {
            // ---- the one place for named profiles: LatencyProfile.named(name).applyTo(odoo, woo) ----
            // The simulators have no server costs yet; until they do, "realistic" is listed as not measured.
            return new BenchProfile(REALISTIC, 0, false);
        }
        throw new IllegalArgumentException("bench.profiles: \"" + name + "\" is neither \"<n> ms\" nor \"realistic\"");
    }

    /** Sets both simulators to answer as this profile says (faults off). */
    void applyTo(OdooSimulator odoo, WooCommerceSimulator woo) {
        if (!available) {
            throw new IllegalStateException("profile " + name + " cannot be applied to these simulators");
        }
        odoo.setFaults(Faults.NONE.withLatencyMs(latencyMs));
        woo.setFaults(Faults.NONE.withLatencyMs(latencyMs));
    }

    /** Both simulators as fast as they go: for seeding and for changing records between runs. */
    static void zero(OdooSimulator odoo, WooCommerceSimulator woo) {
        odoo.setFaults(Faults.NONE);
        woo.setFaults(Faults.NONE);
    }

    boolean isRealistic() {
        return REALISTIC.equals(name);
    }
}
