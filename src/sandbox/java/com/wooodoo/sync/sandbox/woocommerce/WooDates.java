package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * WooCommerce's two renderings of every date: {@code date_x} in the shop's time zone and
 * {@code date_x_gmt} in UTC, both as {@code 2017-03-21T19:09:30} without a zone.
 */
final class WooDates {

    /** The simulated shop's time zone, like the shop of the official examples (local = GMT - 3 h). */
    static final ZoneOffset SITE_OFFSET = ZoneOffset.ofHours(-3);

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** What WordPress's {@code rest_parse_date} accepts (RFC 3339, zone optional). */
    private static final Pattern RFC3339 =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}(:?\\d{2})?)?$", Pattern.CASE_INSENSITIVE);

    private WooDates() {
    }

    static void stamp(ObjectNode node, String field, Instant at) {
        if (at == null) {
            node.putNull(field);
            node.putNull(field + "_gmt");
            return;
        }
        Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
        node.put(field, FORMAT.format(seconds.atOffset(SITE_OFFSET)));
        node.put(field + "_gmt", FORMAT.format(seconds.atOffset(ZoneOffset.UTC)));
    }

    static Instant gmt(ObjectNode node, String field) {
        String value = node.path(field + "_gmt").asText("");
        return value.isEmpty() ? null : LocalDateTime.parse(value, FORMAT).toInstant(ZoneOffset.UTC);
    }

    /**
     * A date given in a query ({@code modified_after=...}); without a zone it is in UTC when
     * {@code dates_are_gmt} is true, else in the shop's time zone. Null when it is not a date.
     */
    static Instant parseQueryDate(String value, boolean datesAreGmt) {
        if (value == null || !RFC3339.matcher(value).matches()) {
            return null;
        }
        try {
            boolean zoned = value.length() > 19 && value.substring(19).matches("(?i).*(Z|[+-]\\d{2}(:?\\d{2})?)$");
            if (zoned) {
                return OffsetDateTime.parse(value.toUpperCase().replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
            }
            LocalDateTime local = LocalDateTime.parse(value);
            return local.toInstant(datesAreGmt ? ZoneOffset.UTC : SITE_OFFSET);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
