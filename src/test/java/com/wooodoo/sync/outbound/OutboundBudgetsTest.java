package com.wooodoo.sync.outbound;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limit the outbound route's throttle applies to an organisation's request. */
class OutboundBudgetsTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @Test
    void theStrictestOpenBudgetOfTheOrganisationApplies() {
        OutboundBudgets budgets = new OutboundBudgets(new OutboundProperties());
        try (OutboundBudgets.Budget loose = budgets.open("acme", 50); OutboundBudgets.Budget strict = budgets.open("acme", 12);
             OutboundBudgets.Budget other = budgets.open("zed", 3)) {
            assertThat(limitOf(budgets, "acme")).isEqualTo(12);
            assertThat(limitOf(budgets, "zed")).isEqualTo(3);
            strict.close();
            assertThat(limitOf(budgets, "acme")).as("once the strict one is closed").isEqualTo(50);
        }
        assertThat(limitOf(budgets, "acme")).as("no budget open: not metered").isNull();
    }

    @Test
    void theOverrideReplacesEveryBudgetAndADisabledThrottleMetersNothing() {
        OutboundProperties override = new OutboundProperties();
        override.setRequestsPerMinuteOverride(1000);
        OutboundBudgets overridden = new OutboundBudgets(override);
        try (OutboundBudgets.Budget budget = overridden.open("acme", 10)) {
            assertThat(limitOf(overridden, "acme")).isEqualTo(1000);
        }
        OutboundProperties off = new OutboundProperties();
        off.setThrottleEnabled(false);
        OutboundBudgets unmetered = new OutboundBudgets(off);
        try (OutboundBudgets.Budget budget = unmetered.open("acme", 10)) {
            assertThat(limitOf(unmetered, "acme")).isNull();
        }
    }

    @Test
    void aBudgetOfLessThanOneRequestIsRefused() {
        OutboundBudgets budgets = new OutboundBudgets(new OutboundProperties());
        assertThatThrownBy(() -> budgets.open("acme", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboundProperties().setRequestsPerMinuteOverride(-1))
                .hasMessageContaining("wooodoo.outbound.requests-per-minute-override");
    }

    private Integer limitOf(OutboundBudgets budgets, String orgId) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(OutboundChannel.ORGANISATION, orgId);
        exchange.setProperty(OutboundBudgets.REQUESTS_PER_MINUTE, -1); // a value left from elsewhere is replaced
        budgets.applyTo(exchange);
        return exchange.getProperty(OutboundBudgets.REQUESTS_PER_MINUTE, Integer.class);
    }
}
