package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DataMismatch as the contract has it: a target record changed by someone since the last sync
 * and now different from the source is not written over; a write that does not read back as
 * written is retried. Either is re-read and retried up to 3 attempts in all, then handed to a
 * person as RetryExhausted, whose accept or reject settles it for the following syncs too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataMismatchTest extends SandboxTestBase {

    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String CUSTOMERS = "[\"customers\"]";
    private static final String FULL = "{\"interBatchDelayMs\":0,\"mode\":\"full\",\"batchSize\":10}";

    @Test
    void anOdooContactEditedSinceTheLastSyncIsNotOverwrittenAndGoesToAPersonAfterThreeAttempts() {
        Edited edited = syncThenEditBothSides();

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, FULL));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("partial");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(19);
        assertThat(report.at("/queue/failed").asInt()).isEqualTo(1);
        JsonNode partner = partner(edited.bothSidesEmail);
        assertThat(partner.get("phone").asText()).as("the person's edit in Odoo stays").isEqualTo("+1 555 0100");
        assertThat(partner.get("city").asText()).isNotEqualTo("Springfield");
        assertThat(partner(edited.shopOnlyEmail).get("city").asText()).as("a change on one side only is synced")
                .isEqualTo("Shelbyville");
        assertThat(partner(edited.odooOnlyEmail).get("phone").asText()).as("an Odoo edit alone is left as it is")
                .isEqualTo("+1 555 0199");

        JsonNode mismatch = only(conflicts(report.get("syncId").asText(), "DataMismatch"));
        assertThat(mismatch.get("sourceRecordId").asText()).isEqualTo(edited.bothSidesId);
        assertThat(mismatch.get("message").asText()).contains("odoo record changed since the last sync").contains("phone");
        assertThat(mismatch.get("attempts").asInt()).isEqualTo(3);
        assertThat(mismatch.at("/resolution/resolution").asText()).isEqualTo("retry");
        assertThat(mismatch.at("/resolution/outcome").asText()).isEqualTo("failed");
        assertThat(mismatch.at("/sourceData/city").asText()).isEqualTo("Springfield");
        assertThat(mismatch.at("/targetData/phone").asText()).isEqualTo("+1 555 0100");

        JsonNode exhausted = only(conflicts(report.get("syncId").asText(), "RetryExhausted"));
        assertThat(exhausted.get("state").asText()).isEqualTo("unresolved");
        assertThat(exhausted.get("attempts").asInt()).isEqualTo(3);
        assertThat(exhausted.get("message").asText()).startsWith("DataMismatch after 3 attempts");
        assertThat(report.at("/conflicts/count").asInt()).as("only the RetryExhausted needs a person").isEqualTo(1);

        // accept: the shop's version is written now, and the next sync finds both sides in step
        JsonNode accepted = resolve(exhausted, "accept");
        assertThat(accepted.at("/conflict/resolution/outcome").asText()).as(accepted.toString()).isEqualTo("applied");
        JsonNode written = partner(edited.bothSidesEmail);
        assertThat(written.get("city").asText()).isEqualTo("Springfield");
        assertThat(written.get("phone").asText()).isNotEqualTo("+1 555 0100");

        odoo.resetStats();
        JsonNode next = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, FULL));
        assertThat(next.get("status").asText()).as(next.toString()).isEqualTo("done");
        assertThat(next.at("/conflicts/totalConflicts").asInt()).isZero();
        assertThat(odoo.stats()).doesNotContainKey("execute_kw res.partner.write")
                .doesNotContainKey("execute_kw res.partner.create");
    }

    @Test
    void rejectKeepsTheOdooContactAndTheSameMismatchIsNotRaisedAgain() {
        Edited edited = syncThenEditBothSides();
        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, FULL));
        JsonNode exhausted = only(conflicts(report.get("syncId").asText(), "RetryExhausted"));

        JsonNode rejected = resolve(exhausted, "reject");
        assertThat(rejected.at("/conflict/resolution/outcome").asText()).isEqualTo("kept-target");

        odoo.resetStats();
        JsonNode next = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, FULL));
        assertThat(next.get("status").asText()).as(next.toString()).isEqualTo("done");
        assertThat(next.at("/conflicts/totalConflicts").asInt()).isZero();
        assertThat(partner(edited.bothSidesEmail).get("phone").asText()).isEqualTo("+1 555 0100");
        assertThat(odoo.stats()).doesNotContainKey("execute_kw res.partner.write");

        // the kept contact is the new baseline: a later change in the shop, with Odoo untouched since, is synced
        woo.corrupt(EntityType.CUSTOMERS, Long.parseLong(edited.bothSidesId), "billing.city", new TextNode("Capital City"));
        JsonNode after = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, FULL));
        assertThat(after.get("status").asText()).as(after.toString()).isEqualTo("done");
        assertThat(partner(edited.bothSidesEmail).get("city").asText()).isEqualTo("Capital City");
    }

    @Test
    void aWriteOdooDoesNotReadBackAsWrittenIsRetriedAndSettlesWithoutADuplicate() {
        woo.seed(EntityType.CUSTOMERS, 10);
        // a module in Odoo sets the phone itself on the first create call only
        odoo.setFieldOverride("res.partner", "phone", "+0 000 0000", 1);

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, FULL));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("done");
        assertThat(report.at("/queue/processed").asInt()).isEqualTo(10);
        assertThat(report.at("/conflicts/count").asInt()).isZero();
        List<JsonNode> mismatches = conflicts(report.get("syncId").asText(), "DataMismatch");
        assertThat(mismatches).hasSize(10).allSatisfy(c -> {
            assertThat(c.get("message").asText()).contains("not read back as written").contains("phone");
            assertThat(c.get("attempts").asInt()).isEqualTo(2);
            assertThat(c.at("/resolution/outcome").asText()).isEqualTo("applied");
        });
        assertThat(odoo.count("res.partner")).as("retried as updates, not created again").isEqualTo(10);
        for (JsonNode customer : woo.customers()) {
            assertThat(partner(customer.get("email").asText()).path("phone").asText(""))
                    .isEqualTo(customer.at("/billing/phone").asText(""));
        }
    }

    @Test
    void aWriteThatNeverReadsBackAsWrittenEndsRetryExhaustedAfterThreeAttempts() {
        woo.seed(EntityType.CUSTOMERS, 5);
        odoo.setFieldOverride("res.partner", "phone", "+0 000 0000", 1_000);

        JsonNode report = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, FULL));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("partial");
        assertThat(report.at("/queue/failed").asInt()).isEqualTo(5);
        assertThat(conflicts(report.get("syncId").asText(), "DataMismatch")).hasSize(5)
                .allSatisfy(c -> assertThat(c.at("/resolution/outcome").asText()).isEqualTo("failed"));
        assertThat(conflicts(report.get("syncId").asText(), "RetryExhausted")).hasSize(5)
                .allSatisfy(c -> assertThat(c.get("attempts").asInt()).isEqualTo(3));
        assertThat(odoo.count("res.partner")).as("three attempts, one partner each").isEqualTo(5);
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Shop customers changed after a first sync: one on both sides, one in the shop only, one in Odoo only. */
    private record Edited(String bothSidesId, String bothSidesEmail, String shopOnlyEmail, String odooOnlyEmail) {
    }

    private Edited syncThenEditBothSides() {
        woo.seed(EntityType.CUSTOMERS, 20);
        JsonNode first = runToEnd(startSync(WOO_TO_ODOO, CUSTOMERS, FULL));
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("done");

        List<JsonNode> customers = new ArrayList<>(woo.customers());
        JsonNode both = customers.get(3);
        JsonNode shopOnly = customers.get(7);
        JsonNode odooOnly = customers.get(12);
        odoo.update("res.partner", partner(both.get("email").asText()).get("id").asLong(), Map.of("phone", "+1 555 0100"));
        woo.corrupt(EntityType.CUSTOMERS, both.get("id").asLong(), "billing.city", new TextNode("Springfield"));
        woo.corrupt(EntityType.CUSTOMERS, shopOnly.get("id").asLong(), "billing.city", new TextNode("Shelbyville"));
        odoo.update("res.partner", partner(odooOnly.get("email").asText()).get("id").asLong(), Map.of("phone", "+1 555 0199"));
        return new Edited(both.get("id").asText(), both.get("email").asText(), shopOnly.get("email").asText(),
                odooOnly.get("email").asText());
    }

    private JsonNode partner(String email) {
        return odoo.records("res.partner").stream().filter(p -> p.path("email").asText().equalsIgnoreCase(email))
                .findFirst().orElseThrow(() -> new AssertionError("no partner with e-mail " + email));
    }

    private List<JsonNode> conflicts(String syncId, String type) {
        JsonNode answer = api.get(ApiClient.BASE + "/conflicts?syncId=" + syncId + "&state=all&type=" + type).json();
        List<JsonNode> found = new ArrayList<>();
        answer.get("conflicts").forEach(found::add);
        return found;
    }

    private static JsonNode only(List<JsonNode> conflicts) {
        assertThat(conflicts).hasSize(1);
        return conflicts.get(0);
    }

    private JsonNode resolve(JsonNode conflict, String resolution) {
        var answer = api.post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflict.get("conflictId").asText()
                + "\",\"resolution\":\"" + resolution + "\"}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.json();
    }

    private JsonNode runToEnd(String syncId) {
        return runToEnd(syncId, Duration.ofSeconds(60));
    }
}
