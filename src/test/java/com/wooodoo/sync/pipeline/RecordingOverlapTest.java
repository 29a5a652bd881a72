package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch is recorded while the next ones are planned and written ({@link RecordingLane}). These
 * tests hold the record of a batch in flight, by keeping its first insert waiting for a lock the
 * test holds, while the batches after it are planned and written.
 */
@TestPropertySource(properties = "wooodoo.pipeline.batches-in-flight=4")
class RecordingOverlapTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String ONE_PER_BATCH = "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":1}";

    @Test
    void aBatchPlannedWhileTheOneBeforeIsBeingRecordedSeesWhatThatOneLinked() throws Exception {
        woo.insertCustomer("ann@example.com");
        woo.insertCustomer("ANN@example.com"); // a second shop customer with the first one's e-mail
        woo.insertCustomer("bob@example.com");

        String syncId;
        try (LockHolder lock = holdIdempotencyLog()) {
            syncId = startSync(WOO_TO_ODOO, "[\"customers\"]", ONE_PER_BATCH);
            awaitARecordWaitingForTheLock();
            // the batches after the first one are planned and written meanwhile: ann's and bob's partners
            await().atMost(Duration.ofSeconds(30)).until(() -> odoo.records("res.partner").size() == 2);
            // the first batch is not recorded yet: its partner is linked in the runner's memory only
            assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_record_link WHERE org_id = ?", Integer.class,
                    orgId)).isZero();
        }
        JsonNode report = runToEnd(syncId);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("partial");
        assertThat(report.at("/conflicts/byType/DuplicateKey").asInt()).isEqualTo(1);
        List<JsonNode> partners = odoo.records("res.partner");
        assertThat(partners).hasSize(2);
        // the second shop customer did not take the first one's partner over
        JsonNode ann = partners.stream().filter(p -> p.get("email").asText().equalsIgnoreCase("ann@example.com"))
                .findFirst().orElseThrow();
        long firstShopId = woo.customers().get(0).get("id").asLong();
        assertThat(jdbc.queryForObject("SELECT woocommerce_id FROM sync_record_link WHERE org_id = ? AND odoo_id = ?",
                String.class, orgId, ann.get("id").asText())).isEqualTo(String.valueOf(firstShopId));
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(2);
    }

    @Test
    void aRecordThatCannotBeWrittenFailsTheSyncAndANewSyncWritesNothingTwice() throws Exception {
        woo.insertCustomer("carl@example.com");
        woo.insertCustomer("dora@example.com");
        woo.insertCustomer("emil@example.com");

        String syncId;
        try (LockHolder lock = holdIdempotencyLog()) {
            syncId = startSync(WOO_TO_ODOO, "[\"customers\"]", ONE_PER_BATCH);
            awaitARecordWaitingForTheLock();
            // the database ends the session of the record in flight (a restart, a failover)
            assertThat(jdbc.queryForObject("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND wait_event_type = 'Lock' "
                    + "AND query LIKE 'INSERT INTO sync_idempotency_log%'", Integer.class)).isEqualTo(1);
        }
        JsonNode failed = runToEnd(syncId);

        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.toString()).contains("recording batch 0 of customers failed");
        assertThat(failed.at("/queue/processed").asInt()).as("nothing recorded after the batch that failed").isZero();

        JsonNode again = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", ONE_PER_BATCH));
        assertThat(again.get("status").asText()).isEqualTo("done");
        assertThat(again.at("/queue/processed").asInt()).isEqualTo(3);
        assertThat(odoo.records("res.partner")).hasSize(3);
        assertThat(odoo.records("res.partner").stream().map(p -> p.get("email").asText()).distinct()).hasSize(3);
    }

    /** Holds a lock that keeps every insert into the idempotency log waiting, until closed. */
    private LockHolder holdIdempotencyLog() throws Exception {
        Connection connection = jdbc.getDataSource().getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE sync_idempotency_log IN SHARE MODE");
        }
        return new LockHolder(connection);
    }

    /** A transaction holding a lock, let go of (rolled back) when closed. */
    private record LockHolder(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            connection.rollback();
            connection.setAutoCommit(true);
            connection.close();
        }
    }

    /** Waits until the record of the first batch waits for the lock the test holds. */
    private void awaitARecordWaitingForTheLock() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock' "
                + "AND query LIKE 'INSERT INTO sync_idempotency_log%'", Integer.class) == 1);
    }

    private JsonNode runToEnd(String syncId) {
        return runToEnd(syncId, Duration.ofSeconds(60));
    }
}
