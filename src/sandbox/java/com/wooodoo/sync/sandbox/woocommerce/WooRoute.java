package com.wooodoo.sync.sandbox.woocommerce;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which WooCommerce REST route a request is for: {@code /wp-json/wc/v3/<resource>},
 * {@code .../<resource>/<id>} or {@code .../<resource>/batch}, with the methods WordPress
 * registers for each; and the shop's settings-like collections, which are not synced records
 * ({@code resource} null): {@code taxes}, {@code taxes/<id>}, {@code taxes/classes},
 * {@code coupons} and {@code coupons/<id>}.
 */
record WooRoute(WooResource resource, String collection, Kind kind, long id, String method) {

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
