package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An Odoo search domain: leaves {@code [field, operator, value]} joined by an implicit AND, with
 * the prefix operators {@code '&'}, {@code '|'} and {@code '!'} in Polish notation. Field paths may
 * go through a many2one ({@code country_id.code}).
 */
final class Domain {

    private static final Set<String> OPERATORS = Set.of("=", "!=", "<>", "in", "not in", "<", "<=", ">", ">=",
            "like", "ilike", "not like", "not ilike", "=like", "=ilike");

    private final RecordViews views;
    private final ModelDef model;
    private final List<JsonNode> terms = new ArrayList<>();
    private int position;
    private int leaves;
    private boolean failsOnRows;

    private Domain(RecordViews views, ModelDef model, JsonNode domain) {
        this.views = views;
        this.model = model;
        if (domain != null && !domain.isNull() && !(domain.isBoolean() && !domain.asBoolean())) {
            if (!domain.isArray()) {
                throw OdooError.valueError("Invalid domain: " + domain);
            }
            domain.forEach(terms::add);
        }
    }

    /**
     * The fields a stock Odoo's PostgreSQL has a btree index on, of those the sync searches by
     * value: the mail module's {@code email_normalized} ({@code index=True}), a contact's
     * {@code ref}, a variant's {@code default_code} and {@code barcode} (unique index) and the
     * country's {@code code} (unique constraint); and the order's {@code client_order_ref}, which
     * stock Odoo declares without an index (its equality on every row costs little next to an
     * ILIKE; a database that syncs many orders should add one), treated as indexed. Besides these,
     * {@code id} and every stored many2one (Odoo declares {@code index=True} on the ones searched
     * by: {@code order_id}, {@code product_tmpl_id}, {@code parent_id}, {@code location_id}, ...).
     * Only {@code =} and {@code in} use an index: {@code =ilike} is SQL's ILIKE, which a btree
     * index does not answer, so it scans the table.
     */
    private static final Set<String> INDEXED = Set.of("res.partner.email_normalized", "res.partner.ref",
            "product.product.default_code", "product.product.barcode", "sale.order.client_order_ref", "res.country.code");

    /**
     * The records a domain selects: the test of a stored row, and the ids of the only rows that may
     * pass it, increasing (null: any row may, the table is scanned). The ids come from the indexes
     * of the model's rows for leaves that compare an indexed field ({@link #INDEXED}) with values
     * ({@code =}, {@code in}), joined as the domain joins the leaves; the rows they name still take
     * the test. {@code leaves}: the leaves of the domain, each a term a scan evaluates on every row.
     */
    record Selection(Predicate<Map<String, Object>> test, Set<Long> candidates, int leaves) {
    }

    static boolean indexed(ModelDef model, FieldDef field) {
        return field.name().equals("id") || field.type() == OdooFieldType.MANY2ONE && !field.computed()
                || INDEXED.contains(model.name() + "." + field.name());
    }

    /** A part of a domain, as {@link Selection}. */
    private record Part(Predicate<Map<String, Object>> test, NavigableSet<Long> ids) {

        Part and(Part other) {
            NavigableSet<Long> both = ids == null ? other.ids : other.ids == null ? ids : new TreeSet<>(ids);
            if (ids != null && other.ids != null) {
                both.retainAll(other.ids);
            }
            return new Part(test.and(other.test), both);
        }

        Part or(Part other) {
            NavigableSet<Long> either = ids == null || other.ids == null ? null : new TreeSet<>(ids);
            if (either != null) {
                either.addAll(other.ids);
            }
            return new Part(test.or(other.test), either);
        }

        Part negate() {
            return new Part(test.negate(), null);
        }
    }

    static Selection select(RecordViews views, ModelDef model, JsonNode domain) {
        Domain parser = new Domain(views, model, domain);
        Part all = new Part(row -> true, null);
        while (parser.position < parser.terms.size()) {
            all = all.and(parser.next());
        }
        // a leaf that fails on the rows it tests must meet every row, as the scan of all rows would
        return new Selection(all.test(), parser.failsOnRows ? null : all.ids(), parser.leaves);
    }

    /** Whether a leaf of the domain tests this field (then {@code active_test} does not apply). */
    static boolean mentions(JsonNode domain, String field) {
        if (domain == null || !domain.isArray()) {
            return false;
        }
        for (JsonNode term : domain) {
            if (term.isArray() && term.size() == 3 && field.equals(term.get(0).asText().split("\\.")[0])) {
                return true;
            }
        }
        return false;
    }

