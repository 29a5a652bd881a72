package com.wooodoo.sync.sandbox;

import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How slow the simulated systems answer, by name: a latency added to every call of both, and the
 * server time each system spends on its work.
 *
 * @param name                        how benchmarks and settings name it
 * @param latencyMs                   added to every call of both simulators (their {@link Faults#latencyMs()})
 * @param odooCallMs                  Odoo's server time per call
 * @param odooScanNanosPerRowAndTerm  Odoo's server time per row scanned and domain term
 * @param wooPageMs                   WordPress's server time per list page
 * @param wooItemWrittenMs            WordPress's server time per item created, updated or deleted
 */
public record LatencyProfile(String name, long latencyMs, long odooCallMs, long odooScanNanosPerRowAndTerm,
                             long wooPageMs, long wooItemWrittenMs) {

    /** What a real Odoo's PostgreSQL spends per row and domain term of a scan: charged in every profile. */
    public static final long SCAN_NANOS_PER_ROW_AND_TERM = 200;
    /** Answers as fast as the simulators can, but for Odoo's scans. */
    public static final LatencyProfile ZERO = new LatencyProfile("0 ms", 0, 0, SCAN_NANOS_PER_ROW_AND_TERM, 0, 0);
    /** 20 ms on every call of both systems, and Odoo's scans: the network between far-apart hosts. */
    public static final LatencyProfile FLAT_20 = new LatencyProfile("20 ms", 20, 0, SCAN_NANOS_PER_ROW_AND_TERM, 0, 0);
    /**
     * What real servers spend: Odoo 30 ms a call plus 200 ns per row and domain term scanned;
     * WordPress 150 ms a list page and 40 ms per item written; no latency beyond those.
     */
    public static final LatencyProfile REALISTIC = new LatencyProfile("realistic", 0, 30, SCAN_NANOS_PER_ROW_AND_TERM, 150, 40);

    private static final List<LatencyProfile> ALL = List.of(ZERO, FLAT_20, REALISTIC);

    public LatencyProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (latencyMs < 0 || odooCallMs < 0 || odooScanNanosPerRowAndTerm < 0 || wooPageMs < 0 || wooItemWrittenMs < 0) {
            throw new IllegalArgumentException("the costs of latency profile '" + name + "' must not be negative");
        }
    }

    /** The profile of this name (case and surrounding blanks aside): {@code 0 ms}, {@code 20 ms} or {@code realistic}. */
    public static LatencyProfile named(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no latency profile '" + name + "': the profiles are "
                        + ALL.stream().map(p -> "'" + p.name() + "'").collect(Collectors.joining(", "))));
    }

    /** Sets the latency (keeping the other faults each simulator has) and the systems' costs; a null simulator is left alone. */
    public void applyTo(OdooSimulator odoo, WooCommerceSimulator woo) {
        if (odoo != null) {
            odoo.setFaults(odoo.faults().withLatencyMs(latencyMs));
            odoo.setCosts(odooCallMs, odooScanNanosPerRowAndTerm);
        }
        if (woo != null) {
            woo.setFaults(woo.faults().withLatencyMs(latencyMs));
            woo.setCosts(wooPageMs, wooItemWrittenMs);
        }
    }
}
