CREATE TYPE "public"."role" AS ENUM('member', 'editor', 'admin');--> statement-breakpoint
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
ALTER TABLE "companies" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "official_id" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "location_approximate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_idx" ON "api_tokens" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "company_history_company_idx" ON "company_history" USING btree ("company_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_official_id_idx" ON "companies" USING btree ("official_id");