-- Each link carries what the tiles need of its two firms (see db/schema.ts): its curve
-- (atlas_link_curve, link-curve.sql), so that a tile finds the links crossing it through an index
-- and never draws a curve itself; and each end's commune, country and Web Mercator position, so
-- that the low-zoom flows (link-flows.sql) group the links alone instead of joining every firm on
-- every tile; and whether both firms are active (`ends_active`), which the default reads and the
-- flows keep to. They are copied when a link is made or re-pointed...
CREATE OR REPLACE FUNCTION atlas_links_set_curve() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT atlas_link_curve(a.location, b.location), a.commune_code, b.commune_code, a.country, b.country,
         ST_Transform(a.location, 3857), ST_Transform(b.location, 3857), a.status = 'active' AND b.status = 'active'
  INTO NEW.curve, NEW.from_commune, NEW.to_commune, NEW.from_country, NEW.to_country, NEW.from_point, NEW.to_point, NEW.ends_active
  FROM companies a, companies b WHERE a.id = NEW.from_id AND b.id = NEW.to_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_curve BEFORE INSERT OR UPDATE OF from_id, to_id ON links
FOR EACH ROW EXECUTE FUNCTION atlas_links_set_curve();
--> statement-breakpoint
-- ...and again for the links of the firms a statement moved, gave another commune or country,
-- closed or reopened.
CREATE OR REPLACE FUNCTION atlas_links_follow_firms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS (
    SELECT n.id FROM new_rows n JOIN old_rows o USING (id)
    WHERE NOT ST_OrderingEquals(n.location, o.location) OR n.commune_code <> o.commune_code OR n.country <> o.country
       OR n.status <> o.status
  )
  UPDATE links l
  SET curve = atlas_link_curve(a.location, b.location), from_commune = a.commune_code, to_commune = b.commune_code,
      from_country = a.country, to_country = b.country,
      from_point = ST_Transform(a.location, 3857), to_point = ST_Transform(b.location, 3857),
      ends_active = a.status = 'active' AND b.status = 'active'
  FROM companies a, companies b
  WHERE a.id = l.from_id AND b.id = l.to_id
    AND (l.from_id IN (SELECT id FROM changed) OR l.to_id IN (SELECT id FROM changed));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_links_curve AFTER UPDATE ON companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_links_follow_firms();
