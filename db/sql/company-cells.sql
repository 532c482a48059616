-- company_cells (see db/schema.ts) holds, for every cluster level, the firms per grid cell and
-- filter key (status included: the default tiles show active firms only), so that a low-zoom tile
-- adds up a few hundred rows instead of scanning every firm.
-- Statement-level triggers keep it in step with companies: they add the rows a statement inserted
-- and subtract those it deleted (an update does both), so a bulk import costs one grouped upsert,
-- not one per firm per level. Empty cells are deleted at once.
-- The same triggers keep company_cell_years, the cells' openings and closings by year (for tiles
-- as of a date).
-- Only the definitions are here: the migration that applies a change to them also rebuilds the
-- cells of the firms already there (TRUNCATE company_cells, then one grouped INSERT from companies).
CREATE OR REPLACE FUNCTION atlas_company_cells_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  step record;
BEGIN
  FOR step IN
    SELECT * FROM (VALUES ('new_rows', 1), ('old_rows', -1)) AS steps (source, sign)
    WHERE (source = 'new_rows' AND TG_OP <> 'DELETE') OR (source = 'old_rows' AND TG_OP <> 'INSERT')
  LOOP
    -- Only dynamic SQL can name the transition table to read, and they exist only in here.
    EXECUTE format($sql$
      INSERT INTO company_cells AS cell (level, gx, gy, primary_sector, sectors_mask, country, size_band, status, n, sx, sy)
      SELECT level, mx >> (31 - level), my >> (31 - level), primary_sector, sectors_mask, country, size_band, status,
             %1$s * count(*), %1$s * sum(mx::bigint), %1$s * sum(my::bigint)
      FROM %2$I CROSS JOIN generate_series(3, 16) AS level
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT (level, gy, gx, primary_sector, sectors_mask, country, size_band, status) DO UPDATE
      SET n = cell.n + excluded.n, sx = cell.sx + excluded.sx, sy = cell.sy + excluded.sy
    $sql$, step.sign, step.source);
    -- company_cell_years: a firm's opening (year 0 when unknown) adds it, its closing takes it
    -- away; a firm closed on an unknown date is in no year.
    EXECUTE format($sql$
      INSERT INTO company_cell_years AS cell (level, gx, gy, primary_sector, sectors_mask, country, size_band, year, n, sx, sy)
      SELECT level, mx >> (31 - level), my >> (31 - level), primary_sector, sectors_mask, country, size_band, event.year,
             %1$s * sum(event.delta), %1$s * sum(event.delta * mx::bigint), %1$s * sum(event.delta * my::bigint)
      FROM %2$I AS firm
      CROSS JOIN LATERAL (VALUES (coalesce(extract(year FROM firm.opened_on)::int, 0), 1),
                                 (extract(year FROM firm.closed_on)::int, -1)) AS event (year, delta)
      CROSS JOIN generate_series(3, 16) AS level
      WHERE event.year IS NOT NULL AND (firm.status = 'active' OR firm.closed_on IS NOT NULL)
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT (level, gy, gx, primary_sector, sectors_mask, country, size_band, year) DO UPDATE
      SET n = cell.n + excluded.n, sx = cell.sx + excluded.sx, sy = cell.sy + excluded.sy
    $sql$, step.sign, step.source);
  END LOOP;
  DELETE FROM company_cells WHERE n = 0;
  -- A year whose openings and closings cancel out, positions included, adds nothing to any sum.
  DELETE FROM company_cell_years WHERE n = 0 AND sx = 0 AND sy = 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_cells_insert AFTER INSERT ON companies REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_company_cells_sync();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_cells_update AFTER UPDATE ON companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_company_cells_sync();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_cells_delete AFTER DELETE ON companies REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_company_cells_sync();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atlas_company_cells_clear() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE company_cells, company_cell_years;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_cells_truncate AFTER TRUNCATE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION atlas_company_cells_clear();
