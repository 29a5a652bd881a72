-- Stock: an entity type of its own ('stock'), Odoo's free quantities written to the shop's
-- products and variations. Its links, applied hashes and incremental mark are kept apart from
-- those of products, so the same SKU can be linked once as a product and once as stock. The
-- checks of every table that names an entity type take it; a sync may now name four types.
ALTER TABLE sync_orchestration
    DROP CONSTRAINT sync_orchestration_entity_types_check,
    ADD CONSTRAINT sync_orchestration_entity_types_check
        CHECK (cardinality(entity_types) BETWEEN 1 AND 4
               AND entity_types <@ ARRAY['customers', 'products', 'orders', 'stock']),
    DROP CONSTRAINT sync_orchestration_current_entity_type_check,
    ADD CONSTRAINT sync_orchestration_current_entity_type_check
        CHECK (current_entity_type IN ('customers', 'products', 'orders', 'stock'));

ALTER TABLE sync_conflict
    DROP CONSTRAINT sync_conflict_entity_type_check,
    ADD CONSTRAINT sync_conflict_entity_type_check
        CHECK (entity_type IN ('customers', 'products', 'orders', 'stock'));

ALTER TABLE sync_idempotency_log
    DROP CONSTRAINT sync_idempotency_log_entity_type_check,
    ADD CONSTRAINT sync_idempotency_log_entity_type_check
        CHECK (entity_type IN ('customers', 'products', 'orders', 'stock'));

ALTER TABLE sync_record_link
    DROP CONSTRAINT sync_record_link_entity_type_check,
    ADD CONSTRAINT sync_record_link_entity_type_check
        CHECK (entity_type IN ('customers', 'products', 'orders', 'stock'));

ALTER TABLE sync_watermark
    DROP CONSTRAINT sync_watermark_entity_type_check,
    ADD CONSTRAINT sync_watermark_entity_type_check
        CHECK (entity_type IN ('customers', 'products', 'orders', 'stock'));

ALTER TABLE sync_create_intent
    DROP CONSTRAINT sync_create_intent_entity_type_check,
    ADD CONSTRAINT sync_create_intent_entity_type_check
        CHECK (entity_type IN ('customers', 'products', 'orders', 'stock'));
