-- data_version (see db/schema.ts): one row whose version goes up with every statement that changes
-- the firms, their links, the actors or the territories (statistics are grouped by territories),
-- so that the HTTP caches, which key on it, never serve data older than an edit. Statement-level
-- triggers: a bulk import or a seed bumps the version once, not once per row.
INSERT INTO data_version (id, version) VALUES (true, 1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Each new version is also sent on the channel atlas_data_version, so that a process that owns its
-- database (the embedded engine) keeps the version in memory instead of reading it on every request
-- (see db/queries/data-version.ts).
CREATE OR REPLACE FUNCTION atlas_bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  bumped bigint;
BEGIN
  UPDATE data_version SET version = version + 1 RETURNING version INTO bumped;
  PERFORM pg_notify('atlas_data_version', bumped::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON links
FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER actors_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actors
FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER territories_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON territories
FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version();
--> statement-breakpoint
-- Partner suggestions and the relatedness answers read the loaded relatedness matrix.
CREATE OR REPLACE TRIGGER relatedness_matrix_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON relatedness_matrix
FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER relatedness_values_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON relatedness_values
FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version();
