package com.wooodoo.sync.connector.odoo;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Credentials Odoo refused. Once refused they are not tried again by this connector: repeating
 * a bad password only runs into Odoo's login cool-down (and may look like an attack), and nothing
 * changes until a person fixes the settings, which makes a new connector.
 */
final class RememberedFailure {

    private final AtomicReference<ConnectorException> refused = new AtomicReference<>();

    void remember(ConnectorException failure) {
        refused.compareAndSet(null, failure);
    }

    /** Throws at once if the credentials were refused before. */
    void throwIfRefused() {
        ConnectorException first = refused.get();
        if (first != null) {
            throw new ConnectorException(ExternalSystem.ODOO, FailureKind.AUTHENTICATION, first.code().orElse(null),
                    first.httpStatus(), "Odoo refused these credentials earlier; not tried again until the settings change",
                    null, first);
        }
    }
}
