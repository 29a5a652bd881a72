package com.wooodoo.sync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.store.ConflictRow;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of a conflict in the {@code conflicts} and {@code resolve-conflict} answers. */
final class ConflictView {
    private ConflictView() {
    }

    static Map<String, Object> of(ConflictRow row, ObjectMapper json) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("conflictId", row.conflictId().toString());
        view.put("syncId", row.syncId().toString());
        view.put("type", row.conflictType());
        view.put("state", row.isResolved() ? "resolved" : "unresolved");
        view.put("entityType", row.entityType());
        view.put("sourceSystem", row.sourceSystem());
        view.put("targetSystem", row.targetSystem());
        view.put("sourceRecordId", row.sourceRecordId());
        view.put("targetRecordId", row.targetRecordId());
        view.put("message", row.message());
        view.put("sourceData", tree(row.sourceDataJson(), json));
        view.put("targetData", tree(row.targetDataJson(), json));
        view.put("attempts", row.attempts());
        view.put("createdAt", iso(row.createdAt()));
        if (row.isResolved()) {
            Map<String, Object> resolution = new LinkedHashMap<>();
            resolution.put("resolution", row.resolution());
            resolution.put("outcome", row.resolutionOutcome());
            resolution.put("note", row.resolutionNote());
            resolution.put("resolvedBy", row.resolvedBy());
            resolution.put("resolvedAt", iso(row.resolvedAt()));
            view.put("resolution", resolution);
        } else {
            view.put("resolution", null);
        }
        return view;
    }

    private static JsonNode tree(String text, ObjectMapper json) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("stored conflict data is not JSON", e);
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
