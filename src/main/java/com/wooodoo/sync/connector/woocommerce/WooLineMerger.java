package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code line_items} of an order update. WooCommerce adds every posted line without an
 * {@code id} and removes a line posted with its {@code id} and quantity 0; sending the wanted
 * lines as they are would double them. So each wanted line takes the id of a current line with the
 * same product (first come, first served), and current lines left over are removed.
 */
final class WooLineMerger {

    private WooLineMerger() {
    }

    /**
     * @param current the order's lines as WooCommerce has them
     * @param wanted  the lines to end up with
     * @param keyPath the line field that pairs a wanted line with a current one ({@code product_id}); null pairs none
     */
    static ArrayNode merge(JsonNode current, ArrayNode wanted, String keyPath) {
        List<JsonNode> unpaired = new ArrayList<>();
        current.forEach(unpaired::add);
        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        for (JsonNode line : wanted) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            JsonNode partner = keyPath == null ? null : unpaired.stream()
                    .filter(c -> c.path(keyPath).asText().equals(line.path(keyPath).asText()))
                    .findFirst().orElse(null);
            if (partner != null) {
                unpaired.remove(partner);
                out.set("id", partner.get("id"));
            }
            out.setAll((ObjectNode) line);
            merged.add(out);
        }
        for (JsonNode leftover : unpaired) {
            merged.addObject().set("id", leftover.get("id"));
            ((ObjectNode) merged.get(merged.size() - 1)).put("quantity", 0);
        }
        return merged;
    }
}
