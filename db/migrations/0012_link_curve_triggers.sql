-- links.curve (see db/schema.ts): the line the tiles draw for a link, a quadratic curve in Web
-- Mercator that bows to the left of the direction of travel, so that links drawn between the same
-- places either way stay apart. Drawn once when a link is made or re-pointed, and again when one
-- of its firms moves; the tiles only clip it.
CREATE OR REPLACE FUNCTION atlas_link_curve(from_location geometry, to_location geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT ST_SetSRID(ST_MakeLine(array_agg(ST_MakePoint(
           (1 - t) * (1 - t) * ax + 2 * (1 - t) * t * ((ax + bx) / 2 - (by - ay) * 0.18) + t * t * bx,
           (1 - t) * (1 - t) * ay + 2 * (1 - t) * t * ((ay + by) / 2 + (bx - ax) * 0.18) + t * t * by) ORDER BY t)), 3857)
  FROM (SELECT ST_X(a) AS ax, ST_Y(a) AS ay, ST_X(b) AS bx, ST_Y(b) AS by
        FROM (SELECT ST_Transform(from_location, 3857) AS a, ST_Transform(to_location, 3857) AS b) AS mercator) AS ends,
       (SELECT i::float8 / 24 AS t FROM generate_series(0, 24) AS i) AS steps
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atlas_links_set_curve() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.curve := (SELECT atlas_link_curve(a.location, b.location) FROM companies a, companies b WHERE a.id = NEW.from_id AND b.id = NEW.to_id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER links_curve BEFORE INSERT OR UPDATE OF from_id, to_id ON links
FOR EACH ROW EXECUTE FUNCTION atlas_links_set_curve();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atlas_links_follow_firms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    SELECT n.id FROM new_rows n JOIN old_rows o USING (id) WHERE NOT ST_OrderingEquals(n.location, o.location)
  )
  UPDATE links l SET curve = atlas_link_curve(a.location, b.location)
  FROM companies a, companies b
  WHERE a.id = l.from_id AND b.id = l.to_id
    AND (l.from_id IN (SELECT id FROM moved) OR l.to_id IN (SELECT id FROM moved));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER companies_links_curve AFTER UPDATE ON companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_links_follow_firms();
--> statement-breakpoint
UPDATE links l SET curve = atlas_link_curve(a.location, b.location)
FROM companies a, companies b
WHERE a.id = l.from_id AND b.id = l.to_id;
