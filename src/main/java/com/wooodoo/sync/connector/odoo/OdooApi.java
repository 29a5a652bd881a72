package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs ORM methods on one Odoo over one protocol; failures are {@link com.wooodoo.sync.connector.ConnectorException}s. */
interface OdooApi {

    /** The method's result, as Odoo serialises it. */
    JsonNode call(OdooCall call);
}
