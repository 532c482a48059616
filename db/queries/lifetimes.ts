import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { type CompanyFilter, companyConditions } from '../filters.ts';
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

/**
 * The firms matching `filter` (today's status and date aside: every firm that ever was), counted
 * per group of `dims` and pair of opening and closing years, placed and counted as /api/stats does
 * (once, in its primary sector and the first territory of the set that holds it). Every figure of
 * time — firms on a year's last day, openings, closings, shift-share — adds these up.
 */
export async function firmLifetimes(db: Database, filter: CompanyFilter, dims: FirmDimension[], territoryIds: string[]): Promise<Lifetimes> {
  const has = (d: FirmDimension) => dims.includes(d);
  const rows = await db.rows<GroupKey & { opened: number | null; closed: number | null; lost: boolean; firms: number; several: number; sample: number }>(sql`
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
    GROUP BY 1, 2, 3, 4, 5, 6`);
  const kept = rows.filter((r) => !r.lost);
  return {
    lifetimes: kept.map(({ territory, country, sector, opened, closed, firms }) => ({ territory, country, sector, opened, closed, firms })),
    closingUnknown: rows.filter((r) => r.lost).reduce((s, r) => s + r.firms, 0),
    inSeveralTerritories: kept.reduce((s, r) => s + r.several, 0),
    sampleFirms: kept.reduce((s, r) => s + r.sample, 0),
  };
}
