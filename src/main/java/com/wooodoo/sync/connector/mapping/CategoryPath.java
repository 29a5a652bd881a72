package com.wooodoo.sync.connector.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The neutral value of a {@link FieldType#CATEGORY} field: the names of a category and its
 * parents from the top down, joined by {@value #SEPARATOR}, e.g. {@code Clothing > Tshirts}. No
 * category is null. Names are compared without case and surrounding blanks, as WooCommerce and
 * Odoo users expect ("clothing" is the category "Clothing"), so two paths are the same when their
 * {@link #key keys} are. A category name that itself holds {@code >} cannot travel as a path: it
 * would be read as two levels.
 */
public final class CategoryPath {

    public static final String SEPARATOR = " > ";

    private CategoryPath() {
    }

    /**
     * The names of a path, stripped; none for null or blank.
     *
     * @throws IllegalArgumentException if a segment is empty ({@code Clothing >  > X}); the message
     *                                  quotes the path
     */
    public static List<String> segments(String path) {
        if (path == null || path.isBlank()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String segment : path.split(">", -1)) {
            String name = segment.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("the category path '" + path + "' has an empty level; write the names"
                        + " from the top down, separated by '>', e.g. 'Clothing > Tshirts'");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** The path of these names, top down; null for none. */
    public static String of(List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        return String.join(SEPARATOR, names.stream().map(String::strip).toList());
    }

    /** The path written the canonical way (stripped names, one separator); null for none or an invalid path. */
    public static String canonical(String path) {
        try {
            return of(segments(path));
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    /** What a path is compared by: its names lower-cased and stripped; "" for none. */
    public static String key(String path) {
        return String.join(">", segments(path).stream().map(CategoryPath::nameKey).toList());
    }

    /** What a name is compared by: lower-cased and stripped. */
    public static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether two paths name the same category (without case); an invalid path equals only itself. */
    public static boolean same(String a, String b) {
        try {
            return key(a).equals(key(b));
        } catch (IllegalArgumentException invalid) {
            return java.util.Objects.equals(a, b);
        }
    }
}
