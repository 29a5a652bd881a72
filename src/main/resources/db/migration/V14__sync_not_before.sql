-- A queued sync may wait in the queue until a time: WooCommerce or Odoo asked for a longer wait
-- (Retry-After) than a worker is held for, or a pause cut short the wait after a create whose
-- answer never came. SyncClaimStore.claimNext claims no sync before its not_before; wait_reason
-- says why, for the status report.
ALTER TABLE sync_orchestration
    ADD COLUMN not_before  timestamptz,
    ADD COLUMN wait_reason text;
