-- territory_lifetimes and territory_overlaps (see db/schema.ts): the firms of each territory (and,
-- under territory '', of the whole registry) per filter key and pair of opening and closing years,
-- and the firms each pair of territories holds in common; trends and shift-share add them up
-- instead of grouping every firm.
-- Statement-level triggers keep them in step, in two halves:
-- - on company_territories (whose rows its own triggers only ever insert and delete): a membership
--   added adds its firm under the firm's key, one removed while its firm stays subtracts it; and
--   each changes the overlaps of the territories holding that firm;
-- - on companies: a new firm adds itself under ''; a firm whose key changes moves from its old key
--   to its new one under '' and under every territory holding it; a deleted firm subtracts itself
--   from all of them. These must run while company_territories still holds the firm's old
--   memberships: triggers of one event fire in the order of their names, so
--   companies_lifetimes_update fires before companies_place_update moves a firm, and
--   companies_lifetimes_delete before companies_unplace removes its memberships.
-- Only the definitions are here: the migration that applies a change to them also rebuilds both
-- tables from the firms already there.

-- A firm's closing year in territory_lifetimes: 0 while active, -1 when closed on a date the
-- register does not give.
CREATE OR REPLACE FUNCTION atlas_closing_year(closed_on date, status company_status) RETURNS smallint
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN closed_on IS NOT NULL THEN extract(year FROM closed_on)::smallint WHEN status = 'closed' THEN -1 ELSE 0 END::smallint
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atlas_territory_lifetimes_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  -- The rows the statement added (sign 1) and removed (sign -1); only dynamic SQL can read the
  -- transition tables, and only those that exist for the event.
  changes text := concat_ws(' UNION ALL ',
    CASE WHEN TG_OP <> 'DELETE' THEN 'SELECT 1 AS sign, * FROM new_rows' END,
    CASE WHEN TG_OP <> 'INSERT' THEN 'SELECT -1 AS sign, * FROM old_rows' END);
  -- Each changed firm with a territory it counts in.
  held text := CASE TG_TABLE_NAME
    WHEN 'companies' THEN
      'SELECT change.*, place.territory_id FROM changes AS change CROSS JOIN LATERAL (
         SELECT ''''::text AS territory_id UNION ALL SELECT ct.territory_id FROM company_territories ct WHERE ct.company_id = change.id) AS place'
    ELSE
      'SELECT firm.*, change.sign, change.territory_id FROM changes AS change JOIN companies AS firm ON firm.id = change.company_id'
    END;
BEGIN
  EXECUTE format($sql$
    WITH changes AS (%s), held AS (%s)
    INSERT INTO territory_lifetimes AS kept (territory_id, primary_sector, sectors_mask, country, size_band, opened, closed, sample, n)
    SELECT territory_id, primary_sector, sectors_mask, country, size_band, coalesce(extract(year FROM opened_on)::int, 0),
           atlas_closing_year(closed_on, status), source = 'sample', sum(sign)
    FROM held
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    -- An update that leaves a firm's key as it was adds and takes it away: nothing to write.
    HAVING sum(sign) <> 0
    ON CONFLICT (territory_id, primary_sector, sectors_mask, country, size_band, opened, closed, sample) DO UPDATE
    SET n = kept.n + excluded.n
  $sql$, changes, held);
  DELETE FROM territory_lifetimes WHERE n = 0;
  IF TG_TABLE_NAME = 'company_territories' THEN
    -- The pairs a membership makes or unmakes with the firm's other memberships: those still in the
    -- table once, and those changed in the same statement once per pair (by a < b).
    EXECUTE format($sql$
      WITH changes AS (%s),
      pairs AS (
        SELECT change.sign, change.territory_id AS one, other.territory_id AS two
        FROM changes AS change JOIN company_territories AS other ON other.company_id = change.company_id AND other.territory_id <> change.territory_id
        WHERE NOT EXISTS (SELECT 1 FROM changes AS same WHERE same.company_id = other.company_id AND same.territory_id = other.territory_id)
        UNION ALL
        SELECT change.sign, change.territory_id, other.territory_id
        FROM changes AS change JOIN changes AS other ON other.company_id = change.company_id AND other.territory_id > change.territory_id)
      INSERT INTO territory_overlaps AS kept (a, b, firms)
      SELECT least(one, two), greatest(one, two), sum(sign) FROM pairs GROUP BY 1, 2 HAVING sum(sign) <> 0
      ON CONFLICT (a, b) DO UPDATE SET firms = kept.firms + excluded.firms
    $sql$, changes);
    DELETE FROM territory_overlaps WHERE firms = 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_lifetimes_insert AFTER INSERT ON companies REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_territory_lifetimes_sync();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_lifetimes_update AFTER UPDATE ON companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_territory_lifetimes_sync();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_lifetimes_delete AFTER DELETE ON companies REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_territory_lifetimes_sync();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER company_territories_lifetimes_insert AFTER INSERT ON company_territories REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_territory_lifetimes_sync();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER company_territories_lifetimes_delete AFTER DELETE ON company_territories REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_territory_lifetimes_sync();
--> statement-breakpoint
-- The registry emptied empties both; the memberships emptied (every territory gone) leave the
-- whole registry's rows.
CREATE OR REPLACE FUNCTION atlas_territory_lifetimes_clear() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'companies' THEN
    TRUNCATE territory_lifetimes, territory_overlaps;
  ELSE
    DELETE FROM territory_lifetimes WHERE territory_id <> '';
    TRUNCATE territory_overlaps;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_lifetimes_truncate AFTER TRUNCATE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION atlas_territory_lifetimes_clear();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER company_territories_lifetimes_truncate AFTER TRUNCATE ON company_territories
FOR EACH STATEMENT EXECUTE FUNCTION atlas_territory_lifetimes_clear();
