package com.wooodoo.sync.conflict;

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
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.orchestration.SyncConfig;
import com.wooodoo.sync.orchestration.SyncConfigJson;
import com.wooodoo.sync.orchestration.SyncLifecycle;
import com.wooodoo.sync.pipeline.BatchPlanner;
import com.wooodoo.sync.pipeline.Checkpoint;
import com.wooodoo.sync.pipeline.ContentHash;
import com.wooodoo.sync.pipeline.ExternalCalls;
import com.wooodoo.sync.pipeline.RecordLink;
import com.wooodoo.sync.pipeline.RecordPlan;
import com.wooodoo.sync.pipeline.SyncJob;
import com.wooodoo.sync.store.ConflictRow;
import com.wooodoo.sync.store.LinkStore;
import com.wooodoo.sync.store.SyncProgressStore;
import com.wooodoo.sync.store.SyncRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Carries out what a person decided for a conflict, against the external systems, at once:
 * {@code accept} writes the source version stored with the conflict to the target (over the
 * linked or known target record, else over the one with the same natural key, else as a new
 * record); {@code retry} reads the source record again and runs it through the pipeline's
 * planning and writing as a batch of one. Referenced records not synced yet (an order's customer
 * and products) are synced first, as the pipeline does, and linked as soon as they are written. Every call passes the organisation's throttle and the
 * circuit breaker ({@link ExternalCalls}), as the sync's own calls do. Apart from those referenced
 * records, nothing is recorded here: the answer says what happened, and {@link ConflictDesk}
 * records it.
 */
