-- Finding the open conflicts of a record, when a later sync applies it or fails it again.
CREATE INDEX sync_conflict_open_by_record_idx
    ON sync_conflict (org_id, entity_type, source_system, target_system, source_record_id)
    WHERE resolution IS NULL;
