package com.wooodoo.sync.orchestration;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of a {@link SyncConfig}, as stored with the sync and shown in its status. */
public final class SyncConfigJson {
    private SyncConfigJson() {
    }

    public static Map<String, Object> toMap(SyncConfig config) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("batchSize", config.batchSize());
        map.put("maxRetries", config.maxRetries());
        map.put("rateLimit", config.rateLimit());
        map.put("interBatchDelayMs", config.interBatchDelayMs());
        map.put("mode", config.mode().id());
        map.put("dryRun", config.dryRun());
        return map;
    }

    /** Reads a stored configuration; fields missing from older rows take their defaults. */
    public static SyncConfig fromJson(JsonNode node) {
        SyncConfig d = SyncConfig.DEFAULTS;
        return new SyncConfig(
                node.path("batchSize").asInt(d.batchSize()),
                node.path("maxRetries").asInt(d.maxRetries()),
                node.path("rateLimit").asInt(d.rateLimit()),
                node.path("interBatchDelayMs").asInt(d.interBatchDelayMs()),
                SyncMode.valueOf(node.path("mode").asText(d.mode().id()).toUpperCase()),
                node.path("dryRun").asBoolean(d.dryRun()));
    }
}
