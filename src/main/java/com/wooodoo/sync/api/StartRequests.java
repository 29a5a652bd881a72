package com.wooodoo.sync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.orchestration.SyncConfig;
import com.wooodoo.sync.orchestration.SyncMode;
import com.wooodoo.sync.orchestration.SyncRequest;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of a {@code start} into a sync request, with the contract's rules: the one
 * reading of a start, for the API and for the schedules alike.
 */
@Component
public class StartRequests {

    private final ObjectMapper json;

    public StartRequests(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @throws ApiException {@code VALIDATION_ERROR} naming every field that is wrong
     */
    public SyncRequest read(String orgId, String actor, RequestFields fields) {
        fields.rejectUnknown(Set.of("systems", "entityTypes", "syncConfig", "idempotencyKey"));
        List<String> systemIds = Arrays.stream(ExternalSystem.values()).map(ExternalSystem::id).toList();
        List<String> entityIds = Arrays.stream(EntityType.values()).map(EntityType::id).toList();
        Optional<List<String>> systems = fields.listOf("systems", systemIds, 2, 2);
        Optional<List<String>> entityTypes = fields.listOf("entityTypes", entityIds, 1, entityIds.size());
        SyncConfig config = syncConfig(fields);
        Optional<String> idempotencyKey = fields.text("idempotencyKey", 255, false);
        StockDirection.check(systems, entityTypes, fields);
        fields.throwIfInvalid();
        return new SyncRequest(orgId,
                ExternalSystem.fromId(systems.get().get(0)).orElseThrow(),
                ExternalSystem.fromId(systems.get().get(1)).orElseThrow(),
                entityTypes.get().stream().map(id -> EntityType.fromId(id).orElseThrow()).toList(),
                config, idempotencyKey, actor);
    }

    private SyncConfig syncConfig(RequestFields fields) {
        SyncConfig d = SyncConfig.DEFAULTS;
        return fields.object("syncConfig", json).map(config -> {
            config.rejectUnknown(Set.of("batchSize", "maxRetries", "rateLimit", "interBatchDelayMs", "mode", "dryRun"));
            return new SyncConfig(
                    config.integer("batchSize", SyncConfig.MIN_BATCH_SIZE, SyncConfig.MAX_BATCH_SIZE).orElse(d.batchSize()),
                    config.integer("maxRetries", SyncConfig.MIN_MAX_RETRIES, SyncConfig.MAX_MAX_RETRIES).orElse(d.maxRetries()),
                    config.integer("rateLimit", SyncConfig.MIN_RATE_LIMIT, SyncConfig.MAX_RATE_LIMIT).orElse(d.rateLimit()),
                    config.integer("interBatchDelayMs", SyncConfig.MIN_INTER_BATCH_DELAY_MS,
                            SyncConfig.MAX_INTER_BATCH_DELAY_MS).orElse(d.interBatchDelayMs()),
                    config.oneOf("mode", List.of("full", "incremental"), false)
                            .map(mode -> SyncMode.valueOf(mode.toUpperCase())).orElse(d.mode()),
                    config.bool("dryRun").orElse(d.dryRun()));
        }).orElse(d);
    }
}
