import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { type CompanyFilter, companyConditions } from '../filters.ts';
import { ACTIVITIES } from '../seed/activities.ts';
import type { TerritoryNames } from '../../shared/vocabulary.ts';

/**
 * The official NACE Rev. 2 class titles the Atlas knows, in three languages: those of the
 * filières' typical activities (db/seed/activities.ts). Another class is shown by its code only.
 */
const NACE_TITLES = new Map(Object.values(ACTIVITIES).flat().map((a) => [a.nace, a.label]));

export type ActivityRow = { nace: string; title: TerritoryNames | null; firms: number; share: number };

export type ActivityStats = {
  rows: ActivityRow[];
  /** Firms matching the filter. */
  firms: number;
  /** Of which the registry has no NACE class for. */
  withoutActivity: number;
  /** The bounding box of their locations (minLon, minLat, maxLon, maxLat); null when there is none. */
  extent: [number, number, number, number] | null;
};

/** The most common NACE classes among the firms of `filter`, most common first (then by code). */
export async function activityStats(db: Database, filter: CompanyFilter, limit: number): Promise<ActivityStats> {
  const [rows, [whole]] = await Promise.all([
    db.rows<{ nace: string; firms: number }>(sql`
      SELECT c.nace_code AS nace, count(*)::int AS firms
      FROM companies c WHERE ${companyConditions(filter, 'c')} AND c.nace_code IS NOT NULL
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`),
    db.rows<{ firms: number; without: number; xmin: number | null; ymin: number | null; xmax: number | null; ymax: number | null }>(sql`
      SELECT count(*)::int AS firms, (count(*) FILTER (WHERE c.nace_code IS NULL))::int AS without,
             ST_XMin(ST_Extent(c.location)) AS xmin, ST_YMin(ST_Extent(c.location)) AS ymin,
             ST_XMax(ST_Extent(c.location)) AS xmax, ST_YMax(ST_Extent(c.location)) AS ymax
      FROM companies c WHERE ${companyConditions(filter, 'c')}`),
  ]);
  const firms = whole?.firms ?? 0;
  return {
    rows: rows.map((r) => ({ nace: r.nace, title: NACE_TITLES.get(r.nace) ?? null, firms: r.firms, share: firms === 0 ? 0 : r.firms / firms })),
    firms,
    withoutActivity: whole?.without ?? 0,
    extent: whole && whole.xmin !== null ? [whole.xmin, whole.ymin!, whole.xmax!, whole.ymax!] : null,
  };
}
