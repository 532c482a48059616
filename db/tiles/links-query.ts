import { type SQL, sql } from 'drizzle-orm';
import { FROM_LINKS, type LinkFilter, linkConditions } from '../queries/links.ts';
import { EXTENT } from './grid-query.ts';
import { HALF_WORLD, type Tile } from './tile.ts';

/** Below this zoom the links layer shows flows between communes instead of single links. */
export const FLOW_MAX_ZOOM = 9;

/** Lines run this far (tile units) past the tile's edge, so that strokes join without gaps. */
const BUFFER = 64;

/**
 * Points per curve, and how far it bows out as a share of its length (as the map drew them). The
 * stored link extents (migration 0009) hold curves that bow out by up to half their length.
 */
const SEGMENTS = 24;
const BOW = 0.18;

/**
 * The links that cross a tile, in tile coordinates: at low zoom one line per pair of communes
 * (`count` links between them, whichever way), at high zoom one line per link. Flows are formed
 * over the whole filtered registry before clipping, so a flow is the same line in every tile.
 * Each row carries its geometry as GeoJSON (for the Node encoder) and as geometry (for ST_AsMVT).
 */
export function linkLinesQuery(tile: Tile, filter: LinkFilter, limit: number): SQL {
  const { z, x, y } = tile;
  const size = (2 * HALF_WORLD) / 2 ** z;
  const [xmin, ymax] = [-HALF_WORLD + x * size, HALF_WORLD - y * size];
  const margin = (BUFFER / EXTENT) * size;
  const clipBox = sql`ST_MakeEnvelope(${xmin - margin}, ${ymax - size - margin}, ${xmin + size + margin}, ${ymax + margin}, 3857)`;
  const lines = z <= FLOW_MAX_ZOOM
    ? sql`
      SELECT NULL::int AS id, NULL::text AS kind, count(*)::int AS count, bool_or(a.country <> b.country) AS cross_border,
             ST_Centroid(ST_Collect(CASE WHEN a.commune_code <= b.commune_code THEN a.location ELSE b.location END)) AS p1,
             ST_Centroid(ST_Collect(CASE WHEN a.commune_code <= b.commune_code THEN b.location ELSE a.location END)) AS p2,
             least(a.commune_code, b.commune_code) AS k1, greatest(a.commune_code, b.commune_code) AS k2
      ${FROM_LINKS} WHERE ${linkConditions(filter)} AND a.commune_code <> b.commune_code
      GROUP BY least(a.commune_code, b.commune_code), greatest(a.commune_code, b.commune_code)`
    : sql`
      SELECT l.id, l.kind::text AS kind, 1 AS count, a.country <> b.country AS cross_border,
             a.location AS p1, b.location AS p2, l.id::text AS k1, '' AS k2
      ${FROM_LINKS} WHERE ${linkConditions(filter)} AND l.extent && ${clipBox}`;
  return sql`
    WITH lines AS (${lines}),
    ends AS (
      SELECT *, ST_X(m1) AS ax, ST_Y(m1) AS ay, ST_X(m2) AS bx, ST_Y(m2) AS by
      FROM (SELECT *, ST_Transform(p1, 3857) AS m1, ST_Transform(p2, 3857) AS m2 FROM lines) t
      -- Only the lines whose curve can reach the tile are drawn (see atlas_link_extent).
      WHERE ST_Expand(ST_MakeLine(m1, m2), 0.5 * ST_Distance(m1, m2) + 1) && ${clipBox}
    ),
    -- A quadratic curve bowing to the left of the direction of travel, so that links drawn
    -- between the same places either way stay apart and read as flows.
    curves AS (
      SELECT id, kind, count, cross_border, k1, k2,
             (SELECT ST_MakeLine(array_agg(ST_SetSRID(ST_MakePoint(
                 (1 - t) * (1 - t) * ax + 2 * (1 - t) * t * ((ax + bx) / 2 - (by - ay) * ${BOW}) + t * t * bx,
                 (1 - t) * (1 - t) * ay + 2 * (1 - t) * t * ((ay + by) / 2 + (bx - ax) * ${BOW}) + t * t * by), 3857) ORDER BY t))
              FROM (SELECT i::float8 / ${SEGMENTS} AS t FROM generate_series(0, ${SEGMENTS}) AS i) s) AS geom
      FROM ends
    ),
    clipped AS (
      SELECT id, kind, count, cross_border, k1, k2,
             ST_RemoveRepeatedPoints(ST_SnapToGrid(ST_TransScale(
               ST_ClipByBox2D(geom, ${clipBox}),
               ${-xmin}, ${-ymax}, ${EXTENT / size}, ${-EXTENT / size}), 1)) AS geom
      FROM curves
      WHERE geom && ${clipBox}
    )
    SELECT id, kind, count, cross_border, geom, ST_AsGeoJSON(geom) AS geojson
    FROM clipped
    WHERE NOT ST_IsEmpty(geom) AND ST_NPoints(geom) >= 2
    ORDER BY k1, k2
    LIMIT ${limit}`;
}
