package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.support.ApiTestBase;
import com.wooodoo.sync.support.TestDatabase;
import com.wooodoo.sync.support.TestPools;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up warm-up on (the tests run without it): it ends before the service reports itself
 * ready, goes through every synthetic customer of every round, and leaves nothing behind: no
 * Camel endpoint, no row in the service's tables. Not a {@code @CamelSpringBootTest} (as
 * {@link ApiTestBase} is): that one starts Camel only before the first test, after the runners,
 * where the service starts it before them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"wooodoo.warmup.enabled=true", "wooodoo.warmup.rounds=2", "wooodoo.warmup.records=150",
        "wooodoo.pipeline.enabled=false", ApiTestBase.OWN_SCHEDULER, TestPools.MIN_IDLE, TestPools.IDLE_TIMEOUT})
class StartupWarmupTest {

    @Autowired
    private StartupWarmup warmup;
    @Autowired
    private CamelContext camel;
    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> TestDatabase.PASSWORD);
    }

    @Test
    void runsEveryRoundBeforeTheServiceIsReady() {
        StartupWarmup.Outcome outcome = warmup.atStartup();

        assertThat(outcome).as("the warm-up ran at start-up").isNotNull();
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.rounds()).isEqualTo(2);
        assertThat(outcome.records()).as("150 customers in each of 2 rounds").isEqualTo(300);
        assertThat(outcome.readinessAtEnd()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
    }

    @Test
    void leavesNoEndpointAndNoRowBehind() {
        List<String> endpointsBefore = camel.getEndpoints().stream().map(Endpoint::getEndpointUri).sorted().toList();
        Map<String, Long> rowsBefore = rowsByTable();

        warmup.run(null);

        assertThat(warmup.lastRun().failure()).isNull();
        assertThat(warmup.lastRun().records()).isEqualTo(300);
        assertThat(camel.getEndpoints().stream().map(Endpoint::getEndpointUri).sorted().toList()).isEqualTo(endpointsBefore);
        assertThat(rowsByTable()).isEqualTo(rowsBefore);
    }

    private Map<String, Long> rowsByTable() {
        Map<String, Long> rows = new TreeMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                + "'wooodoo' AND table_type = 'BASE TABLE'", String.class)) {
            rows.put(table, jdbc.queryForObject("SELECT count(*) FROM wooodoo.\"" + table + "\"", Long.class));
        }
        return rows;
    }
}
