CREATE EXTENSION IF NOT EXISTS postgis;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- Folds text for search so that 'Megève' = 'megeve' and 'Pré-Saint-Didier' = 'pre saint didier'.
-- Written with translate() rather than the unaccent extension because it must be IMMUTABLE
-- (it feeds a generated column and an index) and behave the same on PGlite and on a server,
-- whatever their locale: accents are removed before lower(), which may only know ASCII.
CREATE OR REPLACE FUNCTION atlas_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT trim(regexp_replace(
    lower(translate(
      replace(replace(replace(replace(replace(input, 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'), 'ß', 'ss'),
      'àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüůūűųýÿžźżÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĖĘĚÌÍÎÏĪĮŁÑŃŇÒÓÔÕÖØŌŐŔŘŚŠŞŤÙÚÛÜŮŪŰŲÝŸŽŹŻ',
      'aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrssstuuuuuuuuyyzzzAAAAAAAAACCCDEEEEEEEEIIIIIILNNNOOOOOOOORRSSSTUUUUUUUUYYZZZ')),
    '[^a-z0-9]+', ' ', 'g'))
$$;
