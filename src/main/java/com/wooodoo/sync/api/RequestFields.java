package com.wooodoo.sync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The fields of one request (JSON body and query string merged), read with validation. Every
 * problem is collected with the name of its field; {@link #throwIfInvalid()} answers them all at
 * once as a {@code VALIDATION_ERROR}. Values from the query string arrive as text and are
 * converted to the type a field needs; values from a JSON body must already have that type.
 */
public final class RequestFields {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final String prefix;
    private final Map<String, JsonNode> values;
    private final boolean fromQuery;
    private final List<FieldProblem> problems;

    private RequestFields(String prefix, Map<String, JsonNode> values, boolean fromQuery, List<FieldProblem> problems) {
        this.prefix = prefix;
        this.values = values;
        this.fromQuery = fromQuery;
        this.problems = problems;
    }

    /**
     * @param values    field name → value
     * @param fromQuery true when the values came from a query string (text to convert)
     */
    public static RequestFields of(Map<String, JsonNode> values, boolean fromQuery) {
        return new RequestFields("", new LinkedHashMap<>(values), fromQuery, new ArrayList<>());
    }

    public boolean has(String name) {
        JsonNode value = values.get(name);
        return value != null && !value.isNull();
    }

    public Set<String> names() {
        return values.keySet();
    }

    /** Records a problem for every field that is not one of {@code allowed}. */
    public RequestFields rejectUnknown(Set<String> allowed) {
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                problem(name, "unknown field; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    public Optional<UUID> uuid(String name, boolean required) {
        return text(name, 36, required).flatMap(text -> {
            if (!UUID_TEXT.matcher(text).matches()) {
                problem(name, "must be a UUID such as 3f2b8c1e-7d4a-4e8e-9a51-0c6b2f9d1e77");
                return Optional.empty();
            }
            return Optional.of(UUID.fromString(text));
        });
    }

    public Optional<String> text(String name, int maxLength, boolean required) {
        JsonNode value = present(name, required);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problem(name, "must be a string, not " + describe(value));
            return Optional.empty();
        }
        String text = value.asText();
        if (text.isEmpty()) {
            problem(name, "must not be empty");
            return Optional.empty();
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            problem(name, "must be at most " + maxLength + " characters long");
            return Optional.empty();
        }
        if (text.chars().anyMatch(c -> c == 0)) {
            problem(name, "must not contain NUL characters");
            return Optional.empty();
        }
        if (hasUnpairedSurrogate(text)) {
            problem(name, "must be valid Unicode (it holds an unpaired surrogate escape)");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    public Optional<Integer> integer(String name, int min, int max) {
        JsonNode value = present(name, false);
        if (value == null) {
            return Optional.empty();
        }
        Long number = null;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.asLong();
        } else if (fromQuery && value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
            number = Long.parseLong(value.asText());
        }
        if (number == null) {
            problem(name, "must be a whole number from " + min + " to " + max + ", not " + describe(value));
            return Optional.empty();
        }
        if (number < min || number > max) {
            problem(name, "must be from " + min + " to " + max + ", not " + number);
            return Optional.empty();
        }
        return Optional.of(number.intValue());
    }

    public Optional<Boolean> bool(String name) {
        JsonNode value = present(name, false);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.asBoolean());
        }
        if (fromQuery && value.isTextual() && Set.of("true", "false").contains(value.asText())) {
            return Optional.of(Boolean.parseBoolean(value.asText()));
        }
        problem(name, "must be true or false, not " + describe(value));
        return Optional.empty();
    }

    /** One of a fixed set of strings. */
    public Optional<String> oneOf(String name, List<String> choices, boolean required) {
        return text(name, 64, required).flatMap(text -> {
            if (!choices.contains(text)) {
                problem(name, "must be one of " + String.join(", ", choices) + ", not '" + text + "'");
                return Optional.empty();
            }
            return Optional.of(text);
        });
    }

    /** A list of strings, each one of {@code choices}, without repeats. From a query: comma-separated. */
    public Optional<List<String>> listOf(String name, List<String> choices, int minSize, int maxSize) {
        JsonNode value = present(name, true);
        if (value == null) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    problem(name, "must be a list of strings, but holds " + describe(item));
                    return Optional.empty();
                }
                items.add(item.asText());
            }
        } else if (fromQuery && value.isTextual()) {
            items.addAll(Arrays.asList(value.asText().split(",", -1)));
        } else {
            problem(name, "must be a list of strings, not " + describe(value));
            return Optional.empty();
        }
        if (items.size() < minSize || items.size() > maxSize) {
            problem(name, "must hold " + (minSize == maxSize ? String.valueOf(minSize) : minSize + " to " + maxSize)
                    + " values, not " + items.size());
            return Optional.empty();
        }
        for (String item : items) {
            if (!choices.contains(item)) {
                problem(name, "values must be among " + String.join(", ", choices) + ", not '" + abbreviate(item) + "'");
                return Optional.empty();
            }
        }
        if (new TreeSet<>(items).size() != items.size()) {
            problem(name, "must not repeat a value");
            return Optional.empty();
        }
        return Optional.of(List.copyOf(items));
    }

    /** A nested object whose fields are read like these, named {@code name.field} in problems. */
    public Optional<RequestFields> object(String name, ObjectMapper json) {
        JsonNode value = present(name, false);
        if (value == null) {
            return Optional.empty();
        }
        boolean nestedFromQuery = false;
        if (fromQuery && value.isTextual()) {
            try {
                value = json.reader()
                        .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .readTree(value.asText());
            } catch (Exception e) {
                problem(name, "must be a JSON object (no repeated keys, nothing after it)");
                return Optional.empty();
            }
        }
        if (value == null || !value.isObject()) {
            problem(name, "must be an object, not " + describe(value));
            return Optional.empty();
        }
        Map<String, JsonNode> nested = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> nested.put(e.getKey(), e.getValue()));
        return Optional.of(new RequestFields(prefix + name + ".", nested, nestedFromQuery, problems));
    }

    public void problem(String name, String message) {
        problems.add(new FieldProblem(prefix + name, message));
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            FieldProblem first = problems.get(0);
            String message = first.field() + ": " + first.message()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s), see details)" : "");
            throw new ApiException(ErrorCode.VALIDATION_ERROR, message, problems, Map.of());
        }
    }

    private JsonNode present(String name, boolean required) {
        JsonNode value = values.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                problem(name, "is required");
            }
            return null;
        }
        return value;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "the string '" + abbreviate(value.asText()) + "'";
        }
        if (value.isNumber()) {
            return "the number " + abbreviate(value.asText());
        }
        return "a " + value.getNodeType().name().toLowerCase();
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
