package com.wooodoo.sync.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A page of conflicts of one organisation, oldest first.
 *
 * @param resolved empty for all conflicts, else only the resolved (true) or unresolved (false) ones
 * @param after    the position (created at, id) of the last conflict of the previous page
 */
public record ConflictQuery(String orgId, Optional<UUID> syncId, Optional<Boolean> resolved,
                            Optional<String> conflictType, Optional<Position> after, int limit) {

    public record Position(Instant createdAt, UUID conflictId) {
    }
}
