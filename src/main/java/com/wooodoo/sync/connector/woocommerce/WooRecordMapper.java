package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.FieldType;
import com.wooodoo.sync.connector.mapping.SystemField;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WooCommerce JSON ⇄ neutral records, through the entity's mapping ({@code woocommerce:} paths,
 * dotted for nested objects such as {@code billing.phone}).
 *
 * <p>Reading: decimals come as strings ({@code "21.99"}, {@code ""} = none) or numbers (a line's
 * {@code price}); WooCommerce dates have no zone: a {@code *_gmt} value is UTC, a local one is
 * read from its {@code _gmt} twin when the answer has it; a reference is an id number, 0 meaning
 * none. A value of the wrong kind is a PROTOCOL failure naming the record and field.
 *
 * <p>Writing: decimals go as strings, except where WooCommerce takes a whole number (a line's
 * {@code quantity}: a fractional one is refused rather than truncated by WooCommerce); references
 * as numbers; dates into the {@code _gmt} field in UTC; an empty value as {@code ""} on update
 * (to clear it) and not at all on create. Fields WooCommerce computes are never written, whatever
 * the mapping says: an order's {@code number}, {@code date_created_gmt} and totals, a line's
 * {@code price} (WooCommerce prices a new line from the product), a product's {@code price}.
 *
 * <p>A category field is read and written through the shop's category tree
 * ({@link WooCategoryTree}): read as the path of the product's category, written as
 * {@code [{"id": …}]}; no category is not written, so an update leaves the product's categories as
 * they are and a create gets WooCommerce's default ("Uncategorized").
 */
final class WooRecordMapper {

    private static final ExternalSystem WOO = ExternalSystem.WOOCOMMERCE;
    private static final DateTimeFormatter WOO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> COMMON_READ_ONLY = Set.of("id", "date_created", "date_created_gmt", "date_modified",
            "date_modified_gmt", "_links");
    private static final Map<String, Set<String>> READ_ONLY = Map.of(
            "customers", Set.of("role", "is_paying_customer", "avatar_url"),
            "products", Set.of("permalink", "price", "price_html", "on_sale", "purchasable", "total_sales", "backorders_allowed",
                    "backordered", "shipping_required", "shipping_taxable", "average_rating", "rating_count", "related_ids", "variations"),
            "orders", Set.of("number", "order_key", "created_via", "version", "discount_total", "discount_tax", "shipping_total",
                    "shipping_tax", "cart_tax", "total", "total_tax", "prices_include_tax"),
            "orders.line_items", Set.of("id", "sku", "price", "subtotal_tax", "total_tax", "taxes"));
    /** Fields WooCommerce keeps as whole numbers. */
    private static final Set<String> WHOLE_NUMBERS = Set.of("orders.line_items.quantity", "products.stock_quantity");

    /** The shop's category tree, for category fields; null where the mapper is used without a shop. */
    private final WooCategoryTree categories;

    WooRecordMapper() {
        this(null);
    }

    WooRecordMapper(WooCategoryTree categories) {
        this.categories = categories;
    }

    /** WooCommerce JSON of one record → neutral record. */
    SyncRecord toRecord(EntityMapping mapping, JsonNode item) {
        String resource = mapping.model(WOO);
        if (item == null || !item.isObject() || !item.path("id").canConvertToExactIntegral() || item.path("id").asLong() <= 0) {
            throw protocol(resource + ": an item without a positive numeric id: " + abbreviate(item));
        }
        String id = item.get("id").asText();
        Map<String, Object> fields = readFields(mapping.fields(), item, resource + " " + id);
        Instant modified = instant(item, "date_modified_gmt", resource + " " + id);
        return new SyncRecord(mapping.entity(), WOO, id, Collections.unmodifiableMap(fields), modified);
    }

