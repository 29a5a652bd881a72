-- The links are always looked up by record ids (woocommerce_id = ANY (...), odoo_id = ANY (...))
-- within one organisation and entity type. With both unique indexes led by (org_id, entity_type),
-- the planner, whenever its statistics say an organisation has few links (a new organisation, a
-- table not analysed yet), may pick the wrong one and read every link of the organisation for each
-- batch: a sync then grows quadratic in its record count. Led by the id, each index serves exactly
-- its own look-up. ON CONFLICT (org_id, entity_type, woocommerce_id) infers the same key.
ALTER TABLE sync_record_link
    DROP CONSTRAINT sync_record_link_pkey,
    DROP CONSTRAINT sync_record_link_org_id_entity_type_odoo_id_key;

ALTER TABLE sync_record_link
    ADD CONSTRAINT sync_record_link_pkey PRIMARY KEY (woocommerce_id, org_id, entity_type),
    ADD CONSTRAINT sync_record_link_odoo_id_key UNIQUE (odoo_id, org_id, entity_type);
