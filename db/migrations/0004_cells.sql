CREATE TABLE "company_cells" (
	"level" smallint NOT NULL,
	"gx" integer NOT NULL,
	"gy" integer NOT NULL,
	"primary_sector" "sector" NOT NULL,
	"sectors_mask" smallint NOT NULL,
	"country" "country" NOT NULL,
	"size_band" smallint NOT NULL,
	"n" integer NOT NULL,
	"sx" bigint NOT NULL,
	"sy" bigint NOT NULL,
	CONSTRAINT "company_cells_level_gy_gx_primary_sector_sectors_mask_country_size_band_pk" PRIMARY KEY("level","gy","gx","primary_sector","sectors_mask","country","size_band")
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "mx" integer GENERATED ALWAYS AS (least(floor((ST_X(location) + 180) / 360 * 2147483648), 2147483647)::int) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "my" integer GENERATED ALWAYS AS (least(greatest(floor((1 - ln(tan(radians(least(greatest(ST_Y(location), -85.05), 85.05))) + 1 / cos(radians(least(greatest(ST_Y(location), -85.05), 85.05)))) / pi()) / 2 * 2147483648), 0), 2147483647)::int) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "size_band" smallint GENERATED ALWAYS AS (CASE WHEN employees >= 0 AND employees <= 9 THEN 1 WHEN employees >= 10 AND employees <= 49 THEN 2 WHEN employees >= 50 AND employees <= 249 THEN 3 WHEN employees >= 250 THEN 4 ELSE 0 END) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "sectors_mask" smallint GENERATED ALWAYS AS ((CASE WHEN 'outdoor'::sector = ANY(sectors) THEN 1 ELSE 0 END) | (CASE WHEN 'phyto_wellbeing'::sector = ANY(sectors) THEN 2 ELSE 0 END) | (CASE WHEN 'building_renovation'::sector = ANY(sectors) THEN 4 ELSE 0 END)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "company_cells_empty_idx" ON "company_cells" USING btree ("level") WHERE "company_cells"."n" = 0;