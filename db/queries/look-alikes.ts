import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';

/** How close a firm of the same name must be to be taken for the same firm. */
export const SAME_NAME_WITHIN_M = 200;

export type LookAlike = { id: number; name: string; reason: 'officialId' | 'nameNearby'; distanceM: number | null; status: string };

/**
 * Firms a new one may duplicate: the one holding its official identifier (already normalised by
 * the caller), and those of the same name (folded like the search) within 200 m of its location.
 */
export async function findLookAlikes(
  db: Database,
  candidate: { name: string; location: [number, number] | null; officialId: string | null },
): Promise<LookAlike[]> {
  const byId = candidate.officialId
    ? await db.rows<LookAlike>(sql`
        SELECT id, name, 'officialId' AS reason, NULL::float8 AS "distanceM", status::text AS status
        FROM companies WHERE official_id = ${candidate.officialId}`)
    : [];
  const point = candidate.location && sql`ST_SetSRID(ST_MakePoint(${candidate.location[0]}, ${candidate.location[1]}), 4326)::geography`;
  const byName = point && candidate.name.trim()
    ? await db.rows<LookAlike>(sql`
        SELECT id, name, 'nameNearby' AS reason, round(ST_Distance(location::geography, ${point})::numeric, 1)::float8 AS "distanceM", status::text AS status
        FROM companies
        WHERE atlas_fold(name) = atlas_fold(${candidate.name}) AND ST_DWithin(location::geography, ${point}, ${SAME_NAME_WITHIN_M})
        ORDER BY 4, id`)
    : [];
  const seen = new Set(byId.map((row) => row.id));
  return [...byId, ...byName.filter((row) => !seen.has(row.id))].map((row) => ({ ...row }));
}
