-- Listing the resolved conflicts, and all of them, of an organisation in page order (created at,
-- id), as the unresolved ones already are (sync_conflict_org_unresolved_idx): a page reads its
-- rows, not every conflict of the organisation.
CREATE INDEX sync_conflict_org_resolved_idx ON sync_conflict (org_id, created_at, conflict_id)
    WHERE resolution IS NOT NULL;
CREATE INDEX sync_conflict_org_created_idx ON sync_conflict (org_id, created_at, conflict_id);

-- Deleting audit entries past their retention, oldest first, in batches.
CREATE INDEX sync_activity_log_created_idx ON sync_activity_log (created_at);
