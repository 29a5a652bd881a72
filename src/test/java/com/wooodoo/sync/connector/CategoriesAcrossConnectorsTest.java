package com.wooodoo.sync.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wooodoo.sync.connector.mapping.CategoryPath;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.connector.mapping.MappingLoader;
import com.wooodoo.sync.connector.odoo.OdooConnector;
import com.wooodoo.sync.connector.woocommerce.WooCommerceConnector;
import com.wooodoo.sync.sandbox.odoo.OdooFixtures;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A product's category between the two connectors, on the simulators: a three-level tree of one
 * system becomes the same chain of categories in the other, each category created once however
 * many products share it, found again (without case) by a later write instead of made twice, and
 * read back as written. The category tree costs a call per sync, not per record or batch.
 */
class CategoriesAcrossConnectorsTest {

    private static final MappingCatalog MAPPINGS = new MappingCatalog(MappingLoader.loadAll(Path.of("config", "mappings")));
    private static final String KEY = "ck_categories";
    private static final String SECRET = "cs_categories";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WooCommerceSimulator shop;
    private OdooSimulator odoo;
    private DefaultCamelContext camel;
    private ProducerTemplate producer;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        shop = new WooCommerceSimulator(0, 5, KEY, SECRET).start();
        odoo = new OdooSimulator(0, 5, OdooFixtures.DATABASE, OdooFixtures.LOGIN, OdooFixtures.PASSWORD, OdooFixtures.API_KEY).start();
        camel = new DefaultCamelContext();
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        shop.close();
        odoo.close();
    }

    @Test
    void aShopTreeBecomesOdooCategoriesUnderAllEachCreatedOnce() {
        // Odoo already has "apparel" (lower case) under All: it is the shop's "Apparel"
        long apparelInOdoo = odoo.insert("product.category", Map.of("name", "apparel", "parent_id", 1));
        long apparel = wooCategory("Apparel", 0);
        long men = wooCategory("Men", apparel);
        long women = wooCategory("Women", apparel);
        long menShirts = wooCategory("Shirts", men);
        long womenShirts = wooCategory("Shirts", women);
        long[] leaves = {menShirts, womenShirts, men};
        for (int i = 0; i < 100; i++) {
            long category = leaves[i % leaves.length];
            String sku = "CAT-" + i;
            shop.insert(EntityType.PRODUCTS, p -> {
                p.put("sku", sku);
                p.putArray("categories").addObject().put("id", category).put("name", "x").put("slug", "x");
            });
        }
        shop.insert(EntityType.PRODUCTS, p -> {
            p.put("sku", "CAT-NONE");
            p.putArray("categories").addObject().put("id", 15).put("name", "Uncategorized").put("slug", "uncategorized");
        });
        WooCommerceConnector woo = woo();
        shop.resetStats();

        List<SyncRecord> products = readAllWoo(woo).stream().filter(r -> String.valueOf(r.fields().get("sku")).startsWith("CAT-"))
                .toList();

        assertThat(products).hasSize(101);
        assertThat(shop.stats().getOrDefault("GET products/categories", 0L)).as("the tree is read once for all pages").isEqualTo(1);
        Map<String, Object> categoryBySku = new HashMap<>();
        products.forEach(p -> categoryBySku.put(p.fields().get("sku").toString(), p.fields().get("category")));
        assertThat(categoryBySku).containsEntry("CAT-0", "Apparel > Men > Shirts").containsEntry("CAT-1", "Apparel > Women > Shirts")
                .containsEntry("CAT-2", "Apparel > Men").containsEntry("CAT-NONE", null);

        OdooConnector odooConnector = odoo();
        int categoriesBefore = odoo.count("product.category");
        odoo.resetStats();
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (int from = 0; from < products.size(); from += 50) {
            outcomes.addAll(odooConnector.create(EntityType.PRODUCTS, products.subList(from, Math.min(products.size(), from + 50))));
        }

        assertThat(outcomes).allMatch(WriteOutcome::succeeded);
        assertThat(odoo.count("product.category") - categoriesBefore).as("Men, Women and two Shirts; apparel found").isEqualTo(4);
        assertThat(odoo.stats().getOrDefault("execute_kw product.category.create", 0L))
                .as("one create per missing level, in the first batch only").isEqualTo(2);
        assertThat(odoo.stats().getOrDefault("execute_kw product.category.search_read", 0L))
                .as("all categories, once").isEqualTo(1);
        Map<String, String> odooPaths = completeNames();
        assertThat(odooPaths.values()).contains("All / apparel / Men / Shirts", "All / apparel / Women / Shirts", "All / apparel / Men");
        assertThat(odooPaths.values().stream().filter(n -> n.equalsIgnoreCase("All / Apparel"))).containsExactly("All / apparel");

        List<SyncRecord> readBack = odooConnector.readByIds(EntityType.PRODUCTS, outcomes.stream().map(o -> o.targetId().orElseThrow()).toList());
        Map<String, Object> backBySku = new HashMap<>();
        readBack.forEach(r -> backBySku.put(r.fields().get("sku").toString(), r.fields().get("category")));
        assertThat(backBySku).containsEntry("CAT-0", "apparel > Men > Shirts").containsEntry("CAT-NONE", null);
        categoryBySku.forEach((sku, path) -> assertThat(CategoryPath.same((String) path, (String) backBySku.get(sku)))
                .as("read back of %s", sku).isTrue());
        assertThat(odoo.record("product.product", Long.parseLong(outcomes.get(100).targetId().orElseThrow())).orElseThrow().path("categ_id").get(0).asLong())
                .as("no category is Odoo's root All").isEqualTo(1);

        // the next run (a new connector, as after a restart or a crash) finds every category again
        odoo.resetStats();
        List<WriteOutcome> again = odoo().create(EntityType.PRODUCTS, products.stream()
                .map(p -> withSku(p, p.fields().get("sku") + "-B")).toList());
        assertThat(again).allMatch(WriteOutcome::succeeded);
        assertThat(odoo.stats().getOrDefault("execute_kw product.category.create", 0L)).isZero();
        assertThat(odoo.count("product.category") - categoriesBefore).isEqualTo(4);
        assertThat(odoo.record("product.category", apparelInOdoo).orElseThrow().path("name").asText()).isEqualTo("apparel");
    }

    @Test
    void anOdooTreeBecomesShopCategoriesEachCreatedOnce() {
        long home = odoo.insert("product.category", Map.of("name", "Home", "parent_id", 1));
        long textiles = odoo.insert("product.category", Map.of("name", "Textiles", "parent_id", home));
        long cushions = odoo.insert("product.category", Map.of("name", "Cushions", "parent_id", textiles));
        long kitchen = odoo.insert("product.category", Map.of("name", "Kitchen", "parent_id", home));
        long[] categories = {cushions, textiles, kitchen, 1};
        for (int i = 0; i < 100; i++) {
            odoo.insert("product.product", Map.of("name", "Thing " + i, "default_code", "ODC-" + i, "list_price", 10 + i,
                    "categ_id", categories[i % categories.length]));
        }
        long homeInShop = wooCategory("home", 0); // the shop has "home" already: Odoo's "Home" is it
        int shopCategoriesBefore = shop.categories().size();
        OdooConnector odooConnector = odoo();
        odoo.resetStats();

        RecordPage page = odooConnector.readPage(EntityType.PRODUCTS, 1, 100, Optional.empty());

        assertThat(page.records()).hasSize(100);
        assertThat(odoo.stats().getOrDefault("execute_kw product.category.search_read", 0L))
                .as("all categories, once").isEqualTo(1);
        Map<String, Object> categoryBySku = new LinkedHashMap<>();
        page.records().forEach(r -> categoryBySku.put(r.fields().get("sku").toString(), r.fields().get("category")));
        assertThat(categoryBySku).containsEntry("ODC-0", "Home > Textiles > Cushions").containsEntry("ODC-1", "Home > Textiles")
                .containsEntry("ODC-2", "Home > Kitchen").containsEntry("ODC-3", null);
        odoo.resetStats();
        assertThat(odooConnector.readPage(EntityType.PRODUCTS, 1, 100, Optional.empty()).records()).hasSize(100);
        assertThat(odoo.stats().getOrDefault("execute_kw product.category.search_read", 0L)).as("known now").isZero();

        WooCommerceConnector woo = woo();
        shop.resetStats();
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (int from = 0; from < 100; from += 50) {
            outcomes.addAll(woo.create(EntityType.PRODUCTS, page.records().subList(from, from + 50)));
        }

        assertThat(outcomes).allMatch(WriteOutcome::succeeded);
        assertThat(shop.categories().size() - shopCategoriesBefore).as("Textiles, Kitchen, Cushions; home found").isEqualTo(3);
        assertThat(shop.stats().getOrDefault("POST products/categories/batch", 0L)).as("one batch per missing level").isEqualTo(2);
        assertThat(shop.stats().getOrDefault("POST products/categories", 0L)).isZero();
        assertThat(shop.stats().getOrDefault("GET products/categories", 0L)).isEqualTo(1);
        assertThat(shop.categories().stream().filter(c -> c.path("name").asText().equalsIgnoreCase("home"))).hasSize(1);

        List<SyncRecord> readBack = woo.readByIds(EntityType.PRODUCTS, outcomes.stream().map(o -> o.targetId().orElseThrow()).toList());
        assertThat(shop.stats().getOrDefault("GET products/categories", 0L)).as("what was created is known").isEqualTo(1);
        Map<String, Object> backBySku = new HashMap<>();
        readBack.forEach(r -> backBySku.put(r.fields().get("sku").toString(), r.fields().get("category")));
        assertThat(backBySku).containsEntry("ODC-0", "home > Textiles > Cushions").containsEntry("ODC-3", null);
        categoryBySku.forEach((sku, path) -> assertThat(CategoryPath.same((String) path, (String) backBySku.get(sku)))
                .as("read back of %s", sku).isTrue());
        JsonNode uncategorized = shop.record(EntityType.PRODUCTS, Long.parseLong(outcomes.get(3).targetId().orElseThrow())).orElseThrow();
        assertThat(uncategorized.path("categories").get(0).path("slug").asText()).as("created without category")
                .isEqualTo("uncategorized");

        // a new connector writes the same paths written in other case: nothing is created
        shop.resetStats();
        List<SyncRecord> shouting = page.records().stream().map(r -> withCategory(withSku(r, r.fields().get("sku") + "-B"),
                r.fields().get("category") == null ? null : r.fields().get("category").toString().toUpperCase())).toList();
        assertThat(woo().create(EntityType.PRODUCTS, shouting)).allMatch(WriteOutcome::succeeded);
        assertThat(shop.stats().getOrDefault("POST products/categories/batch", 0L)).isZero();
        assertThat(shop.categories().size() - shopCategoriesBefore).isEqualTo(3);
        assertThat(homeInShop).isPositive();
    }

    @Test
    void anUpdateWithoutCategoryLeavesTheShopsCategoriesAsTheyAre() {
        long music = wooCategory("Vinyl", 0);
        long id = shop.insert(EntityType.PRODUCTS, p -> {
            p.put("sku", "KEEP-1");
            p.putArray("categories").addObject().put("id", music).put("name", "Vinyl").put("slug", "vinyl");
        });
        SyncRecord none = new SyncRecord(EntityType.PRODUCTS, ExternalSystem.ODOO, "7",
                Map.of("sku", "KEEP-1", "name", "Kept"), null);

        assertThat(woo().update(EntityType.PRODUCTS, List.of(new TargetUpdate(String.valueOf(id), none))))
                .allMatch(WriteOutcome::succeeded);

        assertThat(shop.record(EntityType.PRODUCTS, id).orElseThrow().path("categories").get(0).path("id").asLong()).isEqualTo(music);
    }

    @Test
    void aCategoryMadeMeanwhileByOthersIsTakenNotDuplicated() {
        WooCommerceConnector woo = woo();
        long music = wooCategory("Vinyl", 0);
        shop.insert(EntityType.PRODUCTS, p -> {
            p.put("sku", "RACE-0");
            p.putArray("categories").addObject().put("id", music).put("name", "Vinyl").put("slug", "vinyl");
        });
        assertThat(readAllWoo(woo)).isNotEmpty(); // the connector has read the tree: no "Outdoor" in it
        long outdoor = wooCategory("Outdoor", 0); // someone makes it now

        List<WriteOutcome> outcomes = woo.create(EntityType.PRODUCTS, List.of(product("RACE-1", "outdoor > Tents")));

        assertThat(outcomes).allMatch(WriteOutcome::succeeded);
        assertThat(shop.categories().stream().filter(c -> c.path("name").asText().equalsIgnoreCase("outdoor"))).hasSize(1);
        JsonNode tents = shop.categories().stream().filter(c -> c.path("name").asText().equals("Tents")).findFirst().orElseThrow();
        assertThat(tents.path("parent").asLong()).isEqualTo(outdoor);
        assertThat(woo.readByIds(EntityType.PRODUCTS, List.of(outcomes.get(0).targetId().orElseThrow())).get(0).fields())
                .containsEntry("category", "Outdoor > Tents");
    }

    @Test
    void aPathWithAnEmptyLevelIsAValidationErrorNamingTheProductAndField() {
        SyncRecord broken = product("BROKEN-1", "Clothing >  > Shirts");
        SyncRecord fine = product("FINE-1", "Clothing > Shirts");

        List<WriteOutcome> toShop = woo().create(EntityType.PRODUCTS, List.of(broken, fine));
        List<WriteOutcome> toOdoo = odoo().create(EntityType.PRODUCTS, List.of(broken, fine));

        for (List<WriteOutcome> outcomes : List.of(toShop, toOdoo)) {
            assertThat(outcomes.get(1).succeeded()).isTrue();
            ConnectorException failure = outcomes.get(0).failure().orElseThrow();
            assertThat(failure.kind()).isEqualTo(FailureKind.VALIDATION);
            assertThat(failure.getMessage()).contains("BROKEN-1").contains("'category'").contains("empty level");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private WooCommerceConnector woo() {
        return new WooCommerceConnector(new WooCommerceSettings(URI.create(shop.baseUrl()), KEY, SECRET, HttpTimeouts.DEFAULTS),
                MAPPINGS, producer, JSON, Clock.systemUTC(), Duration.ofMinutes(30));
    }

    private OdooConnector odoo() {
        return new OdooConnector(new OdooSettings(URI.create(odoo.baseUrl()), OdooSettings.Protocol.JSONRPC, OdooFixtures.DATABASE,
                OdooFixtures.LOGIN, OdooFixtures.PASSWORD, HttpTimeouts.DEFAULTS), MAPPINGS, producer, JSON);
    }

    private static List<SyncRecord> readAllWoo(WooCommerceConnector woo) {
        List<SyncRecord> all = new ArrayList<>();
        RecordPage page;
        int n = 1;
        do {
            page = woo.readPage(EntityType.PRODUCTS, n++, 50, Optional.empty());
            all.addAll(page.records());
        } while (!page.isLast());
        return all;
    }

    private Map<Long, String> completeNamesById() {
        return odoo.records("product.category").stream()
                .collect(Collectors.toMap(c -> c.path("id").asLong(), c -> c.path("complete_name").asText()));
    }

    private Map<String, String> completeNames() {
        Map<String, String> names = new LinkedHashMap<>();
        completeNamesById().forEach((id, name) -> names.put(String.valueOf(id), name));
        return names;
    }

    /** A category made through the shop's API, as a shop manager would. */
    private long wooCategory(String name, long parent) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("parent", parent);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/wp-json/wc/v3/products/categories"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return JSON.readTree(response.body()).path("id").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SyncRecord product(String sku, String category) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("sku", sku);
        fields.put("name", "Product " + sku);
        fields.put("category", category);
        return new SyncRecord(EntityType.PRODUCTS, ExternalSystem.ODOO, sku, fields, null);
    }

    private static SyncRecord withSku(SyncRecord record, String sku) {
        Map<String, Object> fields = new HashMap<>(record.fields());
        fields.put("sku", sku);
        return new SyncRecord(record.type(), record.system(), record.id(), fields, record.modifiedAt());
    }

    private static SyncRecord withCategory(SyncRecord record, String category) {
        Map<String, Object> fields = new HashMap<>(record.fields());
        fields.put("category", category);
        return new SyncRecord(record.type(), record.system(), record.id(), fields, record.modifiedAt());
    }
}
