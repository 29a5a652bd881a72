-- Creates announced before they are sent, for targets whose natural key cannot find a record we
-- created (a WooCommerce order numbers itself). A create whose answer never came (a timeout, a
-- crash) leaves its intent; planning the record again then looks for what that create made
-- instead of creating it a second time. The batch's record transaction removes its intents.
CREATE TABLE sync_create_intent (
    org_id           text        NOT NULL REFERENCES organization (org_id),
    entity_type      text        NOT NULL CHECK (entity_type IN ('customers', 'products', 'orders')),
    source_system    text        NOT NULL CHECK (source_system IN ('woocommerce', 'odoo')),
    target_system    text        NOT NULL CHECK (target_system IN ('woocommerce', 'odoo')),
    source_record_id text        NOT NULL,
    sync_id          uuid        NOT NULL REFERENCES sync_orchestration (sync_id),
    announced_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, entity_type, source_system, target_system, source_record_id)
);
