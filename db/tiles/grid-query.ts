import { type SQL, sql } from 'drizzle-orm';
import { type CompanyFilter, companyConditions, keyConditions, keyedFilter, statusCondition } from '../filters.ts';
import { WORLD_UNITS } from '../schema.ts';
import { SECTORS } from '../../shared/vocabulary.ts';
import type { Tile } from './tile.ts';

/** MVT coordinates per tile side. */
export const EXTENT = 4096;

/** The grid levels company_cells keeps (see db/schema.ts and db/sql/company-cells.sql). */
export const CELL_LEVELS = { min: 3, max: 16 } as const;

/**
 * Firms grouped into the cells of a grid laid over the whole world at this zoom (`cells` per tile
 * side, a power of two). A firm falls in exactly one cell and a cell in exactly one tile, decided
 * by shifting the firm's integer world position, so no firm is lost or counted twice across tile
 * edges, and a cell's count is the number of firms it stands for. Each row is one cell: its counts
 * per main sector, its centroid in tile coordinates, and — for a cell holding a single firm — that
 * firm.
 *
 * Where the precomputed cells can answer (a cluster level, and filters they are keyed on) the
 * query adds them up; otherwise it groups the firms themselves. Both give the same rows.
 */
export function gridCellsQuery(tile: Tile, cells: number, filter: CompanyFilter, limit: number): SQL {
  const level = tile.z + Math.log2(cells);
  const precomputed = level >= CELL_LEVELS.min && level <= CELL_LEVELS.max && keyedOnCells(filter);
  return precomputed ? summedCellsQuery(tile, cells, filter, limit) : groupedFirmsQuery(tile, cells, filter, limit);
}

/**
 * True when company_cells (or, as of a date, company_cell_years) has a key for every condition of
 * the filter. The years answer for the firms open on the 31 December of a year; any other date, or
 * the closed firms of a date, groups the firms themselves.
 */
export function keyedOnCells(filter: CompanyFilter): boolean {
  const keyedDate = filter.asOf === undefined || (yearEnd(filter.asOf) !== null && (filter.status ?? 'active') === 'active');
  return keyedFilter(filter) && keyedDate;
}

/** The year of a date that is its year's last day, else null. */
export function yearEnd(date: string): number | null {
  return date.endsWith('-12-31') ? Number(date.slice(0, 4)) : null;
}

/** Grid cells from the precomputed counts: a few rows per cell, whatever the number of firms. */
export function summedCellsQuery(tile: Tile, cells: number, filter: CompanyFilter, limit: number): SQL {
  const level = tile.z + Math.log2(cells);
  const shift = 31 - level;
  const counts = SECTORS.map((s) => sql`coalesce(sum(n) FILTER (WHERE primary_sector = ${s}), 0)::int AS ${sql.raw(s)}`);
  const year = filter.asOf === undefined ? null : yearEnd(filter.asOf);
  // As of a year's end: its cells' openings and closings up to that year, where some remain.
  const table = year === null ? sql`company_cells` : sql`company_cell_years`;
  const conditions = [sql`level = ${level}`, ...tileRange(tile, cells), ...cellKeyConditions(filter, table)];
  if (year !== null) conditions.push(sql`year <= ${year}`);
  const degrees = (g: SQL) => sql`${g}::float8 / ${2 ** level}`;
  // The single firm of a one-firm cell: the cell's box in degrees finds it through the spatial
  // index; its integer position then checks it is this cell's.
  const single = sql`
    SELECT c.id, c.name, c.primary_sector::text AS sector, c.country::text AS country
    FROM companies c
    WHERE s.count = 1
      AND c.location && ST_Expand(ST_MakeEnvelope(
        ${degrees(sql`s.gx`)} * 360 - 180, degrees(atan(sinh(pi() * (1 - 2 * ${degrees(sql`(s.gy + 1)`)})))),
        ${degrees(sql`(s.gx + 1)`)} * 360 - 180, degrees(atan(sinh(pi() * (1 - 2 * ${degrees(sql`s.gy`)})))), 4326), 1e-6)
      AND c.mx >> ${shift} = s.gx AND c.my >> ${shift} = s.gy
      AND ${companyConditions(filter, 'c')}
    LIMIT 1`;
  return tileRows(tile, cells, sql`
    SELECT s.*, f.id, f.name, f.sector, f.country
    FROM (
      SELECT gx, gy, sum(n)::int AS count, ${sql.join(counts, sql`, `)}, sum(sx) AS sx, sum(sy) AS sy
      FROM ${table}
      WHERE ${sql.join(conditions, sql` AND `)}
      GROUP BY gy, gx
      ${year === null ? sql`` : sql`HAVING sum(n) > 0`}
      ORDER BY gy, gx
      LIMIT ${limit}
    ) s
    LEFT JOIN LATERAL (${single}) f ON true`);
}

