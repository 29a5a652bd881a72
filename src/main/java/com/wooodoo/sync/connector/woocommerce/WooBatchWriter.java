package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.WriteOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes items through {@code POST /<resource>/batch}, at most {@value #BATCH_LIMIT} items per
 * call (WooCommerce's limit for create, update and delete together). WooCommerce answers 200 and
 * reports each item in the order sent: the written record, or {@code {"id", "error"}}.
 *
 * <p>When a call fails as a whole: if it is the first call, nothing was written and the failure is
 * thrown (the write can be retried as a whole); after earlier calls succeeded, their outcomes are
 * kept and the items of this and the later calls fail with that failure, so no caller repeats a
 * write that already happened. (A call that timed out may still have been applied by the shop.)
 */
final class WooBatchWriter {

    static final int BATCH_LIMIT = 100;

    /** One item ready to send. {@code sku} is the product SKU it writes, if any (to recognise SKU errors). */
    record Item(int index, ObjectNode json, String sku) {
    }

    private final WooCommerceHttp http;

    WooBatchWriter(WooCommerceHttp http) {
        this.http = http;
    }

    /**
     * @param section  {@code create} or {@code update}
     * @param outcomes where each item's outcome is put, at its index
     * @param written  told of each written item with WooCommerce's answer for it
     */
    void write(String resource, String section, List<Item> items, WriteOutcome[] outcomes, BiConsumer<Item, JsonNode> written) {
        boolean anySent = false;
        for (int from = 0; from < items.size(); from += BATCH_LIMIT) {
            List<Item> chunk = items.subList(from, Math.min(items.size(), from + BATCH_LIMIT));
            List<JsonNode> results;
            try {
                results = send(resource, section, chunk);
            } catch (ConnectorException failure) {
                if (!anySent) {
                    throw failure;
                }
                items.subList(from, items.size()).forEach(item -> outcomes[item.index()] = WriteOutcome.failed(item.index(), failure));
                return;
            }
            anySent = true;
            for (int i = 0; i < chunk.size(); i++) {
                Item item = chunk.get(i);
                outcomes[item.index()] = outcome(item, results.get(i), written);
            }
        }
    }

    private List<JsonNode> send(String resource, String section, List<Item> chunk) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        chunk.forEach(item -> body.withArray(section).add(item.json()));
        JsonNode answer = http.post(resource + "/batch", body).body();
        JsonNode results = answer.path(section);
        if (!results.isArray() || results.size() != chunk.size()) {
            throw http.protocol("POST " + resource + "/batch: expected " + chunk.size() + " results under '" + section
                    + "', got " + (results.isArray() ? results.size() : "none"));
        }
        return List.copyOf(iterable(results));
    }

    private WriteOutcome outcome(Item item, JsonNode result, BiConsumer<Item, JsonNode> written) {
        JsonNode error = result.get("error");
        if (error != null && !error.isNull()) {
            return WriteOutcome.failed(item.index(), http.errors().ofItem(error, item.sku()));
        }
        if (!result.path("id").canConvertToExactIntegral() || result.path("id").asLong() <= 0) {
            return WriteOutcome.failed(item.index(), http.protocol("a batch result without error has no id: "
                    + String.valueOf(result).substring(0, Math.min(120, String.valueOf(result).length()))));
        }
        if (item.json().has("id") && result.get("id").asLong() != item.json().get("id").asLong()) {
            return WriteOutcome.failed(item.index(), http.protocol("the batch answered record " + result.get("id").asText()
                    + " for an update of " + item.json().get("id").asText()));
        }
        written.accept(item, result);
        return WriteOutcome.written(item.index(), result.get("id").asText());
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
