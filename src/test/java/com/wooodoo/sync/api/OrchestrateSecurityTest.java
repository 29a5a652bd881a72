package com.wooodoo.sync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import static com.wooodoo.sync.api.ApiAnswers.assertError;
import static com.wooodoo.sync.api.ApiAnswers.assertValidationError;
import static com.wooodoo.sync.api.ApiAnswers.envelopeProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call, for which organisation: bearer tokens bound to one organisation, syncs and
 * conflicts of another organisation reported exactly as ones that do not exist, the caller's user
 * recorded in the audit trail, and the token never sent back.
 */
@DisplayName("Orchestrate API: authentication, tenant isolation and audit")
class OrchestrateSecurityTest extends ApiTestBase {

    private static final String BASE = ApiClient.BASE;
    private static final String VALID_START =
            "{\"action\":\"start\",\"systems\":[\"woocommerce\",\"odoo\"],\"entityTypes\":[\"customers\"]}";

    // ------------------------------------------------------------------------------------------
    // 401, 403 and header checks

    @ParameterizedTest(name = "{0} is 401")
    @ValueSource(strings = {"no Authorization header", "an empty Authorization header", "the Basic scheme",
            "the Token scheme", "Bearer without a token", "an unknown token",
            "the token with a suffix", "the token's stored hash", "two tokens in one header"})
    void callsWithoutAValidBearerTokenAre401(String variant) {
        String authorization = switch (variant) {
            case "no Authorization header" -> null;
            case "an empty Authorization header" -> "";
            case "the Basic scheme" -> "Basic " + java.util.Base64.getEncoder().encodeToString(("alice:" + token).getBytes());
            case "the Token scheme" -> "Token " + token;
            case "Bearer without a token" -> "Bearer";
            case "an unknown token" -> "Bearer " + ApiTokens.generate();
            case "the token with a suffix" -> "Bearer " + token + "x";
            case "the token's stored hash" -> "Bearer " + ApiTokens.hash(token);
            case "two tokens in one header" -> "Bearer " + token + ", Bearer " + ApiTokens.generate();
            default -> throw new IllegalArgumentException(variant);
        };

        Answer answer = withoutWrites(() -> call(authorization, orgId, "alice", VALID_START));

        assertError(answer, 401, "UNAUTHORIZED");
        assertNothingOfTheTokenIn(answer, token);
    }

    @Test
    void revokedTokenIs401() {
        assertThat(api.get(BASE + "/conflicts").status()).isEqualTo(200);
        jdbc.update("UPDATE api_token SET revoked_at = now() WHERE token_hash = ?", ApiTokens.hash(token));

        Answer answer = withoutWrites(() -> api.post(VALID_START));

        assertError(answer, 401, "UNAUTHORIZED");
        assertError(api.get(BASE + "/conflicts"), 401, "UNAUTHORIZED");
    }

    @Test
    void authenticationComesBeforeValidation() {
        Answer malformed = withoutWrites(() -> call(null, orgId, "alice", "{\"action\":\"start\",\"systems\":"));
        Answer unknownAction = call("Bearer " + ApiTokens.generate(), orgId, "alice", "{\"action\":\"explode\"}");

        assertError(malformed, 401, "UNAUTHORIZED");
        assertError(unknownAction, 401, "UNAUTHORIZED");
    }

    @Test
    void tokenOfAnotherOrganisationIs403() {
        String otherOrg = newOrgId();
        String otherToken = issueToken(otherOrg);

        Answer ownTokenOtherOrg = withoutWrites(() -> api.as(token, otherOrg).post(VALID_START));
        Answer otherTokenOwnOrg = withoutWrites(() -> api.as(otherToken, orgId).post(VALID_START));
        Answer unknownOrg = withoutWrites(() -> api.as(token, "org-does-not-exist").get(BASE + "/conflicts"));
        Answer orgInOtherCase = withoutWrites(() -> api.as(token, orgId.toUpperCase()).get(BASE + "/conflicts"));

        assertError(ownTokenOtherOrg, 403, "FORBIDDEN");
        assertError(otherTokenOwnOrg, 403, "FORBIDDEN");
        assertError(unknownOrg, 403, "FORBIDDEN");
        assertError(orgInOtherCase, 403, "FORBIDDEN");
        assertNothingOfTheTokenIn(ownTokenOtherOrg, token);
    }

    @Test
    void missingOrgIdIs400() {
        Answer answer = withoutWrites(() -> api.as(token, null).post(VALID_START));

        assertValidationError(answer, "x-org-id");
    }

