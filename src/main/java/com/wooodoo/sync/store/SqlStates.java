package com.wooodoo.sync.store;

import java.sql.SQLException;
import java.util.Optional;

/** The SQLSTATE codes raised by this schema's own triggers (see the Flyway migrations). */
final class SqlStates {
    static final String ACTIVE_SYNC_LIMIT = "WS429";
    static final String ALREADY_RESOLVED = "WS409";

    private SqlStates() {
    }

    static Optional<String> of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    static boolean is(Throwable error, String state) {
        return of(error).filter(state::equals).isPresent();
    }
}
