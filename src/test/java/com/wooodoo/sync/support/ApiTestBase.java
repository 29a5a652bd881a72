package com.wooodoo.sync.support;

import com.wooodoo.sync.api.ApiTokens;
import com.wooodoo.sync.store.ApiTokenStore;
import com.wooodoo.sync.store.OrganizationStore;
import com.wooodoo.sync.store.SyncStatus;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The whole service on a random port, against a fresh PostgreSQL database of the test run.
 * Each test gets organisations and tokens of its own, so tests never see each other's syncs.
 * Queued syncs stay queued here (the pipeline does not claim them); {@link SandboxTestBase} runs it.
 * After each test the syncs its organisations left active are cancelled: the database is shared by
 * the test classes, and another class's runner must never claim a sync it has no connections for.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"wooodoo.pipeline.enabled=false", ApiTestBase.OWN_SCHEDULER, TestPools.MIN_IDLE,
        TestPools.IDLE_TIMEOUT})
public abstract class ApiTestBase {

    /**
     * A Quartz scheduler name of each test context's own. Quartz keeps one connection provider per
     * scheduler name for the whole JVM: with the production name, every cached test context's
     * scheduler would use the data source of the context started last, and go on failing on it
     * once that context closed. (One service is one context; there the shared name makes the cluster.)
     */
    public static final String OWN_SCHEDULER = "spring.quartz.scheduler-name=wooodoo-schedules-${random.uuid}";

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    private OrganizationStore organizations;
    @Autowired
    private ApiTokenStore tokens;

    /** A client of a fresh organisation, as user "alice". */
    protected ApiClient api;
    protected String orgId;
    protected String token;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> TestDatabase.PASSWORD);
    }

    private final List<String> organisationsOfThisTest = new ArrayList<>();

    @BeforeEach
    void freshOrganisation() {
        orgId = newOrgId();
        token = issueToken(orgId);
        api = new ApiClient(port, token, orgId, "alice");
    }

    protected String newOrgId() {
        String id = "org-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.createIfAbsent(id, "Test organisation " + id);
        organisationsOfThisTest.add(id);
        return id;
    }

    @AfterEach
    void cancelWhatThisTestLeftActive() {
        jdbc.update("""
                UPDATE sync_orchestration
                   SET status = %s, paused_from = NULL, updated_at = now(), finished_at = now()
                 WHERE org_id = ANY (?) AND %s""".formatted(SyncStatus.CANCELLED.sql(),
                        SyncStatus.Transition.CANCEL.sqlCondition()),
                (Object) organisationsOfThisTest.toArray(String[]::new));
    }

    protected String issueToken(String org) {
        String issued = ApiTokens.generate();
        tokens.insert(UUID.randomUUID(), org, ApiTokens.hash(issued), "test");
        return issued;
    }

    /** Sets a sync's state directly, as the pipeline will (the tests of the API need every state). */
    protected void forceStatus(String syncId, String status) {
        boolean isFinal = java.util.Set.of("done", "partial", "failed", "cancelled").contains(status);
        jdbc.update("UPDATE sync_orchestration SET status = ?, paused_from = CASE WHEN ? = 'paused' THEN 'processing' END, "
                        + "finished_at = CASE WHEN ? THEN now() END WHERE sync_id = ?::uuid",
                status, status, isFinal, syncId);
    }

    /** Records a conflict for a sync, as conflict detection will. */
    protected String insertConflict(String org, String syncId, String type) {
        String conflictId = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO sync_conflict (conflict_id, org_id, sync_id, conflict_type, entity_type, source_system,
                                           target_system, source_record_id, target_record_id, message, source_data,
                                           target_data)
                VALUES (?::uuid, ?, ?::uuid, ?, 'customers', 'woocommerce', 'odoo', '42', '7', 'test conflict',
                        '{"email":"a@example.com"}'::jsonb, '{"email":"b@example.com"}'::jsonb)""",
                conflictId, org, syncId, type);
        return conflictId;
    }

    protected int countRows(String table) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
        return n == null ? 0 : n;
    }
}
