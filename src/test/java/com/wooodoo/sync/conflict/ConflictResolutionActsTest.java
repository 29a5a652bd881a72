package com.wooodoo.sync.conflict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resolutions that act: conflicts made by real syncs against the simulators, then accepted,
 * rejected or retried, and the target checked in the simulator.
 */
class ConflictResolutionActsTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String FAST = "{\"interBatchDelayMs\":0,\"mode\":\"full\"}";
    private static final String EMAIL = "zoe.zed@example.com";

    @Test
    void acceptAfterFixingTheCauseCreatesTheSourceVersionAndLinksIt() {
        woo.seed(EntityType.CUSTOMERS, 3);
        long customer = insertCustomerFromZedland();
        String syncId = syncCustomers();
        JsonNode conflict = onlyConflictOf(syncId, customer);
        assertThat(conflict.get("type").asText()).isEqualTo("ValidationError");
        assertThat(partnersWithEmail()).isEmpty();

        long zedland = odoo.insert("res.country", Map.of("name", "Zedland", "code", "ZZ")); // the cause, fixed

        JsonNode resolved = resolve(conflict, "accept", "the country exists now").json().get("conflict");

        assertThat(resolved.get("state").asText()).isEqualTo("resolved");
        assertThat(resolved.at("/resolution/outcome").asText()).isEqualTo("applied");
        assertThat(resolved.at("/resolution/note").asText()).isEqualTo("the country exists now");
        List<JsonNode> partners = partnersWithEmail();
        assertThat(partners).hasSize(1);
        JsonNode partner = partners.get(0);
        assertThat(partner.get("name").asText()).isEqualTo("Zoe Zed");
        assertThat(many2oneId(partner.get("country_id"))).isEqualTo(zedland);
        assertThat(linkedOdooId(customer)).isEqualTo(partner.get("id").asText());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_idempotency_log WHERE org_id = ? AND source_record_id = ? "
                + "AND target_record_id = ? AND operation = 'create'", Integer.class, orgId, String.valueOf(customer),
                partner.get("id").asText())).isEqualTo(1);
        JsonNode entry = resolutionEntry(syncId, conflict.get("conflictId").asText());
        assertThat(entry.get("actor").asText()).isEqualTo("alice");
        assertThat(entry.get("outcome").asText()).isEqualTo("ok");
        assertThat(entry.at("/details/outcome").asText()).isEqualTo("applied");
        assertThat(entry.at("/details/operation").asText()).isEqualTo("create");
        assertThat(entry.get("createdAt").asText()).isNotBlank();
    }

    @Test
    void acceptWritesOverTheTargetRecordTheConflictNames() {
        long existing = odoo.insert("res.partner", Map.of("name", "Old Name", "email", EMAIL));
        long customer = insertCustomerFromZedland();
        JsonNode conflict = onlyConflictOf(syncCustomers(), customer);
        assertThat(conflict.get("targetRecordId").asText()).isEqualTo(String.valueOf(existing));
        odoo.insert("res.country", Map.of("name", "Zedland", "code", "ZZ"));

        JsonNode resolved = resolve(conflict, "accept", null).json().get("conflict");

        assertThat(resolved.at("/resolution/outcome").asText()).isEqualTo("applied");
        assertThat(partnersWithEmail()).hasSize(1);
        assertThat(odoo.record("res.partner", existing).orElseThrow().get("name").asText()).isEqualTo("Zoe Zed");
        assertThat(linkedOdooId(customer)).isEqualTo(String.valueOf(existing));
    }

    @Test
    void rejectLeavesTheTargetUntouched() {
        long existing = odoo.insert("res.partner", Map.of("name", "Old Name", "email", EMAIL));
        JsonNode before = odoo.record("res.partner", existing).orElseThrow();
        long customer = insertCustomerFromZedland();
        String syncId = syncCustomers();
        JsonNode conflict = onlyConflictOf(syncId, customer);
        odoo.insert("res.country", Map.of("name", "Zedland", "code", "ZZ"));

        JsonNode resolved = resolve(conflict, "reject", "Odoo is right").json().get("conflict");

        assertThat(resolved.at("/resolution/outcome").asText()).isEqualTo("kept-target");
        assertThat(odoo.record("res.partner", existing).orElseThrow()).isEqualTo(before);
        assertThat(partnersWithEmail()).hasSize(1);
        assertThat(linkedOdooId(customer)).isNull();
        assertThat(resolutionEntry(syncId, conflict.get("conflictId").asText()).at("/details/outcome").asText())
                .isEqualTo("kept-target");
    }

    @Test
    void retryAfterFixingTheSourceWritesTheRecordAsItIsNow() {
        long customer = insertCustomerFromZedland();
        JsonNode conflict = onlyConflictOf(syncCustomers(), customer);
        woo.corrupt(EntityType.CUSTOMERS, customer, "billing.country", TextNode.valueOf("DE")); // the cause, fixed

        JsonNode resolved = resolve(conflict, "retry", null).json().get("conflict");

        assertThat(resolved.at("/resolution/outcome").asText()).as(resolved.toString()).isEqualTo("applied");
        List<JsonNode> partners = partnersWithEmail();
        assertThat(partners).hasSize(1);
        assertThat(many2oneId(partners.get(0).get("country_id"))).isEqualTo(odoo.countryId("DE"));
        assertThat(linkedOdooId(customer)).isEqualTo(partners.get(0).get("id").asText());
    }

    @Test
    void retryWhileTheCausePersistsFailsWritesNothingAndKeepsTheRecordInSight() {
        long customer = insertCustomerFromZedland();
        String syncId = syncCustomers();
        JsonNode conflict = onlyConflictOf(syncId, customer);

        Answer answer = resolve(conflict, "retry", "try once more");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode resolved = answer.json().get("conflict");
        assertThat(resolved.at("/resolution/resolution").asText()).isEqualTo("retry");
        assertThat(resolved.at("/resolution/outcome").asText()).isEqualTo("failed");
        assertThat(resolved.at("/resolution/note").asText()).startsWith("try once more\nfailed: ").contains("ZZ");
        assertThat(partnersWithEmail()).isEmpty();
        assertThat(linkedOdooId(customer)).isNull();
        JsonNode entry = resolutionEntry(syncId, conflict.get("conflictId").asText());
        assertThat(entry.get("outcome").asText()).isEqualTo("error");
        assertThat(entry.at("/details/error").asText()).contains("ZZ");

        // the record is a conflict again, which can be retried once the cause is gone
        JsonNode again = onlyConflictOf(syncId, customer);
        assertThat(again.get("conflictId").asText()).isNotEqualTo(conflict.get("conflictId").asText());
        assertThat(again.get("type").asText()).isEqualTo("ValidationError");
        assertThat(again.get("attempts").asInt()).isEqualTo(2);
        odoo.insert("res.country", Map.of("name", "Zedland", "code", "ZZ"));
        assertThat(resolve(again, "retry", null).json().at("/conflict/resolution/outcome").asText()).isEqualTo("applied");
        assertThat(partnersWithEmail()).hasSize(1);
    }

    @Test
    void ordersWhoseCustomersOdooRefusedAreWrittenWithTheirCustomersOnceTheCauseIsFixed() {
        woo.seed(EntityType.PRODUCTS, 4);
        long zoe = insertCustomerFromZedland();
        long zack = insertCustomerFromZedland("zack.zed@example.com");
        long first = woo.insert(EntityType.ORDERS, o -> o.put("customer_id", zoe));
        long second = woo.insert(EntityType.ORDERS, o -> o.put("customer_id", zack));
        long guest = woo.insert(EntityType.ORDERS, o -> o.put("customer_id", 0));
        String syncId = startSync(WOO_TO_ODOO, "[\"orders\"]", FAST);
        assertThat(runToEnd(syncId)).isEqualTo("partial");
        JsonNode firstConflict = onlyConflictOf(syncId, first);
        JsonNode secondConflict = onlyConflictOf(syncId, second);
        assertThat(firstConflict.get("message").asText()).contains("references not synced yet");
        JsonNode guestOrder = woo.record(EntityType.ORDERS, guest).orElseThrow();
        assertThat(odoo.records("sale.order")).as("the guest's order needs no shop customer: its partner is made from its billing address")
                .singleElement().satisfies(o -> assertThat(o.get("client_order_ref").asText()).isEqualTo(guestOrder.get("number").asText()));

        odoo.insert("res.country", Map.of("name", "Zedland", "code", "ZZ")); // the cause, fixed

        assertThat(resolve(firstConflict, "accept", null).json().at("/conflict/resolution/outcome").asText()).isEqualTo("applied");
        assertThat(resolve(secondConflict, "retry", null).json().at("/conflict/resolution/outcome").asText()).isEqualTo("applied");

        List<JsonNode> orders = odoo.records("sale.order");
        assertThat(orders).hasSize(3);
        JsonNode guestWritten = orders.stream().filter(o -> o.get("client_order_ref").asText().equals(guestOrder.get("number").asText()))
                .findFirst().orElseThrow();
        JsonNode guestPartner = odoo.records("res.partner").stream()
                .filter(p -> p.get("id").asLong() == many2oneId(guestWritten.get("partner_id"))).findFirst().orElseThrow();
        assertThat(guestPartner.get("email").asText()).isEqualTo(guestOrder.at("/billing/email").asText());
        for (long order : List.of(first, second)) {
            JsonNode shopOrder = woo.record(EntityType.ORDERS, order).orElseThrow();
            String number = shopOrder.get("number").asText();
            JsonNode written = orders.stream().filter(o -> o.get("client_order_ref").asText().equals(number)).findFirst()
                    .orElseThrow(() -> new AssertionError("order " + number + " not in Odoo: " + orders));
            String partner = linkedOdooId("customers", shopOrder.get("customer_id").asLong());
            assertThat(partner).isNotNull();
            assertThat(String.valueOf(many2oneId(written.get("partner_id")))).isEqualTo(partner);
            assertThat(linkedOdooId("orders", order)).isEqualTo(written.get("id").asText());
        }
        assertThat(odoo.records("res.partner").stream().map(p -> p.path("email").asText()))
                .contains(EMAIL, "zack.zed@example.com");
        assertThat(odoo.records("sale.order.line")).isNotEmpty();
    }

    @Test
    void aSecondResolutionIsRefusedAndChangesNothing() {
        long customer = insertCustomerFromZedland();
        JsonNode conflict = onlyConflictOf(syncCustomers(), customer);
        odoo.insert("res.country", Map.of("name", "Zedland", "code", "ZZ"));
        assertThat(resolve(conflict, "accept", null).status()).isEqualTo(200);

        Answer second = resolve(conflict, "retry", null);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo("INVALID_STATE");
        assertThat(jdbc.queryForObject("SELECT resolution || '/' || resolution_outcome FROM sync_conflict "
                + "WHERE conflict_id = ?::uuid", String.class, conflict.get("conflictId").asText())).isEqualTo("accept/applied");
        assertThat(partnersWithEmail()).hasSize(1);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A shop customer whose country Odoo does not know: Odoo cannot take it (a ValidationError). */
    private long insertCustomerFromZedland() {
        return insertCustomerFromZedland(EMAIL);
    }

    private long insertCustomerFromZedland(String email) {
        return woo.insert(EntityType.CUSTOMERS, c -> {
            c.put("email", email);
            c.put("first_name", "Zoe");
            c.put("last_name", "Zed");
            ObjectNode billing = (ObjectNode) c.get("billing");
            billing.put("email", email);
            billing.put("first_name", "Zoe");
            billing.put("last_name", "Zed");
            billing.put("country", "ZZ");
        });
    }

    private String syncCustomers() {
        String syncId = startSync(WOO_TO_ODOO, "[\"customers\"]", FAST);
        assertThat(runToEnd(syncId)).isEqualTo("partial");
        return syncId;
    }

    private String runToEnd(String syncId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("done", "partial", "failed").contains(status(syncId)));
        return status(syncId);
    }

    /** The one unresolved conflict of this source record in the sync. */
    private JsonNode onlyConflictOf(String syncId, long sourceId) {
        JsonNode all = api.get(ApiClient.BASE + "/conflicts?syncId=" + syncId + "&limit=200").json().get("conflicts");
        List<JsonNode> found = new ArrayList<>();
        all.forEach(c -> {
            if (c.get("sourceRecordId").asText().equals(String.valueOf(sourceId))) {
                found.add(c);
            }
        });
        assertThat(found).as(all.toString()).hasSize(1);
        return found.get(0);
    }

    private Answer resolve(JsonNode conflict, String resolution, String note) {
        Answer answer = api.post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflict.get("conflictId").asText()
                + "\",\"resolution\":\"" + resolution + "\"" + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}");
        assertThat(answer.status()).as(answer.raw()).isIn(200, 409);
        return answer;
    }

    private JsonNode resolutionEntry(String syncId, String conflictId) {
        JsonNode entries = api.get(ApiClient.BASE + "/activity?syncId=" + syncId + "&limit=200").json().get("entries");
        List<JsonNode> found = new ArrayList<>();
        entries.forEach(e -> {
            if (e.get("action").asText().equals("resolve-conflict") && conflictId.equals(e.path("conflictId").asText())) {
                found.add(e);
            }
        });
        assertThat(found).as(entries.toString()).hasSize(1);
        return found.get(0);
    }

    private List<JsonNode> partnersWithEmail() {
        return odoo.records("res.partner").stream().filter(p -> p.path("email").asText().equalsIgnoreCase(EMAIL)).toList();
    }

    private String linkedOdooId(long wooCustomer) {
        return linkedOdooId("customers", wooCustomer);
    }

    private String linkedOdooId(String entity, long wooId) {
        return jdbc.query("SELECT odoo_id FROM sync_record_link WHERE org_id = ? AND entity_type = ? AND woocommerce_id = ?",
                (rs, n) -> rs.getString(1), orgId, entity, String.valueOf(wooId)).stream().findFirst().orElse(null);
    }

    private static long many2oneId(JsonNode value) {
        return value != null && value.isArray() ? value.get(0).asLong() : value == null ? 0 : value.asLong();
    }
}
