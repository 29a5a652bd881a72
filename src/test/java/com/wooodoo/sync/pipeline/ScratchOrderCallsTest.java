package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.TreeMap;

class ScratchOrderCallsTest extends SandboxTestBase {
    @Test
    void calls() {
        woo.seed(EntityType.CUSTOMERS, 20);
        woo.seed(EntityType.PRODUCTS, 20);
        woo.seed(EntityType.ORDERS, 200);
        String full = "{\"interBatchDelayMs\":0,\"mode\":\"full\"}";
        runToEnd(startSync("[\"woocommerce\",\"odoo\"]", "[\"customers\",\"products\"]", full), Duration.ofSeconds(60));
        odoo.resetStats(); woo.resetStats();
        JsonNode r = runToEnd(startSync("[\"woocommerce\",\"odoo\"]", "[\"orders\"]", full), Duration.ofSeconds(60));
        System.out.println("SCRATCH first " + r.get("status") + " " + r.at("/queue") + "\nODOO " + new TreeMap<>(odoo.stats()) + "\nWOO " + new TreeMap<>(woo.stats()));
        odoo.resetStats(); woo.resetStats();
        r = runToEnd(startSync("[\"woocommerce\",\"odoo\"]", "[\"orders\"]", full), Duration.ofSeconds(60));
        System.out.println("SCRATCH second " + r.get("status") + " " + r.at("/queue") + "\nODOO " + new TreeMap<>(odoo.stats()) + "\nWOO " + new TreeMap<>(woo.stats()));
    }
}
