-- Runs after every migration (Flyway callback), as the role that migrates and owns the tables.
-- When the service connects as a role of its own (spring.datasource.username differs from
-- spring.flyway.user), that role may read and write the service's tables and nothing more: no
-- CREATE, DROP, TRUNCATE or ALTER, and only reading Flyway's history. Granted again on every
-- start, so tables added by later migrations (and Quartz's) are covered. When both are the same
-- role (the local default, postgres), there is nothing to grant.
DO $$
DECLARE
    service_role text := '${service_role}';
    service_schema text := '${flyway:defaultSchema}';
BEGIN
    IF service_role = '' OR service_role = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', service_schema, service_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', service_schema, service_role);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON %I.%I FROM %I', service_schema, '${flyway:table}', service_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', service_schema, service_role);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', service_schema, service_role);
END
$$;
