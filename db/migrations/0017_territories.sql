CREATE TYPE "public"."territory_basis" AS ENUM('country', 'communes', 'area');--> statement-breakpoint
CREATE TYPE "public"."territory_kind" AS ENUM('country', 'region', 'partner', 'custom');--> statement-breakpoint
CREATE TABLE "company_territories" (
	"territory_id" text NOT NULL,
	"company_id" integer NOT NULL,
	CONSTRAINT "company_territories_territory_id_company_id_pk" PRIMARY KEY("territory_id","company_id")
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
ALTER TABLE "company_territories" ADD CONSTRAINT "company_territories_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "company_territories" ADD CONSTRAINT "company_territories_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "company_territories_company_idx" ON "company_territories" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "territories_geometry_idx" ON "territories" USING gist ("geometry");