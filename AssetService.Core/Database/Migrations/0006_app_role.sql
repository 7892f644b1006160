-- The role the service's login belongs to (docs/deploy.md): read and write the data, nothing else.
-- Migrations run as an administrator (`AssetService.LocalHost migrate`); the app runs no DDL.
-- Roles are per server: the block tolerates the role existing, or being created concurrently by the
-- migration of another database on the same server.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'asset_service_app') THEN
        CREATE ROLE asset_service_app NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

-- PostgreSQL 15 and later already keep CREATE on schema public from PUBLIC; older servers do not.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO asset_service_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO asset_service_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO asset_service_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO asset_service_app;
-- DbUp's journal is the migrator's alone.
REVOKE ALL ON TABLE schemaversions FROM asset_service_app;

-- Tables, sequences and functions that later migrations create (as the same administrator) get the
-- same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO asset_service_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO asset_service_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO asset_service_app;
