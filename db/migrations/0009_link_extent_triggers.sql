-- links.extent (see db/schema.ts): the Web Mercator box of the straight line between the two firms,
-- widened by half its length, which holds any curve the tiles draw between them (they bow out by
-- less than that). Kept when a link is made or re-pointed, and when one of its firms moves.
CREATE OR REPLACE FUNCTION atlas_link_extent(from_location geometry, to_location geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT ST_Expand(ST_MakeLine(a, b), 0.5 * ST_Distance(a, b) + 1)
  FROM (SELECT ST_Transform(from_location, 3857) AS a, ST_Transform(to_location, 3857) AS b) AS mercator
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atlas_links_set_extent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.extent := (SELECT atlas_link_extent(a.location, b.location) FROM companies a, companies b WHERE a.id = NEW.from_id AND b.id = NEW.to_id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER links_extent BEFORE INSERT OR UPDATE OF from_id, to_id ON links
FOR EACH ROW EXECUTE FUNCTION atlas_links_set_extent();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atlas_links_follow_firms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    SELECT n.id FROM new_rows n JOIN old_rows o USING (id) WHERE NOT ST_OrderingEquals(n.location, o.location)
  )
  UPDATE links l SET extent = atlas_link_extent(a.location, b.location)
  FROM companies a, companies b
  WHERE a.id = l.from_id AND b.id = l.to_id
    AND (l.from_id IN (SELECT id FROM moved) OR l.to_id IN (SELECT id FROM moved));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER companies_links_extent AFTER UPDATE ON companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_links_follow_firms();
--> statement-breakpoint
UPDATE links l SET extent = atlas_link_extent(a.location, b.location)
FROM companies a, companies b
WHERE a.id = l.from_id AND b.id = l.to_id;
