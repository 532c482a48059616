-- PostGIS holds the firms' locations, the territories' outlines and the links' lines, and draws
-- the tiles; pg_trgm serves `q=` searches through the trigram index on companies.search.
-- IF NOT EXISTS: on a server whose role may not create extensions, an administrator creates them
-- once beforehand (see README.md, "Running against a PostGIS server").
CREATE EXTENSION IF NOT EXISTS postgis;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
