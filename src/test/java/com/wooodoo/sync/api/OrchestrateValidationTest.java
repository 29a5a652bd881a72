package com.wooodoo.sync.api;

import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.TestPropertySource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.wooodoo.sync.api.ApiAnswers.assertError;
import static com.wooodoo.sync.api.ApiAnswers.assertValidationError;
import static com.wooodoo.sync.api.ApiAnswers.envelopeProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Malformed and hostile calls of the orchestrate endpoint are answered 4xx in the contract's
 * envelope, naming what is wrong, and write nothing; the compatible forms the contract promises
 * (JSON whatever the Content-Type, query-parameter forms) keep working.
 */
@DisplayName("Orchestrate API: validation of malformed and hostile requests")
// every call is judged on what it carries, never merely refused by the inbound rate limit
@TestPropertySource(properties = "wooodoo.api.rate-limit-per-minute=1000000")
class OrchestrateValidationTest extends ApiTestBase {

    private static final String BASE = ApiClient.BASE;
    private static final String SYSTEMS = "[\"woocommerce\",\"odoo\"]";
    private static final String CUSTOMERS = "[\"customers\"]";
    private static final String VALID_START = startBody(SYSTEMS, CUSTOMERS, null);
    private static final String SQL_OR = "1' OR '1'='1";
    private static final String SQL_DROP = "'; DROP TABLE sync_orchestration;--";
    private static final List<String> SYNC_ID_ACTIONS = List.of("status", "pause", "resume", "cancel", "activity", "conflicts");

    // ------------------------------------------------------------------------------------------
    // start: wrong types, out-of-range values, unknown fields

    static Stream<Arguments> invalidStartBodies() {
        return Stream.of(
                arguments("systems as a string", startBody("\"woocommerce,odoo\"", CUSTOMERS, null), "systems"),
                arguments("systems missing", startBody(null, CUSTOMERS, null), "systems"),
                arguments("the same system twice", startBody("[\"odoo\",\"odoo\"]", CUSTOMERS, null), "systems"),
                arguments("one system only", startBody("[\"woocommerce\"]", CUSTOMERS, null), "systems"),
                arguments("three systems", startBody("[\"woocommerce\",\"odoo\",\"odoo\"]", CUSTOMERS, null), "systems"),
                arguments("an unknown system", startBody("[\"woocommerce\",\"shopify\"]", CUSTOMERS, null), "systems"),
                arguments("a system in other case", startBody("[\"WooCommerce\",\"odoo\"]", CUSTOMERS, null), "systems"),
                arguments("entityTypes holding a number", startBody(SYSTEMS, "[\"customers\",3]", null), "entityTypes"),
                arguments("entityTypes empty", startBody(SYSTEMS, "[]", null), "entityTypes"),
                arguments("entityTypes missing", startBody(SYSTEMS, null, null), "entityTypes"),
                arguments("an unknown entity type", startBody(SYSTEMS, "[\"invoices\"]", null), "entityTypes"),
                arguments("an entity type twice", startBody(SYSTEMS, "[\"orders\",\"orders\"]", null), "entityTypes"),
                arguments("entityTypes as an object", startBody(SYSTEMS, "{\"customers\":true}", null), "entityTypes"),
                arguments("batchSize as the string \"50\"", withConfig("{\"batchSize\":\"50\"}"), "syncConfig.batchSize"),
                arguments("batchSize 50.5", withConfig("{\"batchSize\":50.5}"), "syncConfig.batchSize"),
                arguments("batchSize 0", withConfig("{\"batchSize\":0}"), "syncConfig.batchSize"),
                arguments("batchSize 201", withConfig("{\"batchSize\":201}"), "syncConfig.batchSize"),
                arguments("batchSize beyond a long", withConfig("{\"batchSize\":123456789012345678901234567890}"), "syncConfig.batchSize"),
                arguments("batchSize 1e3", withConfig("{\"batchSize\":1e3}"), "syncConfig.batchSize"),
                arguments("batchSize true", withConfig("{\"batchSize\":true}"), "syncConfig.batchSize"),
                arguments("maxRetries 6", withConfig("{\"maxRetries\":6}"), "syncConfig.maxRetries"),
                arguments("maxRetries -1", withConfig("{\"maxRetries\":-1}"), "syncConfig.maxRetries"),
                arguments("rateLimit 51", withConfig("{\"rateLimit\":51}"), "syncConfig.rateLimit"),
                arguments("rateLimit 0", withConfig("{\"rateLimit\":0}"), "syncConfig.rateLimit"),
                arguments("interBatchDelayMs -1", withConfig("{\"interBatchDelayMs\":-1}"), "syncConfig.interBatchDelayMs"),
                arguments("interBatchDelayMs 60001", withConfig("{\"interBatchDelayMs\":60001}"), "syncConfig.interBatchDelayMs"),
                arguments("mode \"fast\"", withConfig("{\"mode\":\"fast\"}"), "syncConfig.mode"),
                arguments("dryRun \"yes\"", withConfig("{\"dryRun\":\"yes\"}"), "syncConfig.dryRun"),
                arguments("dryRun as the string \"true\"", withConfig("{\"dryRun\":\"true\"}"), "syncConfig.dryRun"),
                arguments("dryRun 1", withConfig("{\"dryRun\":1}"), "syncConfig.dryRun"),
                arguments("syncConfig as a string", withConfig("\"{\\\"batchSize\\\":10}\""), "syncConfig"),
                arguments("syncConfig as a list", withConfig("[]"), "syncConfig"),
                arguments("an unknown field in syncConfig", withConfig("{\"threads\":4}"), "syncConfig.threads"),
                arguments("an unknown top-level field", startBody(SYSTEMS, CUSTOMERS, "\"priority\":1"), "priority"),
                arguments("a top-level field in other case", startBody(SYSTEMS, CUSTOMERS, "\"SyncConfig\":{}"), "SyncConfig"),
                arguments("__proto__", startBody(SYSTEMS, CUSTOMERS, "\"__proto__\":{\"admin\":true}"), "__proto__"),
                arguments("idempotencyKey of 256 characters", withKey("\"" + "k".repeat(256) + "\""), "idempotencyKey"),
                arguments("idempotencyKey with a NUL", withKey("\"abc\\u0000def\""), "idempotencyKey"),
                arguments("idempotencyKey empty", withKey("\"\""), "idempotencyKey"),
                arguments("idempotencyKey as a number", withKey("42"), "idempotencyKey"),
                arguments("idempotencyKey as an object", withKey("{\"k\":1}"), "idempotencyKey"));
    }

