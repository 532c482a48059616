import { type SQL, sql } from 'drizzle-orm';
import { FROM_LINKS, type LinkFilter, linkConditions } from '../queries/links.ts';
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
 * The links that cross a tile, in tile coordinates: at low zoom one straight line per pair of
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
  const line = (x1: SQL, y1: SQL, x2: SQL, y2: SQL) => sql`ST_SetSRID(ST_MakeLine(ST_MakePoint(${x1}, ${y1}), ST_MakePoint(${x2}, ${y2})), 3857)`;
  const lines = z > FLOW_MAX_ZOOM
    ? sql`
      SELECT l.id, l.kind::text AS kind, 1 AS count, l.from_country <> l.to_country AS cross_border, l.curve AS geom,
             l.id::text AS k1, '' AS k2
      ${from} WHERE ${linkConditions(filter)} AND l.curve && ${clipBox}`
    : firmsJoined || (filter.status ?? 'active') !== 'active'
      ? sql`
        SELECT NULL::int AS id, NULL::text AS kind, count(*)::int AS count, bool_or(l.from_country <> l.to_country) AS cross_border,
               ${line(sql`avg(ST_X(${near}))`, sql`avg(ST_Y(${near}))`, sql`avg(ST_X(${far}))`, sql`avg(ST_Y(${far}))`)} AS geom,
               least(l.from_commune, l.to_commune) AS k1, greatest(l.from_commune, l.to_commune) AS k2
        ${from} WHERE ${linkConditions(filter)} AND l.from_commune <> l.to_commune
        GROUP BY least(l.from_commune, l.to_commune), greatest(l.from_commune, l.to_commune)`
      // Without a filter on firms, the flows between active firms are kept ready in link_flows (db/sql/link-flows.sql).
      : sql`
        SELECT NULL::int AS id, NULL::text AS kind, n AS count, cross_border, line AS geom, commune1 AS k1, commune2 AS k2
        FROM link_flows
        WHERE line && ${clipBox} ${filter.crossBorder === undefined ? sql`` : sql`AND cross_border = ${filter.crossBorder}`}`;
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
    SELECT id, kind, count, cross_border, geom, ST_AsGeoJSON(geom) AS geojson
    FROM clipped
    WHERE NOT ST_IsEmpty(geom) AND ST_NPoints(geom) >= 2
    ORDER BY k1, k2
    LIMIT ${limit}`;
}
