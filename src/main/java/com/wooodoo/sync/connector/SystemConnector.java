package com.wooodoo.sync.connector;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One organisation's connection to one external system, in terms of the neutral model. Every
 * method makes as few HTTP calls as the system allows (one per page, lookup or bulk write, split
 * only at the system's own limits) and throws {@link ConnectorException} for a failure of the
 * whole call; failures of single items of a bulk write come back in {@link WriteOutcome}.
 */
public interface SystemConnector {

    ExternalSystem system();

    /**
     * A sync that writes to this system starts its run (also a run resumed or taken over). A
     * connector that keeps knowledge of the system between calls may bring it up to date once per
     * sync instead of before every batch; nothing by default.
     */
    default void syncStarting() {
    }

    /**
     * One page of records, oldest change first where the system can sort so.
     *
     * @param modifiedAfter only records changed after this instant, where the system can filter
     *                      (see {@link #canFilterByModification})
     */
    RecordPage readPage(EntityType type, int page, int pageSize, Optional<Instant> modifiedAfter);

    /** Whether {@link #readPage} can filter this entity type by modification time. */
    boolean canFilterByModification(EntityType type);

    /** The records with these ids; ids that do not exist are simply missing from the answer. */
    List<SyncRecord> readByIds(EntityType type, Collection<String> ids);

    /** The records whose natural key (see the mapping) is one of these; a key may match several. */
    List<SyncRecord> findByNaturalKeys(EntityType type, Collection<String> naturalKeys);

    /** Whether {@link #readByIdsOrNaturalKeys} answers with one request. */
    default boolean readsByIdsOrNaturalKeysAtOnce(EntityType type) {
        return false;
    }

    /**
     * {@link #readByIds} and {@link #findByNaturalKeys} answered by one request (the records of
     * both, each once), for connectors that {@link #readsByIdsOrNaturalKeysAtOnce}.
     */
    default List<SyncRecord> readByIdsOrNaturalKeys(EntityType type, Collection<String> ids,
                                                    Collection<String> naturalKeys) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " reads by ids and by keys separately");
    }

    /**
     * Whether a record this connector created can always be found again by its natural key. When
     * not (WooCommerce numbers its orders itself), creates carry the source record's reference
     * and {@link #findCreatedFrom} finds them.
     */
    default boolean findsCreatedByNaturalKey(EntityType type) {
        return true;
    }

    /**
     * The records created (by {@link #create}) from these source records since {@code since}, by
     * source id; for the types whose natural key cannot find them.
     */
    default Map<String, SyncRecord> findCreatedFrom(EntityType type, ExternalSystem source, Collection<String> sourceIds,
                                                    Instant since) {
        return Map.of();
    }

    /** Creates the records, in as few calls as the system allows. */
    List<WriteOutcome> create(EntityType type, List<SyncRecord> records);

    /** Writes the records over existing ones. */
    List<WriteOutcome> update(EntityType type, List<TargetUpdate> updates);

    /**
     * What written records become once read back as written (an Odoo order confirmed or
     * cancelled as its shop status says), so that nothing is confirmed with wrong values. One
     * outcome per record, by index; none when the system has nothing to do.
     */
    default List<WriteOutcome> settle(EntityType type, List<WrittenRecord> written) {
        return List.of();
    }
}