    @ParameterizedTest(name = "x-user-id {0} is 400")
    @ValueSource(strings = {"a tab", "129 characters", "4000 characters", "empty"})
    void invalidUserIdIs400(String variant) {
        String userId = switch (variant) {
            case "a tab" -> "ali\tce";
            case "129 characters" -> "u".repeat(129);
            case "4000 characters" -> "u".repeat(4000);
            case "empty" -> "";
            default -> throw new IllegalArgumentException(variant);
        };

        Answer answer = withoutWrites(() -> call("Bearer " + token, orgId, userId, VALID_START));

        assertValidationError(answer, "x-user-id");
    }

    @ParameterizedTest(name = "x-user-id with the control character U+{0} is 400 in the envelope")
    @ValueSource(strings = {"0001", "001B", "007F"})
    void userIdWithControlCharactersIs400(String codePoint) {
        char control = (char) Integer.parseInt(codePoint, 16);

        Answer answer = withoutWrites(() -> HttpProbe.raw(port, "GET " + BASE + "/conflicts HTTP/1.0\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + token + "\r\nx-org-id: " + orgId + "\r\n"
                + "x-user-id: ali" + control + "ce"));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(envelopeProblem(answer)).as(answer.raw()).isNull();
    }

    @Test
    void userIdOf128PrintableCharactersIsAccepted() {
        String prefix = "Ops-Team (night shift) <ops@example.com> #";
        String userId = prefix + "x".repeat(128 - prefix.length());
        assertThat(userId).hasSize(128);

        String syncId = api.withUser(userId).startSync();

        assertThat(jdbc.queryForObject("SELECT created_by FROM sync_orchestration WHERE sync_id = ?::uuid", String.class, syncId))
                .isEqualTo(userId);
    }

    // ------------------------------------------------------------------------------------------
    // tenant isolation

    @Test
    void anotherOrganisationGets404ForEverythingOfASyncAndChangesNothing() {
        String syncId = api.startSync();
        String conflictId = insertConflict(orgId, syncId, "ValidationError");
        ApiClient other = anotherOrganisation();
        int activityBefore = activityCount(syncId);

        for (String action : List.of("status", "pause", "cancel", "activity")) {
            assertError(other.post(syncCall(action, syncId)), 404, "NOT_FOUND");
        }
        for (String readOnly : List.of("status", "activity", "conflicts")) {
            assertError(other.get(BASE + "/" + readOnly + "?syncId=" + syncId), 404, "NOT_FOUND");
        }
        assertThat(statusOf(syncId)).isEqualTo("queued");
        forceStatus(syncId, "paused");
        assertError(other.post(syncCall("resume", syncId)), 404, "NOT_FOUND");
        assertError(other.post(BASE + "/cancel?syncId=" + syncId, null, null), 404, "NOT_FOUND");
        assertError(other.post(resolveCall(conflictId, "accept")), 404, "NOT_FOUND");
        assertError(other.post("{\"action\":\"conflicts\",\"syncId\":\"" + syncId + "\",\"state\":\"all\"}"), 404, "NOT_FOUND");

        assertThat(statusOf(syncId)).isEqualTo("paused");
        assertThat(jdbc.queryForObject("SELECT resolution IS NULL AND resolved_by IS NULL FROM sync_conflict"
                + " WHERE conflict_id = ?::uuid", Boolean.class, conflictId)).isTrue();
        assertThat(activityCount(syncId)).as("another organisation's attempts leave no trace in this sync's trail")
                .isEqualTo(activityBefore);
        assertThat(api.post(resolveCall(conflictId, "reject")).status()).as("the owner can still resolve it").isEqualTo(200);
    }

    @ParameterizedTest(name = "conflicts listing with state {0} never shows another organisation's conflicts")
    @ValueSource(strings = {"unresolved", "resolved", "all"})
    void conflictListingsStayWithinTheOrganisation(String state) {
        String syncId = api.startSync();
        String unresolved = insertConflict(orgId, syncId, "ValidationError");
        String resolved = insertConflict(orgId, syncId, "DuplicateKey");
        assertThat(api.post(resolveCall(resolved, "reject")).status()).isEqualTo(200);
        String otherOrg = newOrgId();
        ApiClient other = new ApiClient(port, issueToken(otherOrg), otherOrg, "mallory");
        String othersSync = other.startSync();
        String othersConflict = insertConflict(otherOrg, othersSync, "RetryExhausted");

        Answer page = other.post("{\"action\":\"conflicts\",\"state\":\"" + state + "\",\"limit\":200}");

        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        page.json().path("conflicts").forEach(c -> listed.add(c.path("conflictId").asText()));
        assertThat(listed).doesNotContain(unresolved, resolved);
        assertThat(page.raw()).doesNotContain(syncId);
        if (!state.equals("resolved")) {
            assertThat(listed).containsExactly(othersConflict);
        }
    }

