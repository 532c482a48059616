-- Tells listeners of every new data version, so a process that owns its database (the embedded
-- engine) can keep the version in memory instead of reading it on every request.
CREATE OR REPLACE FUNCTION atlas_bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  bumped bigint;
BEGIN
  UPDATE data_version SET version = version + 1 RETURNING version INTO bumped;
  PERFORM pg_notify('atlas_data_version', bumped::text);
  RETURN NULL;
END
$$;
