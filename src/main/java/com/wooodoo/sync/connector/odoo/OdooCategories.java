package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.wooodoo.sync.connector.CategoryTree;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.mapping.CategoryPath;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Odoo's product categories ({@code product.category}) as neutral paths, for a product's
 * {@code categ_id}.
 *
 * <p>Reading: a category's path is its {@code complete_name} ("All / Saleable / Office") without
 * the root category {@value #ROOT_NAME} ("Saleable &gt; Office"); the root itself is no category
 * (null). The path is built from each category's {@code name} and {@code parent_id} rather than
 * by splitting {@code complete_name}, whose " / " may also stand in a name. All categories are
 * read on first use ({@code search_read} of {@code id, name, parent_id}, {@value #READ_PAGE} per
 * call: one call for the few hundred categories a shop has); afterwards the categories of a page
 * not known yet cost one {@code search_read}, and their parents not known yet one more per level.
 *
 * <p>Writing: a path's category is found by name (without case) under its parent, starting under
 * the root; a parent whose children are not all known has them listed ({@code search_read} by
 * {@code parent_id}, one call per level for the whole batch); missing levels are created, one
 * {@code create} with a list of values per level, each category once. No category is the root
 * (Odoo requires {@code categ_id}).
 *
 * <p>The root is the category without parent named {@value #ROOT_NAME} (Odoo's default, id 1 in a
 * fresh database; the lowest id if there are several). A top-level category of another name keeps
 * its name as the first level when read, but a path is always written under the root. What was
 * learnt is kept for {@link #MAX_AGE}.
 *
 * <p>{@link RelatedKeys} does not fit as it is: it finds ids by exact keys and never creates,
 * while categories are found by name under a parent, without case, and created when missing. It
 * hands the category relation ({@link #RELATION}) to this class instead.
 */
final class OdooCategories {

    static final String MODEL = "product.category";
    /** Odoo's root product category: a path is written under it; it is no category when read. */
    static final String ROOT_NAME = "All";
    /** How a category field passes through {@link RelatedKeys}: ids ⇄ paths. */
    static final RelatedKeys.Relation RELATION = new RelatedKeys.Relation(MODEL, "(path)");
    /** The key whose id {@link #idsOf} always answers: the root, for no category. */
    static final String ROOT_KEY = "";
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final List<String> FIELDS = List.of("name", "parent_id");
    private static final int MAX_DEPTH = 100;
    static final int READ_PAGE = 2_000;

    private final OdooApi api;
    private final OdooFailures failures;
    private final Clock clock;
    private final CategoryTree tree = new CategoryTree();
    /** The categories (and {@link CategoryTree#TOP}) whose children have all been listed. */
    private final Set<Long> listed = new HashSet<>();
    private Long rootId;
    private Instant since;
    private boolean loaded;

    OdooCategories(OdooApi api, OdooFailures failures, Clock clock) {
        this.api = api;
        this.failures = failures;
        this.clock = clock;
    }

    /** The paths of these category ids; the root (no category) and ids Odoo does not have are left out. */
    synchronized Map<Long, String> pathsOf(Collection<Long> ids) {
        expire();
        if (ids.isEmpty()) {
            return Map.of();
        }
        loadAll();
        // the ids not known yet (those Odoo does not have are left out), and the parents of known ones (which must be there)
        Set<Long> unknown = new LinkedHashSet<>();
        ids.stream().filter(id -> !tree.contains(id)).forEach(unknown::add);
        Set<Long> parents = tree.missingAncestors(ids);
        for (int depth = 0; !unknown.isEmpty() || !parents.isEmpty(); depth++) {
            if (depth > MAX_DEPTH) {
                throw failures.protocol(MODEL + ".search_read: parents deeper than " + MAX_DEPTH + " levels");
            }
            Set<Long> asked = new LinkedHashSet<>(unknown);
            asked.addAll(parents);
            Set<Long> answered = new HashSet<>();
            read(OdooCall.where("id", "in", OdooCall.ids(asked))).forEach(record -> answered.add(record.get("id").asLong()));
            parents.stream().filter(id -> !answered.contains(id)).findFirst().ifPresent(id -> {
                throw failures.protocol(MODEL + ".search_read: the parent " + id + " of a product category is not there;"
                        + " check the product categories in Odoo (Inventory → Configuration → Product Categories)");
            });
            unknown = Set.of();
            parents = tree.missingAncestors(ids);
        }
        Map<Long, String> paths = new HashMap<>();
        for (long id : ids) {
            if (!tree.contains(id)) {
                continue;
            }
            try {
                List<String> names = new ArrayList<>(tree.chain(id).stream().map(CategoryTree.Node::name).toList());
                if (isRoot(tree.chain(id).get(0))) {
                    names.remove(0);
                }
                String path = CategoryPath.of(names);
                if (path != null) {
                    paths.put(id, path);
                }
            } catch (CategoryTree.Malformed e) {
                throw failures.protocol(MODEL + ".search_read: the product categories do not hold together: " + e.getMessage()
                        + "; check them in Odoo (Inventory → Configuration → Product Categories)");
            }
        }
        return paths;
    }

    /**
     * The ids of these paths' categories, found or created; and under {@link #ROOT_KEY} the root's.
     * Invalid paths are left out (the record's conversion reports them).
     */
    synchronized Map<String, Long> idsOf(Collection<String> paths) {
        expire();
        loadAll();
        Map<String, Long> ids = new HashMap<>();
        long root = root();
        ids.put(ROOT_KEY, root);
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (String path : paths) {
            try {
                List<String> segments = CategoryPath.segments(path);
                if (!segments.isEmpty()) {
                    wanted.put(path, segments);
                }
            } catch (IllegalArgumentException invalid) {
                // reported per record when its values are made
            }
        }
        for (int level = 0; !wanted.isEmpty(); level++) {
            if (level > MAX_DEPTH) {
                throw failures.protocol(MODEL + ": the categories created are not found again under their parents");
            }
            // the parent each path has reached, and the next name under it
            Map<String, Long> reached = new LinkedHashMap<>();
            Set<Long> unlisted = new LinkedHashSet<>();
            for (Map.Entry<String, List<String>> entry : wanted.entrySet()) {
                long parent = root;
                for (String name : entry.getValue()) {
                    Optional<CategoryTree.Node> child = tree.child(parent, name);
                    if (child.isEmpty()) {
                        break;
                    }
                    parent = child.get().id();
                }
                reached.put(entry.getKey(), parent);
                if (!listed.contains(parent)) {
                    unlisted.add(parent);
                }
            }
            if (!unlisted.isEmpty()) {
                read(OdooCall.where("parent_id", "in", OdooCall.ids(unlisted)));
                listed.addAll(unlisted);
                continue;
            }
            Map<String, ObjectNode> creates = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> entry : List.copyOf(wanted.entrySet())) {
                long parent = reached.get(entry.getKey());
                int depth = depthUnder(root, parent);
                if (depth == entry.getValue().size()) {
                    ids.put(entry.getKey(), parent);
                    wanted.remove(entry.getKey());
                    continue;
                }
                String name = entry.getValue().get(depth);
                creates.putIfAbsent(parent + "/" + CategoryPath.nameKey(name),
                        JsonNodeFactory.instance.objectNode().put("name", name).put("parent_id", parent));
            }
            if (!creates.isEmpty()) {
                create(List.copyOf(creates.values()));
            }
        }
        return ids;
    }

    private int depthUnder(long root, long id) {
        if (id == root) {
            return 0;
        }
        List<CategoryTree.Node> chain = tree.chain(id);
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).id() == root) {
                return chain.size() - 1 - i;
            }
        }
        throw new IllegalStateException("category " + id + " is not under the root");
    }

    private void create(List<ObjectNode> values) {
        JsonNode answer = api.call(OdooCall.create(MODEL, values));
        if (!answer.isArray() || answer.size() != values.size()) {
            throw failures.protocol(MODEL + ".create of " + values.size() + " categories answered " + answer.getNodeType()
                    + (answer.isArray() ? " of " + answer.size() : "") + " instead of as many ids");
        }
        for (int i = 0; i < values.size(); i++) {
            if (!answer.get(i).isIntegralNumber()) {
                throw failures.protocol(MODEL + ".create answered a non-numeric id");
            }
            long id = answer.get(i).asLong();
            tree.put(new CategoryTree.Node(id, values.get(i).get("name").asText(), values.get(i).get("parent_id").asLong()));
            listed.add(id); // a new category has no children yet
        }
    }

    /** Every category, {@value #READ_PAGE} per call: all children of every parent are known then. */
    private void loadAll() {
        if (loaded) {
            return;
        }
        for (int offset = 0; ; offset += READ_PAGE) {
            JsonNode answer = api.call(OdooCall.searchRead(MODEL, OdooCall.everything(), FIELDS, READ_PAGE, offset, "id asc", false));
            List<JsonNode> page = records(answer);
            page.forEach(record -> listed.add(record.get("id").asLong()));
            if (page.size() < READ_PAGE) {
                break;
            }
        }
        listed.add(CategoryTree.TOP);
        loaded = true;
    }

    /** The root category: without parent, named {@value #ROOT_NAME} (the lowest id of several). */
    private long root() {
        if (rootId != null) {
            return rootId;
        }
        if (!listed.contains(CategoryTree.TOP)) {
            read(OdooCall.where("parent_id", "=", JsonNodeFactory.instance.booleanNode(false)));
            listed.add(CategoryTree.TOP);
        }
        rootId = tree.child(CategoryTree.TOP, ROOT_NAME).map(CategoryTree.Node::id)
                .orElseThrow(() -> failures.protocol(MODEL + ": Odoo has no top-level product category named '" + ROOT_NAME
                        + "' (Odoo's default, under which the sync files categories); create it in Inventory → Configuration"
                        + " → Product Categories"));
        return rootId;
    }

    private boolean isRoot(CategoryTree.Node node) {
        return node.parent() == CategoryTree.TOP && node.name().strip().equalsIgnoreCase(ROOT_NAME);
    }

    /** The categories of a domain, put in the tree. */
    private List<JsonNode> read(com.fasterxml.jackson.databind.node.ArrayNode domain) {
        return records(api.call(OdooCall.searchRead(MODEL, domain, FIELDS, null, 0, "id asc", false)));
    }

    /** The categories of a {@code search_read} answer, put in the tree. */
    private List<JsonNode> records(JsonNode answer) {
        if (!answer.isArray()) {
            throw failures.protocol(MODEL + ".search_read answered " + answer.getNodeType() + " instead of a list of categories");
        }
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode record : answer) {
            if (!record.isObject() || !record.path("id").isIntegralNumber() || record.path("id").asLong() <= 0
                    || !record.path("name").isTextual()) {
                throw failures.protocol(MODEL + ".search_read answered a category without id or name: " + abbreviate(record));
            }
            JsonNode parent = record.get("parent_id");
            long parentId;
            if (parent == null || parent.isNull() || (parent.isBoolean() && !parent.asBoolean())) {
                parentId = CategoryTree.TOP;
            } else {
                parentId = OdooValues.many2oneId(parent).filter(id -> id > 0).orElseThrow(() -> failures.protocol(MODEL
                        + ".search_read: category " + record.get("id").asLong() + " has a parent_id that is no record: "
                        + abbreviate(parent)));
            }
            tree.put(new CategoryTree.Node(record.get("id").asLong(), record.get("name").asText().strip(), parentId));
            records.add(record);
        }
        return records;
    }

    private void expire() {
        Instant now = clock.instant();
        if (since == null || since.plus(MAX_AGE).isBefore(now)) {
            tree.clear();
            listed.clear();
            rootId = null;
            loaded = false;
            since = now;
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
