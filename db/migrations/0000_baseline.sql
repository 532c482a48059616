-- The Atlas's database as of its first release, in one migration into which the unreleased history
-- of its development was squashed. drizzle-kit generated the enums, tables and indexes from
-- db/schema.ts (`npm run db:generate -- --name baseline`); around them, `@apply` lines apply the
-- files of db/sql/ (see db/README.md): the extensions and atlas_fold() first, since
-- companies.search is computed by it, then the triggers with their functions, and the built-in rows. The srid of the "geometry(Point, 4326)"
-- columns was written in by hand: drizzle-kit 0.31 leaves it out (drizzle-orm issue 2675).

-- @apply extensions.sql sha256:237fa5518893495d
--> statement-breakpoint
-- @apply fold.sql sha256:f4cfc43aab213e48
--> statement-breakpoint
CREATE TYPE "public"."actor_kind" AS ENUM('accelerator', 'chamber', 'cluster', 'public_body');--> statement-breakpoint
CREATE TYPE "public"."country" AS ENUM('FR', 'IT', 'CH');--> statement-breakpoint
CREATE TYPE "public"."link_kind" AS ENUM('supplier', 'customer', 'partner', 'rnd', 'joint_project');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('member', 'editor', 'admin');--> statement-breakpoint
CREATE TYPE "public"."sector" AS ENUM('outdoor', 'phyto_wellbeing', 'building_renovation');--> statement-breakpoint
CREATE TYPE "public"."territory_basis" AS ENUM('country', 'communes', 'area');--> statement-breakpoint
CREATE TYPE "public"."territory_kind" AS ENUM('country', 'region', 'partner', 'custom');--> statement-breakpoint
CREATE TABLE "actors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "actors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" "actor_kind" NOT NULL,
	"country" "country" NOT NULL,
	"commune_name" text NOT NULL,
	"location" geometry(Point, 4326) NOT NULL,
	"website" text,
	"sectors" "sector"[] NOT NULL,
	"territories" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"label" text NOT NULL,
	"role" "role" NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_label_not_blank" CHECK (length(trim("api_tokens"."label")) > 0)
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "companies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"sectors" "sector"[] NOT NULL,
	"primary_sector" "sector" NOT NULL,
	"country" "country" NOT NULL,
	"commune_code" text NOT NULL,
	"commune_name" text NOT NULL,
	"address" text,
	"location" geometry(Point, 4326) NOT NULL,
	"nace_code" text,
	"national_code" text,
	"employees" integer,
	"founded" integer,
	"website" text,
	"description_fr" text,
	"description_it" text,
	"description_en" text,
	"contact_email" text,
	"contact_phone" text,
	"note" text,
	"official_id" text,
	"location_approximate" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"search" text GENERATED ALWAYS AS (atlas_fold(name || ' ' || commune_name || ' ' || coalesce(description_fr, '') || ' ' || coalesce(description_it, '') || ' ' || coalesce(description_en, ''))) STORED NOT NULL,
	"mx" integer GENERATED ALWAYS AS (least(floor((ST_X(location) + 180) / 360 * 2147483648), 2147483647)::int) STORED NOT NULL,
	"my" integer GENERATED ALWAYS AS (least(greatest(floor((1 - ln(tan(radians(least(greatest(ST_Y(location), -85.05), 85.05))) + 1 / cos(radians(least(greatest(ST_Y(location), -85.05), 85.05)))) / pi()) / 2 * 2147483648), 0), 2147483647)::int) STORED NOT NULL,
	"size_band" smallint GENERATED ALWAYS AS (CASE WHEN employees >= 0 AND employees <= 9 THEN 1 WHEN employees >= 10 AND employees <= 49 THEN 2 WHEN employees >= 50 AND employees <= 249 THEN 3 WHEN employees >= 250 THEN 4 ELSE 0 END) STORED NOT NULL,
	"sectors_mask" smallint GENERATED ALWAYS AS ((CASE WHEN 'outdoor'::sector = ANY(sectors) THEN 1 ELSE 0 END) | (CASE WHEN 'phyto_wellbeing'::sector = ANY(sectors) THEN 2 ELSE 0 END) | (CASE WHEN 'building_renovation'::sector = ANY(sectors) THEN 4 ELSE 0 END)) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_name_not_blank" CHECK (length(trim("companies"."name")) > 0),
	CONSTRAINT "companies_sectors_not_empty" CHECK (cardinality("companies"."sectors") > 0),
	CONSTRAINT "companies_primary_in_sectors" CHECK ("companies"."primary_sector" = ANY("companies"."sectors")),
	CONSTRAINT "companies_employees_positive" CHECK ("companies"."employees" IS NULL OR "companies"."employees" >= 0),
	CONSTRAINT "companies_source_known" CHECK ("companies"."source" IN ('sample', 'manual') OR "companies"."source" LIKE 'import:_%')
);
--> statement-breakpoint
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
CREATE TABLE "company_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "company_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"company_id" integer NOT NULL,
	"token_id" integer,
	"token_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company_territories" (
	"territory_id" text NOT NULL,
	"company_id" integer NOT NULL,
	CONSTRAINT "company_territories_territory_id_company_id_pk" PRIMARY KEY("territory_id","company_id")
);
--> statement-breakpoint
CREATE TABLE "data_version" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "data_version_single_row" CHECK ("data_version"."id")
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_mappings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"saved_by_token_id" integer,
	"saved_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_name_not_blank" CHECK (length(trim("import_mappings"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "link_flows" (
	"commune1" text NOT NULL,
	"commune2" text NOT NULL,
	"cross_border" boolean NOT NULL,
	"n" integer NOT NULL,
	"sx1" double precision NOT NULL,
	"sy1" double precision NOT NULL,
	"sx2" double precision NOT NULL,
	"sy2" double precision NOT NULL,
	"line" geometry(LineString, 3857) GENERATED ALWAYS AS (CASE WHEN n > 0 THEN ST_SetSRID(ST_MakeLine(ST_MakePoint(sx1 / n, sy1 / n), ST_MakePoint(sx2 / n, sy2 / n)), 3857) END) STORED,
	CONSTRAINT "link_flows_commune1_commune2_cross_border_pk" PRIMARY KEY("commune1","commune2","cross_border")
);
--> statement-breakpoint
CREATE TABLE "links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"from_id" integer NOT NULL,
	"to_id" integer NOT NULL,
	"kind" "link_kind" NOT NULL,
	"since" integer,
	"note" text,
	"curve" geometry(LineString, 3857),
	"from_commune" text,
	"to_commune" text,
	"from_country" "country",
	"to_country" "country",
	"from_point" geometry(Point, 3857),
	"to_point" geometry(Point, 3857),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "links_not_self" CHECK ("links"."from_id" <> "links"."to_id")
);
--> statement-breakpoint
CREATE TABLE "territories" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "territory_kind" NOT NULL,
	"basis" "territory_basis" NOT NULL,
	"name" text NOT NULL,
	"names" jsonb NOT NULL,
	"short_names" jsonb NOT NULL,
	"country" "country",
	"official_code" text,
	"members" text[],
	"geometry" geometry(MultiPolygon, 4326),
	"label_point" geometry(Point, 4326) NOT NULL,
	"source" text NOT NULL,
	"licence" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "territories_id_format" CHECK ("territories"."id" ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,63}$'),
	CONSTRAINT "territories_basis_defined" CHECK (CASE "territories"."basis" WHEN 'country' THEN "territories"."country" IS NOT NULL WHEN 'communes' THEN cardinality("territories"."members") > 0 ELSE "territories"."geometry" IS NOT NULL END)
);
--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_saved_by_token_id_api_tokens_id_fk" FOREIGN KEY ("saved_by_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_from_id_companies_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_to_id_companies_id_fk" FOREIGN KEY ("to_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actors_location_idx" ON "actors" USING gist ("location");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_idx" ON "api_tokens" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "companies_location_idx" ON "companies" USING gist ("location");--> statement-breakpoint
CREATE INDEX "companies_geography_idx" ON "companies" USING gist (("location"::geography));--> statement-breakpoint
CREATE INDEX "companies_search_idx" ON "companies" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "companies_sectors_idx" ON "companies" USING gin ("sectors");--> statement-breakpoint
CREATE INDEX "companies_country_idx" ON "companies" USING btree ("country");--> statement-breakpoint
CREATE INDEX "companies_commune_idx" ON "companies" USING btree ("commune_code");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_official_id_idx" ON "companies" USING btree ("official_id");--> statement-breakpoint
CREATE INDEX "company_cells_empty_idx" ON "company_cells" USING btree ("level") WHERE "company_cells"."n" = 0;--> statement-breakpoint
CREATE INDEX "company_history_company_idx" ON "company_history" USING btree ("company_id","id");--> statement-breakpoint
CREATE INDEX "company_territories_company_idx" ON "company_territories" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_name_idx" ON "import_mappings" USING btree ("name");--> statement-breakpoint
CREATE INDEX "link_flows_empty_idx" ON "link_flows" USING btree ("n") WHERE "link_flows"."n" = 0;--> statement-breakpoint
CREATE INDEX "link_flows_line_idx" ON "link_flows" USING gist ("line");--> statement-breakpoint
CREATE INDEX "links_curve_idx" ON "links" USING gist ("curve");--> statement-breakpoint
CREATE INDEX "links_from_idx" ON "links" USING btree ("from_id");--> statement-breakpoint
CREATE INDEX "links_to_idx" ON "links" USING btree ("to_id");--> statement-breakpoint
CREATE UNIQUE INDEX "links_pair_kind_idx" ON "links" USING btree ("from_id","to_id","kind");--> statement-breakpoint
CREATE INDEX "territories_geometry_idx" ON "territories" USING gist ("geometry");
--> statement-breakpoint
-- @apply data-version.sql sha256:25d3b5adfe4e87d0
--> statement-breakpoint
-- @apply company-cells.sql sha256:45e9c6d51174d48c
--> statement-breakpoint
-- @apply link-curve.sql sha256:691bf364a592dd82
--> statement-breakpoint
-- @apply link-ends.sql sha256:b8c74f270f3c96f8
--> statement-breakpoint
-- @apply link-flows.sql sha256:7bfbfd1fd362aedb
--> statement-breakpoint
-- @apply territory-memberships.sql sha256:55719dc6fed44f45
--> statement-breakpoint
-- @apply builtin-territories.sql sha256:10f9aac155ce4918
