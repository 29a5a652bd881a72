package com.wooodoo.sync.sandbox.woocommerce;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which WooCommerce REST route a request is for: {@code /wp-json/wc/v3/<resource>},
 * {@code .../<resource>/<id>} or {@code .../<resource>/batch}, with the methods WordPress
 * registers for each; and the shop's settings-like collections, which are not synced records
 * ({@code resource} null): {@code taxes}, {@code taxes/<id>}, {@code taxes/classes},
 * {@code coupons} and {@code coupons/<id>}; and the product catalogue's collections, also with
 * {@code resource} null and the id of the record they belong to in {@code parent}:
 * {@code products/categories}, {@code products/attributes}, {@code products/attributes/<id>/terms}
 * and {@code products/<id>/variations}, each with {@code /<id>} and {@code /batch}.
 */
record WooRoute(WooResource resource, String collection, Kind kind, long id, String method, long parent) {

    static final String CATEGORIES = "products/categories";
    static final String ATTRIBUTES = "products/attributes";
    static final String TERMS = "products/attributes/{id}/terms";
    static final String VARIATIONS = "products/{id}/variations";

    WooRoute(WooResource resource, String collection, Kind kind, long id, String method) {
        this(resource, collection, kind, id, method, 0);
    }

    static final String API_PREFIX = "/wp-json/wc/v3/";
    static final String TAXES = "taxes";
    static final String TAX_CLASSES = "taxes/classes";
    static final String COUPONS = "coupons";

    enum Kind { LIST, CREATE, READ, UPDATE, DELETE, BATCH }

    private static final Set<String> EDITABLE = Set.of("POST", "PUT", "PATCH");

    static Optional<WooRoute> match(String method, String path, Map<String, WooResource> resources) {
        if (!path.startsWith(API_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = path.substring(API_PREFIX.length()).replaceAll("/+$", "").split("/");
        if (parts[0].equals(TAXES) || parts[0].equals(COUPONS)) {
            return matchSetting(method, parts);
        }
        if (parts[0].equals("products") && parts.length >= 2 && (parts[1].equals("categories") || parts[1].equals("attributes")
                || parts.length >= 3 && parts[2].equals("variations"))) {
            return matchCatalogue(method, parts);
        }
        WooResource resource = resources.get(parts[0]);
        if (resource == null || parts.length > 2) {
            return Optional.empty();
        }
        String name = resource.name();
        if (parts.length == 1) {
            return switch (method) {
                case "GET" -> Optional.of(new WooRoute(resource, name, Kind.LIST, 0, method));
                case "POST" -> Optional.of(new WooRoute(resource, name, Kind.CREATE, 0, method));
                default -> Optional.empty();
            };
        }
        if (parts[1].equals("batch")) {
            return EDITABLE.contains(method) ? Optional.of(new WooRoute(resource, name, Kind.BATCH, 0, method)) : Optional.empty();
        }
        if (!parts[1].matches("\\d{1,18}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(parts[1]);
        if (method.equals("GET")) {
            return Optional.of(new WooRoute(resource, name, Kind.READ, id, method));
        }
        if (method.equals("DELETE")) {
            return Optional.of(new WooRoute(resource, name, Kind.DELETE, id, method));
        }
        return EDITABLE.contains(method) ? Optional.of(new WooRoute(resource, name, Kind.UPDATE, id, method)) : Optional.empty();
    }

    /** Categories, attributes, terms and variations: list, create, batch, and read, update, delete one. */
    private static Optional<WooRoute> matchCatalogue(String method, String[] parts) {
        String collection;
        long parent = 0;
        int rest;
        if (parts[1].equals("categories")) {
            collection = CATEGORIES;
            rest = 2;
        } else if (parts[1].equals("attributes") && parts.length >= 4 && parts[3].equals("terms")) {
            if (!parts[2].matches("\\d{1,18}")) {
                return Optional.empty();
            }
            collection = TERMS;
            parent = Long.parseLong(parts[2]);
            rest = 4;
        } else if (parts[1].equals("attributes")) {
            collection = ATTRIBUTES;
            rest = 2;
        } else {
            if (!parts[1].matches("\\d{1,18}")) {
                return Optional.empty();
            }
            collection = VARIATIONS;
            parent = Long.parseLong(parts[1]);
            rest = 3;
        }
        if (parts.length == rest) {
            Kind kind = method.equals("GET") ? Kind.LIST : method.equals("POST") ? Kind.CREATE : null;
            return kind == null ? Optional.empty() : Optional.of(new WooRoute(null, collection, kind, 0, method, parent));
        }
        if (parts.length != rest + 1) {
            return Optional.empty();
        }
        if (parts[rest].equals("batch")) {
            return EDITABLE.contains(method) ? Optional.of(new WooRoute(null, collection, Kind.BATCH, 0, method, parent))
                    : Optional.empty();
        }
        if (!parts[rest].matches("\\d{1,18}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(parts[rest]);
        Kind kind = method.equals("GET") ? Kind.READ : method.equals("DELETE") ? Kind.DELETE
                : EDITABLE.contains(method) ? Kind.UPDATE : null;
        return kind == null ? Optional.empty() : Optional.of(new WooRoute(null, collection, kind, id, method, parent));
    }

    /** Whether the route is one of the product catalogue's collections. */
    boolean catalogue() {
        return resource == null && collection.startsWith("products/");
    }

    /** Tax rates and classes are read here; coupons are listed, read and created. */
    private static Optional<WooRoute> matchSetting(String method, String[] parts) {
        String name = parts[0];
        if (parts.length == 1) {
            if (method.equals("GET")) {
                return Optional.of(new WooRoute(null, name, Kind.LIST, 0, method));
            }
            return method.equals("POST") && name.equals(COUPONS)
                    ? Optional.of(new WooRoute(null, name, Kind.CREATE, 0, method)) : Optional.empty();
        }
        if (parts.length != 2 || !method.equals("GET")) {
            return Optional.empty();
        }
        if (name.equals(TAXES) && parts[1].equals("classes")) {
            return Optional.of(new WooRoute(null, TAX_CLASSES, Kind.LIST, 0, method));
        }
        if (!parts[1].matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(new WooRoute(null, name, Kind.READ, Long.parseLong(parts[1]), method));
    }

    /** The kind of call in the simulator's stats: {@code GET customers}, {@code POST customers/batch}, ... */
    String statsName() {
        return method + " " + collection + switch (kind) {
            case LIST, CREATE -> "";
            case BATCH -> "/batch";
            default -> "/{id}";
        };
    }

    /** WooCommerce's answer when the caller is not authenticated for this route. */
    WooApiException permissionDenied() {
        return switch (kind) {
            case LIST -> new WooApiException("woocommerce_rest_cannot_view", "Sorry, you cannot list resources.", 401);
            case READ -> new WooApiException("woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.", 401);
            case CREATE -> new WooApiException("woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.", 401);
            case UPDATE -> new WooApiException("woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.", 401);
            case DELETE -> new WooApiException("woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource.", 401);
            case BATCH -> new WooApiException("woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource.", 401);
        };
    }
}