    @ParameterizedTest(name = "start with {0} is 400 naming {2}")
    @MethodSource("invalidStartBodies")
    void startWithInvalidFieldsIsRefused(String description, String body, String field) {
        Answer answer = withoutWrites(() -> api.post(body));

        assertValidationError(answer, field);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_activity_log WHERE org_id = ?", Integer.class, orgId))
                .as("nothing is logged for a refused start").isZero();
    }

    @Test
    void startReportsEveryProblemInDetails() {
        Answer answer = withoutWrites(() -> api.post(startBody("\"odoo\"", "[]",
                "\"syncConfig\":{\"batchSize\":0,\"maxRetries\":9},\"colour\":\"red\"")));

        assertValidationError(answer, "systems");
        List<String> fields = new ArrayList<>();
        answer.json().path("error").path("details").forEach(d -> fields.add(d.path("field").asText()));
        assertThat(fields).contains("systems", "entityTypes", "syncConfig.batchSize", "syncConfig.maxRetries", "colour");
    }

    // ------------------------------------------------------------------------------------------
    // the action

    static Stream<Arguments> actionProblems() {
        return Stream.of(
                arguments("an unknown action", BASE, "{\"action\":\"explode\",\"syncId\":\"{syncId}\"}"),
                arguments("no action", BASE, "{\"syncId\":\"{syncId}\"}"),
                arguments("action as a number", BASE, "{\"action\":7,\"syncId\":\"{syncId}\"}"),
                arguments("action as a list", BASE, "{\"action\":[\"pause\"],\"syncId\":\"{syncId}\"}"),
                arguments("action in capitals", BASE, "{\"action\":\"PAUSE\",\"syncId\":\"{syncId}\"}"),
                arguments("action with a trailing space", BASE, "{\"action\":\"pause \",\"syncId\":\"{syncId}\"}"),
                arguments("the path naming another action than the body", BASE + "/status",
                        "{\"action\":\"pause\",\"syncId\":\"{syncId}\"}"),
                arguments("an unknown action in the path", BASE + "/explode", "{\"syncId\":\"{syncId}\"}"),
                arguments("an SQL text as the path's action", BASE + "/" + encode(SQL_DROP), "{\"syncId\":\"{syncId}\"}"));
    }