    private Part next() {
        if (position >= terms.size()) {
            throw OdooError.valueError("Invalid domain: an operator is missing its operands");
        }
        JsonNode term = terms.get(position++);
        if (term.isTextual()) {
            return switch (term.asText()) {
                case "&" -> next().and(next());
                case "|" -> next().or(next());
                case "!" -> next().negate();
                default -> throw OdooError.valueError("Invalid domain term " + term);
            };
        }
        return leaf(term);
    }

    private Part leaf(JsonNode term) {
        leaves++;
        if (!term.isArray() || term.size() != 3 || !term.get(0).isTextual() || !term.get(1).isTextual()) {
            if (term.isArray() && term.size() == 3 && term.get(0).isIntegralNumber()) {
                boolean truth = term.get(0).asInt() == 1;
                return new Part(row -> truth, null);
            }
            throw OdooError.valueError("Invalid domain term " + term);
        }
        String path = term.get(0).asText();
        String operator = term.get(1).asText().toLowerCase(Locale.ROOT);
        if (!OPERATORS.contains(operator)) {
            throw OdooError.valueError("Invalid domain term " + term + ": unknown operator '" + operator + "'");
        }
        FieldDef field = views.fieldAt(model, path, term);
        Object value = OdooJson.toJava(term.get(2));
        String[] parts = path.split("\\.");
        boolean direct = parts.length == 1; // a path through a many2one is looked up row by row
        boolean stored = direct && !field.type().isX2many() && indexed(model, field);
        if (operator.endsWith("like")) {
            // the pattern is the leaf's, not the row's: compiled once per search, not once per record
            String text = operator.startsWith("=") ? String.valueOf(value) : "%" + value + "%";
            Predicate<String> pattern = likePattern(text, operator.contains("ilike"));
            boolean negated = operator.startsWith("not ");
            return new Part(row -> like(field, views.valueAt(model, row, parts), pattern) != negated, null);
        }
        failsOnRows |= value == null && operator.endsWith("in"); // "in" takes a list: None fails on every row
        Collection<?> values = operator.equals("in") && value instanceof Collection<?> c ? c : Arrays.asList(value);
        boolean equality = operator.equals("=") || operator.equals("in");
        NavigableSet<Long> ids = !equality ? null : direct ? equalTo(model, field, stored, values) : throughMany2one(parts, field, values);
        return new Part(row -> test(field, views.valueAt(model, row, parts), operator, value), ids);
    }

    /**
     * For {@code many2one.field} compared by equality: PostgreSQL answers it from two indexes (the
     * related rows by the indexed field, then the rows pointing at them by the stored many2one), as
     * Odoo's sub-select does; any other path is tested row by row (null).
     */
    private NavigableSet<Long> throughMany2one(String[] parts, FieldDef field, Collection<?> values) {
        FieldDef link = model.field(parts[0]).orElse(null);
        if (parts.length != 2 || link == null || link.type() != OdooFieldType.MANY2ONE || link.computed()) {
            return null;
        }
        ModelDef related = views.model(link.comodel());
        if (field.type() == OdooFieldType.MANY2ONE || field.type().isX2many() || !indexed(related, field)) {
            return null;
        }
        NavigableSet<Long> relatedIds = equalTo(related, field, true, values);
        if (relatedIds == null) {
            return null;
        }
        NavigableSet<Long> ids = new TreeSet<>();
        relatedIds.forEach(id -> ids.addAll(views.rows(model).withText(link.name(), String.valueOf(id))));
        return ids;
    }

    /** The ids of the rows whose field may equal one of the values, or null if the indexes cannot tell. */
    private NavigableSet<Long> equalTo(ModelDef model, FieldDef field, boolean stored, Collection<?> values) {
        RowTable rows = views.rows(model);
        NavigableSet<Long> ids = new TreeSet<>();
        for (Object value : values) {
            boolean whole = isWhole(value);
            if (whole && field.name().equals("id")) {
                long id = ((Number) value).longValue();
                if (rows.containsKey(id)) {
                    ids.add(id);
                }
            } else if (stored && value instanceof String text && field.type() != OdooFieldType.MANY2ONE
                    && field.type() != OdooFieldType.BOOLEAN) {
                ids.addAll(rows.withText(field.name(), text));
            } else if (stored && whole && (field.type() == OdooFieldType.MANY2ONE || field.type() == OdooFieldType.INTEGER)) {
                ids.addAll(rows.withText(field.name(), String.valueOf(((Number) value).longValue())));
            } else {
                return null; // no value, false, a decimal, a name for a many2one: the rows must be tested one by one
            }
        }
        return ids;
    }

