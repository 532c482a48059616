ALTER TABLE "links" ADD COLUMN "extent" geometry(Polygon, 3857);--> statement-breakpoint
CREATE INDEX "links_extent_idx" ON "links" USING gist ("extent");