package com.wooodoo.sync.sandbox.woocommerce;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which WooCommerce REST route a request is for: {@code /wp-json/wc/v3/<resource>},
 * {@code .../<resource>/<id>} or {@code .../<resource>/batch}, with the methods WordPress
 * registers for each.
 */
record WooRoute(WooResource resource, Kind kind, long id, String method) {

    static final String API_PREFIX = "/wp-json/wc/v3/";

    enum Kind { LIST, CREATE, READ, UPDATE, DELETE, BATCH }

    private static final Set<String> EDITABLE = Set.of("POST", "PUT", "PATCH");

    static Optional<WooRoute> match(String method, String path, Map<String, WooResource> resources) {
        if (!path.startsWith(API_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = path.substring(API_PREFIX.length()).replaceAll("/+$", "").split("/");
        WooResource resource = resources.get(parts[0]);
        if (resource == null || parts.length > 2) {
            return Optional.empty();
        }
        if (parts.length == 1) {
            return switch (method) {
                case "GET" -> Optional.of(new WooRoute(resource, Kind.LIST, 0, method));
                case "POST" -> Optional.of(new WooRoute(resource, Kind.CREATE, 0, method));
                default -> Optional.empty();
            };
        }
        if (parts[1].equals("batch")) {
            return EDITABLE.contains(method) ? Optional.of(new WooRoute(resource, Kind.BATCH, 0, method)) : Optional.empty();
        }
        if (!parts[1].matches("\\d{1,18}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(parts[1]);
        if (method.equals("GET")) {
            return Optional.of(new WooRoute(resource, Kind.READ, id, method));
        }
        if (method.equals("DELETE")) {
            return Optional.of(new WooRoute(resource, Kind.DELETE, id, method));
        }
        return EDITABLE.contains(method) ? Optional.of(new WooRoute(resource, Kind.UPDATE, id, method)) : Optional.empty();
    }

    /** The kind of call in the simulator's stats: {@code GET customers}, {@code POST customers/batch}, ... */
    String statsName() {
        return method + " " + resource.name() + switch (kind) {
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