    private boolean test(FieldDef field, Object actual, String operator, Object expected) {
        return switch (operator) {
            case "=" -> equal(field, actual, expected);
            case "!=", "<>" -> !equal(field, actual, expected);
            case "in" -> anyEqual(field, actual, expected);
            case "not in" -> !anyEqual(field, actual, expected);
            case "<" -> comparable(actual, expected) && compare(actual, expected) < 0;
            case "<=" -> comparable(actual, expected) && compare(actual, expected) <= 0;
            case ">" -> comparable(actual, expected) && compare(actual, expected) > 0;
            case ">=" -> comparable(actual, expected) && compare(actual, expected) >= 0;
            default -> false; // the like operators are tested with their compiled pattern, see leaf()
        };
    }

    private boolean equal(FieldDef field, Object actual, Object expected) {
        if (field.type() == OdooFieldType.BOOLEAN) {
            return truthy(actual) == truthy(expected);
        }
        if (expected == null || Boolean.FALSE.equals(expected)) {
            return actual == null || (actual instanceof Collection<?> c && c.isEmpty());
        }
        if (actual instanceof Collection<?> ids) {
            if (field.type() == OdooFieldType.MANY2MANY && expected instanceof String name) {
                return ids.stream().anyMatch(id -> name.equals(views.displayName(field.comodel(), (Long) id)));
            }
            return ids.stream().anyMatch(id -> sameValue(id, expected));
        }
        if (field.type() == OdooFieldType.MANY2ONE && expected instanceof String name) {
            return actual != null && name.equals(views.displayName(field.comodel(), (Long) actual));
        }
        return sameValue(actual, expected);
    }

    private boolean anyEqual(FieldDef field, Object actual, Object expected) {
        Collection<?> values = expected instanceof Collection<?> c ? c : List.of(expected);
        for (Object value : values) {
            if (equal(field, actual, value)) {
                return true;
            }
        }
        return false;
    }

    private boolean like(FieldDef field, Object actual, Predicate<String> pattern) {
        if (field.type().isX2many() && actual instanceof Collection<?> ids) {
            return ids.stream().anyMatch(id -> like(FieldDef.many2one(field.name(), field.label(), field.comodel(), null), id, pattern));
        }
        Object text = field.type() == OdooFieldType.MANY2ONE && actual != null
                ? views.displayName(field.comodel(), (Long) actual) : actual;
        if (text == null || Boolean.FALSE.equals(text)) {
            return false;
        }
        return pattern.test(String.valueOf(text));
    }

    /**
     * SQL's LIKE pattern ({@code %} any text, {@code _} one character, a backslash makes the next
     * character plain, as PostgreSQL's default escape) as a test of a text; a pattern without
     * wildcards (an {@code =ilike} lookup by e-mail) is a plain comparison.
     */
    private static Predicate<String> likePattern(String pattern, boolean ignoreCase) {
        String literal = likeLiteral(pattern);
        if (literal != null) {
            return ignoreCase ? literal::equalsIgnoreCase : literal::equals;
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
                if (i == pattern.length()) {
                    throw OdooError.valueError("LIKE pattern must not end with escape character");
                }
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
            } else {
                regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        Pattern compiled = Pattern.compile(regex.toString(), flags);
        return text -> compiled.matcher(text).matches();
    }

    /** The text a LIKE pattern without wildcards matches (its escapes undone), or null if it has wildcards. */
    private static String likeLiteral(String pattern) {
        StringBuilder literal = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%' || c == '_' || c == '\\' && i == pattern.length() - 1) {
                return null;
            }
            if (c == '\\') {
                i++;
                c = pattern.charAt(i);
            }
            literal.append(c);
        }
        return literal.toString();
    }

    static boolean truthy(Object value) {
        return value != null && !Boolean.FALSE.equals(value) && !"".equals(value)
                && !(value instanceof Number n && n.doubleValue() == 0);
    }

    static boolean sameValue(Object a, Object b) {
        if (isWhole(a) && isWhole(b)) {
            return ((Number) a).longValue() == ((Number) b).longValue(); // ids: the common case, without BigDecimal
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return a != null && a.equals(b);
    }

    private static boolean isWhole(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    /** SQL semantics: a comparison with NULL is never true. */
    private static boolean comparable(Object a, Object b) {
        return a != null && b != null && !Boolean.FALSE.equals(b);
    }

    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
