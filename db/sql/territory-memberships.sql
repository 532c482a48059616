-- company_territories (see db/schema.ts): the territories holding each firm, kept by triggers on
-- companies and territories so that statistics group by territory with a join instead of testing
-- every firm against every outline on each request. A territory holds a firm by the firm's
-- registered country (basis 'country'), its commune's official code among the members
-- ('communes'), or its location inside the outline, borders included ('area').
-- Derived rows, so no foreign keys, which would check each of the many rows a bulk insert derives:
-- statement-level triggers remove a firm's or a territory's memberships with it instead (a seed
-- deletes thousands of sample firms at once).
-- Only the definitions are here: the migration that applies a change to how firms are placed also
-- places the firms already there again (an UPDATE territories SET id = id fires the placing of
-- every territory).

-- A new firm, or one that moved or changed country or commune: the territories holding it. One
-- join per basis, so that each outline is tested against the firms one after the other (PostGIS
-- then prepares it once) and the firms' spatial index can serve.
CREATE OR REPLACE FUNCTION atlas_companies_place() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved integer[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(n.id) INTO moved FROM new_rows n JOIN old_rows o USING (id)
    WHERE n.country <> o.country OR n.commune_code <> o.commune_code OR NOT ST_OrderingEquals(n.location, o.location);
    IF moved IS NULL THEN
      RETURN NULL;
    END IF;
    DELETE FROM company_territories ct USING unnest(moved) AS m(id) WHERE ct.company_id = m.id;
    INSERT INTO company_territories (territory_id, company_id)
      SELECT t.id, c.id FROM territories t JOIN companies c ON t.basis = 'country' AND c.country = t.country JOIN unnest(moved) AS m(id) ON m.id = c.id
      UNION
      SELECT t.id, c.id FROM territories t CROSS JOIN LATERAL unnest(t.members) AS code(code) JOIN companies c ON c.commune_code = code.code
        JOIN unnest(moved) AS m(id) ON m.id = c.id WHERE t.basis = 'communes'
      UNION
      SELECT t.id, c.id FROM territories t JOIN companies c ON ST_Covers(t.geometry, c.location) JOIN unnest(moved) AS m(id) ON m.id = c.id
      WHERE t.basis = 'area';
  ELSE
    INSERT INTO company_territories (territory_id, company_id)
      SELECT t.id, n.id FROM territories t JOIN new_rows n ON t.basis = 'country' AND n.country = t.country
      UNION
      SELECT t.id, n.id FROM territories t CROSS JOIN LATERAL unnest(t.members) AS code(code) JOIN new_rows n ON n.commune_code = code.code
      WHERE t.basis = 'communes'
      UNION
      SELECT t.id, n.id FROM territories t JOIN new_rows n ON t.geometry && n.location AND ST_Covers(t.geometry, n.location) WHERE t.basis = 'area';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_place_insert AFTER INSERT ON companies REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_companies_place();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_place_update AFTER UPDATE ON companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_companies_place();
--> statement-breakpoint
-- A new or redrawn territory: the firms it holds, found through the firms' indexes.
CREATE OR REPLACE FUNCTION atlas_territories_place() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- By the old id: with no foreign key cascading a renamed territory, its old rows go here.
    DELETE FROM company_territories WHERE territory_id IN (SELECT id FROM old_rows);
  END IF;
  INSERT INTO company_territories (territory_id, company_id)
    SELECT t.id, c.id FROM new_rows t JOIN companies c ON t.basis = 'country' AND c.country = t.country
    UNION
    SELECT t.id, c.id FROM new_rows t CROSS JOIN LATERAL unnest(t.members) AS code(code) JOIN companies c ON c.commune_code = code.code WHERE t.basis = 'communes'
    UNION
    SELECT t.id, c.id FROM new_rows t JOIN companies c ON ST_Covers(t.geometry, c.location) WHERE t.basis = 'area';
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER territories_place_insert AFTER INSERT ON territories REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_territories_place();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER territories_place_update AFTER UPDATE ON territories REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_territories_place();
--> statement-breakpoint
-- One function for both tables: a firm or a territory that goes takes its memberships with it.
CREATE OR REPLACE FUNCTION atlas_unplace() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE company_territories;
  ELSIF TG_TABLE_NAME = 'companies' THEN
    DELETE FROM company_territories ct USING old_rows o WHERE ct.company_id = o.id;
  ELSE
    DELETE FROM company_territories ct USING old_rows o WHERE ct.territory_id = o.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_unplace AFTER DELETE ON companies REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_unplace();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER companies_unplace_all AFTER TRUNCATE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION atlas_unplace();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER territories_unplace AFTER DELETE ON territories REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_unplace();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER territories_unplace_all AFTER TRUNCATE ON territories
FOR EACH STATEMENT EXECUTE FUNCTION atlas_unplace();
