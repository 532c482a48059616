ALTER TABLE "companies" ADD COLUMN "official_id" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "location_approximate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "companies_official_id_idx" ON "companies" USING btree ("official_id");