CREATE TABLE "tile_versions" (
	"layer" text NOT NULL,
	"z" smallint NOT NULL,
	"x" integer NOT NULL,
	"y" integer NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "tile_versions_layer_z_x_y_pk" PRIMARY KEY("layer","z","x","y")
);
--> statement-breakpoint
-- @apply tile-versions.sql sha256:7445a7a50dd29404
