package com.wooodoo.sync.store;

import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The invariants hold in the database itself, whatever code (or instance) writes. */
class SchemaInvariantsTest extends ApiTestBase {

    @Test
    void theDatabaseRefusesASixthActiveSync() {
        for (int i = 0; i < 5; i++) {
            insertSync(orgId, "queued");
        }
        assertThatThrownBy(() -> insertSync(orgId, "processing"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("active syncs");
        insertSync(orgId, "done"); // finished syncs are not limited
    }

    @Test
    void reactivatingAFinishedSyncCountsAgainstTheLimit() {
        for (int i = 0; i < 5; i++) {
            insertSync(orgId, "queued");
        }
        String done = insertSync(orgId, "cancelled");
        assertThatThrownBy(() -> jdbc.update("UPDATE sync_orchestration SET status = 'queued', finished_at = NULL "
                + "WHERE sync_id = ?::uuid", done)).hasMessageContaining("active syncs");
    }

    @Test
    void theLimitHoldsForASessionWithAnotherSearchPath() {
        String schema = jdbc.queryForObject("SELECT current_schema()", String.class);
        for (int i = 0; i < 5; i++) {
            insertSync(orgId, "queued");
        }
        assertThatThrownBy(() -> jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Object>) c -> {
            try (var s = c.createStatement()) {
                s.execute("SET search_path TO public");
                try {
                    s.execute("INSERT INTO " + schema + ".sync_orchestration (sync_id, org_id, status, source_system, "
                            + "target_system, entity_types, sync_config) VALUES ('" + UUID.randomUUID() + "', '" + orgId
                            + "', 'queued', 'woocommerce', 'odoo', ARRAY['customers'], '{}')");
                } finally {
                    s.execute("SET search_path TO " + schema);
                }
            }
            return null;
        })).hasMessageContaining("active syncs");
    }

    @Test
    void statusValuesAreChecked() {
        assertThatThrownBy(() -> insertSync(orgId, "running")).isInstanceOf(DataAccessException.class);
    }

    @Test
    void aResolutionIsWrittenOnce() {
        String conflictId = insertConflict(orgId, insertSync(orgId, "queued"), "DuplicateKey");
        jdbc.update("UPDATE sync_conflict SET resolution = 'skip', resolved_at = now(), resolution_outcome = 'skipped' "
                + "WHERE conflict_id = ?::uuid", conflictId);

        assertThatThrownBy(() -> jdbc.update("UPDATE sync_conflict SET resolution = 'accept' WHERE conflict_id = ?::uuid",
                conflictId)).hasMessageContaining("already resolved");
        // its outcome may still move on once the resolution is carried out
        jdbc.update("UPDATE sync_conflict SET resolution_outcome = 'applied' WHERE conflict_id = ?::uuid", conflictId);
    }

    @Test
    void oneIdempotencyEntryPerRecordVersion() {
        String syncId = insertSync(orgId, "processing");
        String insert = """
                INSERT INTO sync_idempotency_log (org_id, sync_id, entity_type, source_system, target_system,
                                                  source_record_id, content_hash, target_record_id, operation)
                VALUES (?, ?::uuid, 'customers', 'woocommerce', 'odoo', '42', ?, '7', 'create')""";
        String hash = "a".repeat(64);
        jdbc.update(insert, orgId, syncId, hash);
        assertThatThrownBy(() -> jdbc.update(insert, orgId, syncId, hash)).isInstanceOf(DataAccessException.class);
        jdbc.update(insert, orgId, syncId, "b".repeat(64)); // a new version of the record is a new entry
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"content_hash", "last_hash_to_odoo",
            "last_hash_to_woocommerce", "woocommerce_seen_hash", "odoo_seen_hash"})
    void contentHashesAreSixtyFourLowercaseHexDigits(String column) {
        String syncId = insertSync(orgId, "processing");
        java.util.function.Consumer<String> write = column.equals("content_hash")
                ? hash -> jdbc.update("INSERT INTO sync_idempotency_log (org_id, sync_id, entity_type, source_system, "
                        + "target_system, source_record_id, content_hash, operation) VALUES (?, ?::uuid, 'customers', "
                        + "'woocommerce', 'odoo', ?, ?, 'create')", orgId, syncId, UUID.randomUUID().toString(), hash)
                : hash -> jdbc.update("INSERT INTO sync_record_link (org_id, entity_type, woocommerce_id, odoo_id, "
                        + column + ") VALUES (?, 'customers', ?, ?, ?)", orgId, UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(), hash);
        write.accept("0123456789abcdef".repeat(4));
        for (String bad : java.util.List.of("a".repeat(63), "a".repeat(65), "A".repeat(64), "g" + "a".repeat(63),
                "a".repeat(63) + "\n", "a".repeat(63) + " ", "é" + "a".repeat(63), "")) {
            assertThatThrownBy(() -> write.accept(bad)).as("%s = '%s'", column, bad)
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("_check");
        }
    }

    @Test
    void everyRowBelongsToAnExistingOrganisation() {
        assertThatThrownBy(() -> insertSync("no-such-org", "queued")).isInstanceOf(DataAccessException.class);
    }

    private String insertSync(String org, String status) {
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO sync_orchestration (sync_id, org_id, status, source_system, target_system, entity_types,
                                                sync_config, finished_at)
                VALUES (?::uuid, ?, ?, 'woocommerce', 'odoo', ARRAY['customers'], '{}'::jsonb,
                        CASE WHEN ? IN ('done', 'partial', 'failed', 'cancelled') THEN now() END)""",
                id, org, status, status);
        return id;
    }
}
