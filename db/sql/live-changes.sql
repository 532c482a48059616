-- The channel atlas_changes (see server/live/): every statement that bumps the data version (see
-- data-version.sql) also says, on this channel, which firms and links it changed, so that the
-- open maps (GET /api/events) refresh what changed. A NOTIFY payload holds at most 8000 bytes:
-- past 400 ids a statement says "many" instead. Ids only: the channel is heard by anonymous
-- readers' streams. A channel of its own, as a process listens to each channel once.
-- The triggers are named so that they fire after the data-version ones (alphabetical order), and
-- read the version those set.
CREATE OR REPLACE FUNCTION atlas_notify_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  current_version bigint;
  ids json;
  counted bigint;
  kind text := CASE TG_TABLE_NAME WHEN 'companies' THEN 'firms' WHEN 'links' THEN 'links' END;
BEGIN
  SELECT version INTO current_version FROM data_version;
  IF kind IS NULL THEN
    ids := '[]';
  ELSIF TG_OP = 'TRUNCATE' THEN
    ids := '"many"';
  ELSE
    -- Only the transition table of this trigger exists; PL/pgSQL plans this statement when it runs.
    SELECT count(*), coalesce(json_agg(id ORDER BY id), '[]') INTO counted, ids
    FROM (SELECT DISTINCT id FROM changed_rows LIMIT 401) AS some_ids;
    IF counted > 400 THEN
      ids := '"many"';
    END IF;
  END IF;
  PERFORM pg_notify('atlas_changes', json_build_object('version', current_version, coalesce(kind, 'firms'), ids)::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_live_changes_insert AFTER INSERT ON companies
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_live_changes_update AFTER UPDATE ON companies
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_live_changes_delete AFTER DELETE ON companies
REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_live_changes_truncate AFTER TRUNCATE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_live_changes_insert AFTER INSERT ON links
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_live_changes_update AFTER UPDATE ON links
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_live_changes_delete AFTER DELETE ON links
REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_live_changes_truncate AFTER TRUNCATE ON links
FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
-- The other tables the data version follows: their statements announce a version, no ids.
CREATE OR REPLACE TRIGGER actors_live_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actors
FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER territories_live_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON territories
FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER relatedness_matrix_live_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON relatedness_matrix
FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER relatedness_values_live_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON relatedness_values
FOR EACH STATEMENT EXECUTE FUNCTION atlas_notify_changes();
