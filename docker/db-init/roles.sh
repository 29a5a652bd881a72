#!/bin/sh
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d): the two
# roles of the service. wooodoo_owner owns the schema and migrates it (Flyway); wooodoo_service is
# what the running service connects as: it only reads and writes the tables (the grants are made
# by the migration's afterMigrate callback). Neither is a superuser.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v owner_password="$WOOODOO_OWNER_PASSWORD" -v service_password="$WOOODOO_SERVICE_PASSWORD" <<'SQL'
CREATE ROLE wooodoo_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE wooodoo_service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'service_password';
CREATE SCHEMA wooodoo AUTHORIZATION wooodoo_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
