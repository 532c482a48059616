-- companies.version and links.version (see db/schema.ts): raised by one on every update that
-- changes the row, whoever makes it (the API, an import, another process on the same database),
-- so that an If-Match naming an older version is refused (server/http/record-etag.ts). An update
-- that changes nothing (`SET name = name` in a migration) leaves it alone. The trigger's
-- arguments name the generated columns, which a BEFORE trigger sees unset in NEW.
CREATE OR REPLACE FUNCTION atlas_next_record_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  -- TG_ARGV is null, not empty, for a trigger given no arguments.
  unset text[] := coalesce(TG_ARGV, '{}');
BEGIN
  IF (to_jsonb(NEW) - unset) IS DISTINCT FROM (to_jsonb(OLD) - unset) THEN
    NEW.version := OLD.version + 1;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_record_version BEFORE UPDATE ON companies
FOR EACH ROW EXECUTE FUNCTION atlas_next_record_version('search', 'mx', 'my', 'size_band', 'sectors_mask');
--> statement-breakpoint
-- After links_curve (triggers run in the order of their names), which sets the curve and the ends.
CREATE OR REPLACE TRIGGER links_record_version BEFORE UPDATE ON links
FOR EACH ROW EXECUTE FUNCTION atlas_next_record_version();
