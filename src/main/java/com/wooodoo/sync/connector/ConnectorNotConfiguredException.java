package com.wooodoo.sync.connector;

/** An organisation has no connection settings for a system it wants to sync with. */
public class ConnectorNotConfiguredException extends RuntimeException {
    public ConnectorNotConfiguredException(String orgId, ExternalSystem system) {
        super("organisation " + orgId + " has no " + system + " connection: set wooodoo.organizations." + orgId + "."
                + system + ".* in config/application.yaml (secrets from the environment)");
    }
}
