package com.wooodoo.sync.pipeline;

import com.wooodoo.sync.connector.ConnectorRegistry;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.SystemConnector;
import com.wooodoo.sync.connector.mapping.EntityMapping;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.orchestration.SyncMode;
import com.wooodoo.sync.store.CreateIntentStore;
import com.wooodoo.sync.store.LinkStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Step "look up" of a batch: what the target holds for its records. The links (those of the
 * batches still being recorded included), the linked target records (one call by id for the
 * whole source page, shared by its batches: {@link PageReads}), the target records with the
 * natural keys of the unlinked ones (the look-ahead made while the batch before was read back,
 * one call for the whole page, or one call of the batch's own), and, for a target that cannot find
 * our creates by natural key, the records an earlier attempt created without its answer arriving.
 */
@Component("targetLookup")
public class TargetLookup {

    private static final Logger LOG = LoggerFactory.getLogger(TargetLookup.class);

    private final ConnectorRegistry connectors;
    private final MappingCatalog mappings;
    private final LinkStore links;
    private final CreateIntentStore intents;
    private final SyncControl control;

    public TargetLookup(ConnectorRegistry connectors, MappingCatalog mappings, LinkStore links, CreateIntentStore intents,
                        SyncControl control) {
        this.control = control;
        this.connectors = connectors;
        this.mappings = mappings;
        this.links = links;
        this.intents = intents;
    }

    public void lookUp(Exchange exchange) {
        lookUp(BatchWork.of(exchange));
    }

    void lookUp(BatchWork work) {
        SyncJob job = work.job();
        EntityMapping mapping = mappings.of(work.entity());
        SystemConnector target = connectors.connector(job.orgId(), job.target());
        List<String> sourceIds = work.records().stream().map(SyncRecord::id).toList();
        // a batch in flight before this one with one of its records: what it creates must be found, not created again
        boolean waited = job.inFlight().awaitEarlierSharingKeys(work, () -> control.mayContinue(job));
        Optional<LookAhead> ahead = job.takeLookAhead(work).filter(a -> !waited && !a.mayBeStale());

        // taken before the links are read: once it has committed, they are in the database instead
        List<BatchWork.Applied> recording = appliedInFlight(work);
        Map<String, RecordLink> linkBySource = new HashMap<>();
        links.find(job.orgId(), work.entity().id(), job.source().id(), sourceIds).forEach((id, l) ->
                linkBySource.put(id, new RecordLink(l.sourceId(), l.targetId(), l.appliedHash(), l.targetSeenHash())));
        Set<String> inBatch = new HashSet<>(sourceIds);
        recording.stream().filter(a -> inBatch.contains(a.source().id())).forEach(a -> linkBySource.put(a.source().id(),
                new RecordLink(a.source().id(), a.targetId(), a.contentHash(), a.targetSeenHash())));

        Set<String> unchanged = unchangedSinceApplied(job, work.entity(), work.records(), linkBySource);
        Map<String, SyncRecord> linkedTargets = new HashMap<>();
        List<SyncRecord> page = work.pageForFirstLookUp();
        if (unchanged.size() < linkBySource.size()) {
            LinkedTargets ofPage = page == null || work.position() == null ? LinkedTargets.NOTHING
                    : job.pageLinkedTargets().of(work.entity(), work.position().page(), () -> linkedTargetsOf(job, target,
                            work, page)).orElse(LinkedTargets.NOTHING);
            List<String> unread = new ArrayList<>();
            for (RecordLink link : linkBySource.values()) {
                if (unchanged.contains(link.sourceId())) {
                    continue;
                }
                if (!ofPage.asked().contains(link.targetId())) {
                    unread.add(link.targetId());
                } else if (ofPage.found().containsKey(link.targetId())) {
                    linkedTargets.put(link.targetId(), ofPage.found().get(link.targetId()));
                }
            }
            if (!unread.isEmpty()) {
                target.readByIds(work.entity(), unread).forEach(r -> linkedTargets.put(r.id(), r));
            }
        }
        List<String> keys = mapping.naturalKeysOf(work.records().stream()
                .filter(r -> !unchanged.contains(r.id()) && !linkedTargets.containsKey(targetIdOf(linkBySource, r))).toList());
        Map<String, List<SyncRecord>> byKey = new HashMap<>();
        if (!keys.isEmpty()) {
            List<SyncRecord> matches = ahead.filter(a -> a.covers(keys)).map(LookAhead::matches)
                    .or(() -> pageKeyMatches(job, target, work, page, keys))
                    .orElseGet(() -> target.findByNaturalKeys(work.entity(), keys));
            for (SyncRecord match : matches) {
                mapping.naturalKeyOf(match).ifPresent(key ->
                        byKey.computeIfAbsent(BatchPlanner.normalizeKey(key), k -> new ArrayList<>()).add(match));
            }
        }
        findCreatesLeftUnrecorded(work, target, linkBySource, linkedTargets, byKey);
        Map<String, String> takenBy = links.sourcesOfTargets(job.orgId(), work.entity().id(), job.source().id(),
                byKey.values().stream().flatMap(List::stream).map(SyncRecord::id).toList());
        recording.forEach(a -> takenBy.put(a.targetId(), a.source().id()));
        work.found(new BatchWork.TargetsFound(linkBySource, linkedTargets, byKey, takenBy, unchanged));
    }

    /**
     * An incremental sync takes up only what changed since the last sync: a record whose content is
     * the one last applied is unchanged without its target being read. A full sync reads every
     * linked target, and makes again one deleted in the target since.
     */
    private static Set<String> unchangedSinceApplied(SyncJob job, EntityType entity, List<SyncRecord> records,
                                                     Map<String, RecordLink> linkBySource) {
        if (job.config().mode() != SyncMode.INCREMENTAL || StockPlanning.applies(entity) || linkBySource.isEmpty()) {
            return Set.of();
        }
        Set<String> unchanged = new HashSet<>();
        for (SyncRecord record : records) {
            RecordLink link = linkBySource.get(record.id());
            if (link != null && Objects.equals(link.appliedHash(), ContentHash.of(record.fields()))) {
                unchanged.add(record.id());
            }
        }
        return unchanged;
    }

    /** The targets linked to a source page's records: the target ids asked for, and those found (a missing one was deleted). */
    record LinkedTargets(Set<String> asked, Map<String, SyncRecord> found) {
        static final LinkedTargets NOTHING = new LinkedTargets(Set.of(), Map.of());
    }

    /**
     * The target records with the natural keys of a source page's unlinked records, read by the
     * page's first batch to look up.
     *
     * @param keys         the natural keys looked up, normalised
     * @param shared       keys more than one record of the page has
     * @param keysInFlight the keys ({@link BatchWork#keys()}) of the batches of other pages in flight when it was read
     */
    record KeyMatches(BatchWork reader, Set<String> keys, List<SyncRecord> matches, Set<String> shared,
                      Set<String> keysInFlight) {

        static KeyMatches read(BatchWork reader, EntityMapping mapping, List<SyncRecord> page, List<String> keys,
                               List<SyncRecord> matches, Set<String> keysInFlight) {
            Map<String, Long> perKey = page.stream().flatMap(r -> mapping.naturalKeyOf(r).stream())
                    .collect(Collectors.groupingBy(BatchPlanner::normalizeKey, Collectors.counting()));
            Set<String> shared = perKey.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            return new KeyMatches(reader, keys.stream().map(BatchPlanner::normalizeKey).collect(Collectors.toSet()),
                    matches, shared, keysInFlight);
        }

        /**
         * The matches of a batch's keys, when the read answers for all of them as of now: another
         * batch of the page takes it only when no batch of another page in flight at the read nor
         * another record of the page has one of its records, since it may have created its target
         * since.
         */
        Optional<List<SyncRecord>> of(BatchWork batch, List<String> wanted, EntityMapping mapping) {
            Set<String> normalized = wanted.stream().map(BatchPlanner::normalizeKey).collect(Collectors.toSet());
            boolean fresh = batch == reader || Collections.disjoint(keysInFlight, batch.recordKeys())
                    && Collections.disjoint(shared, normalized);
            if (!fresh || !keys.containsAll(normalized)) {
                return Optional.empty();
            }
            return Optional.of(matches.stream().filter(match -> mapping.naturalKeyOf(match)
                    .map(key -> normalized.contains(BatchPlanner.normalizeKey(key))).orElse(false)).toList());
        }
    }

    /**
     * The natural keys of the whole source page, looked up in one call by its first batch for all
     * of them: where the target cannot answer a read-back and a look-up at once, and where it can
     * but several batches are in flight (they are then seldom waiting for a place when a read-back
     * is made, so a look-ahead seldom finds one to look up).
     */
    private Optional<List<SyncRecord>> pageKeyMatches(SyncJob job, SystemConnector target, BatchWork work,
                                                      List<SyncRecord> page, List<String> keys) {
        // whether or not the batch waited for an earlier one: that one was done before the page's read, or
        // in flight then (KeyMatches.of refuses the read if it shared a record), or is of the page (its keys shared)
        if (page == null || work.position() == null) {
            return Optional.empty();
        }
        EntityMapping mapping = mappings.of(work.entity());
        int pageNumber = work.position().page();
        Optional<KeyMatches> read = target.readsByIdsOrNaturalKeysAtOnce(work.entity()) && job.inFlight().places() == 1
                ? job.pageKeyMatches().made(work.entity(), pageNumber)
                : job.pageKeyMatches().of(work.entity(), pageNumber, () -> keyMatchesOf(job, target, work, page));
        return read.flatMap(r -> r.of(work, keys, mapping));
    }

    /**
     * The read-back of {@code ids} written by a batch, which, with several batches in flight and a
     * target that answers both at once, also looks up the natural keys of the source page being
     * handed out, or when that was done of the page after it if it was read ahead: the page's
     * batches then take that ({@link KeyMatches}, read by a batch of another page: each of them
     * checks it is fresh) and make no look-up call of their own. For the page after, the batches of
     * the page being handed out that have no place yet may write before its own: their keys count
     * as in flight. At one batch in flight the read-back looks up the next batch instead ({@link ReadBack}).
     */
    List<SyncRecord> readBackWithPageLookUp(BatchWork work, SystemConnector target, List<String> ids) {
        SyncJob job = work.job();
        SyncJob.SourcePage handedOut = job.pageHandedOut();
        if (job.inFlight().places() > 1 && work.sequence() >= 0 && handedOut != null && handedOut.entity() == work.entity()
                && target.readsByIdsOrNaturalKeysAtOnce(work.entity())) {
            EntityMapping mapping = mappings.of(work.entity());
            List<SyncRecord> readBack = new ArrayList<>();
            if (lookUpPageWithReadBack(work, target, ids, handedOut.page(), handedOut.records(), Set.of(), readBack)) {
                return readBack;
            }
            Optional<List<SyncRecord>> after = job.pageReadAhead(work.entity(), handedOut.page() + 1);
            if (after.isPresent() && lookUpPageWithReadBack(work, target, ids, handedOut.page() + 1, after.get(),
                    BatchHandOut.keysOf(mapping, handedOut.records()), readBack)) {
                return readBack;
            }
        }
        return target.readByIds(work.entity(), ids);
    }

    /**
     * Reads back {@code ids} into {@code readBack} and looks up the unlinked natural keys of a source
     * page in the same call, unless the page's look-up was made or is being made (then nothing is read).
     */
    private boolean lookUpPageWithReadBack(BatchWork work, SystemConnector target, List<String> ids, int page,
                                           List<SyncRecord> records, Set<String> alsoInFlight, List<SyncRecord> readBack) {
        SyncJob job = work.job();
        return job.pageKeyMatches().makeIfNone(work.entity(), page, () -> {
            EntityMapping mapping = mappings.of(work.entity());
            Set<String> keysInFlight = job.inFlight().keysInFlightBesidesPage(work.entity(), page);
            keysInFlight.addAll(alsoInFlight);
            List<String> keys = unlinkedKeys(job, work.entity(), records);
            List<SyncRecord> answer = keys.isEmpty() ? target.readByIds(work.entity(), ids)
                    : target.readByIdsOrNaturalKeys(work.entity(), ids, keys);
            Set<String> written = Set.copyOf(ids);
            answer.stream().filter(r -> written.contains(r.id())).forEach(readBack::add);
            return KeyMatches.read(work, mapping, records, keys, withKeys(mapping, answer, keys), keysInFlight);
        });
    }

    /** The records of a target's answer whose natural key is one of {@code keys} (compared normalised). */
    static List<SyncRecord> withKeys(EntityMapping mapping, List<SyncRecord> answer, java.util.Collection<String> keys) {
        Set<String> normalized = keys.stream().map(BatchPlanner::normalizeKey).collect(Collectors.toSet());
        return answer.stream().filter(r -> mapping.naturalKeyOf(r)
                .map(key -> normalized.contains(BatchPlanner.normalizeKey(key))).orElse(false)).toList();
    }

    /** The natural keys of a page's records not linked yet. */
    private List<String> unlinkedKeys(SyncJob job, EntityType entity, List<SyncRecord> page) {
        Set<String> linked = links.find(job.orgId(), entity.id(), job.source().id(),
                page.stream().map(SyncRecord::id).toList()).keySet();
        return mappings.of(entity).naturalKeysOf(page.stream().filter(r -> !linked.contains(r.id())).toList());
    }

    private KeyMatches keyMatchesOf(SyncJob job, SystemConnector target, BatchWork reader, List<SyncRecord> page) {
        EntityMapping mapping = mappings.of(reader.entity());
        Set<String> keysInFlight = job.inFlight().keysInFlightBesidesPage(reader.entity(), reader.position().page());
        List<String> keys = unlinkedKeys(job, reader.entity(), page);
        List<SyncRecord> matches = keys.isEmpty() ? List.of() : target.findByNaturalKeys(reader.entity(), keys);
        return KeyMatches.read(reader, mapping, page, keys, matches, keysInFlight);
    }

    /** The targets linked to the records of a whole source page, in one read. */
    private LinkedTargets linkedTargetsOf(SyncJob job, SystemConnector target, BatchWork work,
                                                   List<SyncRecord> page) {
        Map<String, RecordLink> pageLinks = new HashMap<>();
        links.find(job.orgId(), work.entity().id(), job.source().id(), page.stream().map(SyncRecord::id).toList())
                .forEach((id, l) -> pageLinks.put(id, new RecordLink(l.sourceId(), l.targetId(), l.appliedHash(),
                        l.targetSeenHash())));
        Set<String> unchanged = unchangedSinceApplied(job, work.entity(), page, pageLinks);
        List<String> targetIds = pageLinks.values().stream().filter(l -> !unchanged.contains(l.sourceId()))
                .map(RecordLink::targetId).distinct().toList();
        if (targetIds.isEmpty()) {
            return LinkedTargets.NOTHING;
        }
        Map<String, SyncRecord> found = new HashMap<>();
        EntityMapping mapping = mappings.of(work.entity());
        List<String> keys = target.readsByIdsOrNaturalKeysAtOnce(work.entity())
                ? mapping.naturalKeysOf(page.stream().filter(r -> !pageLinks.containsKey(r.id())).toList()) : List.of();
        if (keys.isEmpty()) {
            target.readByIds(work.entity(), targetIds).forEach(r -> found.put(r.id(), r));
            return new LinkedTargets(Set.copyOf(targetIds), found);
        }
        // the page's unlinked records looked up in the same call, for all its batches
        Set<String> keysInFlight = job.inFlight().keysInFlightBesidesPage(work.entity(), work.position().page());
        List<SyncRecord> answer = target.readByIdsOrNaturalKeys(work.entity(), targetIds, keys);
        Set<String> asked = Set.copyOf(targetIds);
        answer.stream().filter(r -> asked.contains(r.id())).forEach(r -> found.put(r.id(), r));
        job.pageKeyMatches().offer(work.entity(), work.position().page(),
                KeyMatches.read(work, mapping, page, keys, withKeys(mapping, answer, keys), keysInFlight));
        return new LinkedTargets(asked, found);
    }

    /**
     * The records the batches before this one applied, while their records have not committed:
     * their links are not in the database yet (see {@link RecordingLane}).
     */
    private static List<BatchWork.Applied> appliedInFlight(BatchWork work) {
        if (work.job().config().dryRun()) {
            return List.of();
        }
        return work.job().recording().unrecorded().stream()
                .filter(before -> before != work && before.entity() == work.entity()
                        && (work.sequence() < 0 || before.sequence() < work.sequence()))
                .flatMap(before -> before.applied().stream()).filter(a -> a.targetId() != null).toList();
    }

    /**
     * For a target that cannot find our creates by natural key: a record whose create was announced
     * but never recorded (its answer timed out, or the service died) may exist in the target
     * already; it is looked for by the reference the create carried and, when found, planned as an
     * update of it (found under the record's natural key), never created again.
     */
    private void findCreatesLeftUnrecorded(BatchWork work, SystemConnector target, Map<String, RecordLink> linkBySource,
                                           Map<String, SyncRecord> linkedTargets, Map<String, List<SyncRecord>> byKey) {
        SyncJob job = work.job();
        if (target.findsCreatedByNaturalKey(work.entity())) {
            return;
        }
        work.announcesCreates();
        EntityMapping mapping = mappings.of(work.entity());
        Map<String, String> unmatched = new HashMap<>(); // source id → its natural key
        for (SyncRecord record : work.records()) {
            boolean linked = linkedTargets.containsKey(targetIdOf(linkBySource, record));
            mapping.naturalKeyOf(record).filter(key -> !linked && !byKey.containsKey(BatchPlanner.normalizeKey(key)))
                    .ifPresent(key -> unmatched.put(record.id(), key));
        }
        Map<String, Instant> announced = intents.find(job.orgId(), work.entity().id(), job.source().id(),
                job.target().id(), unmatched.keySet());
        if (announced.isEmpty()) {
            return;
        }
        Instant since = Collections.min(announced.values());
        Map<String, SyncRecord> created = target.findCreatedFrom(work.entity(), job.source(), announced.keySet(), since);
        created.forEach((sourceId, record) -> byKey.put(BatchPlanner.normalizeKey(unmatched.get(sourceId)),
                new ArrayList<>(List.of(record))));
        if (!created.isEmpty()) {
            LOG.info("{}: {} {} created by an earlier attempt whose answer never came are updated, not created again",
                    job, created.size(), work.entity());
        }
    }

    private static String targetIdOf(Map<String, RecordLink> links, SyncRecord record) {
        RecordLink link = links.get(record.id());
        return link == null ? null : link.targetId();
    }
}
