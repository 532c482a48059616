import { type SQL, sql } from 'drizzle-orm';
import { FROM_LINKS, type LinkFilter, linkConditions } from '../queries/links.ts';
import { ARC_REACH, arcSegments, flowArc } from './flow-arc.ts';
import { EXTENT } from './grid-query.ts';
import { HALF_WORLD, type Tile } from './tile.ts';

/**
 * Up to this zoom the links layer shows flows between communes instead of single links: until a
 * tile is about a town across, thousands of long links cross a valley's tile (6,108 in the
 * densest z10 tile at 100,000 firms, 20,000+ at a million), unreadable and slow to draw.
 */
export const FLOW_MAX_ZOOM = 11;

/** Lines run this far (tile units) past the tile's edge, so that strokes join without gaps. */
const BUFFER = 64;

/**
 * The flows between pairs of communes (`count` links, whichever way) with their ends' mean
 * positions: from link_flows (db/sql/link-flows.sql) for the default reads, else grouped here.
 */
function flows(filter: LinkFilter, from: SQL, near: SQL, far: SQL): SQL {
  // link_flows holds today's flows between active firms (db/sql/link-flows.sql).
  if (filter.companies || filter.asOf !== undefined || (filter.status ?? 'active') !== 'active') {
    return sql`
      SELECT count(*)::int AS count, bool_or(l.from_country <> l.to_country) AS cross_border,
             least(l.from_commune, l.to_commune) AS k1, greatest(l.from_commune, l.to_commune) AS k2,
             avg(ST_X(${near})) AS x1, avg(ST_Y(${near})) AS y1, avg(ST_X(${far})) AS x2, avg(ST_Y(${far})) AS y2
      ${from} WHERE ${linkConditions(filter)} AND l.from_commune <> l.to_commune
      GROUP BY least(l.from_commune, l.to_commune), greatest(l.from_commune, l.to_commune)`;
  }
  return sql`
    SELECT n AS count, cross_border, commune1 AS k1, commune2 AS k2, sx1 / n AS x1, sy1 / n AS y1, sx2 / n AS x2, sy2 / n AS y2
    FROM link_flows
    WHERE n > 0 ${filter.crossBorder === undefined ? sql`` : sql`AND cross_border = ${filter.crossBorder}`}`;
}

/**
 * The links that cross a tile, in tile coordinates: at low zoom one arc per pair of
 * communes (`count` links between them, whichever way), at high zoom one line per link, the curve
 * stored with it (db/sql/link-ends.sql). Flows are formed over the whole filtered registry before
 * clipping, so a flow is the same line in every tile. Each row carries its geometry as GeoJSON
 * (for the Node encoder) and as geometry (for ST_AsMVT).
 */
export function linkLinesQuery(tile: Tile, filter: LinkFilter, limit: number): SQL {
  const { z, x, y } = tile;
  const size = (2 * HALF_WORLD) / 2 ** z;
  const [xmin, ymax] = [-HALF_WORLD + x * size, HALF_WORLD - y * size];
  const margin = (BUFFER / EXTENT) * size;
  const clipBox = sql`ST_MakeEnvelope(${xmin - margin}, ${ymax - size - margin}, ${xmin + size + margin}, ${ymax + margin}, 3857)`;
  // The firms are joined only when the filter is about them or their dates; the ends of a link are on it.
  const firmsJoined = filter.companies !== undefined || filter.asOf !== undefined;
  const from = firmsJoined ? FROM_LINKS : sql`FROM links l`;
  const near = sql`CASE WHEN l.from_commune <= l.to_commune THEN l.from_point ELSE l.to_point END`;
  const far = sql`CASE WHEN l.from_commune <= l.to_commune THEN l.to_point ELSE l.from_point END`;
  const lines = z > FLOW_MAX_ZOOM
    ? sql`
      SELECT l.id, l.kind::text AS kind, 1 AS count, l.from_country <> l.to_country AS cross_border, l.curve AS geom,
             l.id::text AS k1, '' AS k2
      ${from} WHERE ${linkConditions(filter)} AND l.curve && ${clipBox}`
    : sql`
      SELECT NULL::int AS id, NULL::text AS kind, f.count, f.cross_border, arc.geom, f.k1, f.k2
      FROM (${flows(filter, from, near, far)}) f
      CROSS JOIN LATERAL ${flowArc(sql`f.x1`, sql`f.y1`, sql`f.x2`, sql`f.y2`, arcSegments(z))} AS arc
      -- The arc bows out of its chord's box by up to ARC_REACH of its length.
      WHERE ST_Expand(ST_MakeEnvelope(least(f.x1, f.x2), least(f.y1, f.y2), greatest(f.x1, f.x2), greatest(f.y1, f.y2), 3857),
                      ${ARC_REACH} * sqrt((f.x2 - f.x1) ^ 2 + (f.y2 - f.y1) ^ 2)) && ${clipBox}`;
  // A flow names the communes at its ends (any firm's commune name for the code), for the map's captions.
  const communeName = (code: SQL) => sql`(SELECT c.commune_name FROM companies c WHERE c.commune_code = ${code} LIMIT 1)`;
  return sql`
    WITH lines AS MATERIALIZED (${lines}),
    clipped AS (
      SELECT id, kind, count, cross_border, k1, k2,
             ST_RemoveRepeatedPoints(ST_SnapToGrid(ST_TransScale(
               ST_ClipByBox2D(geom, ${clipBox}),
               ${-xmin}, ${-ymax}, ${EXTENT / size}, ${-EXTENT / size}), 1)) AS geom
      FROM lines
      WHERE geom && ${clipBox}
    )
    SELECT id, kind, count, cross_border, geom, ST_AsGeoJSON(geom) AS geojson,
           CASE WHEN id IS NULL THEN k1 END AS a, CASE WHEN id IS NULL THEN k2 END AS b,
           CASE WHEN id IS NULL THEN ${communeName(sql`k1`)} END AS a_name,
           CASE WHEN id IS NULL THEN ${communeName(sql`k2`)} END AS b_name
    FROM clipped
    WHERE NOT ST_IsEmpty(geom) AND ST_NPoints(geom) >= 2
    ORDER BY k1, k2
    LIMIT ${limit}`;
}
