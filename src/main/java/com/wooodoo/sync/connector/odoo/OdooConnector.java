package com.wooodoo.sync.connector.odoo;

import com.wooodoo.sync.outbound.OutboundChannel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.connector.RecordPage;
import com.wooodoo.sync.connector.StockSettings;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.SystemConnector;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WriteOutcome;
import com.wooodoo.sync.connector.WrittenRecord;
import com.wooodoo.sync.connector.mapping.MappingCatalog;
import org.apache.camel.ProducerTemplate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One organisation's Odoo, over JSON-RPC (any version; one login, then the uid) or JSON-2 (Odoo
 * 19, bearer API key), as the settings say. Reads with {@code search_read} (see
 * {@link OdooReader}), writes with multi-record {@code create} and per-record {@code write} (see
 * {@link OdooWriter}), and reports Odoo's errors as typed failures (see {@link OdooFailures}).
 * Thread-safe; keep one per organisation, as it remembers the login and the country ids it saw.
 */
public class OdooConnector implements SystemConnector {

    private final OdooReader reader;
    private final OdooWriter writer;
    private final OdooStockReader stock;
    private final OdooHttp http;

    /** A connector whose requests go straight to Odoo (no throttle, no breaker): for its own tests. */
    public OdooConnector(OdooSettings settings, MappingCatalog mappings, ProducerTemplate producer, ObjectMapper json) {
        this(settings, mappings, producer, OutboundChannel.straight(), json);
    }

    /** A connector whose requests take {@code channel} (the service's: the organisation's throttle and breaker). */
    public OdooConnector(OdooSettings settings, MappingCatalog mappings, ProducerTemplate producer, OutboundChannel channel,
                         ObjectMapper json) {
        this(settings, mappings, producer, channel, json, "(unnamed)", StockSettings.DEFAULTS);
    }

    /**
     * The service's connector of organisation {@code orgId}, whose shop sells the stock of the
     * warehouses {@code stockSettings} name (read by {@link OdooStockReader}).
     */
    public OdooConnector(OdooSettings settings, MappingCatalog mappings, ProducerTemplate producer, OutboundChannel channel,
                         ObjectMapper json, String orgId, StockSettings stockSettings) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(mappings, "mappings");
        this.http = new OdooHttp(producer, channel, settings.url(), settings.timeouts());
        OdooFailures failures = new OdooFailures(settings.secret());
        OdooApi api = switch (settings.protocol()) {
            case JSONRPC -> new JsonRpcApi(http, json, settings, failures);
            case JSON2 -> new Json2Api(http, json, settings, failures);
        };
        RelatedKeys related = new RelatedKeys(api, new OdooCategories(api, failures, java.time.Clock.systemUTC()));
        KeyLookups lookups = new KeyLookups(api, failures, orgId);
        this.reader = new OdooReader(api, mappings, related, new LineModels(api, failures), failures, lookups);
        this.writer = new OdooWriter(api, mappings, related, failures, lookups);
        this.stock = new OdooStockReader(api, mappings, failures, orgId, stockSettings,
                java.time.Clock.systemUTC());
    }

    @Override
    public ExternalSystem system() {
        return ExternalSystem.ODOO;
    }

    @Override
    public RecordPage readPage(EntityType type, int page, int pageSize, Optional<Instant> modifiedAfter) {
        if (type == EntityType.STOCK) {
            return stock.readPage(page, pageSize, modifiedAfter);
        }
        return reader.readPage(type, page, pageSize, modifiedAfter);
    }

    /** Every Odoo model has {@code write_date}. */
    @Override
    public boolean canFilterByModification(EntityType type) {
        return true;
    }

    @Override
    public List<SyncRecord> readByIds(EntityType type, Collection<String> ids) {
        if (type == EntityType.STOCK) {
            return stock.readByIdsOrSkus(ids, List.of());
        }
        return reader.readByIds(type, ids);
    }

    @Override
    public List<SyncRecord> findByNaturalKeys(EntityType type, Collection<String> naturalKeys) {
        if (type == EntityType.STOCK) {
            return stock.readByIdsOrSkus(List.of(), naturalKeys);
        }
        return reader.findByNaturalKeys(type, naturalKeys);
    }

    /**
     * One {@code search_read} OR-s the ids with the keys where an index answers the keys; where
     * Odoo lacks {@code email_normalized}, {@link OdooReader#readByIdsOrNaturalKeys} looks the
     * e-mails up in chunks first and then reads all by id, still fewer calls than apart.
     */
    @Override
    public boolean readsByIdsOrNaturalKeysAtOnce(EntityType type) {
        return true;
    }

    @Override
    public List<SyncRecord> readByIdsOrNaturalKeys(EntityType type, Collection<String> ids, Collection<String> naturalKeys) {
        if (type == EntityType.STOCK) {
            return stock.readByIdsOrSkus(ids, naturalKeys);
        }
        return reader.readByIdsOrNaturalKeys(type, ids, naturalKeys);
    }

    @Override
    public List<WriteOutcome> create(EntityType type, List<SyncRecord> records) {
        stockIsNotWritten(type);
        return records.isEmpty() ? List.of() : writer.create(type, records);
    }

    @Override
    public List<WriteOutcome> update(EntityType type, List<TargetUpdate> updates) {
        stockIsNotWritten(type);
        return updates.isEmpty() ? List.of() : writer.update(type, updates);
    }

    /** Orders are confirmed or cancelled as their shop status says (orders.yaml {@code states}). */
    @Override
    public List<WriteOutcome> settle(EntityType type, List<WrittenRecord> written) {
        return type != EntityType.ORDERS || written.isEmpty() ? List.of() : writer.settleOrders(written);
    }

    /** Stock goes from Odoo to the shop only (OdooStockReader); the API refuses the other direction. */
    private static void stockIsNotWritten(EntityType type) {
        if (type == EntityType.STOCK) {
            throw new IllegalArgumentException("stock is written to the shop, never to Odoo");
        }
    }

    /** The Camel endpoint the connector sends to (it never holds credentials). */
    public String endpointUri() {
        return http.endpointUri();
    }
}
