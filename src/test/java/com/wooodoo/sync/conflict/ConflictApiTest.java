package com.wooodoo.sync.conflict;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static com.wooodoo.sync.support.ApiClient.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/** Listing conflicts with their filters and pages, and resolving each conflict exactly once. */
class ConflictApiTest extends ApiTestBase {

    @Test
    void listsUnresolvedConflictsByDefaultWithTheirData() {
        String syncId = api.startSync();
        String conflictId = insertConflict(orgId, syncId, "ValidationError");

        Answer answer = api.get(BASE + "/conflicts");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode conflict = answer.json().get("conflicts").get(0);
        assertThat(conflict.get("conflictId").asText()).isEqualTo(conflictId);
        assertThat(conflict.get("syncId").asText()).isEqualTo(syncId);
        assertThat(conflict.get("type").asText()).isEqualTo("ValidationError");
        assertThat(conflict.get("state").asText()).isEqualTo("unresolved");
        assertThat(conflict.at("/sourceData/email").asText()).isEqualTo("a@example.com");
        assertThat(conflict.at("/targetData/email").asText()).isEqualTo("b@example.com");
        assertThat(conflict.get("resolution").isNull()).isTrue();
        assertThat(answer.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void filtersBySyncStateAndType() {
        String first = api.startSync();
        String second = api.startSync();
        String validation = insertConflict(orgId, first, "ValidationError");
        String duplicate = insertConflict(orgId, first, "DuplicateKey");
        String other = insertConflict(orgId, second, "ValidationError");
        resolve(duplicate, "reject");

        assertThat(ids(api.get(BASE + "/conflicts?syncId=" + first))).containsExactly(validation);
        assertThat(ids(api.get(BASE + "/conflicts?state=resolved"))).containsExactly(duplicate);
        assertThat(ids(api.get(BASE + "/conflicts?state=all&syncId=" + first))).containsExactlyInAnyOrder(validation, duplicate);
        assertThat(ids(api.get(BASE + "/conflicts?type=ValidationError"))).containsExactlyInAnyOrder(validation, other);
        assertThat(ids(api.post("{\"action\":\"conflicts\",\"state\":\"all\",\"type\":\"DuplicateKey\"}")))
                .containsExactly(duplicate);
    }

    @Test
    void pagesThroughEveryConflictOnce() {
        String syncId = api.startSync();
        List<String> inserted = IntStream.range(0, 7).mapToObj(i -> insertConflict(orgId, syncId, "RetryExhausted")).toList();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page = api.get(BASE + "/conflicts?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(page));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(inserted).doesNotHaveDuplicates();
    }

    @Test
    void eachResolutionIsRecordedWithUserNoteAndOutcome() {
        String syncId = api.startSync();
        String accept = insertConflict(orgId, syncId, "DataMismatch");
        String reject = insertConflict(orgId, syncId, "ValidationError");
        String retry = insertConflict(orgId, syncId, "RetryExhausted");

        JsonNode accepted = api.withUser("carol").post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + accept
                + "\",\"resolution\":\"accept\",\"note\":\"source is right\"}").json().get("conflict");
        JsonNode rejected = resolve(reject, "reject").json().get("conflict");
        JsonNode retried = resolve(retry, "retry").json().get("conflict");

        assertThat(accepted.get("state").asText()).isEqualTo("resolved");
        assertThat(accepted.at("/resolution/resolution").asText()).isEqualTo("accept");
        assertThat(accepted.at("/resolution/resolvedBy").asText()).isEqualTo("carol");
        assertThat(accepted.at("/resolution/resolvedAt").asText()).isNotBlank();
        // this organisation has no connections: accept and retry are carried out at once and fail, saying why
        assertThat(accepted.at("/resolution/outcome").asText()).isEqualTo("failed");
        assertThat(accepted.at("/resolution/note").asText()).startsWith("source is right\nfailed: ")
                .contains("has no odoo connection");
        assertThat(rejected.at("/resolution/outcome").asText()).isEqualTo("kept-target");
        assertThat(retried.at("/resolution/outcome").asText()).isEqualTo("failed");
        assertThat(retried.at("/resolution/note").asText()).startsWith("failed: ").contains("has no woocommerce connection");

        JsonNode status = api.get(BASE + "/status?syncId=" + syncId).json();
        assertThat(status.at("/conflicts/count").asInt()).isZero();
        assertThat(status.at("/conflicts/totalConflicts").asInt()).isEqualTo(3);

        JsonNode trail = api.get(BASE + "/activity?syncId=" + syncId).json().get("entries");
        List<String> resolutions = new ArrayList<>();
        trail.forEach(e -> {
            if (e.get("action").asText().equals("resolve-conflict")) {
                resolutions.add(e.get("conflictId").asText() + ":" + e.at("/details/resolution").asText());
            }
        });
        assertThat(resolutions).containsExactly(accept + ":accept", reject + ":reject", retry + ":retry");
        trail.forEach(e -> {
            if (e.get("action").asText().equals("resolve-conflict") && !e.get("conflictId").asText().equals(reject)) {
                assertThat(e.get("outcome").asText()).isEqualTo("error");
                assertThat(e.at("/details/outcome").asText()).isEqualTo("failed");
                assertThat(e.at("/details/error").asText()).contains("connection");
            }
        });
    }

    @Test
    void aSecondResolutionIsRefused() {
        String conflictId = insertConflict(orgId, api.startSync(), "ValidationError");
        resolve(conflictId, "reject");

        Answer second = resolve(conflictId, "accept");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo("INVALID_STATE");
        assertThat(jdbc.queryForObject("SELECT resolution FROM sync_conflict WHERE conflict_id = ?::uuid",
                String.class, conflictId)).isEqualTo("reject");
    }

    @Test
    void concurrentResolutionsLeaveExactlyOne() {
        String conflictId = insertConflict(orgId, api.startSync(), "ValidationError");
        List<CompletableFuture<Answer>> calls = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> resolve(conflictId, i % 2 == 0 ? "accept" : "reject")))
                .toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(Answer::status).toList();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
    }

    @Test
    void unknownConflictIsNotFound() {
        Answer answer = resolve("00000000-0000-4000-8000-000000000001", "accept");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("NOT_FOUND");
    }

    private Answer resolve(String conflictId, String resolution) {
        return api.post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId + "\",\"resolution\":\""
                + resolution + "\"}");
    }

    private static List<String> ids(Answer answer) {
        assertThat(answer.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get("conflicts").forEach(c -> ids.add(c.get("conflictId").asText()));
        return ids;
    }
}
