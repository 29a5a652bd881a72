package com.wooodoo.sync.benchmark;

import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.sandbox.LatencyProfile;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How slow the simulators answer in a scenario, by name: the simulators' {@link LatencyProfile}s
 * ({@code "0 ms"}, {@code "20 ms"}, {@code "realistic"}: server costs per call, per row scanned and
 * per item written, as a real Odoo and a real shop have them), and any other {@code "<n> ms"}
 * (that latency added to every call, no server costs). A bare number is in ms.
 */
record BenchProfile(String name, LatencyProfile costs) {

    static final String REALISTIC = "realistic";
    private static final Pattern FLAT = Pattern.compile("(\\d{1,5})\\s*(ms)?");

    static BenchProfile named(String name) {
        String clean = name.strip().toLowerCase(Locale.ROOT);
        Matcher flat = FLAT.matcher(clean);
        if (flat.matches()) {
            long ms = Long.parseLong(flat.group(1));
            String named = ms + " ms";
            LatencyProfile profile = ms == LatencyProfile.ZERO.latencyMs() ? LatencyProfile.ZERO
                    : ms == LatencyProfile.FLAT_20.latencyMs() ? LatencyProfile.FLAT_20
                    : new LatencyProfile(named, ms, 0, 0, 0, 0);
            return new BenchProfile(named, profile);
        }
        if (clean.equals(REALISTIC)) {
            return new BenchProfile(REALISTIC, LatencyProfile.named(REALISTIC));
        }
        throw new IllegalArgumentException("bench.profiles: \"" + name + "\" is neither \"<n> ms\" nor \"realistic\"");
    }

    long latencyMs() {
        return costs.latencyMs();
    }

    /** Sets both simulators to answer as this profile says (faults off). */
    void applyTo(OdooSimulator odoo, WooCommerceSimulator woo) {
        odoo.setFaults(Faults.NONE);
        woo.setFaults(Faults.NONE);
        costs.applyTo(odoo, woo);
    }

    /** Both simulators as fast as they go, no server costs: for seeding and for changing records between runs. */
    static void zero(OdooSimulator odoo, WooCommerceSimulator woo) {
        odoo.setFaults(Faults.NONE);
        woo.setFaults(Faults.NONE);
        LatencyProfile.ZERO.applyTo(odoo, woo);
    }

    /** What the profile charges, for the report. */
    String describe() {
        StringBuilder text = new StringBuilder("`").append(name).append("` ").append(costs.latencyMs())
                .append(" ms added to every call");
        if (costs.odooCallMs() > 0 || costs.odooScanNanosPerRowAndTerm() > 0) {
            text.append(", Odoo ").append(costs.odooCallMs()).append(" ms a call and ")
                    .append(costs.odooScanNanosPerRowAndTerm()).append(" ns per row and domain term scanned");
            if (!odooChargesCosts()) {
                text.append(" (not charged: this Odoo simulator has no server costs yet)");
            }
        }
        if (costs.wooPageMs() > 0 || costs.wooItemWrittenMs() > 0) {
            text.append(", the shop ").append(costs.wooPageMs()).append(" ms a list page and ")
                    .append(costs.wooItemWrittenMs()).append(" ms per item written");
        }
        return text.toString();
    }

    private static boolean odooChargesCosts() {
        try {
            OdooSimulator.class.getMethod("setCosts", long.class, long.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    boolean isRealistic() {
        return REALISTIC.equals(name);
    }
}
