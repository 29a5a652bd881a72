package com.wooodoo.sync.store;

import com.wooodoo.sync.api.ApiTokens;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.sandbox.odoo.OdooSimulator;
import com.wooodoo.sync.sandbox.woocommerce.WooCommerceSimulator;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.OwnDatabase;
import com.wooodoo.sync.support.ServiceProcess;
import com.wooodoo.sync.support.Teardown;
import com.wooodoo.sync.support.Tenants;
import com.wooodoo.sync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The service migrates as the schema's owner and runs as a role that may only read and write its
 * tables: on a database of its own, with two roles made for the test (roles are cluster-wide, so
 * they are dropped afterwards), a real sync against the simulators ends {@code done}, a schedule
 * fires through Quartz's tables, conflicts are listed, and the service role can neither create
 * a table nor drop, truncate or alter one of the service's, is no superuser and owns nothing.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LeastPrivilegeRoleTest {

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String OWNER = "wooodoo_owner_" + RUN;
    private static final String SERVICE = "wooodoo_service_" + RUN;
    private static final String SERVICE_PASSWORD = "service-" + RUN;
    private static final String ORG = "roles-" + RUN;
    private static final Path LOGS = Path.of("target", "store");
    private static OwnDatabase database;
    private static ServiceProcess service;
    private static WooCommerceSimulator woo;
    private static OdooSimulator odoo;

    @AfterAll
    static void dropEverything() throws Exception {
        Teardown.closeAll(service, woo, odoo, database);
        for (String role : List.of(SERVICE, OWNER)) {
            executeAsSuperuser(serverUrl() + "postgres", "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void theServiceSyncsAsARoleThatCanOnlyReadAndWriteItsTables() throws IOException {
        database = OwnDatabase.create("roles_" + RUN);
        executeAsSuperuser(serverUrl() + "postgres", "CREATE ROLE " + OWNER + " LOGIN PASSWORD 'owner-" + RUN + "'");
        executeAsSuperuser(serverUrl() + "postgres", "CREATE ROLE " + SERVICE + " LOGIN PASSWORD '" + SERVICE_PASSWORD + "'");
        // as docker/db-init/roles.sh does: the owner's schema, nobody else creates anything
        executeAsSuperuser(database.url(), "CREATE SCHEMA wooodoo AUTHORIZATION " + OWNER);
        executeAsSuperuser(database.url(), "REVOKE CREATE ON SCHEMA public FROM PUBLIC");

        woo = new WooCommerceSimulator(0, 7, "ck_test", "cs_test").start();
        odoo = new OdooSimulator(0, 7, "test", "admin", "odoo-password", "odoo-api-key").start();
        woo.seed(EntityType.CUSTOMERS, 30);
        Files.createDirectories(LOGS);
        Path schedules = LOGS.resolve("roles-" + RUN + ".yaml");
        Files.writeString(schedules, "schedules:\n  - { id: roles-check, organisation: " + ORG
                + ", cron: \"*/2 * * * * ?\", systems: [woocommerce, odoo], entityTypes: [products] }\n");

        // the database's arguments without its user: a repeated argument would be joined to a list
        List<String> args = new ArrayList<>(database.serviceArguments().stream()
                .filter(a -> !a.startsWith("--spring.datasource.username=") && !a.startsWith("--spring.datasource.password="))
                .toList());
        args.addAll(List.of("--spring.datasource.username=" + SERVICE, "--spring.datasource.password=" + SERVICE_PASSWORD,
                "--spring.flyway.user=" + OWNER, "--spring.flyway.password=owner-" + RUN,
                "--wooodoo.schedules-file=" + schedules, "--wooodoo.pipeline.poll-ms=100",
                "--wooodoo.outbound.requests-per-minute-override=100000"));
        args.addAll(OwnDatabase.organisationArguments(ORG, woo.baseUrl(), odoo.baseUrl()));
        service = ServiceProcess.start("least-privilege", LOGS.resolve("roles-" + RUN + ".log"), args)
                .awaitReady(Duration.ofSeconds(120));

        JdbcTemplate superuser = database.jdbc();
        String token = ApiTokens.generate();
        Tenants.register(superuser, ORG, "Least privilege", token, "roles");
        ApiClient api = new ApiClient(service.port(), token, ORG, "roles");
        ApiClient.Answer started = api.post("{\"action\":\"start\",\"systems\":[\"woocommerce\",\"odoo\"],"
                + "\"entityTypes\":[\"customers\"],\"syncConfig\":{\"interBatchDelayMs\":0,\"batchSize\":10}}");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String syncId = started.json().get("syncId").asText();
        await("the sync ends").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> !List.of("queued", "processing").contains(
                        api.get(ApiClient.BASE + "/status?syncId=" + syncId).json().path("status").asText()));
        ApiClient.Answer status = api.get(ApiClient.BASE + "/status?syncId=" + syncId);
        assertThat(status.json().path("status").asText()).as(status.raw()).isEqualTo("done");
        assertThat(odoo.records("res.partner")).hasSize(30);

        ApiClient.Answer conflicts = api.get(ApiClient.BASE + "/conflicts");
        assertThat(conflicts.status()).as(conflicts.raw()).isEqualTo(200);
        await("the schedule fires through Quartz's tables").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> superuser.queryForObject("SELECT count(*) FROM sync_activity_log WHERE actor = 'schedule:roles-check'",
                        Integer.class) > 0);
        assertThat(Files.readString(service.log())).as("the service's log").doesNotContainIgnoringCase("permission denied");

        JdbcTemplate asService = new JdbcTemplate(new DriverManagerDataSource(database.url() + "?currentSchema=wooodoo",
                SERVICE, SERVICE_PASSWORD));
        assertThat(asService.queryForObject("SELECT count(*) FROM sync_record_link", Integer.class))
                .as("the service role reads its tables").isEqualTo(30);
        assertRefused(asService, "CREATE TABLE wooodoo.intruder (id int)", "permission denied");
        assertRefused(asService, "CREATE TABLE public.intruder (id int)", "permission denied");
        assertRefused(asService, "DROP TABLE wooodoo.sync_conflict", "must be owner");
        assertRefused(asService, "TRUNCATE wooodoo.sync_activity_log", "permission denied");
        assertRefused(asService, "ALTER TABLE wooodoo.sync_orchestration ADD COLUMN intruder int", "must be owner");
        assertRefused(asService, "DELETE FROM wooodoo.flyway_schema_history", "permission denied");
        assertThat(superuser.queryForObject("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = ?",
                Boolean.class, SERVICE)).as("superuser, or creates roles or databases").isFalse();
        assertThat(superuser.queryForObject("SELECT pg_has_role(?, ?, 'MEMBER')", Boolean.class, SERVICE, OWNER))
                .as("member of the owner role").isFalse();
        assertThat(superuser.queryForObject("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'wooodoo' AND pg_get_userbyid(c.relowner) <> ?", Integer.class, OWNER))
                .as("objects of the schema not owned by the owner role").isZero();
    }

    private static void assertRefused(JdbcTemplate asService, String sql, String reason) {
        assertThatThrownBy(() -> asService.execute(sql)).as(sql).rootCause().hasMessageContaining(reason);
    }

    private static String serverUrl() {
        String shared = TestDatabase.url();
        return shared.substring(0, shared.lastIndexOf('/') + 1);
    }

    private static void executeAsSuperuser(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.USER, TestDatabase.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
