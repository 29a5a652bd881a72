-- State of the sync pipeline: links between the two systems' records, what was last applied in
-- each direction, and the high-water mark of incremental syncs.

-- The WooCommerce record and the Odoo record that are the same customer, product or order.
CREATE TABLE sync_record_link (
    org_id         text        NOT NULL REFERENCES organization (org_id),
    entity_type    text        NOT NULL CHECK (entity_type IN ('customers', 'products', 'orders')),
    woocommerce_id text        NOT NULL,
    odoo_id        text        NOT NULL,
    -- content hash of the mapped fields as last written or read in step, per direction
    last_hash_to_odoo        text CHECK (last_hash_to_odoo ~ '^[0-9a-f]{64}$'),
    last_hash_to_woocommerce text CHECK (last_hash_to_woocommerce ~ '^[0-9a-f]{64}$'),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, entity_type, woocommerce_id),
    UNIQUE (org_id, entity_type, odoo_id)
);

-- Where the last successful sync of an organisation, entity and direction started reading, so
-- that an incremental sync reads only what changed since.
CREATE TABLE sync_watermark (
    org_id        text        NOT NULL REFERENCES organization (org_id),
    entity_type   text        NOT NULL CHECK (entity_type IN ('customers', 'products', 'orders')),
    source_system text        NOT NULL CHECK (source_system IN ('woocommerce', 'odoo')),
    target_system text        NOT NULL CHECK (target_system IN ('woocommerce', 'odoo')),
    synced_until  timestamptz NOT NULL,
    sync_id       uuid        NOT NULL REFERENCES sync_orchestration (sync_id),
    PRIMARY KEY (org_id, entity_type, source_system, target_system)
);

-- Claiming work: the queued sync waiting longest, or a processing one whose lease ran out.
CREATE INDEX sync_orchestration_claimable_idx ON sync_orchestration (created_at)
    WHERE status IN ('queued', 'processing');
