-- The triggers of migration 0012 now also copy each end's commune, country and position onto the
-- link (see db/schema.ts), and follow a firm that changes any of them.
CREATE OR REPLACE FUNCTION atlas_links_set_curve() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT atlas_link_curve(a.location, b.location), a.commune_code, b.commune_code, a.country, b.country,
         ST_Transform(a.location, 3857), ST_Transform(b.location, 3857)
  INTO NEW.curve, NEW.from_commune, NEW.to_commune, NEW.from_country, NEW.to_country, NEW.from_point, NEW.to_point
  FROM companies a, companies b WHERE a.id = NEW.from_id AND b.id = NEW.to_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atlas_links_follow_firms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS (
    SELECT n.id FROM new_rows n JOIN old_rows o USING (id)
    WHERE NOT ST_OrderingEquals(n.location, o.location) OR n.commune_code <> o.commune_code OR n.country <> o.country
  )
  UPDATE links l
  SET curve = atlas_link_curve(a.location, b.location), from_commune = a.commune_code, to_commune = b.commune_code,
      from_country = a.country, to_country = b.country,
      from_point = ST_Transform(a.location, 3857), to_point = ST_Transform(b.location, 3857)
  FROM companies a, companies b
  WHERE a.id = l.from_id AND b.id = l.to_id
    AND (l.from_id IN (SELECT id FROM changed) OR l.to_id IN (SELECT id FROM changed));
  RETURN NULL;
END
$$;
--> statement-breakpoint
UPDATE links l
SET from_commune = a.commune_code, to_commune = b.commune_code, from_country = a.country, to_country = b.country,
    from_point = ST_Transform(a.location, 3857), to_point = ST_Transform(b.location, 3857)
FROM companies a, companies b
WHERE a.id = l.from_id AND b.id = l.to_id;
