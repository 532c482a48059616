import { type SQL, sql } from 'drizzle-orm';
import { type CompanyFilter, companyConditions } from '../filters.ts';
import { SECTORS } from '../schema.ts';
import { HALF_WORLD, type Tile } from './tile.ts';

/** MVT coordinates per tile side. */
export const EXTENT = 4096;

/**
 * Firms grouped into the cells of a grid laid over the whole world at this zoom (`cells` per tile
 * side). A firm falls in exactly one cell and a cell in exactly one tile, decided in integers, so
 * no firm is lost or counted twice across tile edges, and a cell's count is the number of firms
 * it stands for. Each row is one cell: its counts per sector, its centroid in tile coordinates,
 * and — for a cell holding a single firm — that firm.
 */
export function gridCellsQuery(tile: Tile, cells: number, filter: CompanyFilter, limit: number): SQL {
  const { z, x, y } = tile;
  const tileSize = (2 * HALF_WORLD) / 2 ** z;
  const cellSize = tileSize / cells;
  const sectorCounts = SECTORS.map((s) => sql`(count(*) FILTER (WHERE sector = ${s}))::int AS ${sql.raw(s)}`);
  return sql`
    WITH firms AS (
      SELECT c.id, c.name, c.primary_sector::text AS sector, c.country::text AS country,
             ST_X(m.geom) AS mx, ST_Y(m.geom) AS my
      FROM companies c
      CROSS JOIN LATERAL (SELECT ST_Transform(c.location, 3857) AS geom) m
      WHERE c.location && ST_Transform(ST_TileEnvelope(${z}, ${x}, ${y}, margin => 0.001), 4326)
        AND ${companyConditions(filter, 'c')}
    ),
    placed AS (
      SELECT *, floor((mx + ${HALF_WORLD}) / ${cellSize})::bigint AS gx, floor((${HALF_WORLD} - my) / ${cellSize})::bigint AS gy
      FROM firms
    )
    SELECT (gx - ${x * cells}::bigint)::int AS cx, (gy - ${y * cells}::bigint)::int AS cy,
           count(*)::int AS count, ${sql.join(sectorCounts, sql`, `)},
           round((avg(mx) - ${-HALF_WORLD + x * tileSize}) / ${tileSize} * ${EXTENT})::int AS px,
           round((${HALF_WORLD - y * tileSize} - avg(my)) / ${tileSize} * ${EXTENT})::int AS py,
           CASE WHEN count(*) = 1 THEN min(id) END AS id,
           CASE WHEN count(*) = 1 THEN min(name) END AS name,
           CASE WHEN count(*) = 1 THEN min(sector) END AS sector,
           CASE WHEN count(*) = 1 THEN min(country) END AS country
    FROM placed
    WHERE gx >= ${x * cells} AND gx < ${(x + 1) * cells} AND gy >= ${y * cells} AND gy < ${(y + 1) * cells}
    GROUP BY gx, gy
    ORDER BY gy, gx
    LIMIT ${limit}`;
}
