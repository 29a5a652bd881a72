package com.wooodoo.sync.conflict;

import com.wooodoo.sync.store.ConflictType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.conflict.ResolutionResult.FollowUp;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.SystemConnector;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.orchestration.SyncConfig;
import com.wooodoo.sync.outbound.OutboundBudgets;
import com.wooodoo.sync.outbound.OutboundChannel;
import com.wooodoo.sync.orchestration.SyncConfigJson;
import com.wooodoo.sync.orchestration.SyncLifecycle;
import com.wooodoo.sync.pipeline.BatchPlanner;
import com.wooodoo.sync.pipeline.SingleRecordSync;
import com.wooodoo.sync.pipeline.BatchWork;
import com.wooodoo.sync.pipeline.Checkpoint;
import com.wooodoo.sync.pipeline.ContentHash;
import com.wooodoo.sync.pipeline.RecordPlan;
import com.wooodoo.sync.pipeline.SyncJob;
import com.wooodoo.sync.store.ConflictRow;
import com.wooodoo.sync.store.LinkStore;
import com.wooodoo.sync.store.SyncRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out what a person decided for a conflict, against the external systems, at once:
 * {@code accept} writes the source version stored with the conflict to the target (over the
 * linked or known target record, else over the one with the same natural key, else as a new
 * record); {@code retry} reads the source record again and plans it as the pipeline does. Both
 * write with the pipeline's write ({@link SingleRecordSync#write}), which syncs referenced records
 * not synced yet (an order's customer and products) first and records those; every call passes the
 * organisation's throttle and the circuit breaker (route {@code outboundRequest}), as the sync's own calls
 * do. The resolved record itself is not recorded here: the answer says what happened, and
 * {@link ConflictDesk} records it.
 */
@Component
public class ConflictRemedies {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictRemedies.class);
    /** The runner named in the job of a resolution; it never holds a sync's lease. */
    static final String RUNNER = "resolve-conflict";

    private final ConnectorRegistry connectors;
    private final MappingCatalog mappings;
    private final LinkStore links;
    private final OutboundBudgets budgets;
    private final SingleRecordSync pipeline;
    private final SyncLifecycle lifecycle;
    private final ObjectMapper json;

    public ConflictRemedies(ConnectorRegistry connectors, MappingCatalog mappings, LinkStore links, OutboundBudgets budgets,
                            SingleRecordSync pipeline, SyncLifecycle lifecycle, ObjectMapper json) {
        this.connectors = connectors;
        this.mappings = mappings;
        this.links = links;
        this.budgets = budgets;
        this.pipeline = pipeline;
        this.lifecycle = lifecycle;
        this.json = json;
    }

    /** Carries out an {@code accept} or {@code retry}; never throws, a failure is in the answer. */
    ResolutionResult carryOut(ConflictRow conflict, ConflictResolution resolution) {
        Step step = new Step();
        try {
            return switch (resolution) {
                case ACCEPT -> accept(conflict, step);
                case RETRY -> retry(conflict, step);
                case REJECT -> throw new IllegalArgumentException("reject keeps the target; there is nothing to carry out");
            };
        } catch (Refusal r) {
            return ResolutionResult.failed(step.name, r.getMessage(), r.followUp);
        } catch (RuntimeException e) {
            FollowUp followUp = step.record == null ? null : followUpOf(e, step);
            if (followUp == null) {
                LOG.warn("{} of conflict {} failed while {}: {}", resolution.id(), conflict.conflictId(), step.name,
                        e.toString());
            }
            return ResolutionResult.failed(step.name, describe(e), followUp);
        } finally {
            if (step.budget != null) {
                step.budget.close();
            }
        }
    }

    // ---- accept ---------------------------------------------------------------------------

    private ResolutionResult accept(ConflictRow conflict, Step step) {
        Context ctx = context(conflict, step);
        if (conflict.sourceDataJson() == null) {
            throw new Refusal("the conflict holds no source version to write", null);
        }
        if (conflict.sourceRecordId() == null) {
            throw new Refusal("the conflict names no source record to link the target record to", null);
        }
        Map<String, Object> fields = NeutralFields.of(readTree(conflict.sourceDataJson()), ctx.mapping.fields());
        SyncRecord source = new SyncRecord(ctx.entity, ctx.job.source(), conflict.sourceRecordId(), fields, null);
        step.record = source;
        SystemConnector target = connector(ctx, ctx.job.target(), step);

        step.name = "finding the target record";
        step.target = knownTarget(ctx, conflict, target);
        if (step.target == null) {
            List<SyncRecord> matches = byNaturalKey(ctx, target, fields);
            if (matches.size() > 1) {
                String reason = matches.size() + " target records have " + ctx.mapping.naturalKey() + " '"
                        + fields.get(ctx.mapping.naturalKey()) + "'";
                throw new Refusal(reason, new FollowUp(ConflictType.DuplicateKey, reason, source, matches.get(0)));
            }
            step.target = matches.isEmpty() ? null : matches.get(0);
        }
        return write(ctx, step, source, step.target);
    }

    /** The linked target record, else the one the conflict names, when it still exists. */
    private SyncRecord knownTarget(Context ctx, ConflictRow conflict, SystemConnector target) {
        LinkStore.Link link = links.find(ctx.job.orgId(), ctx.entity.id(), ctx.job.source().id(),
                List.of(conflict.sourceRecordId())).get(conflict.sourceRecordId());
        Set<String> candidates = new LinkedHashSet<>();
        if (link != null) {
            candidates.add(link.targetId());
        }
        if (conflict.targetRecordId() != null && !conflict.targetRecordId().isBlank()) {
            candidates.add(conflict.targetRecordId());
        }
        if (candidates.isEmpty()) {
            return null;
        }
        List<String> ids = List.copyOf(candidates);
        List<SyncRecord> found = target.readByIds(ctx.entity, ids);
        for (String id : ids) {
            for (SyncRecord record : found) {
                if (id.equals(record.id())) {
                    return record;
                }
            }
        }
        return null;
    }

    private List<SyncRecord> byNaturalKey(Context ctx, SystemConnector target, Map<String, Object> fields) {
        Object key = fields.get(ctx.mapping.naturalKey());
        if (key == null || key.toString().isBlank()) {
            return List.of();
        }
        String wanted = BatchPlanner.normalizeKey(key.toString());
        List<SyncRecord> matches = target.findByNaturalKeys(ctx.entity, List.of(key.toString()));
        return matches.stream().filter(m -> {
            Object k = m.fields().get(ctx.mapping.naturalKey());
            return k != null && BatchPlanner.normalizeKey(k.toString()).equals(wanted);
        }).toList();
    }

    // ---- reject ---------------------------------------------------------------------------

    /**
     * Remembers, for linked records, that a person kept the target as the conflict showed it: the
     * source version is taken as applied and that target content as in step, so later syncs do not
     * raise the same conflict again until one side changes. In the caller's transaction.
     */
    void keepTarget(ConflictRow conflict) {
        EntityMapping mapping = EntityType.fromId(conflict.entityType()).map(mappings::of).orElse(null);
        if (mapping == null || conflict.sourceRecordId() == null || conflict.sourceDataJson() == null) {
            return;
        }
        String sourceHash = ContentHash.of(NeutralFields.of(readTree(conflict.sourceDataJson()), mapping.fields()));
        String targetHash = conflict.targetDataJson() == null ? null
                : ContentHash.of(NeutralFields.of(readTree(conflict.targetDataJson()), mapping.fields()));
        links.keepTarget(conflict.orgId(), conflict.entityType(), conflict.sourceSystem(), conflict.sourceRecordId(),
                sourceHash, targetHash);
    }

    // ---- retry ----------------------------------------------------------------------------

    private ResolutionResult retry(ConflictRow conflict, Step step) {
        Context ctx = context(conflict, step);
        String sourceId = conflict.sourceRecordId();
        if (sourceId == null || sourceId.isBlank()) {
            throw new Refusal("the conflict names no source record to read again", null);
        }
        SystemConnector source = connector(ctx, ctx.job.source(), step);
        connector(ctx, ctx.job.target(), step);

        step.name = "reading the source record again";
        List<SyncRecord> read = source.readByIds(ctx.entity, List.of(sourceId));
        SyncRecord record = read.stream().filter(r -> sourceId.equals(r.id())).findFirst()
                .orElseThrow(() -> new Refusal(ctx.job.source() + " " + ctx.entity + " " + sourceId + " no longer exists", null));
        step.record = record;

        step.name = "planning";
        RecordPlan plan = pipeline.plan(ctx.job, ctx.entity, record);
        step.target = plan.target();
        return switch (plan.action()) {
            case UNCHANGED -> ResolutionResult.applied("unchanged", plan.targetId(), plan.contentHash(), null);
            case LEFT_OUT -> ResolutionResult.applied("left out (its status is not imported)", null, plan.contentHash(), null);
            case CONFLICT -> throw new Refusal(plan.reason(),
                    new FollowUp(plan.conflictType(), plan.reason(), record, plan.target()));
            case CREATE, UPDATE -> write(ctx, step, record, plan.target());
        };
    }

    // ---- writing --------------------------------------------------------------------------

    /**
     * Writes the record over {@code target}, or creates it when that is null, with the pipeline's
     * write (which brings unsynced referenced records along and links them).
     */
    private ResolutionResult write(Context ctx, Step step, SyncRecord source, SyncRecord target) {
        String targetId = target == null ? null : target.id();
        if (targetId != null) {
            links.findByTarget(ctx.job.orgId(), ctx.entity.id(), ctx.job.source().id(), targetId)
                    .filter(l -> !Objects.equals(l.sourceId(), source.id()))
                    .ifPresent(l -> {
                        throw new Refusal(ctx.job.target() + " " + ctx.entity + " " + targetId + " is the target of "
                                + ctx.job.source() + " " + ctx.entity + " " + l.sourceId() + "; it is not overwritten", null);
                    });
        }
        String operation = targetId == null ? "create" : "update";
        step.name = operation + " in " + ctx.job.target();
        BatchWork work = pipeline.write(ctx.job, ctx.entity, source, target);
        if (!work.failed().isEmpty()) {
            BatchWork.Failed failed = work.failed().get(0);
            String reason = Objects.requireNonNullElse(failed.reason(), failed.type().name());
            throw new Refusal(reason, new FollowUp(failed.type(), reason, source, step.target));
        }
        BatchWork.Applied applied = work.applied().get(0);
        if (applied.targetId() == null) {
            throw new ConnectorException(ctx.job.target(), FailureKind.PROTOCOL, null, 0,
                    "the " + operation + " answered no id for the record");
        }
        return ResolutionResult.applied(operation, applied.targetId(), applied.contentHash(), applied.targetSeenHash());
    }

    // ---- context --------------------------------------------------------------------------

    private record Context(SyncJob job, EntityType entity, EntityMapping mapping) {
    }

    /** The step being carried out and the records known so far, for the answer and a follow-up conflict. */
    private static final class Step {
        String name = "preparing";
        SyncRecord record;
        SyncRecord target;
        OutboundBudgets.Budget budget;
    }

    /**
     * A job for the calls of one resolution, made from the conflict's sync as the runner makes
     * one: the organisation, the direction and the sync's rate limit (the throttle is the
     * organisation's, shared with its running syncs). It writes even when the sync was a dry
     * run: the person decided to write.
     */
    private Context context(ConflictRow conflict, Step step) {
        step.name = "preparing";
        EntityType entity = EntityType.fromId(conflict.entityType())
                .orElseThrow(() -> new Refusal("unknown entity type " + conflict.entityType(), null));
        ExternalSystem source = ExternalSystem.fromId(conflict.sourceSystem())
                .orElseThrow(() -> new Refusal("unknown source system " + conflict.sourceSystem(), null));
        ExternalSystem target = ExternalSystem.fromId(conflict.targetSystem())
                .orElseThrow(() -> new Refusal("unknown target system " + conflict.targetSystem(), null));
        SyncRow sync = lifecycle.find(conflict.orgId(), conflict.syncId());
        SyncConfig config = sync.syncConfigJson() == null ? SyncConfig.DEFAULTS
                : SyncConfigJson.fromJson(readTree(sync.syncConfigJson()));
        config = new SyncConfig(config.batchSize(), config.maxRetries(), config.rateLimit(), config.interBatchDelayMs(),
                config.mode(), false);
        EntityMapping mapping = mappings.of(entity);
        if (mapping == null) {
            throw new Refusal("no field mapping for " + entity, null);
        }
        SyncJob job = new SyncJob(conflict.syncId(), conflict.orgId(), source, target, List.of(entity), config, RUNNER,
                Checkpoint.START, Instant.now());
        step.budget = budgets.open(conflict.orgId(), config.rateLimit());
        return new Context(job, entity, mapping);
    }

    private SystemConnector connector(Context ctx, ExternalSystem system, Step step) {
        step.name = "connecting to " + system;
        return connectors.connector(ctx.job.orgId(), system);
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new Refusal("stored data is not JSON: " + e.getMessage(), null);
        }
    }

    /**
     * A failure of the record itself, or of the systems while the record was being handled
     * (transient, circuit open, credentials), becomes a new conflict of its type so that the
     * record stays in sight; a failure of the service's own configuration does not.
     */
    private static FollowUp followUpOf(RuntimeException e, Step step) {
        Optional<ConnectorException> failure = ConnectorException.causeIn(e);
        if (failure.isPresent()) {
            return new FollowUp(ConflictType.forFailure(failure.get().kind()), failure.get().getMessage(), step.record,
                    step.target);
        }
        if (OutboundChannel.refusalOfAnOpenBreaker(e).isPresent()) {
            return new FollowUp(ConflictType.RetryExhausted, describe(e), step.record, step.target);
        }
        return null;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** A resolution that cannot be carried out, with the reason a person reads. */
    private static final class Refusal extends RuntimeException {
        private final transient FollowUp followUp;

        Refusal(String message, FollowUp followUp) {
            super(message, null, false, false);
            this.followUp = followUp;
        }
    }
}
