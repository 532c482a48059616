import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { type CompanyFilter, companyConditions } from '../filters.ts';
import { type Company, companiesByIds } from './companies.ts';

export type NearbyHit = { company: Company; distanceM: number };

export type NearbyQuery = {
  origin: [number, number];
  radiusM: number;
  limit: number;
  filter: CompanyFilter;
  /** Leave this company out (the firm the search starts from). */
  excludeId?: number | undefined;
};

/**
 * Upper bound of (spheroid distance / sphere distance) over (sphere / spheroid): the two never
 * differ by more than about 0.6 %, so 2 % is a safe margin.
 */
const SPHERE_MARGIN = 1.02;

/**
 * The companies within `radiusM` of `origin`, nearest first by ellipsoidal (WGS84) distance.
 *
 * PostGIS's index-driven KNN (`<->` on geography) orders by *sphere* distance, which can disagree
 * with the ellipsoidal order near the cut-off. So the KNN step only finds how far the `limit`
 * nearest reach on the sphere; the exact step then ranks, by ellipsoidal distance, everything
 * within that reach plus a margin, which provably contains the true `limit` nearest. Both steps
 * use the geography GiST index: no scan of the table whatever its size.
 */
export async function nearbyCompanies(db: Database, query: NearbyQuery): Promise<NearbyHit[]> {
  const [lon, lat] = query.origin;
  const origin = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;
  const where = sql`${companyConditions(query.filter, 'c')}
    ${query.excludeId === undefined ? sql`` : sql`AND c.id <> ${query.excludeId}`}`;
  // Sphere distances (`false`) are cheap and index-friendly; the radius is widened by the margin
  // so that no firm within the ellipsoidal radius is missed, then checked exactly at the end.
  const reach = query.radiusM * SPHERE_MARGIN;
  const rows = await db.rows<{ id: number; distance_m: number }>(sql`
    WITH knn AS (
      -- No radius here: with one, the planner trades the ordered index walk (which stops after
      -- \`limit\` rows) for a scan of everything in the radius.
      SELECT c.location::geography <-> ${origin} AS sphere_m
      FROM companies c
      WHERE ${where}
      ORDER BY c.location::geography <-> ${origin}
      LIMIT ${query.limit}
    ),
    candidates AS (
      SELECT c.id, ST_Distance(c.location::geography, ${origin}) AS distance_m
      FROM companies c
      WHERE ${where}
        AND ST_DWithin(c.location::geography, ${origin}, LEAST(${reach}, (SELECT max(sphere_m) * ${SPHERE_MARGIN} + 1 FROM knn)), false)
    )
    SELECT id, distance_m FROM candidates WHERE distance_m <= ${query.radiusM}
    ORDER BY distance_m, id
    LIMIT ${query.limit}`);
  const companies = await companiesByIds(db, rows.map((r) => r.id));
  return rows.flatMap((r) => {
    const company = companies.get(r.id);
    // Millimetres: finer digits are floating-point noise that differs between PostGIS builds.
    return company ? [{ company, distanceM: Math.round(Number(r.distance_m) * 1000) / 1000 }] : [];
  });
}
