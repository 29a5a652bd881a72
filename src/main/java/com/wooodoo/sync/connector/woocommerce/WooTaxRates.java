package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The percentages of the shop's tax rates, for orders of shops older than WooCommerce 3.7 whose
 * {@code tax_lines} do not state {@code rate_percent}. The rates ({@code /taxes}) are read when a
 * rate is first asked for, and again when one is unknown or the list is older than
 * {@link #MAX_AGE}: once per sync rather than per order.
 */
final class WooTaxRates {

    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final Clock clock;
    private final Supplier<List<JsonNode>> readAll;
    private Map<Long, BigDecimal> percents = Map.of();
    private Instant readAt = Instant.MIN;

    WooTaxRates(Clock clock, Supplier<List<JsonNode>> readAll) {
        this.clock = clock;
        this.readAll = readAll;
    }

    /** The percentage of each of these rates the shop has; a rate it does not have is missing. */
    synchronized Map<Long, BigDecimal> percents(Collection<Long> rateIds) {
        Instant now = clock.instant();
        boolean stale = readAt.plus(MAX_AGE).isBefore(now);
        boolean unknown = !percents.keySet().containsAll(rateIds) && readAt.plus(Duration.ofMinutes(1)).isBefore(now);
        if (stale || unknown) {
            Map<Long, BigDecimal> read = new HashMap<>();
            for (JsonNode rate : readAll.get()) {
                if (rate.path("id").canConvertToExactIntegral() && !rate.path("rate").asText().isBlank()) {
                    try {
                        read.put(rate.path("id").asLong(), new BigDecimal(rate.path("rate").asText().strip()));
                    } catch (NumberFormatException e) {
                        throw WooRecordMapper.protocol("GET taxes: rate " + rate.path("id").asLong() + " has no numeric rate: "
                                + rate.path("rate").asText());
                    }
                }
            }
            percents = Map.copyOf(read);
            readAt = clock.instant();
        }
        Map<Long, BigDecimal> known = new HashMap<>();
        rateIds.forEach(id -> {
            if (percents.containsKey(id)) {
                known.put(id, percents.get(id));
            }
        });
        return known;
    }
}
