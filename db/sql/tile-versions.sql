-- tile_versions (see db/schema.ts): the version of each tile region, raised only where a statement
-- changes what the tiles draw or filter on, so that the tile caches (server/http/tile-version.ts)
-- keep every other tile. Statement-level triggers with transition tables: a bulk import raises
-- each region once. Versions come from one sequence: a tile's version is the greatest of its
-- region's and of the `*` row, so any raise of either gives it a new one.
CREATE SEQUENCE IF NOT EXISTS tile_version_seq;
--> statement-breakpoint
-- The tiles at zooms 0 to 8 over a box in world units (2^31 across, as companies.mx and my).
CREATE OR REPLACE FUNCTION atlas_tile_regions(x0 bigint, y0 bigint, x1 bigint, y1 bigint)
RETURNS TABLE (z smallint, x integer, y integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT zoom::smallint, tx::int, ty::int
  FROM generate_series(0, 8) zoom
  CROSS JOIN LATERAL generate_series(greatest(x0, 0) >> (31 - zoom), least(x1, 2147483647) >> (31 - zoom)) tx
  CROSS JOIN LATERAL generate_series(greatest(y0, 0) >> (31 - zoom), least(y1, 2147483647) >> (31 - zoom)) ty
$$;
--> statement-breakpoint
-- A link's box in world units: its curve's, widened by a tenth of its size and 30 km, so that the
-- low-zoom flow between the two communes (an arc between the mean positions of their firms,
-- db/tiles/links-query.ts) stays inside it too.
CREATE OR REPLACE FUNCTION atlas_link_box(curve geometry, OUT x0 bigint, OUT y0 bigint, OUT x1 bigint, OUT y1 bigint)
LANGUAGE sql IMMUTABLE AS $$
  WITH b AS (SELECT ST_Expand(curve::box2d, 30000 + 0.1 * greatest(ST_XMax(curve) - ST_XMin(curve), ST_YMax(curve) - ST_YMin(curve))) AS box)
  SELECT floor((ST_XMin(box) + 20037508.342789244) / 40075016.68557849 * 2147483648)::bigint,
         floor((20037508.342789244 - ST_YMax(box)) / 40075016.68557849 * 2147483648)::bigint,
         floor((ST_XMax(box) + 20037508.342789244) / 40075016.68557849 * 2147483648)::bigint,
         floor((20037508.342789244 - ST_YMin(box)) / 40075016.68557849 * 2147483648)::bigint
  FROM b
$$;
--> statement-breakpoint
-- Raises `layer`'s regions over the boxes given as a JSON array of [x0, y0, x1, y1].
CREATE OR REPLACE FUNCTION atlas_raise_tile_versions(layer text, boxes jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  raised bigint;
BEGIN
  IF boxes IS NULL OR jsonb_array_length(boxes) = 0 THEN RETURN; END IF;
  raised := nextval('tile_version_seq');
  INSERT INTO tile_versions (layer, z, x, y, version)
  SELECT DISTINCT layer, r.z, r.x, r.y, raised
  FROM jsonb_array_elements(boxes) b
  CROSS JOIN LATERAL atlas_tile_regions((b->>0)::bigint, (b->>1)::bigint, (b->>2)::bigint, (b->>3)::bigint) r
  ON CONFLICT ON CONSTRAINT tile_versions_layer_z_x_y_pk DO UPDATE SET version = excluded.version;
END
$$;
--> statement-breakpoint
-- Every tile: what all of them may read (actors, territories) or a truncation.
CREATE OR REPLACE FUNCTION atlas_raise_all_tile_versions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tile_versions (layer, z, x, y, version) VALUES ('*', 0, 0, 0, nextval('tile_version_seq'))
  ON CONFLICT ON CONSTRAINT tile_versions_layer_z_x_y_pk DO UPDATE SET version = excluded.version;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- What of a firm the tiles draw (position, name, sectors, country) or filter on (commune, size,
-- dates, status, the words `q` searches): a change to anything else (website, contacts, notes,
-- provenance) raises no tile.
CREATE OR REPLACE FUNCTION atlas_company_drawn(c companies) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', c.mx, c.my, c.name, c.sectors::text, c.primary_sector, c.country, c.commune_code, c.commune_name,
                   c.size_band, c.employees, c.employees_min, c.employees_max, c.founded, c.opened_on, c.closed_on, c.status, c.search)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atlas_companies_tile_versions() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  points jsonb;
  arcs jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_array(n.mx, n.my, n.mx, n.my)) INTO points FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    -- Their links go with them (ON DELETE CASCADE): the links' own trigger raises those.
    SELECT jsonb_agg(jsonb_build_array(o.mx, o.my, o.mx, o.my)) INTO points FROM old_rows o;
  ELSE
    -- Both positions of a moved firm.
    WITH redrawn AS (
      SELECT o.mx AS ox, o.my AS oy, n.mx AS nx, n.my AS ny FROM new_rows n JOIN old_rows o USING (id)
      WHERE atlas_company_drawn(n) IS DISTINCT FROM atlas_company_drawn(o)
    )
    SELECT jsonb_agg(DISTINCT p) INTO points FROM redrawn
    CROSS JOIN LATERAL (VALUES (jsonb_build_array(ox, oy, ox, oy)), (jsonb_build_array(nx, ny, nx, ny))) v(p);
    -- Links name and filter on their firms: those of a redrawn firm are redrawn (a moved firm's
    -- links also change their curve, which raises the old curve's regions through their trigger).
    WITH redrawn AS (
      SELECT n.id FROM new_rows n JOIN old_rows o USING (id)
      WHERE atlas_company_drawn(n) IS DISTINCT FROM atlas_company_drawn(o)
    )
    SELECT jsonb_agg(jsonb_build_array(b.x0, b.y0, b.x1, b.y1)) INTO arcs
    FROM links l CROSS JOIN LATERAL atlas_link_box(l.curve) b
    WHERE l.curve IS NOT NULL AND (l.from_id IN (SELECT id FROM redrawn) OR l.to_id IN (SELECT id FROM redrawn));
    PERFORM atlas_raise_tile_versions('links', arcs);
  END IF;
  PERFORM atlas_raise_tile_versions('companies', points);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_tile_versions_insert AFTER INSERT ON companies
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_companies_tile_versions();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_tile_versions_update AFTER UPDATE ON companies
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_companies_tile_versions();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_tile_versions_delete AFTER DELETE ON companies
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_companies_tile_versions();
--> statement-breakpoint
-- What of a link the tiles draw or filter on: its ends, kind and curve (a note raises no tile).
CREATE OR REPLACE FUNCTION atlas_link_drawn(l links) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', l.from_id, l.to_id, l.kind, l.since, ST_AsEWKB(l.curve)::text, l.from_commune, l.to_commune,
                   l.from_country, l.to_country, l.ends_active)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atlas_links_tile_versions() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  arcs jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_array(b.x0, b.y0, b.x1, b.y1)) INTO arcs
    FROM new_rows n CROSS JOIN LATERAL atlas_link_box(n.curve) b WHERE n.curve IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_array(b.x0, b.y0, b.x1, b.y1)) INTO arcs
    FROM old_rows o CROSS JOIN LATERAL atlas_link_box(o.curve) b WHERE o.curve IS NOT NULL;
  ELSE
    -- Both arcs of a changed link: where it was drawn and where it is now.
    SELECT jsonb_agg(jsonb_build_array(b.x0, b.y0, b.x1, b.y1)) INTO arcs
    FROM new_rows n JOIN old_rows o USING (id)
    CROSS JOIN LATERAL (VALUES (o.curve), (n.curve)) c(curve)
    CROSS JOIN LATERAL atlas_link_box(c.curve) b
    WHERE c.curve IS NOT NULL AND atlas_link_drawn(n) IS DISTINCT FROM atlas_link_drawn(o);
  END IF;
  PERFORM atlas_raise_tile_versions('links', arcs);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_tile_versions_insert AFTER INSERT ON links
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_links_tile_versions();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_tile_versions_update AFTER UPDATE ON links
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_links_tile_versions();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_tile_versions_delete AFTER DELETE ON links
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_links_tile_versions();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_tile_versions_truncate AFTER TRUNCATE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION atlas_raise_all_tile_versions();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER links_tile_versions_truncate AFTER TRUNCATE ON links
FOR EACH STATEMENT EXECUTE FUNCTION atlas_raise_all_tile_versions();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER actors_tile_versions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actors
FOR EACH STATEMENT EXECUTE FUNCTION atlas_raise_all_tile_versions();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER territories_tile_versions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON territories
FOR EACH STATEMENT EXECUTE FUNCTION atlas_raise_all_tile_versions();
