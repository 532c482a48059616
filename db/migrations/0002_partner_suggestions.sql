-- @apply btree-gist.sql sha256:a1f8377a778428b9
--> statement-breakpoint
CREATE TABLE "relatedness_matrix" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"source" text NOT NULL,
	"url" text,
	"licence" text,
	"loaded_by" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relatedness_matrix_single_row" CHECK ("relatedness_matrix"."id"),
	CONSTRAINT "relatedness_matrix_source_not_blank" CHECK (length(trim("relatedness_matrix"."source")) > 0)
);
--> statement-breakpoint
CREATE TABLE "relatedness_values" (
	"a" text NOT NULL,
	"b" text NOT NULL,
	"ratio" double precision NOT NULL,
	CONSTRAINT "relatedness_values_a_b_pk" PRIMARY KEY("a","b"),
	CONSTRAINT "relatedness_values_ordered" CHECK ("relatedness_values"."a" <= "relatedness_values"."b"),
	CONSTRAINT "relatedness_values_ratio" CHECK ("relatedness_values"."ratio" >= 0)
);
--> statement-breakpoint
CREATE INDEX "companies_country_nace_geography_idx" ON "companies" USING gist ("country","nace_code",("location"::geography));
--> statement-breakpoint
-- @apply data-version.sql sha256:f26d1891c473933d
