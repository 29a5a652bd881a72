package com.wooodoo.sync.store;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code api_token}; the token itself is never stored, only its hash. */
public record ApiTokenRow(UUID tokenId, String orgId, String label, Instant createdAt, Instant revokedAt,
                          Instant lastUsedAt) {
}
