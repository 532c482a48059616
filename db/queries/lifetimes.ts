import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { type CompanyFilter, companyConditions, keyConditions, keyedFilter } from '../filters.ts';
import { textArray } from '../sql-arrays.ts';
import { type FirmDimension, placements } from './stats.ts';
import type { GroupKey } from './table-groups.ts';

/** Firms of a group that opened in one year (null: unknown) and closed in another (null: still open). */
export type Lifetime = GroupKey & { opened: number | null; closed: number | null; firms: number };

export type Lifetimes = {
  lifetimes: Lifetime[];
  /** Firms closed on a date the register does not give: no year can say whether they were open, so they are in no figure. */
  closingUnknown: number;
  /** Firms held by more than one territory of the set (each counted once, in the first). */
  inSeveralTerritories: number;
  sampleFirms: number;
};

type LifetimeRow = GroupKey & { opened: number | null; closed: number | null; lost: boolean; firms: number; several: number; sample: number };

/**
 * The firms matching `filter` (today's status and date aside: every firm that ever was), counted
 * per group of `dims` and pair of opening and closing years, placed and counted as /api/stats does
 * (once, in its primary sector and the first territory of the set that holds it). Every figure of
 * time — firms on a year's last day, openings, closings, shift-share — adds these up.
 *
 * Where territory_lifetimes can answer (filters it is keyed on, and a set of territories no firm
 * is in two of) the rows are its sums; otherwise the firms themselves are grouped. Both give the
 * same figures.
 */
export async function firmLifetimes(db: Database, filter: CompanyFilter, dims: FirmDimension[], territoryIds: string[]): Promise<Lifetimes> {
  const placed = dims.includes('territory');
  // Trends ignore status and date, so the keyed filters are all territory_lifetimes needs.
  const kept = keyedFilter(filter) && !(placed && (await overlapping(db, territoryIds)));
  const rows = await db.rows<LifetimeRow>(kept ? keptLifetimesQuery(filter, dims, territoryIds) : groupedLifetimesQuery(filter, dims, territoryIds));
  const counted = rows.filter((r) => !r.lost);
  return {
    lifetimes: counted.map(({ territory, country, sector, opened, closed, firms }) => ({ territory, country, sector, opened, closed, firms })),
    closingUnknown: rows.filter((r) => r.lost).reduce((s, r) => s + r.firms, 0),
    inSeveralTerritories: counted.reduce((s, r) => s + r.several, 0),
    sampleFirms: counted.reduce((s, r) => s + r.sample, 0),
  };
}

/** Whether a firm is held by two territories of the set (territory_overlaps). */
async function overlapping(db: Database, territoryIds: string[]): Promise<boolean> {
  if (territoryIds.length < 2) return false;
  const ids = textArray(territoryIds);
  const [row] = await db.rows<{ overlap: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM territory_overlaps WHERE a = ANY(${ids}) AND b = ANY(${ids})) AS overlap`);
  return row!.overlap;
}

/** The rows grouped from every firm, each placed through company_territories. */
export function groupedLifetimesQuery(filter: CompanyFilter, dims: FirmDimension[], territoryIds: string[]): SQL {
  const has = (d: FirmDimension) => dims.includes(d);
  return sql`
    SELECT ${has('territory') ? sql`place.territory` : sql`NULL`} AS territory,
      ${has('country') ? sql`c.country::text` : sql`NULL`} AS country,
      ${has('sector') ? sql`c.primary_sector::text` : sql`NULL`} AS sector,
      extract(year FROM c.opened_on)::int AS opened,
      extract(year FROM c.closed_on)::int AS closed,
      c.status = 'closed' AND c.closed_on IS NULL AS lost,
      count(*)::int AS firms,
      ${has('territory') ? sql`(count(*) FILTER (WHERE place.holders > 1))::int` : sql`0`} AS several,
      (count(*) FILTER (WHERE c.source = 'sample'))::int AS sample
    FROM companies c ${has('territory') ? sql`LEFT JOIN ${placements(territoryIds)} AS place ON place.company_id = c.id` : sql``}
    WHERE ${companyConditions({ ...filter, status: 'all', asOf: undefined }, 'c')}
    GROUP BY 1, 2, 3, 4, 5, 6`;
}

/**
 * The same rows from territory_lifetimes, for a set no firm is in two territories of: each
 * territory's own rows, and the firms in none of them as the whole registry's ('') less theirs.
 */
export function keptLifetimesQuery(filter: CompanyFilter, dims: FirmDimension[], territoryIds: string[]): SQL {
  const has = (d: FirmDimension) => dims.includes(d);
  const where = sql.join([sql`TRUE`, ...keyConditions(filter, sql`territory_lifetimes`)], sql` AND `);
  const ids = textArray(territoryIds);
  const columns = sql`country, primary_sector, opened, closed, sample`;
  const rows = has('territory') && territoryIds.length
    ? sql`
      SELECT territory_id AS territory, ${columns}, n FROM territory_lifetimes WHERE territory_id = ANY(${ids}) AND ${where}
      UNION ALL SELECT NULL, ${columns}, n FROM territory_lifetimes WHERE territory_id = '' AND ${where}
      UNION ALL SELECT NULL, ${columns}, -n FROM territory_lifetimes WHERE territory_id = ANY(${ids}) AND ${where}`
    : sql`SELECT NULL AS territory, ${columns}, n FROM territory_lifetimes WHERE territory_id = '' AND ${where}`;
  return sql`
    SELECT ${has('territory') ? sql`territory` : sql`NULL`} AS territory,
      ${has('country') ? sql`country::text` : sql`NULL`} AS country,
      ${has('sector') ? sql`primary_sector::text` : sql`NULL`} AS sector,
      nullif(opened, 0)::int AS opened,
      (CASE WHEN closed > 0 THEN closed END)::int AS closed,
      closed = -1 AS lost,
      sum(n)::int AS firms,
      0 AS several,
      (coalesce(sum(n) FILTER (WHERE sample), 0))::int AS sample
    FROM (${rows}) AS kept
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(n) <> 0`;
}
