-- link_flows (see db/schema.ts): the links between each pair of communes with the sums of their
-- ends' positions, so that a links tile without filters on firms draws its low-zoom flows from a
-- few rows. Kept in step with links the way company_cells is with companies (company-cells.sql):
-- statement-level triggers add what a statement inserted and subtract what it deleted, and empty
-- flows are deleted at once. Links within one commune make no flow, nor links to a closed firm
-- (`ends_active`, link-ends.sql): the flows are those of the default reads, active firms only.
-- Only the definitions are here: the migration that applies a change to them also rebuilds the
-- flows of the links already there (TRUNCATE link_flows, then one grouped INSERT from links).
CREATE OR REPLACE FUNCTION atlas_link_flows_sync() RETURNS trigger
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
      INSERT INTO link_flows AS flow (commune1, commune2, cross_border, n, sx1, sy1, sx2, sy2)
      SELECT least(from_commune, to_commune), greatest(from_commune, to_commune), from_country <> to_country,
             %1$s * count(*),
             %1$s * sum(ST_X(CASE WHEN from_commune <= to_commune THEN from_point ELSE to_point END)),
             %1$s * sum(ST_Y(CASE WHEN from_commune <= to_commune THEN from_point ELSE to_point END)),
             %1$s * sum(ST_X(CASE WHEN from_commune <= to_commune THEN to_point ELSE from_point END)),
             %1$s * sum(ST_Y(CASE WHEN from_commune <= to_commune THEN to_point ELSE from_point END))
      FROM %2$I
      WHERE from_commune <> to_commune AND ends_active
      GROUP BY 1, 2, 3
      ON CONFLICT (commune1, commune2, cross_border) DO UPDATE
      SET n = flow.n + excluded.n, sx1 = flow.sx1 + excluded.sx1, sy1 = flow.sy1 + excluded.sy1,
          sx2 = flow.sx2 + excluded.sx2, sy2 = flow.sy2 + excluded.sy2
    $sql$, step.sign, step.source);
  END LOOP;
  DELETE FROM link_flows WHERE n = 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_flows_insert AFTER INSERT ON links REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_link_flows_sync();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_flows_update AFTER UPDATE ON links REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_link_flows_sync();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_flows_delete AFTER DELETE ON links REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_link_flows_sync();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atlas_link_flows_clear() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE link_flows;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_flows_truncate AFTER TRUNCATE ON links
FOR EACH STATEMENT EXECUTE FUNCTION atlas_link_flows_clear();
