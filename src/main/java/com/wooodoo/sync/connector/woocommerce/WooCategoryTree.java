package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.CategoryTree;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.mapping.CategoryPath;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.FieldType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's product categories ({@code GET products/categories}, every page of 100, only
 * {@code id,name,slug,parent}), read when a product's category is first needed and again when
 * the list is older than {@link #MAX_AGE}, when a product names a category the list does not
 * hold, or (at most once a minute) when a product shows a category under another name than the
 * list: once per sync rather than per record.
 *
 * <p>Reading: a product's {@code categories} lists its categories ({@code [{id, name, slug}]});
 * its path is that of the first one, or of the deepest one listed below the first (a shop that
 * ticks "Clothing" and "T-shirts" puts the product in Clothing &gt; T-shirts). WooCommerce's
 * default category, found by its slug {@value #DEFAULT_SLUG}, is no category (null) and is passed
 * over when the product has others. WordPress keeps names HTML-escaped ({@code &amp;}); they are
 * read unescaped.
 *
 * <p>Writing: {@link #resolve} finds each path's category by name under its parent (without
 * case, as WordPress does) and creates the levels missing, one {@code POST products/categories/batch}
 * per level for the whole batch of records, each category once. A {@code term_exists} answer
 * (someone made it meanwhile) gives the existing id in {@code data.resource_id}, which is taken.
 */
final class WooCategoryTree {

    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** The slug of WooCommerce's default category, "Uncategorized" (its id differs between shops). */
    static final String DEFAULT_SLUG = "uncategorized";
    static final String RESOURCE = "products/categories";
    private static final Duration MIN_RENAME_REFRESH = Duration.ofMinutes(1);
    private static final int BATCH_LIMIT = WooBatchWriter.BATCH_LIMIT;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The calls the tree makes to the shop. */
    interface Shop {
        /** Every category, all pages. */
        List<JsonNode> readAll();

        /** {@code POST products/categories/batch} with this body; the answer's body. */
        JsonNode batch(ObjectNode body);

        /** A failure found in an answer (a body not shaped as documented). */
        ConnectorException protocol(String message);

        /** A batch item's {@code error} as a failure. */
        ConnectorException itemError(JsonNode error);
    }

    private final Clock clock;
    private final Shop shop;
    private final CategoryTree tree = new CategoryTree();
    private long defaultId = -1;
    private Instant readAt;
    private boolean stale;

    WooCategoryTree(Clock clock, Shop shop) {
        this.clock = clock;
        this.shop = shop;
    }

    /**
     * The neutral path of a product's {@code categories}; null for none or only the default one.
     *
     * @param at the product and field, for messages
     */
    synchronized String pathOf(JsonNode categories, String at) {
        if (categories == null || categories.isNull() || categories.isMissingNode()) {
            return null;
        }
        if (!categories.isArray()) {
            throw shop.protocol(at + " is not a list of categories: " + abbreviate(categories));
        }
        List<JsonNode> listed = new ArrayList<>();
        for (JsonNode category : categories) {
            if (!category.isObject() || !category.path("id").canConvertToExactIntegral() || category.path("id").asLong() <= 0) {
                throw shop.protocol(at + " holds a category without a positive numeric id: " + abbreviate(category));
            }
            if (!DEFAULT_SLUG.equals(category.path("slug").asText()) && category.path("id").asLong() != defaultId) {
                listed.add(category);
            }
        }
        if (listed.isEmpty()) {
            return null;
        }
        know(listed);
        listed.removeIf(category -> category.path("id").asLong() == defaultId);
        if (listed.isEmpty()) {
            return null;
        }
        try {
            long first = listed.get(0).path("id").asLong();
            List<CategoryTree.Node> chosen = tree.chain(first);
            for (JsonNode other : listed.subList(1, listed.size())) {
                List<CategoryTree.Node> chain = tree.chain(other.path("id").asLong());
                if (chain.size() > chosen.size() && chain.stream().anyMatch(n -> n.id() == first)) {
                    chosen = chain;
                }
            }
            return CategoryPath.of(chosen.stream().map(CategoryTree.Node::name).toList());
        } catch (CategoryTree.Malformed e) {
            throw shop.protocol(at + ": GET " + RESOURCE + " does not hold together: " + e.getMessage()
                    + "; check the shop's product categories (Products → Categories)");
        }
    }

    /** Reads the list again if these categories are not all in it, under the names the product shows. */
    private void know(List<JsonNode> listed) {
        boolean unknown = false;
        boolean renamed = false;
        for (JsonNode category : listed) {
            Optional<CategoryTree.Node> node = tree.get(category.path("id").asLong());
            if (node.isEmpty()) {
                unknown = true;
            } else if (category.path("name").isTextual()
                    && !node.get().name().equals(unescape(category.path("name").asText()).strip())) {
                renamed = true;
            }
        }
        Instant now = clock.instant();
        if (readAt == null || stale || readAt.plus(MAX_AGE).isBefore(now) || unknown
                || (renamed && readAt.plus(MIN_RENAME_REFRESH).isBefore(now))) {
            read();
        }
    }

    /**
     * Finds or creates the categories of these records' category fields. Paths already known cost
     * nothing; each missing level costs one batch call for all records.
     *
     * @return the failure of each record (by index) whose category is invalid or could not be made
     */
    synchronized Map<Integer, ConnectorException> resolve(EntityMapping mapping, List<SyncRecord> records) {
        List<FieldMapping> fields = mapping.fields().stream().filter(f -> f.type() == FieldType.CATEGORY).toList();
        Map<Integer, ConnectorException> failures = new HashMap<>();
        Map<Integer, List<List<String>>> wanted = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            for (FieldMapping field : fields) {
                Object value = records.get(i).fields().get(field.name());
                try {
                    List<String> segments = CategoryPath.segments(value == null ? null : value.toString());
                    if (!segments.isEmpty()) {
                        wanted.computeIfAbsent(i, k -> new ArrayList<>()).add(segments);
                    }
                } catch (IllegalArgumentException invalid) {
                    failures.put(i, new ConnectorException(ExternalSystem.WOOCOMMERCE, FailureKind.VALIDATION, null, 0,
                            describe(mapping, records.get(i)) + ": field '" + field.name() + "': " + invalid.getMessage()));
                }
            }
        }
        failures.keySet().forEach(wanted::remove);
        if (wanted.isEmpty()) {
            return failures;
        }
        if (readAt == null || stale || readAt.plus(MAX_AGE).isBefore(clock.instant())) {
            read();
        }
        for (int level = 0; ; level++) {
            // the categories missing at this level, each once: parent id → name key → name
            Map<Long, Map<String, String>> missing = new LinkedHashMap<>();
            Map<String, List<Integer>> neededBy = new HashMap<>();
            for (Map.Entry<Integer, List<List<String>>> entry : wanted.entrySet()) {
                for (List<String> segments : entry.getValue()) {
                    long parent = CategoryTree.TOP;
                    for (String name : segments) {
                        Optional<CategoryTree.Node> child = tree.child(parent, name);
                        if (child.isEmpty()) {
                            missing.computeIfAbsent(parent, p -> new LinkedHashMap<>()).putIfAbsent(CategoryPath.nameKey(name), name);
                            neededBy.computeIfAbsent(parent + "/" + CategoryPath.nameKey(name), k -> new ArrayList<>()).add(entry.getKey());
                            break;
                        }
                        parent = child.get().id();
                    }
                }
            }
            if (missing.isEmpty()) {
                return failures;
            }
            if (level > 100) {
                throw shop.protocol("POST " + RESOURCE + "/batch: the categories created are not found again by name under their"
                        + " parents; check the shop's product categories");
            }
            create(missing).forEach((key, failure) -> neededBy.getOrDefault(key, List.of()).forEach(index -> {
                failures.put(index, failure);
                wanted.remove(index);
            }));
        }
    }

    /** The id of a path's category, if it is known (after {@link #resolve}). */
    synchronized Optional<Long> idOf(String path) {
        long parent = CategoryTree.TOP;
        for (String name : CategoryPath.segments(path)) {
            Optional<CategoryTree.Node> child = tree.child(parent, name);
            if (child.isEmpty()) {
                return Optional.empty();
            }
            parent = child.get().id();
        }
        return parent == CategoryTree.TOP ? Optional.empty() : Optional.of(parent);
    }

    /** Creates these categories (parent → name key → name); the failures by "parent/name key". */
    private Map<String, ConnectorException> create(Map<Long, Map<String, String>> missing) {
        List<CategoryTree.Node> items = new ArrayList<>();
        missing.forEach((parent, names) -> names.values().forEach(name -> items.add(new CategoryTree.Node(0, name, parent))));
        Map<String, ConnectorException> failures = new HashMap<>();
        for (int from = 0; from < items.size(); from += BATCH_LIMIT) {
            List<CategoryTree.Node> chunk = items.subList(from, Math.min(items.size(), from + BATCH_LIMIT));
            ObjectNode body = NODES.objectNode();
            chunk.forEach(item -> body.withArray("create").addObject().put("name", item.name()).put("parent", item.parent()));
            JsonNode results = shop.batch(body).path("create");
            if (!results.isArray() || results.size() != chunk.size()) {
                throw shop.protocol("POST " + RESOURCE + "/batch: expected " + chunk.size() + " results under 'create', got "
                        + (results.isArray() ? results.size() : "none"));
            }
            for (int i = 0; i < chunk.size(); i++) {
                CategoryTree.Node sent = chunk.get(i);
                JsonNode result = results.get(i);
                JsonNode error = result.get("error");
                String key = sent.parent() + "/" + CategoryPath.nameKey(sent.name());
                if (error == null || error.isNull()) {
                    if (!result.path("id").canConvertToExactIntegral() || result.path("id").asLong() <= 0) {
                        throw shop.protocol("POST " + RESOURCE + "/batch: a created category without id: " + abbreviate(result));
                    }
                    String name = result.path("name").isTextual() ? unescape(result.path("name").asText()).strip() : sent.name();
                    tree.put(new CategoryTree.Node(result.path("id").asLong(), name, sent.parent()));
                } else if ("term_exists".equals(error.path("code").asText())
                        && error.path("data").path("resource_id").canConvertToExactIntegral()
                        && error.path("data").path("resource_id").asLong() > 0) {
                    // made meanwhile by someone else: take it, and read the list again before the next read
                    tree.put(new CategoryTree.Node(error.path("data").path("resource_id").asLong(), sent.name(), sent.parent()));
                    stale = true;
                } else {
                    ConnectorException cause = shop.itemError(error);
                    failures.put(key, new ConnectorException(ExternalSystem.WOOCOMMERCE, cause.kind(), cause.code().orElse(null),
                            cause.httpStatus(), "the product category '" + sent.name() + "'" + under(sent.parent())
                            + " could not be created: " + cause.getMessage(), null, cause));
                }
            }
        }
        return failures;
    }

    private String under(long parent) {
        if (parent == CategoryTree.TOP) {
            return " (top level)";
        }
        try {
            return " under '" + CategoryPath.of(tree.chain(parent).stream().map(CategoryTree.Node::name).toList()) + "'";
        } catch (CategoryTree.Malformed e) {
            return " under category " + parent;
        }
    }

    private void read() {
        Instant started = clock.instant();
        List<JsonNode> all = shop.readAll();
        CategoryTree read = new CategoryTree();
        long uncategorized = -1;
        for (JsonNode category : all) {
            if (!category.isObject() || !category.path("id").canConvertToExactIntegral() || category.path("id").asLong() <= 0
                    || !category.path("name").isTextual()) {
                throw shop.protocol("GET " + RESOURCE + ": a category without a positive numeric id or a name: " + abbreviate(category));
            }
            JsonNode parent = category.path("parent");
            if (!parent.canConvertToExactIntegral() || parent.asLong() < 0) {
                throw shop.protocol("GET " + RESOURCE + ": category " + category.path("id").asLong() + " has no numeric parent: "
                        + abbreviate(category));
            }
            read.put(new CategoryTree.Node(category.path("id").asLong(), unescape(category.path("name").asText()).strip(),
                    parent.asLong()));
            if (DEFAULT_SLUG.equals(category.path("slug").asText())) {
                uncategorized = category.path("id").asLong();
            }
        }
        for (JsonNode category : all) {
            try {
                read.chain(category.path("id").asLong());
            } catch (CategoryTree.Malformed e) {
                throw shop.protocol("GET " + RESOURCE + ": the categories do not hold together: " + e.getMessage()
                        + "; check the shop's product categories (Products → Categories)");
            }
        }
        tree.clear();
        for (JsonNode category : all) {
            tree.put(read.get(category.path("id").asLong()).orElseThrow());
        }
        defaultId = uncategorized;
        readAt = started;
        stale = false;
    }

    private static String describe(EntityMapping mapping, SyncRecord record) {
        Object key = record.fields().get(mapping.naturalKey());
        return "product " + (key == null ? "" : "'" + key + "' ") + "(" + record.system().id() + " record " + record.id() + ")";
    }

    /** WordPress's escaping of term names ({@code &amp;}, {@code &lt;}, ...), undone. */
    static String unescape(String name) {
        if (name.indexOf('&') < 0) {
            return name;
        }
        return name.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#039;", "'")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