    private Map<String, Object> readFields(List<FieldMapping> fields, JsonNode item, String where) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldMapping field : fields) {
            SystemField woo = field.in(WOO).orElseThrow();
            JsonNode value = at(item, woo.path());
            values.put(field.name(), read(field, woo, value, item, where));
        }
        return values;
    }

    private Object read(FieldMapping field, SystemField woo, JsonNode value, JsonNode item, String where) {
        if (field.type() == FieldType.CATEGORY) {
            return categoryTree().pathOf(value, where + " field " + woo.path());
        }
        if (value == null || value.isNull()) {
            return field.type() == FieldType.LINES ? List.of() : null;
        }
        String at = where + " field " + woo.path();
        return switch (field.type()) {
            case TEXT -> part(text(value, at), woo);
            case DECIMAL -> decimal(value, at);
            case INTEGER -> {
                if (value.canConvertToExactIntegral() || (value.isTextual() && value.asText().matches("-?\\d{1,18}"))) {
                    yield value.asLong();
                }
                if (value.isTextual() && value.asText().isEmpty()) {
                    yield null;
                }
                throw protocol(at + " is not a whole number: " + abbreviate(value));
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw protocol(at + " is not true or false: " + abbreviate(value));
                }
                yield value.asBoolean();
            }
            case DATETIME -> {
                JsonNode twin = woo.path().endsWith("_gmt") ? null : at(item, woo.path() + "_gmt");
                Instant instant = instant(twin != null && !twin.isNull() ? twin : value, at);
                yield instant == null ? null : instant.toString();
            }
            case REFERENCE -> {
                if (!(value.canConvertToExactIntegral() || (value.isTextual() && value.asText().matches("\\d{1,18}")))) {
                    throw protocol(at + " is not an id: " + abbreviate(value));
                }
                // an order line of a variation names it in variation_id (product_id is its parent)
                JsonNode variation = woo.path().equals("product_id") ? item.get("variation_id") : null;
                if (variation != null && variation.canConvertToExactIntegral() && variation.asLong() > 0) {
                    yield String.valueOf(variation.asLong());
                }
                yield value.asLong() == 0 ? null : String.valueOf(value.asLong());
            }
            case CATEGORY -> throw new IllegalStateException("categories are read by the category tree");
            case LINES -> {
                if (!value.isArray()) {
                    throw protocol(at + " is not a list: " + abbreviate(value));
                }
                List<Map<String, Object>> lines = new ArrayList<>();
                for (JsonNode line : value) {
                    if (!line.isObject()) {
                        throw protocol(at + " holds a line that is not an object: " + abbreviate(line));
                    }
                    lines.add(Collections.unmodifiableMap(readFields(field.lineFields(), line, at)));
                }
                yield List.copyOf(lines);
            }
        };
    }

    private static String text(JsonNode value, String at) {
        if (!value.isValueNode()) {
            throw protocol(at + " is not a text: " + abbreviate(value));
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    private static String part(String text, SystemField woo) {
        if (text == null || woo.part().isEmpty()) {
            return text;
        }
        int space = text.strip().indexOf(' ');
        String whole = text.strip();
        String first = space < 0 ? whole : whole.substring(0, space);
        String last = space < 0 ? null : whole.substring(space + 1).strip();
        return woo.part().get().equals("first") ? first : last;
    }

    private static BigDecimal decimal(JsonNode value, String at) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            String text = value.asText().strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw protocol(at + " is not a decimal: " + abbreviate(value));
            }
        }
        throw protocol(at + " is not a decimal: " + abbreviate(value));
    }

    private static Instant instant(JsonNode item, String field, String where) {
        return instant(item.get(field), where + " field " + field);
    }

    private static Instant instant(JsonNode value, String at) {
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return null;
        }
        if (!value.isTextual()) {
            throw protocol(at + " is not a date: " + abbreviate(value));
        }
        String text = value.asText();
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException noZone) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw protocol(at + " is not a date: " + abbreviate(value));
            }
        }
    }

    /**
     * Neutral record → WooCommerce JSON of one create or update item.
     *
     * @throws ConnectorException VALIDATION for a record WooCommerce must not get (a required
     *                            field without value, a value it cannot take)
     */
    ObjectNode toJson(EntityMapping mapping, SyncRecord record, boolean creating) {
        String resource = mapping.model(WOO);
        ObjectNode out = NODES.objectNode();
        writeFields(mapping.fields(), record.fields(), out, resource, creating);
        return out;
    }

    private void writeFields(List<FieldMapping> fields, Map<String, Object> values, ObjectNode out, String scope,
                             boolean creating) {
        Map<String, String[]> nameParts = new LinkedHashMap<>();
        for (FieldMapping field : fields) {
            Object value = values.get(field.name());
            if (field.required() && isEmpty(value)) {
                throw validation(field.name() + " is required but has no value");
            }
            SystemField woo = field.in(WOO).orElseThrow();
            if (woo.readOnly() || isReadOnly(scope, woo.path())) {
                continue;
            }
            if (woo.part().isPresent()) {
                String[] parts = nameParts.computeIfAbsent(woo.path(), p -> new String[2]);
                parts[woo.part().get().equals("first") ? 0 : 1] = isEmpty(value) ? null : value.toString().strip();
                continue;
            }
            JsonNode json = write(field, woo, value, scope, creating);
            if (json != null) {
                put(out, field.type() == FieldType.DATETIME && !woo.path().endsWith("_gmt") ? woo.path() + "_gmt" : woo.path(), json);
            }
        }
        nameParts.forEach((path, parts) -> {
            String joined = String.join(" ", Arrays.stream(parts).filter(p -> p != null && !p.isEmpty()).toList());
            if (!joined.isEmpty() || !creating) {
                put(out, path, NODES.textNode(joined));
            }
        });
    }

    private JsonNode write(FieldMapping field, SystemField woo, Object value, String scope, boolean creating) {
        String name = field.name();
        if (isEmpty(value)) {
            if (creating) {
                return null;
            }
            return switch (field.type()) {
                case TEXT, DECIMAL -> WHOLE_NUMBERS.contains(scope + "." + woo.path()) ? null : NODES.textNode("");
                case REFERENCE -> NODES.numberNode(0);
                case DATETIME -> NODES.nullNode();
                default -> null;
            };
        }
        return switch (field.type()) {
            case TEXT -> NODES.textNode(value.toString());
            case DECIMAL -> {
                BigDecimal number = toDecimal(value, name);
                if (WHOLE_NUMBERS.contains(scope + "." + woo.path())) {
                    try {
                        yield NODES.numberNode(number.longValueExact());
                    } catch (ArithmeticException e) {
                        throw validation(name + " must be a whole number in WooCommerce, not " + number.toPlainString());
                    }
                }
                yield NODES.textNode(number.toPlainString());
            }
            case INTEGER -> {
                try {
                    yield NODES.numberNode(toDecimal(value, name).longValueExact());
                } catch (ArithmeticException e) {
                    throw validation(name + " must be a whole number, not " + value);
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw validation(name + " must be true or false, not " + value);
                }
                yield NODES.booleanNode(b);
            }
            case DATETIME -> NODES.textNode(WOO_DATE.format(toInstant(value, name).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
            case CATEGORY -> {
                // the connector has found or created the category before (WooCategoryTree.resolve)
                long id = categoryTree().idOf(value.toString()).orElseThrow(() -> validation(name + ": the product category '"
                        + value + "' is not in the shop and was not created"));
                ArrayNode list = NODES.arrayNode();
                list.addObject().put("id", id);
                yield list;
            }
            case REFERENCE -> {
                String id = value.toString().strip();
                if (!id.matches("\\d{1,18}") || Long.parseLong(id) == 0) {
                    throw validation(name + " refers to '" + id + "', which is not a WooCommerce id");
                }
                yield NODES.numberNode(Long.parseLong(id));
            }
            case LINES -> {
                if (!(value instanceof List<?> lines)) {
                    throw validation(name + " must be a list of lines");
                }
                ArrayNode array = NODES.arrayNode();
                for (Object line : lines) {
                    if (!(line instanceof Map<?, ?> map)) {
                        throw validation(name + " holds a line that is not a set of fields");
                    }
                    ObjectNode lineJson = NODES.objectNode();
                    @SuppressWarnings("unchecked")
                    Map<String, Object> lineValues = (Map<String, Object>) map;
                    writeFields(field.lineFields(), lineValues, lineJson, scope + "." + woo.path(), true);
                    array.add(lineJson);
                }
                yield array;
            }
        };
    }

    private WooCategoryTree categoryTree() {
        if (categories == null) {
            throw new IllegalStateException("a category field needs the shop's category tree");
        }
        return categories;
    }

    private static boolean isReadOnly(String scope, String path) {
        return (!scope.contains(".") && COMMON_READ_ONLY.contains(path)) || READ_ONLY.getOrDefault(scope, Set.of()).contains(path);
    }

    private static BigDecimal toDecimal(Object value, String name) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            throw validation(name + " must be a number, not '" + value + "'");
        }
    }

    private static Instant toInstant(Object value, String name) {
        if (value instanceof Instant i) {
            return i;
        }
        try {
            return OffsetDateTime.parse(value.toString()).toInstant();
        } catch (DateTimeParseException e) {
            throw validation(name + " must be an ISO-8601 instant, not '" + value + "'");
        }
    }

    private static boolean isEmpty(Object value) {
        return value == null || (value instanceof String s && s.isBlank());
    }

    /**
     * The value at a dotted path; a path through a list ({@code coupon_lines.code}) answers the
     * values of its items joined with ", " (for reading only).
     */
    static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode current = node;
        String[] parts = dottedPath.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (current != null && current.isArray()) {
                String rest = String.join(".", Arrays.copyOfRange(parts, i, parts.length));
                List<String> values = new ArrayList<>();
                for (JsonNode item : current) {
                    JsonNode value = at(item, rest);
                    if (value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
                        values.add(value.asText());
                    }
                }
                return NODES.textNode(String.join(", ", values));
            }
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(parts[i]);
        }
        return current;
    }

    private static void put(ObjectNode out, String dottedPath, JsonNode value) {
        String[] parts = dottedPath.split("\\.");
        ObjectNode parent = out;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            parent = child instanceof ObjectNode o ? o : parent.putObject(parts[i]);
        }
        parent.set(parts[parts.length - 1], value);
    }

    static ConnectorException protocol(String message) {
        return new ConnectorException(WOO, FailureKind.PROTOCOL, null, 0, message);
    }

    static ConnectorException validation(String message) {
        return new ConnectorException(WOO, FailureKind.VALIDATION, null, 0, message);
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
