CREATE TABLE "company_cell_years" (
	"level" smallint NOT NULL,
	"gx" integer NOT NULL,
	"gy" integer NOT NULL,
	"primary_sector" "sector" NOT NULL,
	"sectors_mask" smallint NOT NULL,
	"country" "country" NOT NULL,
	"size_band" smallint NOT NULL,
	"year" smallint NOT NULL,
	"n" integer NOT NULL,
	"sx" bigint NOT NULL,
	"sy" bigint NOT NULL,
	CONSTRAINT "company_cell_years_level_gy_gx_primary_sector_sectors_mask_country_size_band_year_pk" PRIMARY KEY("level","gy","gx","primary_sector","sectors_mask","country","size_band","year")
);
--> statement-breakpoint
CREATE INDEX "company_cell_years_empty_idx" ON "company_cell_years" USING btree ("level") WHERE "company_cell_years"."n" = 0;--> statement-breakpoint
-- @apply company-cells.sql sha256:6ba7a7bc45af987d
--> statement-breakpoint
INSERT INTO company_cell_years (level, gx, gy, primary_sector, sectors_mask, country, size_band, year, n, sx, sy)
SELECT level, mx >> (31 - level), my >> (31 - level), primary_sector, sectors_mask, country, size_band, event.year,
       sum(event.delta), sum(event.delta * mx::bigint), sum(event.delta * my::bigint)
FROM companies AS firm
CROSS JOIN LATERAL (VALUES (coalesce(extract(year FROM firm.opened_on)::int, 0), 1),
                           (extract(year FROM firm.closed_on)::int, -1)) AS event (year, delta)
CROSS JOIN generate_series(3, 16) AS level
WHERE event.year IS NOT NULL AND (firm.status = 'active' OR firm.closed_on IS NOT NULL)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
HAVING sum(event.delta) <> 0 OR sum(event.delta * mx::bigint) <> 0 OR sum(event.delta * my::bigint) <> 0;
