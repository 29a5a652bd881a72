-- DataMismatch detection: the content of each side of a link as the pipeline last saw it in step
-- (read back after writing it, or read as the source of a sync). A target whose content no longer
-- hashes the same was changed by someone else since the last sync.
ALTER TABLE sync_record_link
    ADD COLUMN woocommerce_seen_hash text CHECK (woocommerce_seen_hash ~ '^[0-9a-f]{64}$'),
    ADD COLUMN odoo_seen_hash        text CHECK (odoo_seen_hash ~ '^[0-9a-f]{64}$');
