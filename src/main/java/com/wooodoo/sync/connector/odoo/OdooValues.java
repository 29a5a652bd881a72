package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.wooodoo.sync.connector.mapping.FieldType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Odoo's field values and the neutral ones. Odoo answers {@code false} for an empty field of any
 * type but boolean, a many2one as {@code [id, "display name"]}, datetimes as
 * {@code "YYYY-MM-DD HH:MM:SS"} in UTC, floats as JSON numbers.
 */
final class OdooValues {

    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OdooValues() {
    }

    /** A value read from Odoo as the neutral type; a many2one gives its id (reference) or name (text). */
    static Object toNeutral(FieldType type, JsonNode raw) {
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            return null;
        }
        if (raw.isBoolean() && !raw.asBoolean() && type != FieldType.BOOLEAN) {
            return null;
        }
        return switch (type) {
            case REFERENCE -> many2oneId(raw).map(String::valueOf).orElse(null);
            case TEXT -> {
                String text = raw.isArray() ? raw.path(1).asText("") : raw.asText();
                yield text.isEmpty() ? null : text;
            }
            case DECIMAL -> raw.isNumber() ? normalise(raw.decimalValue()) : decimal(raw.asText());
            case INTEGER -> raw.isArray() ? many2oneId(raw).orElse(null) : Long.valueOf(raw.asLong());
            case BOOLEAN -> raw.asBoolean();
            case DATETIME -> instant(raw.asText()).toString();
            case LINES -> throw new IllegalArgumentException("lines are read from their own model");
            case CATEGORY -> throw new IllegalArgumentException("categories are read as paths (OdooCategories)");
        };
    }

    /**
     * A neutral value as Odoo takes it for a field; null is {@code false} (Odoo's "no value").
     *
     * @throws IllegalArgumentException if the value cannot be one of this type
     */
    static JsonNode toOdoo(FieldType type, Object value) {
        if (value == null || (value instanceof String text && text.isEmpty())) {
            return NODES.booleanNode(false);
        }
        return switch (type) {
            case TEXT -> NODES.textNode(String.valueOf(value));
            case DECIMAL -> NODES.numberNode(decimal(value));
            case INTEGER, REFERENCE -> NODES.numberNode(integer(value));
            case BOOLEAN -> NODES.booleanNode(bool(value));
            case DATETIME -> NODES.textNode(odooDatetime(isoInstant(String.valueOf(value))));
            case LINES -> throw new IllegalArgumentException("lines are written as commands");
            case CATEGORY -> throw new IllegalArgumentException("categories are written as ids (OdooCategories)");
        };
    }

    /** The id of a many2one value ({@code [id, name]}, or a bare id). */
    static Optional<Long> many2oneId(JsonNode raw) {
        if (raw != null && raw.isArray() && raw.size() >= 1 && raw.get(0).isIntegralNumber()) {
            return Optional.of(raw.get(0).asLong());
        }
        if (raw != null && raw.isIntegralNumber()) {
            return Optional.of(raw.asLong());
        }
        return Optional.empty();
    }

    /** The first word of a name, or the rest after it. */
    static String namePart(JsonNode raw, String part) {
        if (raw == null || !raw.isTextual() || raw.asText().isBlank()) {
            return null;
        }
        String[] words = raw.asText().strip().split("\\s+", 2);
        if (part.equals("first")) {
            return words[0];
        }
        return words.length > 1 ? words[1] : null;
    }

    static String odooDatetime(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATETIME);
    }

    /** Odoo's {@code "YYYY-MM-DD HH:MM:SS"} (UTC) or a date, as an instant. */
    static Instant instant(String odoo) {
        String text = odoo.strip();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return LocalDateTime.parse(text.length() > 19 ? text.substring(0, 19) : text, DATETIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + odoo + "' is not an Odoo date or datetime");
        }
    }

    /** An ISO-8601 instant; a local date-time without offset is taken as UTC. */
    static Instant isoInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 date-time");
            }
        }
    }

    /** Without trailing zeros, so that 12.5 read from Odoo equals 12.50 sent by a shop. */
    static BigDecimal normalise(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        try {
            return new BigDecimal(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
    }

    private static long integer(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        try {
            return decimal(value).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).strip().toLowerCase();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("'" + value + "' is not true or false");
    }
}
