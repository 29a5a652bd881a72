package com.wooodoo.sync.support;

import java.util.List;

/**
 * The connection pools of the services the tests start, in process or as child JVMs: they grow to
 * the service's maximum when busy and shrink to two connections 10 s after, instead of holding the
 * maximum all the time. Two test JVMs run at once, each with the Spring contexts it keeps cached
 * and the child services of its tests: idle pools at full size would pass PostgreSQL's 100
 * connections.
 */
public final class TestPools {

    public static final String MIN_IDLE = "spring.datasource.hikari.minimum-idle=2";
    public static final String IDLE_TIMEOUT = "spring.datasource.hikari.idle-timeout=10000";

    private TestPools() {
    }

    /** The same settings as command-line arguments of a child service. */
    public static List<String> arguments() {
        return List.of("--" + MIN_IDLE, "--" + IDLE_TIMEOUT);
    }
}
