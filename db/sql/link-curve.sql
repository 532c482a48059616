-- atlas_link_curve(): the line the tiles draw for a link (links.curve, see db/schema.ts), a
-- quadratic curve in Web Mercator that bows to the left of the direction of travel, so that links
-- drawn between the same places either way stay apart. The triggers of link-ends.sql store it when
-- a link is made or re-pointed and when one of its firms moves; the tiles only clip it.
-- The stored curves do not follow a new definition by themselves: the migration that applies a
-- change to this file redraws them (UPDATE links SET curve = atlas_link_curve(...) from both firms).
CREATE OR REPLACE FUNCTION atlas_link_curve(from_location geometry, to_location geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT ST_SetSRID(ST_MakeLine(array_agg(ST_MakePoint(
           (1 - t) * (1 - t) * ax + 2 * (1 - t) * t * ((ax + bx) / 2 - (by - ay) * 0.18) + t * t * bx,
           (1 - t) * (1 - t) * ay + 2 * (1 - t) * t * ((ay + by) / 2 + (bx - ax) * 0.18) + t * t * by) ORDER BY t)), 3857)
  FROM (SELECT ST_X(a) AS ax, ST_Y(a) AS ay, ST_X(b) AS bx, ST_Y(b) AS by
        FROM (SELECT ST_Transform(from_location, 3857) AS a, ST_Transform(to_location, 3857) AS b) AS mercator) AS ends,
       (SELECT i::float8 / 24 AS t FROM generate_series(0, 24) AS i) AS steps
$$;