    @ParameterizedTest(name = "{0} is 400 naming action")
    @MethodSource("actionProblems")
    void actionProblemsAreRefused(String description, String path, String bodyTemplate) {
        String syncId = api.startSync();

        Answer answer = withoutWrites(() -> api.post(path, bodyTemplate.replace("{syncId}", syncId), "application/json"));

        assertValidationError(answer, "action");
        assertThat(statusOf(syncId)).as("the sync was not paused").isEqualTo("queued");
    }

    // ------------------------------------------------------------------------------------------
    // malformed JSON, invalid UTF-8, oversized bodies

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                arguments("truncated", VALID_START.substring(0, VALID_START.length() - 5)),
                arguments("an unclosed object", VALID_START.substring(0, VALID_START.length() - 1)),
                arguments("trailing garbage", VALID_START + " xyz"),
                arguments("a closing brace too many", VALID_START + "}"),
                arguments("two objects", VALID_START + VALID_START),
                arguments("a JSON array", "[" + VALID_START + "]"),
                arguments("a JSON string", "\"start\""),
                arguments("a JSON number", "42"),
                arguments("JSON null", "null"),
                arguments("duplicate keys", startBody(SYSTEMS, CUSTOMERS, "\"entityTypes\":[\"orders\"]")),
                arguments("duplicate action keys", "{\"action\":\"conflicts\",\"action\":\"start\",\"systems\":" + SYSTEMS
                        + ",\"entityTypes\":" + CUSTOMERS + "}"),
                arguments("single quotes", VALID_START.replace('"', '\'')),
                arguments("a comment", VALID_START.replace("{\"action\"", "{/* c */\"action\"")),
                arguments("NaN", withConfig("{\"batchSize\":NaN}")),
                arguments("a raw control character in a string", withKey("\"a\u0001b\"")),
                arguments("form pairs (curl -d without JSON)", "action=start&systems=woocommerce,odoo&entityTypes=customers"),
                arguments("nesting 2000 levels deep", startBody(SYSTEMS, CUSTOMERS,
                        "\"x\":" + "[".repeat(2000) + "]".repeat(2000))),
                arguments("a number of 2000 digits", withConfig("{\"batchSize\":" + "9".repeat(2000) + "}")));
    }

    @ParameterizedTest(name = "a body that is {0} is 400 naming body")
    @MethodSource("malformedBodies")
    void malformedJsonIsRefused(String description, String body) {
        Answer answer = withoutWrites(() -> api.post(body));

        assertValidationError(answer, "body");
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                arguments("a 0xFF byte", new byte[] {(byte) 0xFF}),
                arguments("a lead byte without continuation (C3 28)", new byte[] {(byte) 0xC3, 0x28}),
                arguments("an overlong '/' (C0 AF)", new byte[] {(byte) 0xC0, (byte) 0xAF}),
                arguments("an encoded surrogate (ED A0 80)", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                arguments("a truncated 3-byte sequence (E2 82)", new byte[] {(byte) 0xE2, (byte) 0x82}));
    }

    @ParameterizedTest(name = "{0} inside a value is 400 naming body")
    @MethodSource("invalidUtf8")
    void invalidUtf8InAValueIsRefused(String description, byte[] bytes) {
        byte[] body = concat("{\"action\":\"start\",\"systems\":" + SYSTEMS + ",\"entityTypes\":" + CUSTOMERS
                + ",\"idempotencyKey\":\"key-", bytes, "\"}");

        Answer answer = withoutWrites(() -> api.postBytes(BASE, body, "application/json"));

        assertValidationError(answer, "body");
    }

    @ParameterizedTest(name = "{0} in a field name is 400")
    @MethodSource("invalidUtf8")
    void invalidUtf8InAFieldNameIsRefused(String description, byte[] bytes) {
        byte[] body = concat("{\"action\":\"start\",\"systems\":" + SYSTEMS + ",\"entityTypes\":" + CUSTOMERS
                + ",\"idempotency", bytes, "Key\":\"k\"}");

        Answer answer = withoutWrites(() -> api.postBytes(BASE, body, "application/json"));

        assertError(answer, 400, "VALIDATION_ERROR");
    }

    @Test
    void loneSurrogateEscapeInIdempotencyKeyIsRefused() {
        Answer answer = withoutWrites(() -> api.post(withKey("\"key-\\ud800\"")));

        assertValidationError(answer, "idempotencyKey");
    }

    @Test
    void bodyOverTheLimitIsRefused() {
        String body = withKey("\"" + "k".repeat(70_000) + "\"");

        Answer answer = withoutWrites(() -> api.post(body));

        assertValidationError(answer, "body");
    }

    @Test
    void bodyOverTheLimitIsRefusedWhenSentChunked() {
        String body = withKey("\"" + "k".repeat(70_000) + "\"");

        Answer answer = withoutWrites(() -> HttpProbe.request(port, "POST", BASE).auth(token, orgId, "alice")
                .header("Content-Type", "application/json").body(body).chunked().send());

        assertValidationError(answer, "body");
    }

    @Test
    void bodyOfExactlyTheLimitIsRead() {
        String body = VALID_START + " ".repeat(65_536 - VALID_START.length());
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(65_536);

        Answer answer = api.post(body);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
    }

    // ------------------------------------------------------------------------------------------
    // ids that are not UUIDs (SQL text above all)

    static Stream<String> hostileIds() {
        return Stream.of(SQL_OR, SQL_DROP, "\" OR 1=1 --", "' UNION SELECT token_hash FROM api_token --",
                "not-a-uuid", "00000000-0000-0000-0000-00000000000g", "{3f2b8c1e-7d4a-4e8e-9a51-0c6b2f9d1e77}",
                "3f2b8c1e7d4a4e8e9a510c6b2f9d1e77", "3f2b8c1e-7d4a-4e8e-9a51-0c6b2f9d1e77 ", "../../etc/passwd",
                "${header.Authorization}", "3f2b8c1e-7d4a-4e8e-9a51-0c6b2f9d1e7\u0000");
    }

    static Stream<Arguments> hostileSyncIdsPerAction() {
        return SYNC_ID_ACTIONS.stream().flatMap(action -> Stream.concat(
                hostileIds().map(id -> arguments(action, quote(id))),
                Stream.of("42", "[\"" + UUID.randomUUID() + "\"]", "{\"$ne\":null}", "true").map(json -> arguments(action, json))));
    }

    @ParameterizedTest(name = "{0} with syncId {1} is 400")
    @MethodSource("hostileSyncIdsPerAction")
    void nonUuidSyncIdsAreRefused(String action, String syncIdJson) {
        String syncId = api.startSync();
        insertConflict(orgId, syncId, "ValidationError");

        Answer answer = withoutWrites(() -> api.post("{\"action\":\"" + action + "\",\"syncId\":" + syncIdJson + "}"));

        assertValidationError(answer, "syncId");
        assertThat(statusOf(syncId)).isEqualTo("queued");
        assertThat(tableExists("sync_orchestration")).isTrue();
    }

    static Stream<Arguments> hostileSyncIdsInQuery() {
        return SYNC_ID_ACTIONS.stream().flatMap(action -> hostileIds().map(id -> arguments(action, id)));
    }

    @ParameterizedTest(name = "{0}?syncId={1} is 400")
    @MethodSource("hostileSyncIdsInQuery")
    void nonUuidSyncIdsInTheQueryAreRefused(String action, String syncId) {
        Answer answer = withoutWrites(() -> api.post(BASE + "/" + action + "?syncId=" + encode(syncId), null, null));

        assertValidationError(answer, "syncId");
        assertThat(tableExists("sync_orchestration")).isTrue();
    }

    @ParameterizedTest(name = "resolve-conflict with conflictId {0} is 400")
    @MethodSource("hostileIds")
    void nonUuidConflictIdsAreRefused(String conflictId) {
        String syncId = api.startSync();
        String realConflict = insertConflict(orgId, syncId, "ValidationError");

        Answer answer = withoutWrites(() -> api.post("{\"action\":\"resolve-conflict\",\"conflictId\":" + quote(conflictId)
                + ",\"resolution\":\"accept\"}"));

        assertValidationError(answer, "conflictId");
        assertThat(isResolved(realConflict)).isFalse();
        assertThat(tableExists("sync_conflict")).isTrue();
    }

    // ------------------------------------------------------------------------------------------
    // text fields: NUL characters, lengths

    @Test
    void nulInANoteIsRefused() {
        String conflictId = insertConflict(orgId, api.startSync(), "ValidationError");

        Answer answer = withoutWrites(() -> api.post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId
                + "\",\"resolution\":\"reject\",\"note\":\"looks fine\\u0000; DROP TABLE sync_conflict\"}"));

        assertValidationError(answer, "note");
        assertThat(isResolved(conflictId)).isFalse();
    }

    @Test
    void nulInAQueryValueIsRefused() {
        Answer answer = withoutWrites(() -> api.post(BASE + "/start?systems=woocommerce,odoo&entityTypes=customers"
                + "&idempotencyKey=abc%00def", null, null));

        assertValidationError(answer, "idempotencyKey");
    }

    @Test
    void noteOverItsLimitIsRefused() {
        String conflictId = insertConflict(orgId, api.startSync(), "ValidationError");

        Answer answer = withoutWrites(() -> api.post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId
                + "\",\"resolution\":\"reject\",\"note\":\"" + "n".repeat(2001) + "\"}"));

        assertValidationError(answer, "note");
        assertThat(isResolved(conflictId)).isFalse();
    }

    @ParameterizedTest(name = "resolution {0} is 400")
    @ValueSource(strings = {"\"skip\"", "\"ACCEPT\"", "\"\"", "1", "[\"accept\"]"})
    void unknownResolutionIsRefused(String resolutionJson) {
        String conflictId = insertConflict(orgId, api.startSync(), "ValidationError");

        Answer answer = withoutWrites(() -> api.post("{\"action\":\"resolve-conflict\",\"conflictId\":\"" + conflictId
                + "\",\"resolution\":" + resolutionJson + "}"));

        assertValidationError(answer, "resolution");
        assertThat(isResolved(conflictId)).isFalse();
    }

    @Test
    void idempotencyKeyOf255CharactersIsAccepted() {
        Answer answer = api.post(withKey("\"" + "k".repeat(255) + "\""));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
    }

    // ------------------------------------------------------------------------------------------
    // paging: limits and cursors

    static Stream<Arguments> invalidLimits() {
        return Stream.of("conflicts", "activity").flatMap(action -> Stream.of(
                arguments(action, "0"), arguments(action, "201"), arguments(action, "-1"), arguments(action, "1.5"),
                arguments(action, "\"50\""), arguments(action, "99999999999999999999"), arguments(action, "true")));
    }

    @ParameterizedTest(name = "{0} with limit {1} is 400")
    @MethodSource("invalidLimits")
    void limitsOutOfRangeOrOfTheWrongTypeAreRefused(String action, String limitJson) {
        String syncId = api.startSync();

        Answer answer = api.post("{\"action\":\"" + action + "\",\"syncId\":\"" + syncId + "\",\"limit\":" + limitJson + "}");

        assertValidationError(answer, "limit");
    }

    @ParameterizedTest(name = "{0}?limit={1} is 400")
    @MethodSource("invalidLimitsInQuery")
    void limitsOutOfRangeInTheQueryAreRefused(String action, String limit) {
        String syncId = api.startSync();

        Answer answer = api.get(BASE + "/" + action + "?syncId=" + syncId + "&limit=" + encode(limit));

        assertValidationError(answer, "limit");
    }

    static Stream<Arguments> invalidLimitsInQuery() {
        return Stream.of("conflicts", "activity").flatMap(action -> Stream.of("0", "201", "-1", "1.5", "abc", "", "+5", " 5",
                "99999999999999999999").map(limit -> arguments(action, limit)));
    }

    static Stream<Arguments> badCursors() {
        String uuid = UUID.randomUUID().toString();
        Stream<String> common = Stream.of("!!!", "not base64 at all", "%%%", "YQ", "x".repeat(513), "\u0000",
                base64("x|1"), base64("a|1|2"), base64(""), "''; DROP TABLE sync_conflict;--");
        Stream<Arguments> conflicts = Stream.concat(common, Stream.of(base64("a|5"), base64("c|notadate|" + uuid),
                        base64("c|2024-01-01T00:00:00Z|not-a-uuid"), base64("c|2024-01-01T00:00:00Z"),
                        base64("c|2024-01-01T00:00:00Z|" + uuid + "|x")))
                .map(cursor -> arguments("conflicts", cursor));
        Stream<Arguments> activity = Stream.of("!!!", "not base64 at all", "YQ", "x".repeat(513), base64("x|1"),
                        base64("a|1|2"), base64("c|2024-01-01T00:00:00Z|" + uuid), base64("a|-1"), base64("a|abc"),
                        base64("a|9999999999999999999"), base64("a|"), base64("a| 1"))
                .map(cursor -> arguments("activity", cursor));
        return Stream.concat(conflicts, activity);
    }

    @ParameterizedTest(name = "{0} with cursor {1} is 400")
    @MethodSource("badCursors")
    void badCursorsAreRefused(String action, String cursor) {
        String syncId = api.startSync();

        Answer answer = api.post("{\"action\":\"" + action + "\",\"syncId\":\"" + syncId + "\",\"cursor\":" + quote(cursor) + "}");

        assertValidationError(answer, "cursor");
    }

    @ParameterizedTest(name = "a conflicts cursor at {0} is 400")
    @ValueSource(strings = {"+1000000000-12-31T23:59:59.999999999Z", "+300000-01-01T00:00:00Z", "-4800-01-01T00:00:00Z"})
    void conflictCursorOutsideTheDatabaseRangeIsRefused(String instant) {
        String cursor = base64("c|" + instant + "|" + UUID.randomUUID());

        Answer answer = api.get(BASE + "/conflicts?cursor=" + cursor);

        assertValidationError(answer, "cursor");
    }

    // ------------------------------------------------------------------------------------------
    // where the fields come from: query string twice, query and body at once

    @ParameterizedTest(name = "{0} given twice in the query is 400")
    @ValueSource(strings = {"syncId", "action"})
    void queryFieldGivenTwiceIsRefused(String field) {
        String syncId = api.startSync();
        String query = "syncId".equals(field)
                ? "action=pause&syncId=" + syncId + "&syncId=" + syncId
                : "action=pause&action=pause&syncId=" + syncId;

        Answer answer = withoutWrites(() -> api.post(BASE + "?" + query, null, null));

        assertValidationError(answer, field);
        assertThat(statusOf(syncId)).isEqualTo("queued");
    }

    @Test
    void fieldsInBothQueryAndBodyAreRefused() {
        String syncId = api.startSync();

        Answer answer = withoutWrites(() -> api.post(BASE + "/pause?syncId=" + syncId, "{\"syncId\":\"" + syncId + "\"}",
                "application/json"));

        assertError(answer, 400, "VALIDATION_ERROR");
        assertThat(answer.json().path("error").path("message").asText()).contains("query").contains("body");
        assertThat(statusOf(syncId)).isEqualTo("queued");
    }

    @Test
    void startWithFieldsInBothQueryAndBodyWritesNothing() {
        Answer answer = withoutWrites(() -> api.post(BASE + "/start?idempotencyKey=k1", VALID_START, "application/json"));

        assertError(answer, 400, "VALIDATION_ERROR");
    }

    // ------------------------------------------------------------------------------------------
    // HTTP methods

    @ParameterizedTest(name = "GET of {0} (path form) is 405")
    @ValueSource(strings = {"start", "pause", "resume", "cancel", "resolve-conflict"})
    void getOfAStateChangingActionInThePathIs405(String action) {
        String syncId = api.startSync();
        String conflictId = insertConflict(orgId, syncId, "ValidationError");
        String query = switch (action) {
            case "start" -> "systems=woocommerce,odoo&entityTypes=customers";
            case "resolve-conflict" -> "conflictId=" + conflictId + "&resolution=accept";
            default -> "syncId=" + syncId;
        };

        Answer answer = withoutWrites(() -> api.get(BASE + "/" + action + "?" + query));

        assertError(answer, 405, "METHOD_NOT_ALLOWED");
        assertThat(answer.header("Allow")).isEqualTo("POST");
        assertThat(statusOf(syncId)).isEqualTo("queued");
        assertThat(isResolved(conflictId)).isFalse();
    }

    @ParameterizedTest(name = "GET ?action={0} is 405")
    @ValueSource(strings = {"start", "pause", "resume", "cancel", "resolve-conflict"})
    void getOfAStateChangingActionInTheQueryIs405(String action) {
        String syncId = api.startSync();
        forceStatus(syncId, "paused");

        Answer answer = withoutWrites(() -> api.get(BASE + "?action=" + action + "&syncId=" + syncId));

        assertError(answer, 405, "METHOD_NOT_ALLOWED");
        assertThat(answer.header("Allow")).isEqualTo("POST");
        assertThat(statusOf(syncId)).isEqualTo("paused");
    }

    static Stream<Arguments> otherMethods() {
        return Stream.of("PUT", "DELETE", "PATCH").flatMap(method ->
                Stream.of(BASE, BASE + "/status", BASE + "/start").map(path -> arguments(method, path)));
    }

    @ParameterizedTest(name = "{0} {1} is 405")
    @MethodSource("otherMethods")
    void otherMethodsAre405(String method, String path) {
        Answer answer = withoutWrites(() -> HttpProbe.request(port, method, path).auth(token, orgId, "alice")
                .header("Content-Type", "application/json").body(VALID_START).send());

        assertError(answer, 405, "METHOD_NOT_ALLOWED");
        assertThat(answer.header("Allow")).contains("GET").contains("POST");
    }

    // ------------------------------------------------------------------------------------------
    // what the contract promises to accept

    @ParameterizedTest(name = "a JSON body sent as {0} is read as JSON")
    @NullSource
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "text/plain;charset=UTF-8",
            "application/json", "application/json; charset=utf-8", "application/octet-stream"})
    void jsonBodyIsReadWhateverTheContentType(String contentType) {
        Answer answer = api.post(BASE, startBody(SYSTEMS, "[\"customers\",\"orders\"]",
                "\"syncConfig\":{\"batchSize\":25,\"dryRun\":true}"), contentType);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        String syncId = answer.json().path("syncId").asText();
        assertThat(answer.json().path("status").asText()).isEqualTo("queued");
        assertThat(jdbc.queryForObject("SELECT sync_config->>'batchSize' FROM sync_orchestration WHERE sync_id = ?::uuid",
                String.class, syncId)).isEqualTo("25");
        assertThat(jdbc.queryForObject("SELECT array_to_string(entity_types, ',') FROM sync_orchestration WHERE sync_id = ?::uuid",
                String.class, syncId)).isEqualTo("customers,orders");
    }

    @ParameterizedTest(name = "status by {0}")
    @ValueSource(strings = {"GET ?action=status&syncId=", "GET /status?syncId=", "POST /status?syncId=", "POST ?action=status&syncId="})
    void statusInQueryParameterForms(String form) {
        String syncId = api.startSync();
        String path = BASE + form.substring(form.indexOf(' ') + 1) + syncId;

        Answer answer = form.startsWith("GET") ? api.get(path) : api.post(path, null, null);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.json().path("success").asBoolean()).isTrue();
        assertThat(answer.json().path("syncId").asText()).isEqualTo(syncId);
        assertThat(answer.json().path("status").asText()).isEqualTo("queued");
    }

    @Test
    void startInQueryForm() {
        Answer answer = api.post(BASE + "?systems=woocommerce,odoo&entityTypes=customers&action=start", null, null);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        assertThat(answer.json().path("status").asText()).isEqualTo("queued");
    }

    @Test
    void startInQueryFormWithAUrlEncodedSyncConfig() {
        String config = encode("{\"batchSize\":10,\"mode\":\"full\",\"dryRun\":true}");

        Answer answer = api.post(BASE + "/start?systems=odoo,woocommerce&entityTypes=products,orders&syncConfig=" + config
                + "&idempotencyKey=" + encode("query form ✓"), null, null);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        var row = jdbc.queryForMap("SELECT source_system, sync_config::text AS config, idempotency_key FROM sync_orchestration"
                + " WHERE sync_id = ?::uuid", answer.json().path("syncId").asText());
        assertThat(row.get("source_system")).isEqualTo("odoo");
        assertThat((String) row.get("config")).contains("\"batchSize\": 10").contains("\"mode\": \"full\"").contains("\"dryRun\": true");
        assertThat(row.get("idempotency_key")).isEqualTo("query form ✓");
    }

    @Test
    void queryTextValuesAreConvertedButStillChecked() {
        Answer wrong = withoutWrites(() -> api.post(BASE + "/start?systems=woocommerce,odoo&entityTypes=customers&syncConfig="
                + encode("{\"batchSize\":\"10\"}"), null, null));
        assertValidationError(wrong, "syncConfig.batchSize");

        Answer notAnObject = withoutWrites(() -> api.post(BASE + "/start?systems=woocommerce,odoo&entityTypes=customers"
                + "&syncConfig=batchSize%3D10", null, null));
        assertValidationError(notAnObject, "syncConfig");

        Answer page = api.get(BASE + "/conflicts?limit=5&state=all&type=DuplicateKey");
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
    }

    @ParameterizedTest(name = "syncConfig in the query as {0} is 400")
    @ValueSource(strings = {"{\"batchSize\":10}garbage", "{\"batchSize\":500,\"batchSize\":10}"})
    void malformedSyncConfigInTheQueryIsRefused(String syncConfig) {
        Answer answer = withoutWrites(() -> api.post(BASE + "/start?systems=woocommerce,odoo&entityTypes=customers&syncConfig="
                + encode(syncConfig), null, null));

        assertValidationError(answer, "syncConfig");
    }

    @ParameterizedTest(name = "{0} is 404 in the JSON envelope")
    @ValueSource(strings = {"/api/v1/nope", "/api/v1/integrations/sync/orchestrate/status/extra", "/nope", "/api"})
    void unknownPathsAre404Json(String path) {
        Answer get = api.get(path);
        Answer post = api.post(path, VALID_START, "application/json");

        assertError(get, 404, "NOT_FOUND");
        assertError(post, 404, "NOT_FOUND");
        assertThat(get.raw()).doesNotContainIgnoringCase("<html");
    }

    @ParameterizedTest(name = "a path action with {0} is 400 in the JSON envelope")
    @ValueSource(strings = {"sta%2Ftus", "sta%00tus", "sta%5Ctus", "%C3%28", "%FF"})
    void pathsTomcatRefusesAreAnsweredInTheEnvelope(String segment) {
        Answer answer = withoutWrites(() -> api.get(BASE + "/" + segment));

        assertError(answer, 400, "VALIDATION_ERROR");
    }

    @Test
    void queryStringBeyondTheHeaderLimitIsAnsweredInTheEnvelope() {
        Answer answer = api.get(BASE + "/conflicts?cursor=" + "A".repeat(10_000));

        assertThat(answer.status()).isBetween(400, 431);
        assertThat(envelopeProblem(answer)).as(answer.raw()).isNull();
    }

    // ------------------------------------------------------------------------------------------
    // a generated corpus of hostile requests

    @Test
    @DisplayName("a corpus of 1,200 generated hostile requests: every answer 4xx in the envelope, nothing written")
    void generatedHostileCorpus() {
        String otherOrg = newOrgId();
        String otherToken = issueToken(otherOrg);
        String otherSync = api.as(otherToken, otherOrg).startSync();
        String otherConflict = insertConflict(otherOrg, otherSync, "ValidationError");
        String ownSync = api.startSync();
        String ownConflict = insertConflict(orgId, ownSync, "RetryExhausted");
        HostileRequests corpus = new HostileRequests(20_240_611L, new HostileRequests.Context(token, orgId, ownSync,
                ownConflict, otherToken, otherOrg, otherSync, otherConflict));
        Counts before = counts();

        List<String> failures = new ArrayList<>();
        List<HostileRequests.Call> calls = corpus.generate(1_200);
        for (HostileRequests.Call call : calls) {
            Answer answer = call.send(port);
            String problem = answer.status() < 400 || answer.status() > 499
                    ? "HTTP " + answer.status() : envelopeProblem(answer);
            if (problem == null && answer.status() == 429 && answer.raw().contains("RATE_LIMITED")) {
                problem = "refused by the rate limit instead of judged on its content";
            }
            if (problem == null && !counts().equals(before)) {
                problem = "rows were written";
                before = counts();
            }
            if (problem != null) {
                failures.add(call + "\n    → " + problem + ": " + abbreviate(answer.raw()));
            }
        }

        assertThat(calls).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(calls.stream().map(HostileRequests.Call::action).distinct()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(failures).as("hostile requests answered other than 4xx in the envelope").isEmpty();
        assertThat(statusOf(ownSync)).isEqualTo("queued");
        assertThat(statusOf(otherSync)).isEqualTo("queued");
        assertThat(isResolved(ownConflict)).isFalse();
        assertThat(isResolved(otherConflict)).isFalse();
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    private record Counts(int syncs, int conflicts) {
    }

    private Counts counts() {
        return new Counts(countRows("sync_orchestration"), countRows("sync_conflict"));
    }

    /** Makes a call that must write nothing: the sync and conflict tables keep their row counts. */
    private Answer withoutWrites(Supplier<Answer> call) {
        Counts before = counts();
        Answer answer = call.get();
        assertThat(counts()).as("rows of sync_orchestration and sync_conflict after: %s", answer.raw()).isEqualTo(before);
        return answer;
    }

    private String statusOf(String syncId) {
        return jdbc.queryForObject("SELECT status FROM sync_orchestration WHERE sync_id = ?::uuid", String.class, syncId);
    }

    private boolean isResolved(String conflictId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT resolution IS NOT NULL FROM sync_conflict WHERE conflict_id = ?::uuid", Boolean.class, conflictId));
    }

    private boolean tableExists(String table) {
        return jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table);
    }

    private static String startBody(String systems, String entityTypes, String extraMembers) {
        StringBuilder body = new StringBuilder("{\"action\":\"start\"");
        if (systems != null) {
            body.append(",\"systems\":").append(systems);
        }
        if (entityTypes != null) {
            body.append(",\"entityTypes\":").append(entityTypes);
        }
        if (extraMembers != null) {
            body.append(',').append(extraMembers);
        }
        return body.append('}').toString();
    }

    private static String withConfig(String syncConfigJson) {
        return startBody(SYSTEMS, CUSTOMERS, "\"syncConfig\":" + syncConfigJson);
    }

    private static String withKey(String idempotencyKeyJson) {
        return startBody(SYSTEMS, CUSTOMERS, "\"idempotencyKey\":" + idempotencyKeyJson);
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
