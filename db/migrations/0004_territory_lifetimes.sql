CREATE TABLE "territory_lifetimes" (
	"territory_id" text NOT NULL,
	"primary_sector" "sector" NOT NULL,
	"sectors_mask" smallint NOT NULL,
	"country" "country" NOT NULL,
	"size_band" smallint NOT NULL,
	"opened" smallint NOT NULL,
	"closed" smallint NOT NULL,
	"sample" boolean NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "territory_lifetimes_territory_id_primary_sector_sectors_mask_country_size_band_opened_closed_sample_pk" PRIMARY KEY("territory_id","primary_sector","sectors_mask","country","size_band","opened","closed","sample")
);
--> statement-breakpoint
CREATE TABLE "territory_overlaps" (
	"a" text NOT NULL,
	"b" text NOT NULL,
	"firms" integer NOT NULL,
	CONSTRAINT "territory_overlaps_a_b_pk" PRIMARY KEY("a","b")
);
--> statement-breakpoint
-- @apply territory-lifetimes.sql sha256:879946392b646801
--> statement-breakpoint
INSERT INTO territory_lifetimes (territory_id, primary_sector, sectors_mask, country, size_band, opened, closed, sample, n)
SELECT place.territory_id, firm.primary_sector, firm.sectors_mask, firm.country, firm.size_band, coalesce(extract(year FROM firm.opened_on)::int, 0),
       atlas_closing_year(firm.closed_on, firm.status), firm.source = 'sample', count(*)
FROM companies AS firm
CROSS JOIN LATERAL (SELECT ''::text AS territory_id UNION ALL SELECT ct.territory_id FROM company_territories ct WHERE ct.company_id = firm.id) AS place
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
--> statement-breakpoint
INSERT INTO territory_overlaps (a, b, firms)
SELECT one.territory_id, two.territory_id, count(*)
FROM company_territories AS one JOIN company_territories AS two ON two.company_id = one.company_id AND two.territory_id > one.territory_id
GROUP BY 1, 2;
