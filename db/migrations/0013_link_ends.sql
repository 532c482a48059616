ALTER TABLE "links" ADD COLUMN "from_commune" text;--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "to_commune" text;--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "from_country" "country";--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "to_country" "country";--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "from_point" geometry(Point, 3857);--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "to_point" geometry(Point, 3857);