    @Test
    void aSyncOfAnotherOrganisationIsReportedExactlyLikeOneThatDoesNotExist() {
        String syncId = api.startSync();
        String conflictId = insertConflict(orgId, syncId, "ValidationError");
        ApiClient other = anotherOrganisation();
        String nothing = UUID.randomUUID().toString();

        for (String action : List.of("status", "pause", "resume", "cancel", "activity", "conflicts")) {
            Answer foreign = other.post(syncCall(action, syncId));
            Answer missing = other.post(syncCall(action, nothing));
            assertSameRefusal(foreign, syncId, missing, nothing);
        }
        assertSameRefusal(other.post(resolveCall(conflictId, "retry")), conflictId,
                other.post(resolveCall(nothing, "retry")), nothing);
    }

    // ------------------------------------------------------------------------------------------
    // audit trail

    @Test
    void theUserIdIsTheActorOfEveryActionInTheActivityTrail() {
        String syncId = api.withUser("starter-sam").startSync();
        assertThat(api.withUser("reader-rita").post(syncCall("status", syncId)).status()).isEqualTo(200);
        assertThat(api.withUser("pauser.paul@example.com").post(syncCall("pause", syncId)).status()).isEqualTo(200);
        assertThat(api.withUser("O'Brien (ops)").post(syncCall("resume", syncId)).status()).isEqualTo(200);
        assertThat(api.withUser("canceller #7").post(syncCall("cancel", syncId)).status()).isEqualTo(200);

        Answer trail = api.withUser("auditor").post(syncCall("activity", syncId));

        assertThat(trail.status()).as(trail.raw()).isEqualTo(200);
        Map<String, String> actorByAction = new LinkedHashMap<>();
        for (JsonNode entry : trail.json().path("entries")) {
            actorByAction.putIfAbsent(entry.path("action").asText(), entry.path("actor").asText());
        }
        assertThat(actorByAction).containsEntry("start", "starter-sam")
                .containsEntry("pause", "pauser.paul@example.com")
                .containsEntry("resume", "O'Brien (ops)")
                .containsEntry("cancel", "canceller #7")
                .doesNotContainKeys("status", "activity"); // reads are not recorded
    }

    @Test
    void withoutAUserIdTheTokenIsTheActorButNotItsSecret() {
        ApiClient anonymous = new ApiClient(port, token, orgId, null);
        String syncId = anonymous.startSync();

        String actor = jdbc.queryForObject("SELECT actor FROM sync_activity_log WHERE sync_id = ?::uuid AND action = 'start'",
                String.class, syncId);

        assertThat(actor).startsWith("token:").doesNotContain(token).doesNotContain(ApiTokens.hash(token));
    }

