package com.wooodoo.sync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.support.ApiClient.Answer;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on answers of the orchestrate API: the contract's error envelope above all. */
final class ApiAnswers {

    static final Set<String> ERROR_CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());

    private ApiAnswers() {
    }

    /** A refusal with this status and code, in the envelope, as JSON. */
    static void assertError(Answer answer, int status, String code) {
        assertThat(answer.status()).as("HTTP status; answer: %s", answer.raw()).isEqualTo(status);
        String problem = envelopeProblem(answer);
        assertThat(problem).as("error envelope of %s", answer.raw()).isNull();
        assertThat(answer.errorCode()).as("error code; answer: %s", answer.raw()).isEqualTo(code);
    }

    /** As {@link #assertError(Answer, int, String)}, and the message or a detail names {@code field}. */
    static void assertError(Answer answer, int status, String code, String field) {
        assertError(answer, status, code);
        assertThat(namesField(answer.json(), field))
                .as("the error names the field '%s'; answer: %s", field, answer.raw()).isTrue();
    }

    static void assertValidationError(Answer answer, String field) {
        assertError(answer, 400, "VALIDATION_ERROR", field);
    }

    /**
     * What is wrong with the answer as an error envelope, or null when it is one:
     * JSON content type, {@code success: false}, and an error with code, message and details.
     */
    static String envelopeProblem(Answer answer) {
        String contentType = answer.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            return "Content-Type is " + contentType + ", not application/json";
        }
        JsonNode body;
        try {
            body = answer.json();
        } catch (AssertionError e) {
            return "body is not JSON";
        }
        if (!body.path("success").isBoolean() || body.path("success").booleanValue()) {
            return "success is not false";
        }
        JsonNode error = body.path("error");
        if (!error.path("code").isTextual() || !ERROR_CODES.contains(error.path("code").asText())) {
            return "error.code is not one of the contract's codes";
        }
        if (!error.path("message").isTextual() || error.path("message").asText().isBlank()) {
            return "error.message is missing";
        }
        if (!error.path("details").isArray()) {
            return "error.details is not a list";
        }
        return null;
    }

    static boolean namesField(JsonNode body, String field) {
        for (JsonNode detail : body.path("error").path("details")) {
            if (field.equals(detail.path("field").asText())) {
                return true;
            }
        }
        return body.path("error").path("message").asText("").contains(field);
    }
}
