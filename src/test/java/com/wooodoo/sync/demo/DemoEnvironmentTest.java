package com.wooodoo.sync.demo;

import com.wooodoo.sync.support.ImportedOrders;
import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiTestBase;
import com.wooodoo.sync.support.TestDatabase;
import com.wooodoo.sync.support.TestPools;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the README's run command gives a new user: a demo organisation whose sync really runs. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestPropertySource(properties = {
        "wooodoo.demo.woocommerce-port=0",
        "wooodoo.demo.odoo-port=0",
        "wooodoo.demo.organization=demo-test",
        "wooodoo.demo.token-file=target/demo-token-test",
        "wooodoo.schedules-file=config/schedules.yaml", // the demo schedule names the organisation demo
        "wooodoo.pipeline.poll-ms=100",
        "wooodoo.outbound.requests-per-minute-override=100000",
        ApiTestBase.OWN_SCHEDULER,
        TestPools.MIN_IDLE,
        TestPools.IDLE_TIMEOUT,
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DemoEnvironmentTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoEnvironment demo;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> TestDatabase.PASSWORD);
    }

    @Test
    void theDemoTokenStartsASyncThatCopiesTheShopIntoOdoo() throws Exception {
        String token = Files.readString(Path.of("target/demo-token-test")).strip();
        ApiClient api = new ApiClient(port, token, "demo-test", "newcomer");

        String syncId = api.startSync("[\"woocommerce\",\"odoo\"]", "[\"customers\",\"products\",\"orders\"]");
        await().atMost(Duration.ofSeconds(90)).until(() -> Set.of("done", "partial", "failed")
                .contains(api.get(ApiClient.BASE + "/status?syncId=" + syncId).json().get("status").asText()));

        JsonNode status = api.get(ApiClient.BASE + "/status?syncId=" + syncId).json();
        assertThat(status.get("status").asText()).as(() -> status + " " + api.get(ApiClient.BASE + "/conflicts?limit=5").raw())
                .isEqualTo("done");
        List<JsonNode> imported = ImportedOrders.of(demo.woocommerce().orders());
        long cancelled = demo.woocommerce().orders().stream().filter(o -> o.get("status").asText().equals("cancelled")).count();
        assertThat(imported).as("the demo shop has orders of other statuses too").hasSizeLessThan(100);
        assertThat(cancelled).as("some of them cancelled").isPositive();
        assertThat(status.at("/queue/total").asInt()).as("200 customers, 50 products, the orders imported or cancelled")
                .isEqualTo(250 + imported.size() + (int) cancelled);
        assertThat(demo.odoo().records("res.partner")).hasSizeGreaterThanOrEqualTo(200);
        assertThat(demo.odoo().records("product.product").stream().filter(p -> !p.get("type").asText().equals("service")))
                .hasSize(50);
        Map<String, JsonNode> odooOrders = demo.odoo().records("sale.order").stream()
                .collect(Collectors.toMap(o -> o.get("client_order_ref").asText(), o -> o));
        assertThat(odooOrders).hasSize(imported.size());
        List<String> taxOffByACent = new java.util.ArrayList<>();
        for (JsonNode order : imported) {
            JsonNode odooOrder = odooOrders.get(order.get("number").asText());
            assertThat(odooOrder).as("order " + order.get("number")).isNotNull();
            assertThat(new BigDecimal(odooOrder.get("amount_total").asText())).as("order " + order.get("number") + " total")
                    .isEqualByComparingTo(order.get("total").asText());
            BigDecimal taxDifference = new BigDecimal(odooOrder.get("amount_tax").asText()).subtract(new BigDecimal(order.get("total_tax").asText()));
            assertThat(taxDifference.abs()).as("order " + order.get("number") + " tax").isLessThanOrEqualTo(new BigDecimal("0.01"));
            if (taxDifference.signum() != 0) {
                // WooCommerce rounds the tax in a tax-included price half down, Odoo half up: the total agrees, its split may not
                assertThat(order.get("prices_include_tax").asBoolean()).as("order " + order.get("number")).isTrue();
                taxOffByACent.add(order.get("number").asText());
            }
        }
        assertThat(taxOffByACent).as("orders whose tax differs by a cent").hasSizeLessThan(imported.size() / 4);
    }
}
