package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.support.ImportedOrders;
import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Full syncs of a few thousand records in each direction: they end {@code done} with every record
 * counted, the target holds exactly one record per source record, equal to it in every field the
 * mappings in {@code config/mappings/} write (references pointing at the linked customer and
 * products), and a second full sync finds everything unchanged and sends the target no write at all.
 *
 * <p>The target is compared with the source as each simulator stores it (not through the
 * connectors under test). Fields the target system computes itself are not written, so not
 * compared: a WooCommerce order's number and creation date, a WooCommerce line's price (both
 * systems price a line from its product here, so the prices are compared anyway).
 */
class FullSyncAtScaleTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";
    private static final String ALL = "[\"customers\",\"products\",\"orders\"]";
    private static final String FULL = "{\"interBatchDelayMs\":0,\"mode\":\"full\"}";
    private static final int CUSTOMERS = 2_000;
    private static final int PRODUCTS = 300;
    private static final int ORDERS = 500;
    private static final int TOTAL = CUSTOMERS + PRODUCTS + ORDERS;

    @Test
    void odooToWooCommerceCopiesEveryRecordOnceAndASecondRunWritesNothing() {
        odoo.seed(EntityType.CUSTOMERS, CUSTOMERS);
        odoo.seed(EntityType.PRODUCTS, PRODUCTS);
        odoo.seed(EntityType.ORDERS, ORDERS); // every Odoo sales order has a customer: no guest orders
        woo.resetStats();
        odoo.resetStats();

        JsonNode first = runToEnd(startSync(ODOO_TO_WOO, ALL, FULL));

        assertFinishedDone(first, TOTAL);
        assertThat(batchTotals(first)).as("what the batches did").containsEntry("created", (long) TOTAL)
                .containsEntry("updated", 0L).containsEntry("unchanged", 0L).containsEntry("conflicts", 0L);
        assertThat(odoo.stats().keySet()).as("the source is only read").noneMatch(FullSyncAtScaleTest::isOdooWrite);
        assertWooCommerceEqualsOdoo();

        woo.resetStats();
        odoo.resetStats();
        JsonNode second = runToEnd(startSync(ODOO_TO_WOO, ALL, FULL));

        assertFinishedDone(second, TOTAL);
        assertThat(batchTotals(second)).as("what the batches did").containsEntry("unchanged", (long) TOTAL)
                .containsEntry("created", 0L).containsEntry("updated", 0L).containsEntry("conflicts", 0L);
        assertThat(woo.stats()).as("requests WooCommerce received").isNotEmpty()
                .allSatisfy((kind, count) -> assertThat(kind).startsWith("GET "));
        assertThat(odoo.stats().keySet()).noneMatch(FullSyncAtScaleTest::isOdooWrite);
        assertWooCommerceEqualsOdoo();
    }

    @Test
    void wooCommerceToOdooCopiesEveryRecordOnceAndASecondRunWritesNothing() {
        woo.seed(EntityType.CUSTOMERS, CUSTOMERS);
        woo.seed(EntityType.PRODUCTS, PRODUCTS);
        woo.seedCustomerOrders(ORDERS); // orders of customers, compared field by field (guests: OrdersToTheCentTest)
        int imported = importedWooOrders().size(); // the others (pending) are left out by config/mappings/orders.yaml
        assertThat(imported).as("orders of every status are seeded").isLessThan(ORDERS);
        int total = CUSTOMERS + PRODUCTS + imported;
        woo.resetStats();
        odoo.resetStats();

        JsonNode first = runToEnd(startSync(WOO_TO_ODOO, ALL, FULL));

        assertFinishedDone(first, total);
        assertThat(batchTotals(first)).as("what the batches did").containsEntry("created", (long) total)
                .containsEntry("updated", 0L).containsEntry("unchanged", 0L).containsEntry("conflicts", 0L);
        assertThat(woo.stats()).as("the source is only read").allSatisfy((kind, count) -> assertThat(kind).startsWith("GET "));
        assertOdooEqualsWooCommerce();

        woo.resetStats();
        odoo.resetStats();
        JsonNode second = runToEnd(startSync(WOO_TO_ODOO, ALL, FULL));

        assertFinishedDone(second, total);
        assertThat(batchTotals(second)).as("what the batches did").containsEntry("unchanged", (long) total)
                .containsEntry("created", 0L).containsEntry("updated", 0L).containsEntry("conflicts", 0L);
        assertThat(odoo.stats()).as("requests Odoo received").isNotEmpty();
        assertThat(odoo.stats().keySet()).as("requests Odoo received").noneMatch(FullSyncAtScaleTest::isOdooWrite);
        assertThat(woo.stats()).allSatisfy((kind, count) -> assertThat(kind).startsWith("GET "));
        assertOdooEqualsWooCommerce();
    }

    // ---- Odoo → WooCommerce -------------------------------------------------------------------

    private void assertWooCommerceEqualsOdoo() {
        Map<Long, String> countryCodes = countryCodes();
        Map<String, JsonNode> customersByEmail = uniqueBy(woo.customers(), c -> lower(c.path("email").asText()), "customers by e-mail");
        Map<String, JsonNode> productsBySku = uniqueBy(woo.products(), p -> lower(p.path("sku").asText()), "products by SKU");
        Map<Long, JsonNode> wooCustomers = byId(woo.customers());
        Map<Long, JsonNode> wooProducts = byId(woo.products());
        Map<Long, JsonNode> wooOrders = byId(woo.orders());
        List<JsonNode> partners = contacts();
        List<JsonNode> odooProducts = goods();
        List<JsonNode> odooOrders = odoo.records("sale.order");
        assertThat(partners).hasSize(CUSTOMERS);
        assertThat(odooProducts).hasSize(PRODUCTS);
        assertThat(odooOrders).hasSize(ORDERS);
        assertThat(wooCustomers).hasSize(CUSTOMERS);
        assertThat(wooProducts).hasSize(PRODUCTS);
        assertThat(wooOrders).hasSize(ORDERS);

        Map<String, String> wooCustomerOfPartner = links("customers", "odoo_id", "woocommerce_id");
        Map<String, String> wooProductOfProduct = links("products", "odoo_id", "woocommerce_id");
        assertThat(wooCustomerOfPartner).hasSize(CUSTOMERS);
        assertThat(wooProductOfProduct).hasSize(PRODUCTS);

        Mismatches diff = new Mismatches();
        Map<Long, JsonNode> partnersById = new HashMap<>();
        for (JsonNode partner : partners) {
            partnersById.put(partner.get("id").asLong(), partner);
            String where = "res.partner " + partner.get("id").asLong();
            JsonNode customer = customersByEmail.get(lower(odooText(partner, "email")));
            if (customer == null) {
                diff.add(where + ": no WooCommerce customer with e-mail " + odooText(partner, "email"));
                continue;
            }
            diff.check(where, "link", wooCustomerOfPartner.get(partner.get("id").asText()), customer.get("id").asText());
            diff.check(where, "email", odooText(partner, "email"), wooText(customer, "email"));
            diff.check(where, "name", odooText(partner, "name"), joined(wooText(customer, "first_name"), wooText(customer, "last_name")));
            JsonNode billing = customer.path("billing");
            diff.check(where, "company", odooText(partner, "company_name"), wooText(billing, "company"));
            diff.check(where, "phone", odooText(partner, "phone"), wooText(billing, "phone"));
            diff.check(where, "street", odooText(partner, "street"), wooText(billing, "address_1"));
            diff.check(where, "street2", odooText(partner, "street2"), wooText(billing, "address_2"));
            diff.check(where, "city", odooText(partner, "city"), wooText(billing, "city"));
            diff.check(where, "zip", odooText(partner, "zip"), wooText(billing, "postcode"));
            diff.check(where, "country", countryCodes.get(many2one(partner, "country_id")), wooText(billing, "country"));
        }
        Map<Long, JsonNode> odooProductsById = new HashMap<>();
        for (JsonNode product : odooProducts) {
            odooProductsById.put(product.get("id").asLong(), product);
            String where = "product.product " + product.get("id").asLong();
            JsonNode wooProduct = productsBySku.get(lower(odooText(product, "default_code")));
            if (wooProduct == null) {
                diff.add(where + ": no WooCommerce product with SKU " + odooText(product, "default_code"));
                continue;
            }
            diff.check(where, "link", wooProductOfProduct.get(product.get("id").asText()), wooProduct.get("id").asText());
            diff.check(where, "sku", odooText(product, "default_code"), wooText(wooProduct, "sku"));
            diff.check(where, "name", odooText(product, "name"), wooText(wooProduct, "name"));
            diff.checkDecimal(where, "price", product.get("list_price"), wooProduct.get("regular_price"));
            diff.check(where, "description", odooText(product, "description_sale"), wooText(wooProduct, "short_description"));
        }

        // WooCommerce numbers its orders itself, so an Odoo order's WooCommerce order is the one it is linked to
        Map<String, String> wooOrderOfOdooOrder = links("orders", "odoo_id", "woocommerce_id");
        assertThat(wooOrderOfOdooOrder).hasSize(ORDERS);
        assertThat(new HashSet<>(wooOrderOfOdooOrder.values())).as("distinct linked WooCommerce orders").hasSize(ORDERS);
        Map<Long, List<JsonNode>> odooLines = linesByOrder();
        for (JsonNode order : odooOrders) {
            long id = order.get("id").asLong();
            String where = "sale.order " + id;
            String wooId = wooOrderOfOdooOrder.get(String.valueOf(id));
            JsonNode wooOrder = wooId == null ? null : wooOrders.get(Long.parseLong(wooId));
            if (wooOrder == null) {
                diff.add(where + ": linked to WooCommerce order " + wooId + ", which does not exist");
                continue;
            }
            JsonNode customer = wooCustomers.get(wooOrder.path("customer_id").asLong());
            diff.check(where, "customer", wooCustomerOfPartner.get(String.valueOf(many2one(order, "partner_id"))),
                    wooOrder.path("customer_id").asText());
            diff.check(where, "customer's e-mail", odooText(partnersById.get(many2one(order, "partner_id")), "email"),
                    customer == null ? null : wooText(customer, "email"));
            diff.check(where, "note", odooText(order, "note"), wooText(wooOrder, "customer_note"));
            List<JsonNode> lines = odooLines.getOrDefault(id, List.of());
            JsonNode wooLines = wooOrder.path("line_items");
            if (lines.size() != wooLines.size()) {
                diff.add(where + ": " + lines.size() + " lines in Odoo, " + wooLines.size() + " in WooCommerce");
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = lines.get(i);
                JsonNode wooLine = wooLines.get(i);
                String at = where + " line " + (i + 1);
                JsonNode wooProduct = wooProducts.get(wooLine.path("product_id").asLong());
                diff.check(at, "product", wooProductOfProduct.get(String.valueOf(many2one(line, "product_id"))),
                        wooLine.path("product_id").asText());
                diff.check(at, "product's SKU", odooText(odooProductsById.get(many2one(line, "product_id")), "default_code"),
                        wooProduct == null ? null : wooText(wooProduct, "sku"));
                diff.checkDecimal(at, "quantity", line.get("product_uom_qty"), wooLine.get("quantity"));
                diff.checkDecimal(at, "unit price", line.get("price_unit"), wooLine.get("price"));
            }
        }
        diff.assertNone();
    }

    // ---- WooCommerce → Odoo -------------------------------------------------------------------

    private void assertOdooEqualsWooCommerce() {
        Map<Long, String> countryCodes = countryCodes();
        List<JsonNode> partners = contacts();
        List<JsonNode> odooProducts = goods();
        List<JsonNode> odooOrders = odoo.records("sale.order");
        assertThat(partners).hasSize(CUSTOMERS);
        assertThat(odooProducts).hasSize(PRODUCTS);
        assertThat(odooOrders).hasSize(importedWooOrders().size());
        Map<String, JsonNode> partnersByEmail = uniqueBy(partners, p -> lower(odooText(p, "email")), "contacts by e-mail");
        Map<String, JsonNode> productsByCode = uniqueBy(odooProducts, p -> lower(odooText(p, "default_code")), "products by internal reference");
        Map<String, JsonNode> ordersByRef = uniqueBy(odooOrders, o -> odooText(o, "client_order_ref"), "sales orders by customer reference");
        Map<Long, JsonNode> partnersById = byId(partners);
        Map<Long, JsonNode> odooProductsById = byId(odooProducts);
        Map<Long, JsonNode> wooCustomers = byId(woo.customers());
        Map<Long, JsonNode> wooProducts = byId(woo.products());
        List<JsonNode> wooOrders = importedWooOrders();
        assertThat(wooCustomers).hasSize(CUSTOMERS);
        assertThat(wooProducts).hasSize(PRODUCTS);
        assertThat(woo.orders()).hasSize(ORDERS);

        Map<String, String> partnerOfCustomer = links("customers", "woocommerce_id", "odoo_id");
        Map<String, String> productOfWooProduct = links("products", "woocommerce_id", "odoo_id");
        Map<String, String> orderOfWooOrder = links("orders", "woocommerce_id", "odoo_id");
        assertThat(partnerOfCustomer).hasSize(CUSTOMERS);
        assertThat(productOfWooProduct).hasSize(PRODUCTS);
        assertThat(orderOfWooOrder).hasSize(wooOrders.size());

        Mismatches diff = new Mismatches();
        for (JsonNode customer : wooCustomers.values()) {
            String where = "customer " + customer.get("id").asLong();
            JsonNode partner = partnersByEmail.get(lower(wooText(customer, "email")));
            if (partner == null) {
                diff.add(where + ": no Odoo contact with e-mail " + wooText(customer, "email"));
                continue;
            }
            diff.check(where, "link", partnerOfCustomer.get(customer.get("id").asText()), partner.get("id").asText());
            JsonNode billing = customer.path("billing");
            diff.check(where, "email", wooText(customer, "email"), odooText(partner, "email"));
            diff.check(where, "name", joined(wooText(customer, "first_name"), wooText(customer, "last_name")), odooText(partner, "name"));
            diff.check(where, "company", wooText(billing, "company"), odooText(partner, "company_name"));
            diff.check(where, "phone", wooText(billing, "phone"), odooText(partner, "phone"));
            diff.check(where, "street", wooText(billing, "address_1"), odooText(partner, "street"));
            diff.check(where, "street2", wooText(billing, "address_2"), odooText(partner, "street2"));
            diff.check(where, "city", wooText(billing, "city"), odooText(partner, "city"));
            diff.check(where, "zip", wooText(billing, "postcode"), odooText(partner, "zip"));
            diff.check(where, "country", wooText(billing, "country"), countryCodes.get(many2one(partner, "country_id")));
        }
        for (JsonNode product : wooProducts.values()) {
            String where = "product " + product.get("id").asLong();
            JsonNode odooProduct = productsByCode.get(lower(wooText(product, "sku")));
            if (odooProduct == null) {
                diff.add(where + ": no Odoo product with internal reference " + wooText(product, "sku"));
                continue;
            }
            diff.check(where, "link", productOfWooProduct.get(product.get("id").asText()), odooProduct.get("id").asText());
            diff.check(where, "sku", wooText(product, "sku"), odooText(odooProduct, "default_code"));
            diff.check(where, "name", wooText(product, "name"), odooText(odooProduct, "name"));
            diff.checkDecimal(where, "price", product.get("regular_price"), odooProduct.get("list_price"));
            diff.check(where, "description", wooText(product, "short_description"), odooText(odooProduct, "description_sale"));
        }
        Map<Long, List<JsonNode>> odooLines = linesByOrder();
        for (JsonNode order : wooOrders) {
            String where = "order " + order.get("id").asLong();
            JsonNode odooOrder = ordersByRef.get(wooText(order, "number"));
            if (odooOrder == null) {
                diff.add(where + ": no Odoo sales order with customer reference " + wooText(order, "number"));
                continue;
            }
            diff.check(where, "link", orderOfWooOrder.get(order.get("id").asText()), odooOrder.get("id").asText());
            JsonNode customer = wooCustomers.get(order.path("customer_id").asLong());
            diff.check(where, "customer", partnerOfCustomer.get(order.path("customer_id").asText()),
                    String.valueOf(many2one(odooOrder, "partner_id")));
            diff.check(where, "customer's e-mail", customer == null ? null : wooText(customer, "email"),
                    odooText(partnersById.get(many2one(odooOrder, "partner_id")), "email"));
            if (odooText(odooOrder, "state").equals("draft")) {
                // Odoo's rule: a confirmed order's date is the day it was confirmed
                diff.check(where, "ordered at", wooText(order, "date_created_gmt").replace('T', ' '), odooText(odooOrder, "date_order"));
            }
            diff.check(where, "note", wooText(order, "customer_note"), odooText(odooOrder, "note"));
            JsonNode wooLines = order.path("line_items");
            List<JsonNode> lines = odooLines.getOrDefault(odooOrder.get("id").asLong(), List.of());
            if (lines.size() != wooLines.size()) {
                diff.add(where + ": " + wooLines.size() + " lines in WooCommerce, " + lines.size() + " in Odoo");
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                JsonNode wooLine = wooLines.get(i);
                JsonNode line = lines.get(i);
                String at = where + " line " + (i + 1);
                JsonNode wooProduct = wooProducts.get(wooLine.path("product_id").asLong());
                diff.check(at, "product", productOfWooProduct.get(wooLine.path("product_id").asText()),
                        String.valueOf(many2one(line, "product_id")));
                diff.check(at, "product's SKU", wooProduct == null ? null : wooText(wooProduct, "sku"),
                        odooText(odooProductsById.get(many2one(line, "product_id")), "default_code"));
                diff.checkDecimal(at, "quantity", wooLine.get("quantity"), line.get("product_uom_qty"));
                diff.checkDecimal(at, "unit price", wooLine.get("price"), line.get("price_unit"));
            }
        }
        diff.assertNone();
    }

    // ---- the sync -----------------------------------------------------------------------------

    private JsonNode runToEnd(String syncId) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> Set.of("done", "partial", "failed", "cancelled").contains(status(syncId)));
        return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
    }

    private static void assertFinishedDone(JsonNode report, int total) {
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/total").asInt()).as("total").isEqualTo(total);
        assertThat(report.at("/queue/processed").asInt()).as("processed").isEqualTo(total);
        assertThat(report.at("/queue/failed").asInt()).as("failed").isZero();
        assertThat(report.at("/queue/skipped").asInt()).as("skipped").isZero();
        assertThat(report.at("/queue/pending").asInt()).as("pending").isZero();
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as("conflicts").isZero();
        assertThat(report.at("/progress/percentComplete").asInt()).isEqualTo(100);
    }

    /** The created, updated, unchanged and conflict counts of a sync's batches, from its activity log. */
    private Map<String, Long> batchTotals(JsonNode report) {
        Map<String, Long> totals = new HashMap<>();
        for (String key : List.of("created", "updated", "unchanged", "conflicts")) {
            Long sum = jdbc.queryForObject("SELECT coalesce(sum((details ->> ?)::bigint), 0) FROM sync_activity_log "
                    + "WHERE org_id = ? AND sync_id = ?::uuid AND action = 'batch'", Long.class, key, orgId,
                    report.get("syncId").asText());
            totals.put(key, sum);
        }
        return totals;
    }

    private Map<String, String> links(String entity, String from, String to) {
        Map<String, String> links = new HashMap<>();
        jdbc.query("SELECT " + from + ", " + to + " FROM sync_record_link WHERE org_id = ? AND entity_type = ?",
                rs -> {
                    links.put(rs.getString(1), rs.getString(2));
                }, orgId, entity);
        return links;
    }

    private static boolean isOdooWrite(String kind) {
        return kind.endsWith(".create") || kind.endsWith(".write") || kind.endsWith(".unlink")
                || kind.endsWith("/create") || kind.endsWith("/write") || kind.endsWith("/unlink");
    }

    // ---- reading the simulators' records ------------------------------------------------------

    private static Map<Long, String> countryCodes() {
        Map<Long, String> codes = new HashMap<>();
        odoo.records("res.country").forEach(c -> codes.put(c.get("id").asLong(), c.get("code").asText()));
        return codes;
    }

    /** The lines of every sales order, by order id, in Odoo's order of lines. */
    /** The lines of goods by order (not shipping or fees, which the shop keeps apart from its line items). */
    private static Map<Long, List<JsonNode>> linesByOrder() {
        Map<Long, List<JsonNode>> lines = new HashMap<>();
        Set<Long> goods = goods().stream().map(p -> p.get("id").asLong()).collect(Collectors.toSet());
        odoo.records("sale.order.line").stream().filter(l -> goods.contains(many2one(l, "product_id")))
                .sorted(Comparator.comparingLong((JsonNode l) -> l.path("sequence").asLong()).thenComparingLong(l -> l.get("id").asLong()))
                .forEach(l -> lines.computeIfAbsent(many2one(l, "order_id"), k -> new ArrayList<>()).add(l));
        return lines;
    }

    private static Map<Long, JsonNode> byId(List<JsonNode> records) {
        Map<Long, JsonNode> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.get("id").asLong(), r));
        return byId;
    }

    /** The records by a key that must be unique: a duplicate fails the test. */
    private static Map<String, JsonNode> uniqueBy(List<JsonNode> records, Function<JsonNode, String> key, String what) {
        Map<String, JsonNode> byKey = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode record : records) {
            String k = key.apply(record);
            if (k == null || byKey.putIfAbsent(k, record) != null) {
                duplicates.add(String.valueOf(k));
            }
        }
        assertThat(duplicates).as("duplicate or missing keys of " + what).isEmpty();
        return byKey;
    }

    private static Long many2one(JsonNode record, String field) {
        JsonNode value = record == null ? null : record.get(field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            return null;
        }
        return value.get(0).asLong();
    }

    /** An Odoo value as text; Odoo answers {@code false} for an empty field. */
    private static String odooText(JsonNode record, String field) {
        JsonNode value = record == null ? null : record.get(field);
        if (value == null || value.isNull() || value.isBoolean() || value.asText().isEmpty()) {
            return null;
        }
        return value.asText();
    }

    /** A WooCommerce value as text; WooCommerce answers {@code ""} for an empty field. */
    private static String wooText(JsonNode record, String field) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        return value.asText();
    }

    private static String joined(String first, String last) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return name.isEmpty() ? null : name;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** Differences found field by field; reported together, the first ones in full. */
    private static final class Mismatches {
        private final List<String> found = new ArrayList<>();

        void add(String mismatch) {
            found.add(mismatch);
        }

        void check(String where, String field, String source, String target) {
            if (!Objects.equals(source, target)) {
                found.add(where + " " + field + ": source '" + source + "', target '" + target + "'");
            }
        }

        void checkDecimal(String where, String field, JsonNode source, JsonNode target) {
            BigDecimal a = decimal(source);
            BigDecimal b = decimal(target);
            if (a == null ? b != null : b == null || a.compareTo(b) != 0) {
                found.add(where + " " + field + ": source " + source + ", target " + target);
            }
        }

        private static BigDecimal decimal(JsonNode value) {
            if (value == null || value.isNull() || value.isBoolean() || value.asText().isEmpty()) {
                return null;
            }
            return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
        }

        void assertNone() {
            assertThat(found.subList(0, Math.min(found.size(), 25))).as(found.size() + " differences").isEmpty();
        }
    }

    private static List<JsonNode> importedWooOrders() {
        return ImportedOrders.of(woo.orders());
    }

    /** Odoo's partners that are contacts of their own, not the invoice or delivery address of one. */
    private static List<JsonNode> contacts() {
        return odoo.records("res.partner").stream().filter(p -> p.path("type").asText().equals("contact")).toList();
    }

    /** Odoo's products that are goods: not the shipping methods and fees of orders.yaml. */
    private static List<JsonNode> goods() {
        return odoo.records("product.product").stream().filter(p -> !p.path("type").asText().equals("service")).toList();
    }
}
