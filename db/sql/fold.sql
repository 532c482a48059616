-- atlas_fold() folds text for search so that 'Megève' = 'megeve' and 'Pré-Saint-Didier' =
-- 'pre saint didier': lower case, accents and punctuation gone. It computes companies.search (a
-- generated column, see db/schema.ts) and so its trigram index: it must be IMMUTABLE and behave the
-- same on PGlite and on a server whatever their locale, hence no unaccent extension, and accents
-- removed before lower(), which may only know ASCII. Unicode decomposition strips every accent at
-- once (a translate() table of accented letters was ten times slower, and most of the cost of
-- writing a firm); the letters it leaves whole are spelt out.
-- The stored search texts do not follow a new definition by themselves: the migration that applies
-- a change to this file recomputes them with `UPDATE companies SET name = name`.
CREATE OR REPLACE FUNCTION atlas_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT trim(regexp_replace(
    lower(translate(
      replace(replace(replace(replace(replace(
        regexp_replace(normalize(input, NFD), '[\u0300-\u036f]+', '', 'g'),
        'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'), 'ß', 'ss'),
      'łŁøØđĐ', 'lLoOdD')),
    '[^a-z0-9]+', ' ', 'g'))
$$;
