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
        assertThat(status.get("status").asText()).isIn("done", "partial");
        long importedOrders = ImportedOrders.of(demo.woocommerce().orders()).size();
        assertThat(importedOrders).as("the demo shop has orders of other statuses too").isLessThan(100);
        assertThat(status.at("/queue/total").asInt()).as("200 customers, 50 products, the orders imported")
                .isEqualTo(250 + (int) importedOrders);
        assertThat(demo.odoo().records("res.partner")).hasSizeGreaterThanOrEqualTo(200);
        assertThat(demo.odoo().records("product.product")).hasSize(50);
        assertThat(demo.odoo().records("sale.order")).hasSize(status.at("/queue/processed").asInt() - 250);
    }
}
