-- The link extents of migration 0009 gave way to the stored curves of 0011-0012.
DROP TRIGGER links_extent ON links;--> statement-breakpoint
DROP TRIGGER companies_links_extent ON companies;--> statement-breakpoint
DROP FUNCTION atlas_links_set_extent();--> statement-breakpoint
DROP FUNCTION atlas_links_follow_firms();--> statement-breakpoint
DROP FUNCTION atlas_link_extent(geometry, geometry);--> statement-breakpoint
DROP INDEX "links_extent_idx";--> statement-breakpoint
ALTER TABLE "links" DROP COLUMN "extent";
