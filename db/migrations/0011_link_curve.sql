ALTER TABLE "links" ADD COLUMN "curve" geometry(LineString, 3857);--> statement-breakpoint
CREATE INDEX "links_curve_idx" ON "links" USING gist ("curve");