-- btree_gist lets one GiST index hold a firm's country and activity beside its location, so that
-- partner suggestions walk one country's firms of one activity nearest first
-- (companies_country_nace_geography_idx). Its own file: extensions.sql is applied by the baseline,
-- before the tables, and a file runs at its last mention. IF NOT EXISTS: on a server whose role may
-- not create extensions, an administrator creates it once beforehand (see README.md).
CREATE EXTENSION IF NOT EXISTS btree_gist;
