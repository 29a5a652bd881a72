package com.wooodoo.sync.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.WooCommerceSettings;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import com.wooodoo.sync.connector.odoo.OdooConnector;
import com.wooodoo.sync.connector.woocommerce.WooCommerceConnector;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The start-up warm-up: before the service reports itself ready (Spring Boot sets readiness after
 * its runners), the connectors of a first customer sync run on synthetic data against
 * {@link WarmupSystems} on the loopback interface: pages read from a shop, look-ups, creates and
 * read-backs in an Odoo, every record mapped both ways and hashed, over the same Camel HTTP
 * endpoints, Apache HttpClient and Jackson as a real sync. The JVM loads those classes and its
 * JIT compiles those paths here instead of in the first sync (docs/benchmarks.md, "Cold start").
 * No real system is contacted and nothing is written to the database; the requests go straight
 * to the endpoints (no throttle, no circuit breaker: those keep per-organisation state). A failure
 * ends the warm-up early, never the start-up.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class StartupWarmup implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmup.class);
    private static final int PAGE_SIZE = 100;
    private static final int BATCH_SIZE = 50;

    private final WarmupProperties properties;
    private final MappingCatalog mappings;
    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final ObjectMapper json;
    private final ApplicationAvailability availability;
    private volatile Outcome atStartup;
    private volatile Outcome lastRun;

    /** What a warm-up did, and whether the service was still refusing work when it ended. */
    record Outcome(int rounds, long records, long millis, ReadinessState readinessAtEnd, String failure) {
    }

    StartupWarmup(WarmupProperties properties, MappingCatalog mappings, ProducerTemplate producer, CamelContext camel,
                  ObjectMapper json, ApplicationAvailability availability) {
        this.properties = properties;
        this.mappings = mappings;
        this.producer = producer;
        this.camel = camel;
        this.json = json;
        this.availability = availability;
    }

    /** The start-up's warm-up; null when none ran. */
    Outcome atStartup() {
        return atStartup;
    }

    /** The last warm-up's outcome; null when none ran. */
    Outcome lastRun() {
        return lastRun;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.isEnabled() || properties.getRounds() == 0) {
            return;
        }
        if (!camel.isStarted()) { // a test context whose Camel starts later: nothing to send through yet
            LOG.info("Start-up warm-up skipped: Camel is not started");
            return;
        }
        long started = System.nanoTime();
        int rounds = 0;
        long records = 0;
        WarmupSystems systems = null;
        String failure = null;
        try {
            systems = new WarmupSystems(json, properties.getRecords());
            WooCommerceConnector shop = new WooCommerceConnector(new WooCommerceSettings(systems.url(), "ck_warmup",
                    "cs_warmup", HttpTimeouts.DEFAULTS), mappings, producer, json);
            OdooConnector odoo = new OdooConnector(new OdooSettings(systems.url(), OdooSettings.Protocol.JSONRPC, "warmup",
                    "warmup", "warmup", HttpTimeouts.DEFAULTS), mappings, producer, json);
            while (rounds < properties.getRounds()) {
                systems.reset();
                records += round(shop, odoo);
                rounds++;
                if (elapsedMs(started) > properties.getMaxDurationMs()) {
                    break;
                }
            }
            LOG.info("Start-up warm-up: {} round(s), {} synthetic customers read, looked up, created and read back in {} ms",
                    rounds, records, elapsedMs(started));
        } catch (Exception | LinkageError e) {
            failure = e.toString();
            LOG.warn("Start-up warm-up ended early after {} round(s) and {} ms: {}", rounds, elapsedMs(started), failure);
        } finally {
            if (systems != null) {
                forget(systems.url().getAuthority());
                systems.close();
            }
        }
        lastRun = new Outcome(rounds, records, elapsedMs(started), availability.getReadinessState(), failure);
        if (atStartup == null) {
            atStartup = lastRun;
        }
    }

    /** One customer sync's connector calls, page by page and batch by batch: read, look up, create, read back. */
    private long round(WooCommerceConnector shop, OdooConnector odoo) {
        long records = 0;
        int totalPages = 1;
        for (int page = 1; page <= totalPages; page++) {
            RecordPage read = shop.readPage(EntityType.CUSTOMERS, page, PAGE_SIZE, Optional.empty());
            totalPages = read.totalPages();
            List<SyncRecord> all = read.records();
            for (int from = 0; from < all.size(); from += BATCH_SIZE) {
                List<SyncRecord> batch = all.subList(from, Math.min(all.size(), from + BATCH_SIZE));
                List<String> keys = new ArrayList<>();
                for (SyncRecord record : batch) {
                    ContentHash.of(record.fields());
                    record.field("email").ifPresent(email -> keys.add(email.toString()));
                }
                odoo.findByNaturalKeys(EntityType.CUSTOMERS, keys);
                List<String> created = new ArrayList<>();
                for (WriteOutcome outcome : odoo.create(EntityType.CUSTOMERS, batch)) {
                    outcome.targetId().ifPresent(created::add);
                }
                List<SyncRecord> readBack = odoo.readsByIdsOrNaturalKeysAtOnce(EntityType.CUSTOMERS)
                        ? odoo.readByIdsOrNaturalKeys(EntityType.CUSTOMERS, created, List.of())
                        : odoo.readByIds(EntityType.CUSTOMERS, created);
                readBack.forEach(record -> ContentHash.of(record.fields()));
                records += batch.size();
            }
        }
        return records;
    }

    /** The warm-up's endpoints leave Camel's registry with it: nothing of it stays behind. */
    private void forget(String authority) {
        for (Endpoint endpoint : new ArrayList<>(camel.getEndpoints())) {
            if (endpoint.getEndpointUri().contains("//" + authority)) {
                try {
                    camel.removeEndpoint(endpoint);
                } catch (Exception e) {
                    LOG.debug("warm-up endpoint {} not removed: {}", endpoint.getEndpointUri(), e.toString());
                }
            }
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
