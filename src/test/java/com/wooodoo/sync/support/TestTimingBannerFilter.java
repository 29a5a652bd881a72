package com.wooodoo.sync.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

import java.util.Set;

/**
 * Leaves out the four lines Camel's test support logs around every test method (a row of
 * asterisks, "Testing done", "Took", asterisks): in the service's own package, since they are
 * logged under the test class's name, they were half of a build's output. Surefire's reports
 * give each test's time.
 */
public final class TestTimingBannerFilter extends Filter<ILoggingEvent> {

    private static final Set<String> BANNER = Set.of("*".repeat(80), "Testing done: {} ({})", "Took: {} ({} millis)");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return BANNER.contains(event.getMessage()) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
