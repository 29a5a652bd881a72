package com.wooodoo.sync.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.EntityType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page read from the records as stored (walked in id order, or only the included ones) gives
 * what filtering and sorting a copy of every record gives.
 */
class WooListRequestTest {

    private final Random random = new Random(11);
    private final WooStore store = new WooStore();
    private final WooCustomers customers = new WooCustomers(store);
    private final WooProducts products = new WooProducts(store, () -> "http://127.0.0.1");

    @Test
    void pagesOfCustomersAreThoseOfASortedCopyOfEveryRecord() {
        for (int i = 0; i < 250; i++) {
            customers.seed(42);
        }
        for (int i = 0; i < 40; i++) {
            long id = 2 + random.nextInt(250);
            if (store.get(EntityType.CUSTOMERS, id).isPresent()) {
                customers.update(id, store.get(EntityType.CUSTOMERS, id).get().objectNode().put("first_name", "Zed"), false,
                        Instant.parse("2025-01-01T00:00:00Z"));
            }
            store.remove(EntityType.CUSTOMERS, 2 + random.nextInt(250));
        }
        for (long id : new long[] {1, 7, 1000}) { // records put under ids before, between and after the others
            ObjectNode planted = store.inIdOrder(EntityType.CUSTOMERS).get(3).deepCopy();
            store.put(EntityType.CUSTOMERS, planted.put("id", id).put("email", "planted" + id + "@example.com"));
        }
        List<String> emails = store.inIdOrder(EntityType.CUSTOMERS).stream().map(c -> c.path("email").asText()).toList();
        for (int i = 0; i < 2000; i++) {
            Map<String, String> query = paging(List.of("id", "include", "name", "registered_date"));
            switch (random.nextInt(6)) {
                case 0 -> query.put("email", emails.get(random.nextInt(emails.size())).toUpperCase());
                case 1 -> query.put("search", random.nextBoolean() ? "zed" : "@example");
                case 2 -> query.put("role", random.nextBoolean() ? "all" : "administrator");
                default -> { }
            }
            compare(customers, query);
        }
    }

    @Test
    void pagesOfProductsAreThoseOfASortedCopyOfEveryRecord() {
        for (int i = 0; i < 150; i++) {
            products.seed(42);
        }
        for (int i = 0; i < 20; i++) {
            store.get(EntityType.PRODUCTS, 11 + random.nextInt(150)).ifPresent(p -> {
                ObjectNode trashed = p.deepCopy();
                trashed.put("status", "trash");
                store.put(EntityType.PRODUCTS, trashed);
            });
        }
        for (int i = 0; i < 1000; i++) {
            Map<String, String> query = paging(List.of("id", "include", "date", "modified", "title", "price"));
            if (random.nextInt(3) == 0) {
                query.put("modified_after", "2023-01-02T09:00:00");
            }
            compare(products, query);
        }
    }

    private Map<String, String> paging(List<String> orderings) {
        Map<String, String> query = new HashMap<>();
        query.put("page", String.valueOf(1 + random.nextInt(random.nextBoolean() ? 3 : 30)));
        query.put("per_page", String.valueOf(1 + random.nextInt(random.nextBoolean() ? 100 : 12)));
        query.put("orderby", orderings.get(random.nextInt(orderings.size())));
        if (random.nextBoolean()) {
            query.put("order", random.nextBoolean() ? "asc" : "desc");
        }
        if (random.nextInt(4) == 0) {
            query.put("include", ids(1 + random.nextInt(12)));
        }
        if (random.nextInt(4) == 0) {
            query.put("exclude", ids(1 + random.nextInt(40)));
        }
        return query;
    }

    private String ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.valueOf(1 + random.nextInt(260)));
        }
        return String.join(",", ids);
    }

    private void compare(WooResource resource, Map<String, String> query) {
        WooListRequest request = WooListRequest.parse(query, resource);
        List<ObjectNode> matching = store.all(resource.type()).stream().filter(request::matches).sorted(request.order()).toList();
        WooListRequest.Page page = request.select(store.inIdOrder(resource.type()), id -> store.get(resource.type(), id).orElse(null));
        assertThat(page.total()).as("total of %s", query).isEqualTo(matching.size());
        assertThat(page.records()).as("page of %s", query).containsExactlyElementsOf(request.pageOf(matching));
    }
}
