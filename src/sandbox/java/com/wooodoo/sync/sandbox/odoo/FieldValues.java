package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What Odoo makes of a value written to a field (its {@code convert_to_cache}): {@code false}
 * is NULL (0 for numbers), numbers may come as strings, floats are rounded to their digits
 * (half away from zero, as Odoo's {@code float_round}) and kept as {@link BigDecimal}, a selection
 * takes one of its values, and a value of the wrong kind is a {@code ValueError} as in Odoo.
 */
final class FieldValues {

    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private FieldValues() {
    }

    static Object coerce(ModelDef model, FieldDef field, JsonNode value) {
        boolean empty = value == null || value.isNull() || (value.isBoolean() && !value.asBoolean());
        return switch (field.type()) {
            case BOOLEAN -> !empty && Domain.truthy(OdooJson.toJava(value));
            case INTEGER -> empty ? 0L : integer(value);
            case FLOAT, MONETARY -> empty ? BigDecimal.ZERO.setScale(Math.max(0, field.digits())) : decimal(field, value);
            case CHAR, TEXT, HTML -> empty ? null : text(model, field, value);
            case SELECTION -> empty ? null : selection(model, field, value);
            case DATE -> empty ? null : date(value);
            case DATETIME -> empty ? null : datetime(value);
            case MANY2ONE -> empty ? null : many2one(model, field, value);
            case ONE2MANY, MANY2MANY -> throw new IllegalStateException("x2many values are commands");
        };
    }

    private static long integer(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isBoolean()) {
            return 1L;
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            throw OdooError.valueError("invalid literal for int() with base 10: '" + value.asText() + "'");
        }
    }

    private static BigDecimal decimal(FieldDef field, JsonNode value) {
        BigDecimal number;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else {
            try {
                number = new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw OdooError.valueError("could not convert string to float: '" + value.asText() + "'");
            }
        }
        if (field.digits() >= 0) {
            number = number.setScale(field.digits(), RoundingMode.HALF_UP);
        }
        return number;
    }

    /** A stored number (a {@link BigDecimal}, or a default given as a Java number) as a decimal; none is 0. */
    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal number) {
            return number;
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        return value instanceof Number number ? new BigDecimal(number.toString()) : BigDecimal.ZERO;
    }

    private static String selection(ModelDef model, FieldDef field, JsonNode value) {
        String text = text(model, field, value);
        if (!field.allows(text)) {
            throw OdooError.valueError("Wrong value for " + model.name() + "." + field.name() + ": " + quoted(value));
        }
        return text;
    }

    private static String text(ModelDef model, FieldDef field, JsonNode value) {
        if (value.isContainerNode()) {
            throw OdooError.valueError("Wrong value for " + model.name() + "." + field.name() + ": " + value);
        }
        return value.asText();
    }

    private static String date(JsonNode value) {
        String text = value.asText();
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text).toString();
        } catch (DateTimeParseException e) {
            throw OdooError.valueError("time data '" + text + "' does not match format '%Y-%m-%d'");
        }
    }

    private static String datetime(JsonNode value) {
        String text = value.asText();
        String cut = text.length() > 19 ? text.substring(0, 19) : text;
        if (cut.length() == 10) {
            cut += " 00:00:00";
        }
        try {
            return LocalDateTime.parse(cut, DATETIME).format(DATETIME);
        } catch (DateTimeParseException e) {
            throw OdooError.valueError("time data '" + text + "' does not match format '%Y-%m-%d %H:%M:%S'");
        }
    }

    private static Long many2one(ModelDef model, FieldDef field, JsonNode value) {
        if (!value.isIntegralNumber()) {
            throw OdooError.valueError("Wrong value for " + model.name() + "." + field.name() + ": " + quoted(value));
        }
        return value.asLong();
    }

    private static String quoted(JsonNode value) {
        return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    }
}
