CREATE TYPE "public"."actor_kind" AS ENUM('accelerator', 'chamber', 'cluster', 'public_body');--> statement-breakpoint
CREATE TYPE "public"."country" AS ENUM('FR', 'IT', 'CH');--> statement-breakpoint
CREATE TYPE "public"."link_kind" AS ENUM('supplier', 'customer', 'partner', 'rnd', 'joint_project');--> statement-breakpoint
CREATE TYPE "public"."sector" AS ENUM('outdoor', 'phyto_wellbeing', 'building_renovation');--> statement-breakpoint
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
	"source" text NOT NULL,
	"search" text GENERATED ALWAYS AS (atlas_fold(name || ' ' || commune_name || ' ' || coalesce(description_fr, '') || ' ' || coalesce(description_it, '') || ' ' || coalesce(description_en, ''))) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_name_not_blank" CHECK (length(trim("companies"."name")) > 0),
	CONSTRAINT "companies_sectors_not_empty" CHECK (cardinality("companies"."sectors") > 0),
	CONSTRAINT "companies_primary_in_sectors" CHECK ("companies"."primary_sector" = ANY("companies"."sectors")),
	CONSTRAINT "companies_employees_positive" CHECK ("companies"."employees" IS NULL OR "companies"."employees" >= 0),
	CONSTRAINT "companies_source_known" CHECK ("companies"."source" IN ('sample', 'manual') OR "companies"."source" LIKE 'import:_%')
);
--> statement-breakpoint
CREATE TABLE "links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"from_id" integer NOT NULL,
	"to_id" integer NOT NULL,
	"kind" "link_kind" NOT NULL,
	"since" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "links_not_self" CHECK ("links"."from_id" <> "links"."to_id")
);
--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_from_id_companies_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_to_id_companies_id_fk" FOREIGN KEY ("to_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actors_location_idx" ON "actors" USING gist ("location");--> statement-breakpoint
CREATE INDEX "companies_location_idx" ON "companies" USING gist ("location");--> statement-breakpoint
CREATE INDEX "companies_geography_idx" ON "companies" USING gist (("location"::geography));--> statement-breakpoint
CREATE INDEX "companies_search_idx" ON "companies" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "companies_sectors_idx" ON "companies" USING gin ("sectors");--> statement-breakpoint
CREATE INDEX "companies_country_idx" ON "companies" USING btree ("country");--> statement-breakpoint
CREATE INDEX "companies_commune_idx" ON "companies" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "links_from_idx" ON "links" USING btree ("from_id");--> statement-breakpoint
CREATE INDEX "links_to_idx" ON "links" USING btree ("to_id");--> statement-breakpoint
CREATE UNIQUE INDEX "links_pair_kind_idx" ON "links" USING btree ("from_id","to_id","kind");