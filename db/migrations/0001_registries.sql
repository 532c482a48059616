-- Registries (issue 15): a firm's status and dates, its headcount as a band with its year, and
-- where an import took it from; company_cells keyed on status, links told whether both firms are
-- active. Hand-ordered: the range columns exist before size_band is computed from them, and the
-- cells are rebuilt once the new key and its trigger are in place.
CREATE TYPE "public"."company_status" AS ENUM('active', 'closed');--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "employees_min" integer;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "employees_max" integer;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "employees_year" smallint;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "opened_on" date;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "status" "company_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "source_profile" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "source_file" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "source_extract_date" date;--> statement-breakpoint
-- An exact headcount is the band of one figure. The triggers are off for this one rewrite: the
-- cells are rebuilt below, and nothing else follows the headcount.
ALTER TABLE "companies" DISABLE TRIGGER USER;--> statement-breakpoint
UPDATE "companies" SET "employees_min" = "employees", "employees_max" = "employees" WHERE "employees" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ENABLE TRIGGER USER;--> statement-breakpoint
ALTER TABLE "companies" DROP COLUMN "size_band";--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "size_band" smallint GENERATED ALWAYS AS (CASE WHEN employees_min >= 0 AND employees_max <= 9 THEN 1 WHEN employees_min >= 10 AND employees_max <= 49 THEN 2 WHEN employees_min >= 50 AND employees_max <= 249 THEN 3 WHEN employees_min >= 250 THEN 4 ELSE 0 END) STORED NOT NULL;--> statement-breakpoint
TRUNCATE "company_cells";--> statement-breakpoint
ALTER TABLE "company_cells" DROP CONSTRAINT "company_cells_level_gy_gx_primary_sector_sectors_mask_country_size_band_pk";--> statement-breakpoint
ALTER TABLE "company_cells" ADD COLUMN "status" "company_status" NOT NULL;--> statement-breakpoint
ALTER TABLE "company_cells" ADD CONSTRAINT "company_cells_level_gy_gx_primary_sector_sectors_mask_country_size_band_status_pk" PRIMARY KEY("level","gy","gx","primary_sector","sectors_mask","country","size_band","status");--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "ends_active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "companies_status_idx" ON "companies" USING btree ("status");--> statement-breakpoint
CREATE INDEX "companies_opened_on_idx" ON "companies" USING btree ("opened_on");--> statement-breakpoint
CREATE INDEX "companies_closed_on_idx" ON "companies" USING btree ("closed_on");--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_employees_range" CHECK (("companies"."employees_min" IS NULL AND "companies"."employees_max" IS NULL) OR ("companies"."employees_min" >= 0 AND ("companies"."employees_max" IS NULL OR "companies"."employees_max" >= "companies"."employees_min")));--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_employees_exact" CHECK ("companies"."employees" IS NULL OR ("companies"."employees_min" = "companies"."employees" AND "companies"."employees_max" = "companies"."employees"));--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_closed_on_closed" CHECK ("companies"."closed_on" IS NULL OR "companies"."status" = 'closed');--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_closed_after_opened" CHECK ("companies"."closed_on" IS NULL OR "companies"."opened_on" IS NULL OR "companies"."closed_on" >= "companies"."opened_on");--> statement-breakpoint
-- @apply company-cells.sql sha256:428c10c6e39bcd39
--> statement-breakpoint
-- @apply link-ends.sql sha256:f990a07170a3d198
--> statement-breakpoint
-- @apply link-flows.sql sha256:ad33e4c7e0d5e3d4
--> statement-breakpoint
INSERT INTO company_cells (level, gx, gy, primary_sector, sectors_mask, country, size_band, status, n, sx, sy)
SELECT level, mx >> (31 - level), my >> (31 - level), primary_sector, sectors_mask, country, size_band, status,
       count(*), sum(mx::bigint), sum(my::bigint)
FROM companies CROSS JOIN generate_series(3, 16) AS level
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
