package com.wooodoo.sync.api;

import com.wooodoo.sync.store.ConflictQuery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque page cursors: a position in a list, encoded so that clients treat it as a token. */
final class Cursors {
    private static final String INVALID = "is not a cursor returned by this endpoint";
    // positions the database can hold; anything else was not made here
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Cursors() {
    }

    static String ofActivity(long entryId) {
        return encode("a|" + entryId);
    }

    static long activityPosition(String cursor) {
        String[] parts = decode(cursor).split("\\|", -1);
        if (parts.length != 2 || !parts[0].equals("a") || !parts[1].matches("\\d{1,18}")) {
            throw ApiException.invalid("cursor", INVALID);
        }
        return Long.parseLong(parts[1]);
    }

    static String ofConflict(Instant createdAt, UUID conflictId) {
        return encode("c|" + createdAt + "|" + conflictId);
    }

    static ConflictQuery.Position conflictPosition(String cursor) {
        String[] parts = decode(cursor).split("\\|", -1);
        if (parts.length != 3 || !parts[0].equals("c")) {
            throw ApiException.invalid("cursor", INVALID);
        }
        try {
            Instant createdAt = Instant.parse(parts[1]);
            if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                throw ApiException.invalid("cursor", INVALID);
            }
            return new ConflictQuery.Position(createdAt, UUID.fromString(parts[2]));
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ApiException.invalid("cursor", INVALID);
        }
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("cursor", INVALID);
        }
    }
}
