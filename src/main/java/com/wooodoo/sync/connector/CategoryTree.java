package com.wooodoo.sync.connector;

import com.wooodoo.sync.connector.mapping.CategoryPath;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A system's product categories as far as they are known: each with its name and parent
 * ({@value #TOP} for a top-level one), so that a category's path of names and a child by name
 * under a parent can be found without a call. Not thread-safe: its owner synchronises.
 */
public final class CategoryTree {

    /** The parent of a top-level category. */
    public static final long TOP = 0;

    /** One category. {@code parent} is {@link #TOP} for a top-level one. */
    public record Node(long id, String name, long parent) {
    }

    private final Map<Long, Node> nodes = new HashMap<>();
    /** Parent id → name key → the lowest id of that name under it. */
    private final Map<Long, Map<String, Long>> children = new HashMap<>();

    public void put(Node node) {
        Node before = nodes.put(node.id(), node);
        if (before != null) {
            Map<String, Long> siblings = children.get(before.parent());
            if (siblings != null) {
                siblings.remove(CategoryPath.nameKey(before.name()), before.id());
            }
        }
        children.computeIfAbsent(node.parent(), p -> new HashMap<>())
                .merge(CategoryPath.nameKey(node.name()), node.id(), Math::min);
    }

    public Optional<Node> get(long id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public boolean contains(long id) {
        return nodes.containsKey(id);
    }

    public int size() {
        return nodes.size();
    }

    public void clear() {
        nodes.clear();
        children.clear();
    }

    /** The category named so (without case) under this parent, the lowest id if there are several. */
    public Optional<Node> child(long parent, String name) {
        Long id = children.getOrDefault(parent, Map.of()).get(CategoryPath.nameKey(name));
        return id == null ? Optional.empty() : Optional.ofNullable(nodes.get(id));
    }

    /** The ids of the ancestors of these categories (and theirs) that the tree does not hold. */
    public Set<Long> missingAncestors(Iterable<Long> ids) {
        Set<Long> missing = new LinkedHashSet<>();
        for (long id : ids) {
            Set<Long> seen = new java.util.HashSet<>();
            for (Node at = nodes.get(id); at != null && at.parent() != TOP && seen.add(at.id()); at = nodes.get(at.parent())) {
                if (!nodes.containsKey(at.parent())) {
                    missing.add(at.parent());
                }
            }
        }
        return missing;
    }

    /**
     * The nodes from the top-level category down to this one.
     *
     * @throws Malformed if the category or one of its parents is not in the tree, or the parents
     *                   form a cycle
     */
    public List<Node> chain(long id) {
        List<Node> chain = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        long at = id;
        while (at != TOP) {
            Node node = nodes.get(at);
            if (node == null) {
                throw new Malformed(chain.isEmpty() ? "category " + id + " is not in the list of categories"
                        : "category " + chain.get(chain.size() - 1).id() + " '" + chain.get(chain.size() - 1).name()
                        + "' has parent " + at + ", which is not in the list of categories");
            }
            if (!seen.add(at)) {
                throw new Malformed("the parents of category " + id + " form a cycle: "
                        + String.join(" → ", seen.stream().map(String::valueOf).toList()) + " → " + at);
            }
            chain.add(node);
            at = node.parent();
        }
        Collections.reverse(chain);
        return chain;
    }

    /** A tree that does not hold together (a parent missing, a cycle): the answers it was read from are wrong. */
    public static final class Malformed extends RuntimeException {
        public Malformed(String message) {
            super(message);
        }
    }
}
