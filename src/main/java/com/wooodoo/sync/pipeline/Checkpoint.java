package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where a sync stands: the next batch to do is batch {@code batch} of page {@code page} (1-based)
 * of entity type number {@code entityIndex}. Stored as JSON in {@code sync_orchestration.checkpoint}.
 */
public record Checkpoint(int entityIndex, int page, int batch) {

    public static final Checkpoint START = new Checkpoint(0, 1, 0);

    public Checkpoint nextBatch() {
        return new Checkpoint(entityIndex, page, batch + 1);
    }

    public Checkpoint nextPage() {
        return new Checkpoint(entityIndex, page + 1, 0);
    }

    public Checkpoint nextEntity() {
        return new Checkpoint(entityIndex + 1, 1, 0);
    }

    public String toJson() {
        return "{\"entityIndex\":" + entityIndex + ",\"page\":" + page + ",\"batch\":" + batch + "}";
    }

    public static Checkpoint fromJson(String json, ObjectMapper mapper) {
        if (json == null) {
            return START;
        }
        try {
            JsonNode node = mapper.readTree(json);
            return new Checkpoint(node.path("entityIndex").asInt(0), Math.max(1, node.path("page").asInt(1)),
                    node.path("batch").asInt(0));
        } catch (Exception e) {
            throw new IllegalStateException("stored checkpoint is not readable: " + json, e);
        }
    }
}
