package com.wooodoo.sync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.wooodoo.sync.conflict.ConflictResolution;
import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.store.SyncStatus;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.ApiTestBase;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document of the orchestrate API is served without authentication, is a valid
 * OpenAPI document, and is true: every request example it gives is sent to the running service
 * and answered with a status the document names for that example, in the documented schema; and
 * every error code, status, conflict type, resolution and action the code knows is documented.
 *
 * <p>A request example named N is answered by the response that holds an example also named N,
 * or, when no response does, by a success (2xx) response. Example ids are placeholders
 * ({@link #SYNC_PLACEHOLDER}, {@link #CONFLICT_PLACEHOLDER}) replaced by those of a sync started
 * through the API and of a conflict recorded for it.
 */
@DisplayName("Orchestrate API: the OpenAPI document")
class OpenApiDocumentTest extends ApiTestBase {

    static final String SYNC_PLACEHOLDER = "c9e04683-5517-472d-acfa-79537d840db5";
    static final String CONFLICT_PLACEHOLDER = "5b1f3a0e-2c4d-4e6f-8a9b-0c1d2e3f4a5b";
    private static final String DOCUMENT_IRI = "https://wooodoo.example/openapi/orchestrate-api.json";
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JsonNode document;
    private SchemaRegistry schemas;

    @BeforeEach
    void fetchTheDocument() throws IOException {
        HttpResponse<String> yaml = fetch(OpenApiDocumentController.YAML_PATH);
        assertThat(yaml.statusCode()).as(yaml.body()).isEqualTo(200);
        document = new YAMLMapper().readTree(yaml.body());
        String json = MAPPER.writeValueAsString(document);
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, json)));
    }

    @Test
    void isServedWithoutAuthenticationAsYamlAndJson() throws IOException {
        HttpResponse<String> yaml = fetch(OpenApiDocumentController.YAML_PATH);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        HttpResponse<String> json = fetch(OpenApiDocumentController.JSON_PATH);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(JSON));
        assertThat(MAPPER.readTree(json.body())).isEqualTo(document);
        assertThat(yaml.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void isAValidOpenApiDocument() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(
                fetch(OpenApiDocumentController.YAML_PATH).body(), null, options);
        assertThat(parsed.getMessages()).as("problems the OpenAPI parser reports").isEmpty();
        assertThat(parsed.getOpenAPI()).isNotNull();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1.");
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void everyOperationHasRequestExamplesAndEveryResponseAnExample() {
        forEachOperation((path, method, operation) -> {
            assertThat(requestExamples(operation)).as("request examples of %s %s", method, path).isNotEmpty();
            operation.get("responses").fields().forEachRemaining(response -> assertThat(
                    resolve(response.getValue()).at("/content/application~1json/examples").size())
                    .as("examples of the %s answer of %s %s", response.getKey(), method, path).isPositive());
        });
    }

    @Test
    void everyExampleFollowsItsSchema() {
        List<String> problems = new ArrayList<>();
        forEachOperation((path, method, operation) -> {
            operation.get("responses").fields().forEachRemaining(response -> {
                String schema = responseSchemaPointer(path, method, response.getKey(), response.getValue());
                resolve(response.getValue()).at("/content/application~1json/examples").fields().forEachRemaining(example ->
                        problems.addAll(violations(schema, resolve(example.getValue()).get("value"),
                                method + " " + path + " answer " + response.getKey() + " example " + example.getKey())));
            });
            JsonNode body = resolve(operation.path("requestBody"));
            Map<String, JsonNode> examples = bodyExamples(operation);
            examples.forEach((name, value) -> {
                if (expectedStatuses(operation, name).stream().allMatch(status -> status.startsWith("2"))) {
                    problems.addAll(violations(pointerOf(operation.path("requestBody"), path, method, "/requestBody")
                                    + "/content/application~1json/schema", value,
                            method + " " + path + " request example " + name));
                }
            });
            assertThat(body.isMissingNode() || !examples.isEmpty()).isTrue();
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void anAnswerThatDiffersFromTheDocumentIsCaught() {
        JsonNode answer = resolve(document.at("/components/examples/StatusAnswer")).get("value");
        String schema = "/components/schemas/StatusAnswer";
        assertThat(violations(schema, answer, "the documented example")).isEmpty();
        ObjectNode renamed = answer.deepCopy();
        renamed.set("state", renamed.remove("status"));
        assertThat(violations(schema, renamed, "a renamed field")).isNotEmpty();
        ObjectNode unknownStatus = answer.deepCopy();
        unknownStatus.put("status", "running");
        assertThat(violations(schema, unknownStatus, "an undocumented status")).isNotEmpty();
        ObjectNode nested = answer.deepCopy();
        ((ObjectNode) nested.get("conflicts").get("byType")).put("Unknown", 1);
        assertThat(violations(schema, nested, "an undocumented conflict type")).isNotEmpty();
    }

    @Test
    void everyRequestExampleIsAnsweredAsDocumented() {
        List<String> problems = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        forEachOperation((path, method, operation) -> {
            for (String name : requestExamples(operation)) {
                String label = method.toUpperCase() + " " + path + " example '" + name + "'";
                Answer answer = send(path, method, operation, name);
                sent.add(label);
                Set<String> expected = expectedStatuses(operation, name);
                String status = String.valueOf(answer.status());
                if (!expected.contains(status)) {
                    problems.add(label + ": answered " + status + ", documented " + expected + ": " + answer.raw());
                    continue;
                }
                problems.addAll(answerProblems(path, method, operation, answer, label));
            }
        });
        assertThat(problems).isEmpty();
        assertThat(sent).hasSizeGreaterThanOrEqualTo(OrchestrateAction.values().length * 2);
    }

    @Test
    void refusalsForTheCallerAndTheMethodAreAnsweredAsDocumented() {
        String path = ApiClient.BASE + "/status";
        JsonNode status = document.get("paths").get(path).get("get");
        String syncId = api.startSync();
        String query = path + "?syncId=" + syncId;
        String otherOrg = newOrgId();
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("no token", api.as(null, orgId).get(query));
        answers.put("unknown token", api.as("wos_unknown", orgId).get(query));
        answers.put("token of another organisation", api.as(issueToken(otherOrg), orgId).get(query));
        answers.put("no x-org-id", api.as(token, null).get(query));
        List<String> problems = new ArrayList<>();
        answers.forEach((what, answer) -> problems.addAll(answerProblems(path, "get", status, answer, what)));
        assertThat(answers.values()).extracting(Answer::status).containsExactly(401, 401, 403, 400);

        JsonNode base = document.get("paths").get(ApiClient.BASE).get("get");
        Answer getOfAChange = api.get(ApiClient.BASE + "?action=pause&syncId=" + syncId);
        assertThat(getOfAChange.status()).isEqualTo(405);
        problems.addAll(answerProblems(ApiClient.BASE, "get", base, getOfAChange, "GET of pause"));
        assertThat(problems).isEmpty();
    }

    /** What is wrong with an answer: a status the operation does not document, a body or header not as documented. */
    private List<String> answerProblems(String path, String method, JsonNode operation, Answer answer, String label) {
        String status = String.valueOf(answer.status());
        JsonNode response = operation.get("responses").get(status);
        if (response == null) {
            return List.of(label + ": answered " + status + ", which " + method + " " + path + " does not document");
        }
        String where = label + " (answered " + status + ")";
        List<String> problems = new ArrayList<>(violations(responseSchemaPointer(path, method, status, response),
                answer.json(), where));
        String pointer = pointerOf(response, path, method, "/responses/" + status);
        resolve(response).path("headers").fields().forEachRemaining(header -> answer.headers()
                .firstValue(header.getKey()).ifPresent(value -> problems.addAll(violations(
                        headerSchemaPointer(pointer, header), MAPPER.getNodeFactory().textNode(value),
                        where + " header " + header.getKey()))));
        return problems;
    }

    private static String headerSchemaPointer(String responsePointer, Map.Entry<String, JsonNode> header) {
        return header.getValue().has("$ref") ? header.getValue().get("$ref").asText().substring(1) + "/schema"
                : responsePointer + "/headers/" + escape(header.getKey()) + "/schema";
    }

    @Test
    void everyErrorCodeStatusConflictTypeResolutionAndActionOfTheServiceIsDocumented() {
        JsonNode types = document.at("/components/schemas");
        assertThat(strings(types.at("/ErrorCode/enum")))
                .containsExactlyInAnyOrderElementsOf(names(ErrorCode.values()));
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(types.at("/ErrorCode/x-http-status/" + code.name()).asInt())
                    .as("documented HTTP status of %s", code).isEqualTo(code.httpStatus());
        }
        Set<String> answeredStatuses = new TreeSet<>();
        forEachOperation((path, method, operation) -> operation.get("responses").fieldNames()
                .forEachRemaining(answeredStatuses::add));
        assertThat(answeredStatuses).as("HTTP statuses of the documented answers")
                .containsAll(Arrays.stream(ErrorCode.values()).map(c -> String.valueOf(c.httpStatus())).toList());

        assertThat(strings(types.at("/SyncStatus/enum")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(SyncStatus.values()).map(SyncStatus::id).toList());
        assertThat(strings(types.at("/ConflictType/enum"))).containsExactlyInAnyOrderElementsOf(ConflictType.ids());
        assertThat(strings(types.at("/Resolution/enum"))).containsExactlyInAnyOrderElementsOf(ConflictResolution.ids());
        assertThat(strings(types.at("/ConflictResolutionRecord/properties/resolution/enum")))
                .containsAll(ConflictResolution.ids());
        assertThat(strings(types.at("/Action/enum"))).containsExactlyInAnyOrderElementsOf(OrchestrateAction.ids());
        for (OrchestrateAction action : OrchestrateAction.values()) {
            JsonNode operations = document.get("paths").path(ApiClient.BASE + "/" + action.id());
            assertThat(operations.has("post")).as("POST of the path form of %s", action.id()).isTrue();
            assertThat(operations.has("get")).as("GET of the path form of %s", action.id()).isEqualTo(action.readOnly());
        }
        assertThat(strings(document.at("/paths/" + escape(ApiClient.BASE) + "/get/parameters").findValues("enum")
                .stream().filter(e -> strings(e).contains("status")).findFirst().orElseThrow()))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(OrchestrateAction.values())
                        .filter(OrchestrateAction::readOnly).map(OrchestrateAction::id).toList());
    }

    // ------------------------------------------------------------------------------------------
    // sending an example

    /** Sends one request example, as a caller of a fresh organisation with a sync and a conflict of its own. */
    private Answer send(String path, String method, JsonNode operation, String name) {
        String org = newOrgId();
        ApiClient client = new ApiClient(port, issueToken(org), org, "alice");
        String syncId = client.startSync();
        String conflictId = insertConflict(org, syncId, "ValidationError");
        String action = path.length() > ApiClient.BASE.length() ? path.substring(ApiClient.BASE.length() + 1)
                : actionOf(operation, name);
        if ("resume".equals(action)) {
            assertThat(client.post(ApiClient.BASE + "/pause?syncId=" + syncId, null, null).status()).isEqualTo(200);
        }
        String query = queryExample(operation, name);
        JsonNode body = bodyExamples(operation).get(name);
        String target = (path + (query.isEmpty() ? "" : "?" + query))
                .replace(SYNC_PLACEHOLDER, syncId).replace(CONFLICT_PLACEHOLDER, conflictId);
        if ("get".equals(method)) {
            return client.get(target);
        }
        return body == null ? client.post(target, null, null)
                : client.post(target, body.toString().replace(SYNC_PLACEHOLDER, syncId)
                .replace(CONFLICT_PLACEHOLDER, conflictId), JSON);
    }

    private String actionOf(JsonNode operation, String name) {
        JsonNode body = bodyExamples(operation).get(name);
        if (body != null) {
            return body.path("action").asText();
        }
        return queryValues(operation, name).getOrDefault("action", "");
    }

    private String queryExample(JsonNode operation, String name) {
        return queryValues(operation, name).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Map<String, String> queryValues(JsonNode operation, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode resolved = resolve(parameter);
            JsonNode example = resolved.path("examples").path(name);
            if ("query".equals(resolved.path("in").asText()) && !example.isMissingNode()) {
                JsonNode value = resolve(example).get("value");
                values.put(resolved.get("name").asText(), value.isTextual() ? value.asText() : value.toString());
            }
        }
        return values;
    }

    // ------------------------------------------------------------------------------------------
    // reading the document

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "delete", "patch").contains(method.getKey())) {
                visitor.visit(path.getKey(), method.getKey(), method.getValue());
            }
        }));
    }

    /** The names of the operation's request examples: those of its JSON body and of its query parameters. */
    private Set<String> requestExamples(JsonNode operation) {
        Set<String> names = new LinkedHashSet<>(bodyExamples(operation).keySet());
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode resolved = resolve(parameter);
            if ("query".equals(resolved.path("in").asText())) {
                resolved.path("examples").fieldNames().forEachRemaining(names::add);
            }
        }
        return names;
    }

    private Map<String, JsonNode> bodyExamples(JsonNode operation) {
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        resolve(operation.path("requestBody")).at("/content/application~1json/examples").fields()
                .forEachRemaining(e -> examples.put(e.getKey(), resolve(e.getValue()).get("value")));
        return examples;
    }

    /** The statuses whose answer holds an example of this name, else the success statuses. */
    private Set<String> expectedStatuses(JsonNode operation, String name) {
        Set<String> named = new TreeSet<>();
        Set<String> success = new TreeSet<>();
        operation.get("responses").fields().forEachRemaining(response -> {
            if (resolve(response.getValue()).at("/content/application~1json/examples").has(name)) {
                named.add(response.getKey());
            }
            if (response.getKey().startsWith("2")) {
                success.add(response.getKey());
            }
        });
        return named.isEmpty() ? success : named;
    }

    private String responseSchemaPointer(String path, String method, String status, JsonNode response) {
        return pointerOf(response, path, method, "/responses/" + status) + "/content/application~1json/schema";
    }

    /** Where an object of an operation is defined: the component it refers to, or its place in the operation. */
    private static String pointerOf(JsonNode node, String path, String method, String within) {
        if (node.has("$ref")) {
            return node.get("$ref").asText().substring(1);
        }
        return "/paths/" + escape(path) + "/" + method + within;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode resolved = node;
        for (int hops = 0; resolved.has("$ref"); hops++) {
            assertThat(hops).as("a chain of $ref").isLessThan(10);
            String ref = resolved.get("$ref").asText();
            assertThat(ref).startsWith("#/");
            resolved = document.at(ref.substring(1));
            assertThat(resolved.isMissingNode()).as("%s resolves", ref).isFalse();
        }
        return resolved;
    }

    private List<String> violations(String schemaPointer, JsonNode value, String what) {
        ObjectNode ref = MAPPER.createObjectNode().put("$ref", DOCUMENT_IRI + "#" + schemaPointer);
        Schema schema = schemas.getSchema(ref);
        return schema.validate(value).stream().map(error -> what + ": " + error + " in " + value).toList();
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            values.add(it.next().asText());
        }
        return values;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private HttpResponse<String> fetch(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
