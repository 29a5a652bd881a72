package com.wooodoo.sync.api;

/** One thing wrong with one field of a request, as listed in an error's {@code details}. */
public record FieldProblem(String field, String message) {
}
