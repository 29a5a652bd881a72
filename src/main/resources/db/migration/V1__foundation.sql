-- Foundation schema: organisations, API tokens, syncs, conflicts, idempotency, activity.
-- Every row is scoped by organisation; the invariants of the orchestrate contract are
-- enforced here, so that they hold whatever code path (or instance) writes.

CREATE TABLE organization (
    org_id      text        PRIMARY KEY CHECK (org_id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_token (
    token_id     uuid        PRIMARY KEY,
    org_id       text        NOT NULL REFERENCES organization (org_id),
    token_hash   text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    label        text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX api_token_org_idx ON api_token (org_id);

CREATE TABLE sync_orchestration (
    sync_id             uuid        PRIMARY KEY,
    org_id              text        NOT NULL REFERENCES organization (org_id),
    status              text        NOT NULL CHECK (status IN ('draft', 'queued', 'processing', 'paused',
                                                               'done', 'partial', 'failed', 'cancelled')),
    paused_from         text        CHECK (paused_from IN ('queued', 'processing')),
    source_system       text        NOT NULL CHECK (source_system IN ('woocommerce', 'odoo')),
    target_system       text        NOT NULL CHECK (target_system IN ('woocommerce', 'odoo')),
    entity_types        text[]      NOT NULL CHECK (cardinality(entity_types) BETWEEN 1 AND 3
                                                    AND entity_types <@ ARRAY['customers', 'products', 'orders']),
    sync_config         jsonb       NOT NULL,
    idempotency_key     text        CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    created_by          text,
    -- progress counters and checkpoint
    total_records       integer     NOT NULL DEFAULT 0 CHECK (total_records >= 0),
    processed_records   integer     NOT NULL DEFAULT 0 CHECK (processed_records >= 0),
    failed_records      integer     NOT NULL DEFAULT 0 CHECK (failed_records >= 0),
    skipped_records     integer     NOT NULL DEFAULT 0 CHECK (skipped_records >= 0),
    batches_done        integer     NOT NULL DEFAULT 0 CHECK (batches_done >= 0),
    current_entity_type text        CHECK (current_entity_type IN ('customers', 'products', 'orders')),
    checkpoint          jsonb,
    failure_reason      text,
    -- lease of the instance that runs the sync (crash take-over)
    lease_owner         text,
    lease_expires_at    timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz,
    CHECK (source_system <> target_system),
    CHECK ((status = 'paused') = (paused_from IS NOT NULL)),
    CHECK ((status IN ('done', 'partial', 'failed', 'cancelled')) = (finished_at IS NOT NULL))
);
CREATE UNIQUE INDEX sync_orchestration_idempotency_key_uq
    ON sync_orchestration (org_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX sync_orchestration_org_created_idx ON sync_orchestration (org_id, created_at DESC);
CREATE INDEX sync_orchestration_active_idx
    ON sync_orchestration (org_id) WHERE status IN ('queued', 'processing', 'paused');

-- At most N active (queued, processing, paused) syncs per organisation. The organisation row is
-- locked first, so concurrent starts of one organisation are counted one after the other, on
-- every instance that shares the database.
CREATE TABLE sync_limit (
    name  text    PRIMARY KEY,
    value integer NOT NULL CHECK (value > 0)
);
INSERT INTO sync_limit (name, value) VALUES ('max_active_syncs_per_org', 5);

CREATE FUNCTION sync_orchestration_enforce_active_limit() RETURNS trigger AS $$
DECLARE
    active_count integer;
    max_active   integer;
BEGIN
    IF NEW.status NOT IN ('queued', 'processing', 'paused') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status IN ('queued', 'processing', 'paused') THEN
        RETURN NEW;
    END IF;
    PERFORM 1 FROM organization WHERE org_id = NEW.org_id FOR UPDATE;
    SELECT value INTO max_active FROM sync_limit WHERE name = 'max_active_syncs_per_org';
    SELECT count(*) INTO active_count FROM sync_orchestration
     WHERE org_id = NEW.org_id AND status IN ('queued', 'processing', 'paused') AND sync_id <> NEW.sync_id;
    IF active_count >= max_active THEN
        RAISE EXCEPTION 'organisation % already has % active syncs (limit %)', NEW.org_id, active_count, max_active
            USING ERRCODE = 'WS429';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sync_orchestration_active_limit
    BEFORE INSERT OR UPDATE OF status ON sync_orchestration
    FOR EACH ROW EXECUTE FUNCTION sync_orchestration_enforce_active_limit();

CREATE TABLE sync_conflict (
    conflict_id        uuid        PRIMARY KEY,
    org_id             text        NOT NULL REFERENCES organization (org_id),
    sync_id            uuid        NOT NULL REFERENCES sync_orchestration (sync_id),
    conflict_type      text        NOT NULL CHECK (conflict_type IN ('DataMismatch', 'DuplicateKey',
                                                                     'ValidationError', 'AuthError', 'RetryExhausted')),
    entity_type        text        NOT NULL CHECK (entity_type IN ('customers', 'products', 'orders')),
    source_system      text        NOT NULL CHECK (source_system IN ('woocommerce', 'odoo')),
    target_system      text        NOT NULL CHECK (target_system IN ('woocommerce', 'odoo')),
    source_record_id   text,
    target_record_id   text,
    message            text        NOT NULL,
    source_data        jsonb,
    target_data        jsonb,
    attempts           integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- resolution trail: set once, by a person (accept/reject/retry) or automatically (skip)
    resolution         text        CHECK (resolution IN ('accept', 'reject', 'retry', 'skip')),
    resolution_note    text,
    resolved_by        text,
    resolved_at        timestamptz,
    resolution_outcome text        CHECK (resolution_outcome IN ('pending', 'applied', 'kept-target',
                                                                 'skipped', 'failed')),
    created_at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((resolution IS NULL) = (resolved_at IS NULL)),
    CHECK ((resolution IS NULL) = (resolution_outcome IS NULL))
);
CREATE INDEX sync_conflict_org_sync_idx ON sync_conflict (org_id, sync_id, created_at, conflict_id);
CREATE INDEX sync_conflict_org_unresolved_idx ON sync_conflict (org_id, created_at, conflict_id)
    WHERE resolution IS NULL;

-- A conflict is resolved once: its resolution, once set, never changes (its outcome may move on
-- from 'pending' when the resolution is carried out).
CREATE FUNCTION sync_conflict_resolve_once() RETURNS trigger AS $$
BEGIN
    IF OLD.resolution IS NOT NULL AND (NEW.resolution IS DISTINCT FROM OLD.resolution
                                       OR NEW.resolved_by IS DISTINCT FROM OLD.resolved_by
                                       OR NEW.resolved_at IS DISTINCT FROM OLD.resolved_at) THEN
        RAISE EXCEPTION 'conflict % is already resolved (%)', OLD.conflict_id, OLD.resolution
            USING ERRCODE = 'WS409';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sync_conflict_resolution_once
    BEFORE UPDATE ON sync_conflict
    FOR EACH ROW EXECUTE FUNCTION sync_conflict_resolve_once();

-- What was applied to a target: one entry per record version (content hash), so a retry, a
-- restart or a second instance never applies the same version twice.
CREATE TABLE sync_idempotency_log (
    entry_id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id           text        NOT NULL REFERENCES organization (org_id),
    sync_id          uuid        NOT NULL REFERENCES sync_orchestration (sync_id),
    entity_type      text        NOT NULL CHECK (entity_type IN ('customers', 'products', 'orders')),
    source_system    text        NOT NULL CHECK (source_system IN ('woocommerce', 'odoo')),
    target_system    text        NOT NULL CHECK (target_system IN ('woocommerce', 'odoo')),
    source_record_id text        NOT NULL,
    content_hash     text        NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    target_record_id text,
    operation        text        NOT NULL CHECK (operation IN ('create', 'update')),
    applied_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, entity_type, source_system, target_system, source_record_id, content_hash)
);
CREATE INDEX sync_idempotency_log_sync_idx ON sync_idempotency_log (sync_id);

-- Audit trail: every action, batch and error, with who did it and how long it took.
CREATE TABLE sync_activity_log (
    entry_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      text        NOT NULL REFERENCES organization (org_id),
    sync_id     uuid        REFERENCES sync_orchestration (sync_id),
    conflict_id uuid        REFERENCES sync_conflict (conflict_id),
    actor       text,
    action      text        NOT NULL,
    outcome     text        NOT NULL CHECK (outcome IN ('ok', 'rejected', 'error')),
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    duration_ms integer     CHECK (duration_ms >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_activity_log_sync_idx ON sync_activity_log (org_id, sync_id, entry_id);

-- Inbound request counting per organisation and minute, shared by every instance.
CREATE TABLE api_rate_window (
    org_id        text        NOT NULL REFERENCES organization (org_id),
    window_start  timestamptz NOT NULL,
    request_count integer     NOT NULL CHECK (request_count > 0),
    PRIMARY KEY (org_id, window_start)
);