    @Test
    void theUserIdIsRecordedAsResolverOfAConflict() {
        String syncId = api.startSync();
        String conflictId = insertConflict(orgId, syncId, "ValidationError");

        Answer answer = api.withUser("resolver-rob").post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId
                + "\",\"resolution\":\"reject\",\"note\":\"target is right\"}");

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        JsonNode resolution = answer.json().path("conflict").path("resolution");
        assertThat(resolution.path("resolvedBy").asText()).isEqualTo("resolver-rob");
        assertThat(resolution.path("note").asText()).isEqualTo("target is right");
        assertThat(jdbc.queryForObject("SELECT resolved_by FROM sync_conflict WHERE conflict_id = ?::uuid", String.class,
                conflictId)).isEqualTo("resolver-rob");
        assertThat(jdbc.queryForObject("SELECT actor FROM sync_activity_log WHERE conflict_id = ?::uuid AND action = 'resolve-conflict'",
                String.class, conflictId)).isEqualTo("resolver-rob");
        Answer listed = api.post("{\"action\":\"conflicts\",\"syncId\":\"" + syncId + "\",\"state\":\"resolved\"}");
        assertThat(listed.json().path("conflicts").get(0).path("resolution").path("resolvedBy").asText()).isEqualTo("resolver-rob");
    }

    // ------------------------------------------------------------------------------------------
    // the token is never sent back

    @Test
    void theTokenIsNeverEchoedInHeadersOrBody() {
        String syncId = api.startSync();
        String conflictId = insertConflict(orgId, syncId, "ValidationError");
        String otherOrg = newOrgId();
        String unknownToken = ApiTokens.generate();
        Map<String, Supplier<Answer>> calls = new LinkedHashMap<>();
        calls.put("start", () -> api.post(VALID_START));
        calls.put("status", () -> api.post(syncCall("status", syncId)));
        calls.put("status by query", () -> api.get(BASE + "?action=status&syncId=" + syncId));
        calls.put("activity", () -> api.post(syncCall("activity", syncId)));
        calls.put("conflicts", () -> api.get(BASE + "/conflicts?state=all"));
        calls.put("resolve-conflict", () -> api.post(resolveCall(conflictId, "accept")));
        calls.put("pause", () -> api.post(syncCall("pause", syncId)));
        calls.put("404", () -> api.post(syncCall("status", UUID.randomUUID().toString())));
        calls.put("409", () -> api.post(syncCall("pause", syncId)));
        calls.put("400", () -> api.post("{\"action\":\"start\",\"token\":\"x\"}"));
        calls.put("400 malformed", () -> api.post("{\"action\":"));
        calls.put("400 oversized", () -> api.post("{\"action\":\"start\",\"k\":\"" + "k".repeat(70_000) + "\"}"));
        calls.put("405", () -> api.get(BASE + "/cancel?syncId=" + syncId));
        calls.put("405 PUT", () -> api.method("PUT", BASE));
        calls.put("403", () -> api.as(token, otherOrg).post(VALID_START));
        calls.put("401 unknown token", () -> api.as(unknownToken, orgId).post(VALID_START));
        calls.put("400 x-user-id", () -> api.withUser("u".repeat(200)).post(VALID_START));
        calls.put("404 path", () -> api.get("/api/v1/nope"));

        calls.forEach((name, call) -> {
            Answer answer = call.get();
            assertThat(answer.status()).as(name).isBetween(200, 499);
            assertNothingOfTheTokenIn(answer, token);
            assertNothingOfTheTokenIn(answer, unknownToken);
        });
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    private ApiClient anotherOrganisation() {
        String other = newOrgId();
        return new ApiClient(port, issueToken(other), other, "mallory");
    }

    private Answer call(String authorization, String org, String userId, String body) {
        HttpProbe probe = HttpProbe.request(port, "POST", BASE).header("Content-Type", "application/json").body(body);
        if (authorization != null) {
            probe.header("Authorization", authorization);
        }
        if (org != null) {
            probe.header("x-org-id", org);
        }
        if (userId != null) {
            probe.header("x-user-id", userId);
        }
        return probe.send();
    }

    private static String syncCall(String action, String syncId) {
        return "{\"action\":\"" + action + "\",\"syncId\":\"" + syncId + "\"}";
    }

    private static String resolveCall(String conflictId, String resolution) {
        return "{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId + "\",\"resolution\":\"" + resolution + "\"}";
    }

    /** Same status, code, details, headers and message (but for the id) for a foreign and a missing id. */
    private static void assertSameRefusal(Answer foreign, String foreignId, Answer missing, String missingId) {
        assertError(foreign, 404, "NOT_FOUND");
        assertError(missing, 404, "NOT_FOUND");
        JsonNode foreignError = foreign.json().path("error");
        JsonNode missingError = missing.json().path("error");
        assertThat(foreignError.path("message").asText().replace(foreignId, "<id>"))
                .isEqualTo(missingError.path("message").asText().replace(missingId, "<id>"));
        assertThat(foreignError.path("details")).isEqualTo(missingError.path("details"));
        assertThat(fieldNames(foreign.json())).isEqualTo(fieldNames(missing.json()));
        assertThat(headerNames(foreign)).isEqualTo(headerNames(missing));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        node.path("error").fieldNames().forEachRemaining(name -> names.add("error." + name));
        return names;
    }

    private static Set<String> headerNames(Answer answer) {
        Set<String> names = new TreeSet<>(answer.headers().map().keySet());
        names.remove("date");
        return names;
    }

    private static void assertNothingOfTheTokenIn(Answer answer, String secret) {
        String hash = ApiTokens.hash(secret);
        assertThat(answer.raw()).doesNotContain(secret).doesNotContain(hash);
        answer.headers().map().forEach((name, values) -> {
            assertThat(name).isNotEqualToIgnoringCase("Authorization");
            values.forEach(value -> assertThat(value).as("header %s", name).doesNotContain(secret).doesNotContain(hash));
        });
    }

    private Answer withoutWrites(Supplier<Answer> call) {
        int syncs = countRows("sync_orchestration");
        int conflicts = countRows("sync_conflict");
        Answer answer = call.get();
        assertThat(countRows("sync_orchestration")).as("syncs after %s", answer.raw()).isEqualTo(syncs);
        assertThat(countRows("sync_conflict")).as("conflicts after %s", answer.raw()).isEqualTo(conflicts);
        return answer;
    }

    private String statusOf(String syncId) {
        return jdbc.queryForObject("SELECT status FROM sync_orchestration WHERE sync_id = ?::uuid", String.class, syncId);
    }

    private int activityCount(String syncId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM sync_activity_log WHERE sync_id = ?::uuid", Integer.class, syncId);
        return n == null ? 0 : n;
    }
}