/** Grid cells from the firms themselves, for any filter and zoom. */
export function groupedFirmsQuery(tile: Tile, cells: number, filter: CompanyFilter, limit: number): SQL {
  const { z, x, y } = tile;
  const shift = 31 - (z + Math.log2(cells));
  const counts = SECTORS.map((s) => sql`(count(*) FILTER (WHERE c.primary_sector = ${s}))::int AS ${sql.raw(s)}`);
  const one = (column: SQL) => sql`CASE WHEN count(*) = 1 THEN min(${column}) END`;
  return tileRows(tile, cells, sql`
    SELECT c.mx >> ${shift} AS gx, c.my >> ${shift} AS gy, count(*)::int AS count, ${sql.join(counts, sql`, `)},
           sum(c.mx::bigint) AS sx, sum(c.my::bigint) AS sy,
           ${one(sql`c.id`)} AS id, ${one(sql`c.name`)} AS name,
           ${one(sql`c.primary_sector::text`)} AS sector, ${one(sql`c.country::text`)} AS country
    FROM companies c
    WHERE c.location && ST_Transform(ST_TileEnvelope(${z}, ${x}, ${y}, margin => 0.001), 4326)
      AND c.mx >> ${31 - z} = ${x} AND c.my >> ${31 - z} = ${y}
      AND ${companyConditions(filter, 'c')}
    GROUP BY 1, 2
    ORDER BY gy, gx
    LIMIT ${limit}`);
}

/** The cells of the tile at its grid level, as ranges of gx and gy. */
function tileRange({ x, y }: Tile, cells: number): SQL[] {
  return [sql`gx >= ${x * cells}`, sql`gx < ${(x + 1) * cells}`, sql`gy >= ${y * cells}`, sql`gy < ${(y + 1) * cells}`];
}

/** The filter as conditions on the keys of company_cells or company_cell_years (which has no status: see keyedOnCells). */
function cellKeyConditions(filter: CompanyFilter, table: SQL): SQL[] {
  const conditions = keyConditions(filter, table);
  const status = filter.asOf === undefined ? statusCondition(filter.status, table) : null;
  if (status) conditions.push(status);
  return conditions;
}

/** Cell rows (gx, gy, counts, sums of positions, single firm) placed in the tile's coordinates. */
function tileRows({ z, x, y }: Tile, cells: number, cellRows: SQL): SQL {
  const tileUnits = WORLD_UNITS / 2 ** z;
  return sql`
    SELECT (gx - ${x * cells})::int AS cx, (gy - ${y * cells})::int AS cy,
           count, ${sql.join(SECTORS.map((s) => sql.raw(s)), sql`, `)},
           round((sx::float8 / count - ${x * tileUnits}) / ${tileUnits} * ${EXTENT})::int AS px,
           round((sy::float8 / count - ${y * tileUnits}) / ${tileUnits} * ${EXTENT})::int AS py,
           id, name, sector, country
    FROM (${cellRows}) cell_rows`;
}
