package com.wooodoo.sync.api;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling of the orchestrate routes, which opt in with
 * {@code routeConfigurationId: orchestrateApiErrors}: every failure is answered in the contract's
 * envelope, and no call is redelivered (an API call is answered once, at once).
 */
@Component
public class OrchestrateApiErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "orchestrateApiErrors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .process("apiErrorResponder");
    }
}
