-- The trigger functions name tables without a schema: pin them to the schema they were created
-- in, so that they work whatever search_path the writing session has.
ALTER FUNCTION sync_orchestration_enforce_active_limit() SET search_path FROM CURRENT;
ALTER FUNCTION sync_conflict_resolve_once() SET search_path FROM CURRENT;
