package com.wooodoo.sync.reliability;

import com.wooodoo.sync.support.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.Faults;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.HoldingOdooSimulator;
import com.wooodoo.sync.support.HoldingWooCommerceSimulator;
import com.wooodoo.sync.support.ImportedOrders;
import com.wooodoo.sync.support.ServiceProcess;
import com.wooodoo.sync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing lost, nothing doubled when the service is killed mid-sync (SIGKILL: no graceful stop,
 * no shutdown hook) and started again on the same database. The service runs in child JVMs; the
 * simulators run here, on loopback. Each test syncs 2,000 shop customers of an organisation of its
 * own and kills the service at another point of the work; the restarted service takes the sync
 * over once the dead runner's lease has run out and must end it {@code done}, with each customer
 * exactly once in Odoo, one link each, and counters that add up. Others sync orders, or variable
 * products (each variation or variant a product record of its own) in either direction, killed
 * while the target holds the answer of a write it has done: nothing the target made is made twice.
 *
 * <p>The children use a database of this class's own (not {@link TestDatabase}'s shared one),
 * so that their runners never claim syncs that other test classes left queued.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {

    private static final int CUSTOMERS = 2_000;
    private static final int BATCH = 50;
    private static final int BATCHES = CUSTOMERS / BATCH;
    private static final int LONG_RUN_CUSTOMERS = 5_000;
    private static final int LONG_RUN_KILLS = Integer.getInteger("crash.kills", 20);
    /** Records of each entity type in the long runs of the other entity types and directions: 40 batches. */
    private static final int LONG_RUN_RECORDS = 2_000;
    private static final Duration START_UP = Duration.ofSeconds(90);
    private static final Path LOGS = Path.of("target", "reliability");
    private static final int VARIABLE_PRODUCTS = 24;
    /** The template create held: one of a batch after the first, so that the batch's variants before it were written. */
    private static final int HELD_TEMPLATE = 10;
    /** The variations batch held: one of a batch after the first. */
    private static final int HELD_VARIATIONS = 10;
    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String ODOO_TO_WOO = "[\"odoo\",\"woocommerce\"]";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final List<String> ORGS = List.of("crash-" + RUN + "-a", "crash-" + RUN + "-b", "crash-" + RUN + "-c",
            "crash-" + RUN + "-d", "crash-" + RUN + "-e", "crash-" + RUN + "-f", "crash-" + RUN + "-g", "crash-" + RUN + "-h",
            "crash-" + RUN + "-i", "crash-" + RUN + "-j", "crash-" + RUN + "-k", "crash-" + RUN + "-l",
            "crash-" + RUN + "-m", "crash-" + RUN + "-n", "crash-" + RUN + "-o", "crash-" + RUN + "-p", "crash-" + RUN + "-q");
    private static final Map<String, String> TOKENS = new HashMap<>();

    private static HoldingWooCommerceSimulator woo;
    private static HoldingOdooSimulator odoo;
    private static String database;
    private static String databaseUrl;
    private static JdbcTemplate jdbc;
    private static ServiceProcess service;
    private static final List<ServiceProcess> started = new ArrayList<>();

    private HoldingOdooSimulator.Hold hold;
    private HoldingWooCommerceSimulator.Hold shopHold;
    private String testName;

    @BeforeAll
    static void startEverything() {
        woo = new HoldingWooCommerceSimulator(0, 11, "ck_test", "cs_test").start();
        odoo = new HoldingOdooSimulator(0, 11, "test", "admin", "odoo-password", "odoo-api-key").start();

        String shared = TestDatabase.url();
        database = "wooodoo_crash_" + RUN;
        String server = shared.substring(0, shared.lastIndexOf('/') + 1);
        execute(server + "postgres", "CREATE DATABASE " + database);
        databaseUrl = server + database;

        service = startService("initial");
        // the service created the schema (Flyway); organisations and tokens as the admin command makes them
        jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl + "?currentSchema=wooodoo", TestDatabase.USER,
                TestDatabase.PASSWORD));
        for (String org : ORGS) {
            TOKENS.put(org, Tenants.withToken(jdbc, org, "Crash test " + org, "crash-test"));
        }
    }

    @AfterAll
    static void stopEverything() {
        started.forEach(ServiceProcess::close);
        if (woo != null) {
            woo.close();
        }
        if (odoo != null) {
            odoo.close();
        }
        if (database != null) {
            String server = databaseUrl.substring(0, databaseUrl.lastIndexOf('/') + 1);
            try {
                execute(server + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // a left-over test database is harmless
            }
        }
    }

    @BeforeEach
    void freshShop(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        woo.reset();
        odoo.reset();
        woo.setFaults(Faults.NONE);
        odoo.setFaults(Faults.NONE);
        woo.seed(EntityType.CUSTOMERS, CUSTOMERS);
        if (service == null || !service.isAlive()) {
            service = startService(testName + "-fresh");
        }
    }

    @AfterEach
    void letGo() {
        if (hold != null) {
            hold.release();
        }
        if (shopHold != null) {
            shopHold.release();
        }
    }

    @Test
    @Order(1)
    void killedAfterSomeBatchesAndRestartedTheSyncEndsDoneWithEveryCustomerOnce() {
        String org = ORGS.get(0);
        ApiClient api = api(org);
        String syncId = startSync(api);
        await("some batches done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> batchesDone(syncId) >= 6);

        ServiceProcess killed = service;
        killed.kill();
        assertKilledMidSync(syncId);

        service = startService(testName + "-restarted");
        JsonNode report = awaitEnd(api(org), syncId);

        assertNothingLostNothingDoubled(org, syncId, report);
        assertRunBy(syncId, killed, service);
    }

    @Test
    @Order(2)
    void killedAfterOdooCreatedABatchButBeforeTheServiceKnewTheSyncEndsDoneWithoutDuplicates() {
        String org = ORGS.get(1);
        hold = odoo.holdAnswer("res.partner", "create", 8);
        String syncId = startSync(api(org));
        await("the 8th create has run in Odoo and its answer is held").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20)).until(hold::isHolding);

        ServiceProcess killed = service;
        killed.kill();
        hold.release();
        assertKilledMidSync(syncId);
        int createdInOdoo = odoo.count("res.partner");
        // the held batch, and those in flight with it (batches-in-flight), were written but not recorded
        assertThat(createdInOdoo - linkCount(org)).as("the held batch was written to Odoo but not recorded")
                .isGreaterThanOrEqualTo(BATCH);

        service = startService(testName + "-restarted");
        JsonNode report = awaitEnd(api(org), syncId);

        assertNothingLostNothingDoubled(org, syncId, report);
        assertRunBy(syncId, killed, service);
    }

    @Test
    @Order(3)
    void killedTwiceOnceRightAfterTheRestartTheSyncStillEndsDoneWithEveryCustomerOnce() {
        String org = ORGS.get(2);
        String syncId = startSync(api(org));
        await("some batches done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> batchesDone(syncId) >= 3);
        ServiceProcess first = service;
        first.kill();
        assertKilledMidSync(syncId);
        int atFirstKill = batchesDone(syncId);

        service = startService(testName + "-restarted-once");
        await("the restarted service goes on").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> batchesDone(syncId) >= atFirstKill + 2);
        ServiceProcess second = service;
        second.kill();
        assertKilledMidSync(syncId);

        service = startService(testName + "-restarted-twice");
        JsonNode report = awaitEnd(api(org), syncId);

        assertNothingLostNothingDoubled(org, syncId, report);
        assertRunBy(syncId, first, second, service);
    }

    @Test
    @Order(4)
    void killedWhileARetriedConflictWasBeingWrittenTheConflictStaysUnresolvedAndRetryingAgainWritesTheRecordOnce()
            throws Exception {
        String org = ORGS.get(3);
        long broken = woo.customers().get(100).get("id").asLong();
        woo.corrupt(EntityType.CUSTOMERS, broken, "email", new com.fasterxml.jackson.databind.node.TextNode(""));
        String syncId = startSync(api(org));
        JsonNode report = awaitEnd(api(org), syncId);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("partial");
        String conflictId = jdbc.queryForObject("SELECT conflict_id::text FROM sync_conflict WHERE sync_id = ?::uuid "
                + "AND conflict_type = 'ValidationError'", String.class, syncId);

        // the shop customer is fixed; retrying the conflict creates the contact, whose answer Odoo holds
        woo.corrupt(EntityType.CUSTOMERS, broken, "email", new com.fasterxml.jackson.databind.node.TextNode("fixed@example.com"));
        hold = odoo.holdAnswer("res.partner", "create", 1);
        ApiClient resolver = api(org);
        java.util.concurrent.CompletableFuture.runAsync(() -> resolver.post("{\"action\":\"resolve-conflict\",\"conflictId\":\""
                + conflictId + "\",\"resolution\":\"retry\"}"));
        await("Odoo has created the contact and holds the answer").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(hold::isHolding);
        service.kill();
        hold.release();

        assertThat(jdbc.queryForObject("SELECT resolution FROM sync_conflict WHERE conflict_id = ?::uuid", String.class,
                conflictId)).as("a resolution cut short by the kill is not kept").isNull();
        assertThat(partnersWith("fixed@example.com")).as("the contact was created before the kill").isEqualTo(1);

        service = startService(testName + "-restarted");
        // the killed resolution's claim holds until its lease runs out (3 s here); meanwhile a retry is refused
        ApiClient.Answer[] answer = new ApiClient.Answer[1];
        await("the killed resolution's claim runs out").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    answer[0] = api(org).post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId
                            + "\",\"resolution\":\"retry\"}");
                    assertThat(answer[0].status() == 200 || answer[0].raw().contains("is being resolved by another request"))
                            .as(answer[0].raw()).isTrue();
                    return answer[0].status() == 200;
                });
        ApiClient.Answer again = answer[0];
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.json().at("/conflict/resolution/outcome").asText()).as(again.raw()).isEqualTo("applied");
        assertThat(partnersWith("fixed@example.com")).as("found by its e-mail, not created twice").isEqualTo(1);
        assertThat(odoo.count("res.partner")).isEqualTo(CUSTOMERS);
        assertThat(linkCount(org)).isEqualTo(CUSTOMERS);
    }

    /**
     * The long run (Maven profile {@code reliability-long}, not in the normal build): a sync of
     * 5,000 customers killed at 20 random points (a fixed seed, printed), each kill followed by a
     * restart; it ends {@code done} with each customer once in Odoo and counters that add up.
     */
    @Test
    @Order(5)
    @org.junit.jupiter.api.Tag("long")
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void killedAtTwentyRandomPointsOfA5000CustomerSyncItEndsDoneWithEveryCustomerOnce() {
        String org = ORGS.get(4);
        woo.reset();
        woo.seed(EntityType.CUSTOMERS, LONG_RUN_CUSTOMERS);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        int batches = LONG_RUN_CUSTOMERS / BATCH;
        List<Integer> killPoints = random.ints(1, batches - 1).distinct().limit(LONG_RUN_KILLS).sorted().boxed().toList();
        System.out.printf("crash points (seed %d, -Dcrash.seed=%d repeats them): after batch %s%n", seed, seed, killPoints);

        String syncId = startSync(api(org));
        List<ServiceProcess> killed = new ArrayList<>();
        for (int point : killPoints) {
            await("batch " + point + " done (service log: " + service.log() + ")").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(10)).until(() -> batchesDone(syncId) >= point);
            killed.add(service);
            service.kill();
            service = startService(testName + "-after-" + point);
        }
        JsonNode report = awaitEnd(api(org), syncId);

        assertNothingLostNothingDoubled(org, syncId, report, LONG_RUN_CUSTOMERS);
        System.out.printf("%d kills, %d restarts: %s%n", killed.size(), killed.size(), report);
    }

    @Test
    @Order(6)
    void killedAfterOdooCreatedABatchOfOrdersTheSyncEndsDoneWithEveryOrderAndEveryGuestOnce() {
        String org = ORGS.get(5);
        woo.reset();
        woo.seed(EntityType.CUSTOMERS, 200);
        woo.seed(EntityType.PRODUCTS, 40);
        woo.seedOrderMix(300, 11);
        odoo.seedShopAccounting();
        List<JsonNode> imported = ImportedOrders.of(woo.orders());
        hold = odoo.holdAnswer("sale.order", "create", 3);
        String syncId = startSync(api(org), "orders");
        await("the 3rd batch of orders is created in Odoo and its answer held").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20)).until(hold::isHolding);

        ServiceProcess killed = service;
        killed.kill();
        hold.release();
        assertKilledMidSync(syncId);
        Integer linkedOrders = jdbc.queryForObject("SELECT count(*) FROM sync_record_link WHERE org_id = ? AND entity_type = 'orders'",
                Integer.class, org);
        assertThat(odoo.count("sale.order")).as("the held batch of orders was written to Odoo but not recorded")
                .isGreaterThan(linkedOrders);

        service = startService(testName + "-restarted");
        JsonNode report = awaitEnd(api(org), syncId);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        Map<String, Long> ordersByNumber = odoo.records("sale.order").stream()
                .collect(Collectors.groupingBy(o -> o.get("client_order_ref").asText(), Collectors.counting()));
        assertThat(ordersByNumber.entrySet()).as("orders created twice").filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(ordersByNumber.keySet()).as("every imported order, none missing")
                .containsExactlyInAnyOrderElementsOf(imported.stream().map(o -> o.get("number").asText()).toList());
        Map<String, Long> partnersByEmail = odoo.records("res.partner").stream()
                .filter(p -> p.get("type").asText().equals("contact") && p.get("email").isTextual())
                .collect(Collectors.groupingBy(p -> p.get("email").asText().toLowerCase(), Collectors.counting()));
        assertThat(partnersByEmail.entrySet()).as("customers and guests made twice").filteredOn(e -> e.getValue() > 1).isEmpty();
        for (JsonNode order : imported) {
            JsonNode odooOrder = odoo.records("sale.order").stream()
                    .filter(o -> o.get("client_order_ref").asText().equals(order.get("number").asText())).findFirst().orElseThrow();
            assertThat(new java.math.BigDecimal(odooOrder.get("amount_total").asText())).as("order " + order.get("number"))
                    .isEqualByComparingTo(order.get("total").asText());
        }
        assertRunBy(syncId, killed, service);
    }

    @Test
    @Order(7)
    void killedAfterOdooMadeTheVariantsOfABatchButBeforeTheServiceKnewEachVariationIsOneVariantOfOneTemplate() {
        String org = ORGS.get(6);
        woo.reset();
        List<Long> parents = woo.seedVariableProducts(VARIABLE_PRODUCTS, 7);
        Map<String, String> parentBySku = new HashMap<>(); // a variation's own SKU (lower case) → its product's name
        int variations = 0;
        int withoutSku = 0;
        for (long parent : parents) {
            JsonNode product = woo.record(EntityType.PRODUCTS, parent).orElseThrow();
            for (JsonNode variation : woo.variations(parent)) {
                variations++;
                String sku = variation.get("sku").asText("");
                if (sku.isBlank() || sku.equalsIgnoreCase(product.get("sku").asText(""))) {
                    withoutSku++; // shows its parent's SKU: has none of its own
                } else {
                    parentBySku.put(sku.toLowerCase(Locale.ROOT), product.get("name").asText());
                }
            }
        }
        assertThat(withoutSku).as("the generated shop has variations without a SKU").isPositive();
        hold = odoo.holdAnswer("product.template", "create", HELD_TEMPLATE);
        String syncId = startSync(api(org), "products", WOO_TO_ODOO);
        await("the template of a later batch is created in Odoo and its answer held").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20)).until(hold::isHolding);

        ServiceProcess killed = service;
        killed.kill();
        hold.release();
        assertKilledMidSync(syncId, batchesOf(variations));
        String heldTemplate = hold.heldRequest().at("/params/args/5/0/0/name").asText(); // create's vals_list
        assertThat(templatesNamed(heldTemplate)).as("the held template was created in Odoo").isEqualTo(1);
        assertThat(linkCount(org, "products")).as("variants were written to Odoo but not recorded")
                .isLessThan(odooVariantsByCode().size());

        service = startService(testName + "-restarted");
        JsonNode report = awaitEnd(api(org), syncId);

        assertEndedPartialOnlyForRecordsWithoutKey(report, variations, withoutSku);
        Map<String, List<JsonNode>> variantsByCode = odooVariantsByCode();
        assertThat(variantsByCode.entrySet()).as("SKUs on two variants").filteredOn(e -> e.getValue().size() > 1).isEmpty();
        assertThat(variantsByCode.keySet()).as("each variation with a SKU a variant, none missing, none extra")
                .containsExactlyInAnyOrderElementsOf(parentBySku.keySet());
        Map<Long, JsonNode> templates = odoo.records("product.template").stream()
                .filter(t -> !t.get("type").asText().equals("service")).collect(Collectors.toMap(t -> t.get("id").asLong(), t -> t));
        variantsByCode.forEach((code, variants) -> assertThat(templates.get(variants.get(0).get("product_tmpl_id").get(0).asLong())
                .get("name").asText()).as(code + "'s template").isEqualTo(parentBySku.get(code)));
        assertThat(templates.values().stream().map(t -> t.get("name").asText().toLowerCase(Locale.ROOT)))
                .as("one template per variable product, none twice")
                .containsExactlyInAnyOrderElementsOf(parentBySku.values().stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList());
        assertThat(templatesNamed(heldTemplate)).as("the held template, found again by its name").isEqualTo(1);
        assertThat(odoo.records("product.attribute").stream().map(a -> a.get("name").asText().toLowerCase(Locale.ROOT)))
                .as("attributes made twice").doesNotHaveDuplicates();
        assertThat(odoo.records("product.attribute.value").stream()
                .map(v -> v.get("attribute_id").get(0).asText() + "|" + v.get("name").asText().toLowerCase(Locale.ROOT)))
                .as("attribute values made twice").doesNotHaveDuplicates();
        assertOneLinkEach(org, "odoo", parentBySku.size(), variantsByCode.values().stream().map(v -> v.get(0).get("id").asText()).toList());
        assertRunBy(syncId, killed, service);
    }

    @Test
    @Order(8)
    void killedAfterTheShopCreatedABatchOfVariationsButBeforeTheServiceKnewEachVariantIsOneVariationOfOneProduct() {
        String org = ORGS.get(7);
        woo.reset();
        List<Long> templateIds = odoo.seedVariableProducts(VARIABLE_PRODUCTS, 11);
        Map<Long, String> templateNames = odoo.records("product.template").stream()
                .collect(Collectors.toMap(t -> t.get("id").asLong(), t -> t.get("name").asText()));
        List<JsonNode> variants = odoo.records("product.product").stream()
                .filter(p -> templateIds.contains(p.get("product_tmpl_id").get(0).asLong()) && p.get("active").asBoolean()).toList();
        Map<String, String> templateByCode = new HashMap<>(); // a variant's internal reference (lower case) → its template's name
        variants.stream().filter(v -> v.get("default_code").isTextual()).forEach(v -> templateByCode.put(
                v.get("default_code").asText().toLowerCase(Locale.ROOT), templateNames.get(v.get("product_tmpl_id").get(0).asLong())));
        int uncoded = variants.size() - templateByCode.size();
        assertThat(uncoded).as("the generated Odoo has variants without an internal reference").isPositive();
        shopHold = woo.holdAnswer("POST", "products/\\d+/variations/batch", HELD_VARIATIONS);
        String syncId = startSync(api(org), "products", ODOO_TO_WOO);
        await("a later batch of variations is created in the shop and its answer held").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20)).until(shopHold::isHolding);

        ServiceProcess killed = service;
        killed.kill();
        shopHold.release();
        assertKilledMidSync(syncId, batchesOf(variants.size()));
        long heldParent = Long.parseLong(shopHold.heldRoute().split("/")[1]);
        assertThat(woo.variations(heldParent)).as("the held batch's variations were created in the shop")
                .anySatisfy(v -> assertThat(v.get("sku").asText())
                        .isEqualToIgnoringCase(shopHold.heldRequest().at("/create/0/sku").asText()));
        assertThat(linkCount(org, "products")).as("variations were created in the shop but not recorded")
                .isLessThan(woo.allVariations().size());

        service = startService(testName + "-restarted");
        JsonNode report = awaitEnd(api(org), syncId);

        assertEndedPartialOnlyForRecordsWithoutKey(report, variants.size(), uncoded);
        Map<String, List<JsonNode>> variationsBySku = woo.allVariations().stream()
                .collect(Collectors.groupingBy(v -> v.get("sku").asText().toLowerCase(Locale.ROOT)));
        assertThat(variationsBySku.entrySet()).as("variations made twice").filteredOn(e -> e.getValue().size() > 1).isEmpty();
        assertThat(variationsBySku.keySet()).as("each coded variant a variation, none missing, none extra")
                .containsExactlyInAnyOrderElementsOf(templateByCode.keySet());
        Map<Long, JsonNode> shopParents = woo.products().stream().collect(Collectors.toMap(p -> p.get("id").asLong(), p -> p));
        variationsBySku.forEach((sku, variations) -> {
            JsonNode parent = shopParents.get(variations.get(0).get("parent_id").asLong());
            assertThat(parent.get("type").asText()).as(sku + "'s product").isEqualTo("variable");
            assertThat(parent.get("name").asText()).as(sku + "'s product").isEqualTo(templateByCode.get(sku));
        });
        assertThat(woo.products().stream().filter(p -> p.get("type").asText().equals("variable"))
                .map(p -> p.get("name").asText().toLowerCase(Locale.ROOT)))
                .as("one variable product per template, none twice")
                .containsExactlyInAnyOrderElementsOf(templateByCode.values().stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList());
        assertThat(woo.attributes().stream().map(a -> a.get("name").asText().toLowerCase(Locale.ROOT)))
                .as("global attributes made twice").doesNotHaveDuplicates();
        List<String> shopSkus = new ArrayList<>();
        woo.products().stream().map(p -> p.get("sku").asText("")).filter(s -> !s.isBlank()).forEach(shopSkus::add);
        variationsBySku.keySet().stream().filter(s -> !s.isBlank()).forEach(shopSkus::add);
        assertThat(shopSkus.stream().map(s -> s.toLowerCase(Locale.ROOT))).as("SKUs twice in the shop").doesNotHaveDuplicates();
        assertOneLinkEach(org, "woocommerce", templateByCode.size(), variationsBySku.values().stream().map(v -> v.get(0).get("id").asText()).toList());
        assertRunBy(syncId, killed, service);
    }

    private long partnersWith(String email) {
        return odoo.records("res.partner").stream().filter(p -> email.equalsIgnoreCase(p.path("email").asText())).count();
    }

    @Test
    @Order(9)
    void killedWhileTheShopHeldTheAnswerOfABatchOfCustomersEachOdooContactIsOneShopCustomer() {
        String org = ORGS.get(8);
        woo.reset();
        odoo.seed(EntityType.CUSTOMERS, 400);
        Set<String> odooEmails = odoo.records("res.partner").stream().map(p -> p.path("email").asText().toLowerCase(Locale.ROOT))
                .filter(e -> !e.isBlank() && !e.equals("false")).collect(Collectors.toSet());
        shopHold = woo.holdAnswer("POST", "customers/batch", 3);
        String syncId = startSync(api(org), "customers", ODOO_TO_WOO);
        ServiceProcess killed = killWhileHeld(shopHold::isHolding, shopHold::release, syncId, batchesOf(odooEmails.size()),
                "the 3rd batch of customers is created in the shop and its answer held");
        assertThat(woo.customers().size()).as("the held batch was created in the shop but not recorded")
                .isGreaterThan(linkCount(org, "customers"));

        JsonNode report = restartAndAwaitEnd(org, syncId);

        assertDoneWithEveryRecord(report, odooEmails.size());
        Map<String, Long> customersByEmail = woo.customers().stream()
                .collect(Collectors.groupingBy(c -> c.get("email").asText().toLowerCase(Locale.ROOT), Collectors.counting()));
        assertThat(customersByEmail.entrySet()).as("customers made twice").filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(customersByEmail.keySet()).as("one shop customer per Odoo contact").isEqualTo(odooEmails);
        assertThat(linkCount(org, "customers")).isEqualTo(odooEmails.size());
        assertRunBy(syncId, killed, service);
    }

    @Test
    @Order(10)
    void killedWhileOdooHeldTheAnswerOfABatchOfProductsEachShopProductIsOneOdooProduct() {
        String org = ORGS.get(9);
        woo.reset();
        woo.seed(EntityType.PRODUCTS, 400);
        List<String> skus = woo.products().stream().map(p -> p.get("sku").asText().toLowerCase(Locale.ROOT)).toList();
        hold = odoo.holdAnswer("product.product", "create", 3);
        String syncId = startSync(api(org), "products", WOO_TO_ODOO);
        ServiceProcess killed = killWhileHeld(hold::isHolding, hold::release, syncId, batchesOf(skus.size()),
                "the 3rd batch of products is created in Odoo and its answer held");
        assertThat(odooVariantsByCode().size()).as("the held batch was created in Odoo but not recorded")
                .isGreaterThan(linkCount(org, "products"));

        JsonNode report = restartAndAwaitEnd(org, syncId);

        assertDoneWithEveryRecord(report, skus.size());
        Map<String, List<JsonNode>> variantsByCode = odooVariantsByCode();
        assertThat(variantsByCode.entrySet()).as("products made twice").filteredOn(e -> e.getValue().size() > 1).isEmpty();
        assertThat(variantsByCode.keySet()).as("one Odoo product per shop product").containsExactlyInAnyOrderElementsOf(skus);
        assertOneLinkEach(org, "odoo", skus.size(), variantsByCode.values().stream().map(v -> v.get(0).get("id").asText()).toList());
        assertRunBy(syncId, killed, service);
    }

    @Test
    @Order(11)
    void killedWhileTheShopHeldTheAnswerOfABatchOfProductsEachOdooProductIsOneShopProduct() {
        String org = ORGS.get(10);
        woo.reset();
        odoo.seed(EntityType.PRODUCTS, 400);
        List<String> codes = odooVariantsByCode().keySet().stream().toList();
        shopHold = woo.holdAnswer("POST", "products/batch", 3);
        String syncId = startSync(api(org), "products", ODOO_TO_WOO);
        ServiceProcess killed = killWhileHeld(shopHold::isHolding, shopHold::release, syncId, batchesOf(codes.size()),
                "the 3rd batch of products is created in the shop and its answer held");
        assertThat(woo.products().size()).as("the held batch was created in the shop but not recorded")
                .isGreaterThan(linkCount(org, "products"));

        JsonNode report = restartAndAwaitEnd(org, syncId);

        assertDoneWithEveryRecord(report, codes.size());
        Map<String, List<JsonNode>> productsBySku = woo.products().stream()
                .collect(Collectors.groupingBy(p -> p.get("sku").asText().toLowerCase(Locale.ROOT)));
        assertThat(productsBySku.entrySet()).as("products made twice").filteredOn(e -> e.getValue().size() > 1).isEmpty();
        assertThat(productsBySku.keySet()).as("one shop product per Odoo product").containsExactlyInAnyOrderElementsOf(codes);
        assertOneLinkEach(org, "woocommerce", codes.size(), productsBySku.values().stream().map(p -> p.get(0).get("id").asText()).toList());
        assertRunBy(syncId, killed, service);
    }

    /**
     * The shop numbers orders itself, so an order we created cannot be found by a key of ours: the
     * create is announced before it is sent, and after the restart the announced orders are looked
     * for by the source reference they carry (the service's log says how many were found).
     */
    @Test
    @Order(12)
    void killedWhileTheShopHeldTheAnswerOfABatchOfOrdersTheAnnouncedCreatesAreFoundAndNoOrderIsMadeTwice() {
        String org = ORGS.get(11);
        woo.reset();
        odoo.seed(EntityType.ORDERS, 200); // with their contacts and products
        List<String> odooOrders = odoo.records("sale.order").stream().map(o -> "odoo:" + o.get("id").asText()).toList();
        JsonNode references = awaitEnd(api(org), startSync(api(org), "customers", ODOO_TO_WOO));
        assertThat(references.get("status").asText()).as(references.toString()).isEqualTo("done");
        references = awaitEnd(api(org), startSync(api(org), "products", ODOO_TO_WOO));
        assertThat(references.get("status").asText()).as(references.toString()).isEqualTo("done");
        shopHold = woo.holdAnswer("POST", "orders/batch", 2);
        String syncId = startSync(api(org), "orders", ODOO_TO_WOO);
        ServiceProcess killed = killWhileHeld(shopHold::isHolding, shopHold::release, syncId, batchesOf(odooOrders.size()),
                "the 2nd batch of orders is created in the shop and its answer held");
        Integer announced = jdbc.queryForObject("SELECT count(*) FROM sync_create_intent WHERE org_id = ? "
                + "AND entity_type = 'orders'", Integer.class, org);
        assertThat(announced).as("the held batch's creates were announced and not recorded").isPositive();
        assertThat(woo.orders().size()).as("the held batch was created in the shop but not recorded")
                .isGreaterThan(linkCount(org, "orders"));

        JsonNode report = restartAndAwaitEnd(org, syncId);

        assertDoneWithEveryRecord(report, odooOrders.size());
        Map<String, Long> shopOrdersBySource = woo.orders().stream()
                .flatMap(o -> java.util.stream.StreamSupport.stream(o.path("meta_data").spliterator(), false))
                .filter(m -> m.path("key").asText().equals("_wooodoo_source"))
                .collect(Collectors.groupingBy(m -> m.path("value").asText(), Collectors.counting()));
        assertThat(shopOrdersBySource.entrySet()).as("orders made twice").filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(shopOrdersBySource.keySet()).as("one shop order per Odoo order").containsExactlyInAnyOrderElementsOf(odooOrders);
        assertThat(woo.orders()).hasSize(odooOrders.size());
        assertThat(readLog(service)).as("the restarted service found the held batch's orders by their source reference")
                .contains("created by an earlier attempt whose answer never came are updated, not created again");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_create_intent WHERE org_id = ?", Integer.class, org))
                .as("every announcement settled").isZero();
        assertRunBy(syncId, killed, service);
    }

    /** The long run for the other entity types and directions (customers shop → Odoo has its own above). */
    enum LongRun {
        PRODUCTS_SHOP_TO_ODOO, ORDERS_SHOP_TO_ODOO, CUSTOMERS_ODOO_TO_SHOP, PRODUCTS_ODOO_TO_SHOP, ORDERS_ODOO_TO_SHOP
    }

    /**
     * Killed at {@code crash.kills} (20) random points of a sync of 2,000 records of each other
     * entity type and direction, restarted each time: every source record once in the target.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(LongRun.class)
    @Order(13)
    @org.junit.jupiter.api.Tag("long")
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void killedAtRandomPointsOfASyncOfEachOtherEntityTypeAndDirectionEveryRecordEndsOnceInTheTarget(LongRun run) {
        String org = ORGS.get(12 + run.ordinal());
        woo.reset();
        odoo.reset();
        String entity = run.name().substring(0, run.name().indexOf('_')).toLowerCase(Locale.ROOT);
        boolean toOdoo = run.name().endsWith("SHOP_TO_ODOO");
        String systems = toOdoo ? WOO_TO_ODOO : ODOO_TO_WOO;
        switch (run) {
            case PRODUCTS_SHOP_TO_ODOO -> woo.seed(EntityType.PRODUCTS, LONG_RUN_RECORDS);
            case ORDERS_SHOP_TO_ODOO -> {
                woo.seed(EntityType.CUSTOMERS, 300);
                woo.seed(EntityType.PRODUCTS, 100);
                woo.seedOrderMix(LONG_RUN_RECORDS, 13);
                odoo.seedShopAccounting();
            }
            case CUSTOMERS_ODOO_TO_SHOP -> odoo.seed(EntityType.CUSTOMERS, LONG_RUN_RECORDS);
            case PRODUCTS_ODOO_TO_SHOP -> odoo.seed(EntityType.PRODUCTS, LONG_RUN_RECORDS);
            case ORDERS_ODOO_TO_SHOP -> {
                odoo.seed(EntityType.ORDERS, LONG_RUN_RECORDS);
                for (String references : List.of("customers", "products")) {
                    JsonNode synced = awaitEnd(api(org), startSync(api(org), references, ODOO_TO_WOO));
                    assertThat(synced.get("status").asText()).as(synced.toString()).isEqualTo("done");
                }
            }
        }
        long seed = Long.getLong("crash.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        int batches = batchesOf(LONG_RUN_RECORDS);
        List<Integer> killPoints = random.ints(1, batches - 1).distinct().limit(LONG_RUN_KILLS).sorted().boxed().toList();
        System.out.printf("%s crash points (seed %d): after batch %s%n", run, seed, killPoints);

        String syncId = startSync(api(org), entity, systems);
        for (int point : killPoints) {
            await("batch " + point + " done (service log: " + service.log() + ")").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(10)).until(() -> batchesDone(syncId) >= point);
            service.kill();
            service = startService(testName + "-" + run + "-after-" + point);
        }
        JsonNode report = awaitEnd(api(org), syncId);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/failed").asInt() + report.at("/queue/skipped").asInt()).as(report.toString()).isZero();
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as(report.toString()).isZero();
        List<String> sourceKeys;
        List<String> targetKeys;
        switch (run) {
            case PRODUCTS_SHOP_TO_ODOO -> {
                sourceKeys = woo.products().stream().map(p -> p.get("sku").asText()).toList();
                targetKeys = odoo.records("product.product").stream().filter(p -> !p.get("type").asText().equals("service"))
                        .map(p -> p.get("default_code").asText()).toList();
            }
            case ORDERS_SHOP_TO_ODOO -> {
                sourceKeys = ImportedOrders.of(woo.orders()).stream().map(o -> o.get("number").asText()).toList();
                targetKeys = odoo.records("sale.order").stream().map(o -> o.get("client_order_ref").asText()).toList();
            }
            case CUSTOMERS_ODOO_TO_SHOP -> {
                sourceKeys = odoo.records("res.partner").stream().map(p -> p.path("email").asText().toLowerCase(Locale.ROOT))
                        .filter(e -> !e.isBlank() && !e.equals("false")).toList();
                targetKeys = woo.customers().stream().map(c -> c.get("email").asText().toLowerCase(Locale.ROOT)).toList();
            }
            case PRODUCTS_ODOO_TO_SHOP -> {
                sourceKeys = odooVariantsByCode().keySet().stream().toList();
                targetKeys = woo.products().stream().map(p -> p.get("sku").asText().toLowerCase(Locale.ROOT)).toList();
            }
            default -> {
                sourceKeys = odoo.records("sale.order").stream().map(o -> "odoo:" + o.get("id").asText()).toList();
                targetKeys = woo.orders().stream()
                        .flatMap(o -> java.util.stream.StreamSupport.stream(o.path("meta_data").spliterator(), false))
                        .filter(m -> m.path("key").asText().equals("_wooodoo_source")).map(m -> m.path("value").asText())
                        .toList();
                assertThat(woo.orders()).as("shop orders without their source").hasSize(targetKeys.size());
            }
        }
        assertThat(targetKeys).as("records made twice in the target").doesNotHaveDuplicates();
        assertThat(targetKeys).as("every source record once in the target, none missing, none extra")
                .containsExactlyInAnyOrderElementsOf(sourceKeys);
        assertThat(linkCount(org, entity)).isEqualTo(sourceKeys.size());
        System.out.printf("%s: %d kills, %d restarts: %s%n", run, killPoints.size(), killPoints.size(), report);
    }

    // ---- the checks --------------------------------------------------------------------------

    /**
     * Kills the service once the target holds the answer of a write it has done, then lets the
     * answer go (to a dead client) and checks that the kill came mid-sync.
     */
    private ServiceProcess killWhileHeld(java.util.function.BooleanSupplier holding, Runnable release, String syncId,
                                         int batches, String what) {
        await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(holding::getAsBoolean);
        ServiceProcess killed = service;
        killed.kill();
        release.run();
        assertKilledMidSync(syncId, batches);
        return killed;
    }

    /** A new service on the same database, which takes the sync over; the sync's status once it has ended. */
    private JsonNode restartAndAwaitEnd(String org, String syncId) {
        service = startService(testName + "-restarted");
        return awaitEnd(api(org), syncId);
    }


    private void assertKilledMidSync(String syncId) {
        assertKilledMidSync(syncId, BATCHES);
    }

    private void assertKilledMidSync(String syncId, int batches) {
        Map<String, Object> row = jdbc.queryForMap("SELECT status, batches_done FROM sync_orchestration WHERE sync_id = ?::uuid",
                syncId);
        assertThat(row.get("status")).as("the kill came before the end of the sync: %s", row).isEqualTo("processing");
        assertThat((Integer) row.get("batches_done")).as("the kill came before the end of the sync").isLessThan(batches);
    }

    private void assertNothingLostNothingDoubled(String org, String syncId, JsonNode report) {
        assertNothingLostNothingDoubled(org, syncId, report, CUSTOMERS);
    }

    private void assertNothingLostNothingDoubled(String org, String syncId, JsonNode report, int customers) {
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/total").asInt()).as(report.toString()).isEqualTo(customers);
        assertThat(report.at("/queue/processed").asInt()).as(report.toString()).isEqualTo(customers);
        assertThat(report.at("/queue/failed").asInt() + report.at("/queue/skipped").asInt()).as(report.toString()).isZero();
        assertThat(report.at("/queue/pending").asInt()).as(report.toString()).isZero();
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as(report.toString()).isZero();
        assertThat(report.at("/progress/percentComplete").asInt()).isEqualTo(100);

        Map<String, Long> partnersByEmail = odoo.records("res.partner").stream()
                .collect(Collectors.groupingBy(p -> p.path("email").asText().toLowerCase(), Collectors.counting()));
        Set<String> shopEmails = woo.customers().stream().map(c -> c.get("email").asText().toLowerCase())
                .collect(Collectors.toSet());
        assertThat(shopEmails).hasSize(customers);
        assertThat(partnersByEmail.entrySet()).as("partners created twice").filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(partnersByEmail.keySet()).as("one partner per shop customer, none missing, none extra")
                .containsExactlyInAnyOrderElementsOf(shopEmails);
        assertThat(odoo.count("res.partner")).isEqualTo(customers);

        assertThat(linkCount(org)).isEqualTo(customers);
        Integer linkedPartners = jdbc.queryForObject("SELECT count(DISTINCT odoo_id) FROM sync_record_link WHERE org_id = ?",
                Integer.class, org);
        assertThat(linkedPartners).isEqualTo(customers);
        Set<String> partnerIds = odoo.records("res.partner").stream().map(p -> p.get("id").asText()).collect(Collectors.toSet());
        List<String> linkedIds = jdbc.queryForList("SELECT odoo_id FROM sync_record_link WHERE org_id = ?", String.class, org);
        assertThat(partnerIds).as("every link points at an existing partner").containsAll(linkedIds);
        Integer applied = jdbc.queryForObject("SELECT count(DISTINCT source_record_id) FROM sync_idempotency_log "
                + "WHERE org_id = ? AND sync_id = ?::uuid", Integer.class, org, syncId);
        assertThat(applied).as("every customer is in the idempotency log").isEqualTo(customers);
    }

    /** The sync ended {@code done}: every one of {@code records} processed, none failed, skipped or in conflict. */
    private static void assertDoneWithEveryRecord(JsonNode report, int records) {
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).as(report.toString()).isEqualTo(records);
        assertThat(report.at("/queue/failed").asInt() + report.at("/queue/skipped").asInt()).as(report.toString()).isZero();
        assertThat(report.at("/queue/pending").asInt()).as(report.toString()).isZero();
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as(report.toString()).isZero();
    }

    /**
     * A sync of variant records ended {@code partial}, its only conflicts the ValidationErrors of
     * the records without a SKU, once each; every record handled once. (The queue's total is not
     * checked: read from the shop, it is the shop's count of products, not of variations.)
     */
    private void assertEndedPartialOnlyForRecordsWithoutKey(JsonNode report, int records, int withoutKey) {
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("partial");
        assertThat(report.at("/conflicts/totalConflicts").asInt()).as(report.toString()).isEqualTo(withoutKey);
        assertThat(report.at("/conflicts/byType/ValidationError").asInt()).as(report.toString()).isEqualTo(withoutKey);
        assertThat(report.at("/queue/pending").asInt()).as(report.toString()).isZero();
        assertThat(report.at("/queue/processed").asInt()).as(report.toString()).isEqualTo(records - withoutKey);
        assertThat(report.at("/queue/failed").asInt() + report.at("/queue/skipped").asInt()).as(report.toString())
                .isEqualTo(withoutKey);
    }

    /** One product link per record with a key, each to another of these target records ({@code odoo} or {@code woocommerce}). */
    private void assertOneLinkEach(String org, String target, int records, List<String> targetIds) {
        assertThat(linkCount(org, "products")).isEqualTo(records);
        List<String> linked = jdbc.queryForList("SELECT " + target + "_id FROM sync_record_link WHERE org_id = ? "
                + "AND entity_type = 'products'", String.class, org);
        assertThat(linked).as("links to one target record twice").doesNotHaveDuplicates();
        assertThat(targetIds).as("every link points at an existing record").containsAll(linked);
    }

    private Map<String, List<JsonNode>> odooVariantsByCode() {
        return odoo.records("product.product").stream()
                .filter(p -> p.get("default_code").isTextual() && !p.get("type").asText().equals("service"))
                .collect(Collectors.groupingBy(p -> p.get("default_code").asText().toLowerCase(Locale.ROOT)));
    }

    private long templatesNamed(String name) {
        return odoo.records("product.template").stream().filter(t -> t.get("name").asText().equalsIgnoreCase(name)).count();
    }

    /** The sync was run by each of these services in turn (its "run" activity names the runner). */
    private void assertRunBy(String syncId, ServiceProcess... services) {
        List<String> runners = jdbc.queryForList("SELECT details->>'runner' FROM sync_activity_log "
                + "WHERE sync_id = ?::uuid AND action = 'run' ORDER BY entry_id", String.class, syncId);
        Function<String, Long> pidOf = runner -> Long.parseLong(runner.substring(0, runner.indexOf('@')));
        assertThat(runners.stream().map(pidOf).toList()).as("the runs of the sync, by process")
                .containsExactly(java.util.Arrays.stream(services).map(ServiceProcess::pid).toArray(Long[]::new));
    }

    // ---- plumbing --------------------------------------------------------------------------

    private static ServiceProcess startService(String name) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=" + TestDatabase.PASSWORD,
                "--wooodoo.pipeline.poll-ms=100",
                "--wooodoo.pipeline.lease-ms=3000",
                "--wooodoo.conflicts.claim-lease=3s",
                "--wooodoo.outbound.requests-per-minute-override=100000",
                "--wooodoo.pipeline.first-retry-delay-ms=20",
                "--wooodoo.outbound.breaker.open-ms=500",
                "--spring.main.banner-mode=off"));
        for (String org : ORGS) {
            String at = "--wooodoo.organizations." + org;
            args.add(at + ".woocommerce.base-url=" + woo.baseUrl());
            args.add(at + ".woocommerce.consumer-key=ck_test");
            args.add(at + ".woocommerce.consumer-secret=cs_test");
            args.add(at + ".odoo.url=" + odoo.baseUrl());
            args.add(at + ".odoo.protocol=jsonrpc");
            args.add(at + ".odoo.database=test");
            args.add(at + ".odoo.login=admin");
            args.add(at + ".odoo.password=odoo-password");
        }
        ServiceProcess process = ServiceProcess.start(name, LOGS.resolve("crash-" + RUN + "-" + (started.size() + 1) + "-"
                + name + ".log"), args);
        started.add(process);
        return process.awaitReady(START_UP);
    }

    private ApiClient api(String org) {
        return new ApiClient(service.port(), TOKENS.get(org), org, "crash-test");
    }

    private static String startSync(ApiClient api) {
        return startSync(api, "customers");
    }

    private static String startSync(ApiClient api, String entityType) {
        return startSync(api, entityType, "[\"woocommerce\",\"odoo\"]");
    }

    private static String startSync(ApiClient api, String entityType, String systems) {
        ApiClient.Answer answer = api.post("{\"action\":\"start\",\"systems\":" + systems + ","
                + "\"entityTypes\":[\"" + entityType + "\"],\"syncConfig\":{\"interBatchDelayMs\":0,\"batchSize\":" + BATCH
                + ",\"mode\":\"full\"}}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        return answer.json().get("syncId").asText();
    }

    private int batchesDone(String syncId) {
        Integer n = jdbc.queryForObject("SELECT batches_done FROM sync_orchestration WHERE sync_id = ?::uuid",
                Integer.class, syncId);
        return n == null ? 0 : n;
    }

    private int linkCount(String org) {
        return linkCount(org, "customers");
    }

    private int linkCount(String org, String entityType) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM sync_record_link WHERE org_id = ? AND entity_type = ?",
                Integer.class, org, entityType);
        return n == null ? 0 : n;
    }

    private static int batchesOf(int records) {
        return (records + BATCH - 1) / BATCH;
    }

    private JsonNode awaitEnd(ApiClient api, String syncId) {
        await("sync " + syncId + " ends (service log: " + service.log() + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(service.isAlive()).as("the restarted service died:\n%s", service.logTail()).isTrue();
                    String status = jdbc.queryForObject("SELECT status FROM sync_orchestration WHERE sync_id = ?::uuid",
                            String.class, syncId);
                    return Set.of("done", "partial", "failed", "cancelled").contains(status);
                });
        return api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
    }

    private static String readLog(ServiceProcess process) {
        try {
            return java.nio.file.Files.readString(process.log());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.USER, TestDatabase.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