@Component
public class ConflictRemedies {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictRemedies.class);
    /** The runner named in the job of a resolution; it never holds a sync's lease. */
    static final String RUNNER = "resolve-conflict";

    private final ConnectorRegistry connectors;
    private final MappingCatalog mappings;
    private final LinkStore links;
    private final ExternalCalls calls;
    private final SyncLifecycle lifecycle;
    private final SyncProgressStore progress;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    public ConflictRemedies(ConnectorRegistry connectors, MappingCatalog mappings, LinkStore links, ExternalCalls calls,
                            SyncLifecycle lifecycle, SyncProgressStore progress, TransactionTemplate tx,
                            ObjectMapper json) {
        this.progress = progress;
        this.tx = tx;
        this.connectors = connectors;
        this.mappings = mappings;
        this.links = links;
        this.calls = calls;
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
        String hash = ContentHash.of(fields);
        SystemConnector target = connector(ctx, ctx.job.target(), step);

        step.name = "finding the target record";
        SyncRecord known = knownTarget(ctx, conflict, target);
        step.target = known;
        String targetId = known == null ? null : known.id();
        if (targetId == null) {
            List<SyncRecord> matches = byNaturalKey(ctx, target, fields);
            if (matches.size() > 1) {
                throw new Refusal(matches.size() + " target records have " + ctx.mapping.naturalKey() + " '"
                        + fields.get(ctx.mapping.naturalKey()) + "'",
                        new FollowUp(ConflictType.DuplicateKey, matches.size() + " target records have "
                                + ctx.mapping.naturalKey() + " '" + fields.get(ctx.mapping.naturalKey()) + "'",
                                source, matches.get(0)));
            }
            if (matches.size() == 1) {
                step.target = matches.get(0);
                targetId = matches.get(0).id();
            }
        }
        return write(ctx, step, source, targetId, hash);
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
        List<SyncRecord> found = calls.call(ctx.job, ctx.job.target(), "read " + ctx.entity + " " + ids + " (resolve-conflict)",
                () -> target.readByIds(ctx.entity, ids));
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
        List<SyncRecord> matches = calls.call(ctx.job, ctx.job.target(),
                "find " + ctx.entity + " by " + ctx.mapping.naturalKey() + " (resolve-conflict)",
                () -> target.findByNaturalKeys(ctx.entity, List.of(key.toString())));
        return matches.stream().filter(m -> {
            Object k = m.fields().get(ctx.mapping.naturalKey());
            return k != null && BatchPlanner.normalizeKey(k.toString()).equals(wanted);
        }).toList();
    }

    // ---- retry ----------------------------------------------------------------------------

    private ResolutionResult retry(ConflictRow conflict, Step step) {
        Context ctx = context(conflict, step);
        String sourceId = conflict.sourceRecordId();
        if (sourceId == null || sourceId.isBlank()) {
            throw new Refusal("the conflict names no source record to read again", null);
        }
        SystemConnector source = connector(ctx, ctx.job.source(), step);
        SystemConnector target = connector(ctx, ctx.job.target(), step);

        step.name = "reading the source record again";
        List<SyncRecord> read = calls.call(ctx.job, ctx.job.source(),
                "read " + ctx.entity + " " + sourceId + " (resolve-conflict)",
                () -> source.readByIds(ctx.entity, List.of(sourceId)));
        SyncRecord record = read.stream().filter(r -> sourceId.equals(r.id())).findFirst()
                .orElseThrow(() -> new Refusal(ctx.job.source() + " " + ctx.entity + " " + sourceId + " no longer exists", null));
        step.record = record;

        step.name = "planning";
        Map<String, RecordLink> linkBySource = new HashMap<>();
        links.find(ctx.job.orgId(), ctx.entity.id(), ctx.job.source().id(), List.of(sourceId))
                .forEach((id, l) -> linkBySource.put(id, new RecordLink(l.sourceId(), l.targetId(), l.appliedHash())));
        Map<String, SyncRecord> linkedTargets = new HashMap<>();
        RecordLink link = linkBySource.get(sourceId);
        if (link != null) {
            List<SyncRecord> linked = calls.call(ctx.job, ctx.job.target(),
                    "read linked " + ctx.entity + " (resolve-conflict)",
                    () -> target.readByIds(ctx.entity, List.of(link.targetId())));
            linked.forEach(r -> linkedTargets.put(r.id(), r));
        }
        Map<String, List<SyncRecord>> byKey = new HashMap<>();
        if (link == null || !linkedTargets.containsKey(link.targetId())) {
            for (SyncRecord match : byNaturalKey(ctx, target, record.fields())) {
                Object key = match.fields().get(ctx.mapping.naturalKey());
                byKey.computeIfAbsent(BatchPlanner.normalizeKey(key.toString()), k -> new ArrayList<>()).add(match);
            }
        }
        List<String> required = ctx.mapping.fields().stream().filter(FieldMapping::required).map(FieldMapping::name).toList();
        RecordPlan plan = BatchPlanner.plan(List.of(record), ctx.mapping.naturalKey(), required, linkBySource,
                linkedTargets, byKey).get(0);
        step.target = plan.target();
        return switch (plan.action()) {
            case UNCHANGED -> ResolutionResult.applied("unchanged", plan.targetId(), plan.contentHash());
            case CONFLICT -> throw new Refusal(plan.reason(),
                    new FollowUp(plan.conflictType(), plan.reason(), record, plan.target()));
            case CREATE -> write(ctx, step, record, null, plan.contentHash());
            case UPDATE -> write(ctx, step, record, plan.targetId(), plan.contentHash());
        };
    }

    // ---- writing --------------------------------------------------------------------------

    /** Writes the record over the target record {@code targetId}, or creates it when that is null. */
    private ResolutionResult write(Context ctx, Step step, SyncRecord source, String targetId, String hash) {
        if (targetId != null) {
            links.findByTarget(ctx.job.orgId(), ctx.entity.id(), ctx.job.source().id(), targetId)
                    .filter(l -> !Objects.equals(l.sourceId(), source.id()))
                    .ifPresent(l -> {
                        throw new Refusal(ctx.job.target() + " " + ctx.entity + " " + targetId + " is the target of "
                                + ctx.job.source() + " " + ctx.entity + " " + l.sourceId() + "; it is not overwritten", null);
                    });
        }
        step.name = "resolving references";
        TargetReferences.Translated translated = translate(ctx, source);
        List<String> problems = new ArrayList<>();
        if (!translated.complete()) {
            // as the pipeline does: referenced records not synced yet are synced first
            step.name = "syncing referenced records";
            translated.missing().forEach((entity, ids) -> problems.addAll(syncReferenced(ctx, entity, List.copyOf(ids))));
            translated = translate(ctx, source);
        }
        if (!translated.complete()) {
            String reason = "references not synced yet: " + String.join(", ", translated.unresolved())
                    + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")");
            throw new Refusal(reason, new FollowUp(ConflictType.ValidationError, reason, source, step.target));
        }
        SyncRecord toWrite = new SyncRecord(source.type(), source.system(), source.id(), translated.fields(),
                source.modifiedAt());
        SystemConnector target = connector(ctx, ctx.job.target(), step);
        String operation = targetId == null ? "create" : "update";
        step.name = operation + " in " + ctx.job.target();
        List<WriteOutcome> outcomes = targetId == null
                ? calls.call(ctx.job, ctx.job.target(), "create 1 " + ctx.entity + " (resolve-conflict)",
                        () -> target.create(ctx.entity, List.of(toWrite)))
                : calls.call(ctx.job, ctx.job.target(), "update 1 " + ctx.entity + " (resolve-conflict)",
                        () -> target.update(ctx.entity, List.of(new TargetUpdate(targetId, toWrite))));
        WriteOutcome outcome = outcomes.stream().filter(o -> o.index() == 0).findFirst()
                .orElseThrow(() -> new ConnectorException(ctx.job.target(), FailureKind.PROTOCOL, null, 0,
                        "the " + operation + " answered no outcome for the record"));
        if (!outcome.succeeded()) {
            throw outcome.failure().orElseThrow();
        }
        String written = outcome.targetId().orElse(targetId);
        if (written == null) {
            throw new ConnectorException(ctx.job.target(), FailureKind.PROTOCOL, null, 0,
                    "the " + operation + " answered no id for the record");
        }
        return ResolutionResult.applied(operation, written, hash);
    }

    private TargetReferences.Translated translate(Context ctx, SyncRecord source) {
        return TargetReferences.translate(ctx.mapping.fields(), source.fields(),
                (entity, ids) -> links.targetIds(ctx.job.orgId(), entity.id(), ctx.job.source().id(), ids));
    }

    /**
     * Reads referenced records (an order's customer, its lines' products) from the source, plans
     * them as a batch and writes them to the target, linking each one written at once; answers
     * why the others could not be written.
     */
    private List<String> syncReferenced(Context ctx, EntityType entity, List<String> sourceIds) {
        SyncJob job = ctx.job;
        EntityMapping mapping = mappings.of(entity);
        SystemConnector source = connectors.connector(job.orgId(), job.source());
        SystemConnector target = connectors.connector(job.orgId(), job.target());
        List<SyncRecord> records = calls.call(job, job.source(), "read referenced " + entity + " (resolve-conflict)",
                () -> source.readByIds(entity, sourceIds));
        List<String> problems = new ArrayList<>();
        sourceIds.stream().filter(id -> records.stream().noneMatch(r -> id.equals(r.id())))
                .forEach(id -> problems.add(entity.id() + " " + id + " does not exist in " + job.source()));
        if (records.isEmpty()) {
            return problems;
        }
        Map<String, RecordLink> linkBySource = new HashMap<>();
        links.find(job.orgId(), entity.id(), job.source().id(), records.stream().map(SyncRecord::id).toList())
                .forEach((id, l) -> linkBySource.put(id, new RecordLink(l.sourceId(), l.targetId(), l.appliedHash())));
        Map<String, SyncRecord> linkedTargets = new HashMap<>();
        if (!linkBySource.isEmpty()) {
            List<String> targetIds = linkBySource.values().stream().map(RecordLink::targetId).toList();
            calls.<List<SyncRecord>>call(job, job.target(), "read linked " + entity + " (resolve-conflict)",
                    () -> target.readByIds(entity, targetIds)).forEach(r -> linkedTargets.put(r.id(), r));
        }
        List<String> keys = records.stream()
                .filter(r -> linkBySource.get(r.id()) == null || !linkedTargets.containsKey(linkBySource.get(r.id()).targetId()))
                .map(r -> r.fields().get(mapping.naturalKey())).filter(k -> k != null && !k.toString().isBlank())
                .map(Object::toString).distinct().toList();
        Map<String, List<SyncRecord>> byKey = new HashMap<>();
        if (!keys.isEmpty()) {
            for (SyncRecord match : calls.<List<SyncRecord>>call(job, job.target(),
                    "find " + entity + " by " + mapping.naturalKey() + " (resolve-conflict)",
                    () -> target.findByNaturalKeys(entity, keys))) {
                Object key = match.fields().get(mapping.naturalKey());
                if (key != null) {
                    byKey.computeIfAbsent(BatchPlanner.normalizeKey(key.toString()), k -> new ArrayList<>()).add(match);
                }
            }
        }
        List<String> required = mapping.fields().stream().filter(FieldMapping::required).map(FieldMapping::name).toList();
        for (RecordPlan plan : BatchPlanner.plan(records, mapping.naturalKey(), required, linkBySource, linkedTargets, byKey)) {
            String label = entity.id() + " " + plan.source().id();
            switch (plan.action()) {
                case UNCHANGED -> { }
                case CONFLICT -> problems.add(label + ": " + plan.reason());
                case CREATE, UPDATE -> {
                    String operation = plan.action() == com.wooodoo.sync.pipeline.PlannedAction.CREATE ? "create" : "update";
                    try {
                        List<WriteOutcome> outcomes = plan.targetId() == null
                                ? calls.call(job, job.target(), "create referenced " + entity + " (resolve-conflict)",
                                        () -> target.create(entity, List.of(plan.source())))
                                : calls.call(job, job.target(), "update referenced " + entity + " (resolve-conflict)",
                                        () -> target.update(entity, List.of(new TargetUpdate(plan.targetId(), plan.source()))));
                        WriteOutcome outcome = outcomes.stream().filter(o -> o.index() == 0).findFirst().orElse(null);
                        if (outcome == null || !outcome.succeeded()) {
                            problems.add(label + ": " + (outcome == null ? "no outcome answered"
                                    : outcome.failure().map(Throwable::getMessage).orElse("not written")));
                            continue;
                        }
                        String written = outcome.targetId().orElse(plan.targetId());
                        if (written == null) {
                            problems.add(label + ": no id answered");
                            continue;
                        }
                        tx.executeWithoutResult(status -> {
                            progress.logApplied(job.orgId(), job.syncId(), entity.id(), job.source().id(),
                                    job.target().id(), plan.source().id(), plan.contentHash(), written, operation);
                            links.upsert(job.orgId(), entity.id(), job.source().id(), plan.source().id(), written,
                                    plan.contentHash());
                        });
                    } catch (ConnectorException e) {
                        if (e.kind() == FailureKind.AUTHENTICATION || e.isTransient()) {
                            throw e;
                        }
                        problems.add(label + ": " + e.getMessage());
                    }
                }
            }
        }
        return problems;
    }

    // ---- context --------------------------------------------------------------------------

    private record Context(SyncJob job, EntityType entity, EntityMapping mapping) {
    }

    /** The step being carried out and the records known so far, for the answer and a follow-up conflict. */
    private static final class Step {
        String name = "preparing";
        SyncRecord record;
        SyncRecord target;
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
        EntityMapping mapping = mappings.of(entity);
        if (mapping == null) {
            throw new Refusal("no field mapping for " + entity, null);
        }
        SyncJob job = new SyncJob(conflict.syncId(), conflict.orgId(), source, target, List.of(entity), config, RUNNER,
                Checkpoint.START, Instant.now());
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
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectorException c) {
                return new FollowUp(ConflictType.forFailure(c.kind()), c.getMessage(), step.record, step.target);
            }
            if (t.getClass().getSimpleName().equals("CallNotPermittedException")) {
                return new FollowUp(ConflictType.RetryExhausted, describe(e), step.record, step.target);
            }
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
