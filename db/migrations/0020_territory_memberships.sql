ALTER TABLE "company_territories" DROP CONSTRAINT "company_territories_territory_id_territories_id_fk";
--> statement-breakpoint
ALTER TABLE "company_territories" DROP CONSTRAINT "company_territories_company_id_companies_id_fk";
--> statement-breakpoint
-- Memberships are derived rows: foreign keys checked each of the many rows a bulk insert derives,
-- so statement-level triggers now remove them with their firm or territory (a seed deletes
-- thousands of sample firms at once).
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
CREATE TRIGGER companies_unplace AFTER DELETE ON companies REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_unplace();
--> statement-breakpoint
CREATE TRIGGER companies_unplace_all AFTER TRUNCATE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION atlas_unplace();
--> statement-breakpoint
CREATE TRIGGER territories_unplace AFTER DELETE ON territories REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION atlas_unplace();
--> statement-breakpoint
CREATE TRIGGER territories_unplace_all AFTER TRUNCATE ON territories
FOR EACH STATEMENT EXECUTE FUNCTION atlas_unplace();
