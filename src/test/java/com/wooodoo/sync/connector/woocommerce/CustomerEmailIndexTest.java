package com.wooodoo.sync.connector.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.WriteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers found by e-mail through {@link CustomerEmailIndex}: the shop's list read whole once,
 * caught up at most once per sync, never read again per batch. Against the simulator over HTTP.
 */
class CustomerEmailIndexTest {

    private static final String INDEX_READ = "_fields=id,email";

    private WooTestShop shop;
    private WooCommerceConnector connector;
    private List<String> emails;

    @BeforeEach
    void start() {
        shop = new WooTestShop(77);
        shop.simulator.seed(EntityType.CUSTOMERS, 450);
        emails = shop.simulator.customers().stream().map(c -> c.get("email").asText()).toList();
        connector = shop.connector();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void theBatchesOfASyncReadTheListOnceAndTheNextSyncCatchesUpInOnePage() {
        connector.syncStarting();
        for (int batch = 0; batch < 5; batch++) {
            List<String> keys = new ArrayList<>(emails.subList(batch * 50, batch * 50 + 50));
            keys.add("new" + batch + "@example.com");

            assertThat(connector.findByNaturalKeys(EntityType.CUSTOMERS, keys)).hasSize(50);
        }

        assertThat(indexReads("order=asc")).as("the whole list once: %s", shop.simulator.listCalls()).hasSize(5);
        assertThat(indexReads("order=desc")).as("nothing caught up in the sync that read it whole").isEmpty();
        assertThat(shop.calls("GET customers")).as("then one read of the matches per batch").isEqualTo(5 + 5);

        long planted = shop.simulator.insertCustomer("planted@example.com");
        shop.simulator.resetStats();
        connector.syncStarting();
        for (int batch = 0; batch < 3; batch++) {
            List<String> keys = new ArrayList<>(emails.subList(batch * 50, batch * 50 + 50));
            keys.add(batch == 1 ? "planted@example.com" : "still.new" + batch + "@example.com");

            List<SyncRecord> found = connector.findByNaturalKeys(EntityType.CUSTOMERS, keys);

            assertThat(found).hasSize(batch == 1 ? 51 : 50);
        }

        assertThat(indexReads("order=asc")).as("a later sync reads no whole list").isEmpty();
        assertThat(indexReads("order=desc")).as("one catch-up for the sync").hasSize(1)
                .allMatch(call -> call.contains("page=1&"));
        assertThat(shop.simulator.record(EntityType.CUSTOMERS, planted)).isPresent();
    }

    @Test
    void aSyncWhoseEmailsAreAllKnownCatchesNothingUp() {
        connector.syncStarting();
        connector.findByNaturalKeys(EntityType.CUSTOMERS, emails.subList(0, 50));
        shop.simulator.resetStats();

        connector.syncStarting();
        connector.findByNaturalKeys(EntityType.CUSTOMERS, emails.subList(50, 100));

        assertThat(indexReads("")).isEmpty();
    }

    @Test
    void aCustomerAddedInTheShopDuringTheSyncIsADuplicateThatADirectLookUpFinds() {
        connector.syncStarting();
        connector.findByNaturalKeys(EntityType.CUSTOMERS, emails.subList(0, 50));
        long planted = shop.simulator.insertCustomer("arrived.meanwhile@example.com");
        shop.simulator.resetStats();

        List<String> keys = new ArrayList<>(emails.subList(50, 99));
        keys.add("Arrived.Meanwhile@example.com");
        List<SyncRecord> found = connector.findByNaturalKeys(EntityType.CUSTOMERS, keys);
        List<WriteOutcome> created = connector.create(EntityType.CUSTOMERS,
                List.of(WooCommerceConnectorWriteTest.customer("Arrived.Meanwhile@example.com", "Ann", "Late")));

        assertThat(found).hasSize(49);
        assertThat(indexReads("")).as("no index read within the sync").isEmpty();
        ConnectorException duplicate = created.get(0).failure().orElseThrow();
        assertThat(duplicate.kind()).isEqualTo(FailureKind.DUPLICATE);
        assertThat(duplicate.code()).contains("registration-error-email-exists");

        shop.simulator.resetStats();
        List<SyncRecord> direct = connector.findByNaturalKeys(EntityType.CUSTOMERS, List.of("Arrived.Meanwhile@example.com"));

        assertThat(direct).extracting(SyncRecord::id).containsExactly(String.valueOf(planted));
        assertThat(shop.simulator.listCalls()).singleElement().asString()
                .startsWith("customers?email=Arrived.Meanwhile@example.com&role=all&");
        JsonNode shopCustomer = shop.simulator.record(EntityType.CUSTOMERS, planted).orElseThrow();
        assertThat(shopCustomer.get("email").asText()).isEqualTo("arrived.meanwhile@example.com");
    }

    private List<String> indexReads(String order) {
        return shop.simulator.listCalls().stream().filter(call -> call.startsWith("customers?") && call.contains(INDEX_READ)
                && call.contains(order)).toList();
    }
}
