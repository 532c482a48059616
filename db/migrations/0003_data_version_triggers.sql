INSERT INTO data_version (id, version) VALUES (true, 1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Statement-level, so a bulk import or a seed bumps the version once, not once per row.
CREATE OR REPLACE FUNCTION atlas_bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET version = version + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER companies_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER links_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON links
FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER actors_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actors
FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version();
