import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { type CompanyFilter, companyConditions } from '../filters.ts';
import { companies } from '../schema.ts';
import { type Company, companiesByIds, companyColumns, fromRecord } from './companies.ts';

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
 * Sphere distances (PostGIS's mean radius R = 6,371,008.8 m, on geodetic coordinates) stretch or
 * shrink every path by the local radii of curvature over R: between the meridian's at the equator
 * (6,335,439 m, ×0.99442) and the prime vertical's at the poles (6,399,594 m, ×1.00449). So an
 * ellipsoidal distance is at least 0.99442 of the sphere's, and this margin (1/0.99442 = 1.00561,
 * rounded up) bounds how much nearer on the ellipsoid a firm can be than on the sphere.
 */
const SPHERE_MARGIN = 1.006;

/**
 * The companies within `radiusM` of `origin`, nearest first by ellipsoidal (WGS84) distance.
 *
 * PostGIS's index-driven KNN (`<->` on geography) orders by *sphere* distance, which can disagree
 * with the ellipsoidal order near the cut-off. The fast path walks the index for twice `limit`
 * firms and ranks them exactly; it is provably complete when even the farthest of them is, on the
 * sphere, beyond the last kept firm plus the margin (always, but for firms in near-perfect ties).
 * Otherwise the exact path ranks everything within that reach. Both use the geography GiST index:
 * no scan of the table whatever its size.
 */
export async function nearbyCompanies(db: Database, query: NearbyQuery): Promise<NearbyHit[]> {
  const hits = (await walkNearest(db, query)) ?? (await rankWithinReach(db, query));
  // Millimetres: finer digits are floating-point noise that differs between PostGIS builds.
  return hits.map((hit) => ({ company: hit.company, distanceM: Math.round(hit.distanceM * 1000) / 1000 }));
}

function originOf(query: NearbyQuery): SQL {
  const [lon, lat] = query.origin;
  return sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;
}

function conditionsOf(query: NearbyQuery, alias: string): SQL {
  return sql`${companyConditions(query.filter, alias)}
    ${query.excludeId === undefined ? sql`` : sql`AND ${sql.raw(alias)}.id <> ${query.excludeId}`}`;
}

function byDistance(a: NearbyHit, b: NearbyHit): number {
  return a.distanceM - b.distanceM || a.company.id - b.company.id;
}

/** The fast path, in one query: the ranked answer, or null when the walk cannot prove it complete. */
async function walkNearest(db: Database, query: NearbyQuery): Promise<NearbyHit[] | null> {
  const origin = originOf(query);
  const walk = query.limit * 2;
  const sphere = sql<number>`${companies.location}::geography <-> ${origin}`;
  // No radius here: with one, the planner trades the ordered index walk (which stops after
  // `walk` rows) for a scan of everything in the radius.
  const walked = await db.drizzle
    .select({ ...companyColumns, sphereM: sphere, distanceM: sql<number>`ST_Distance(${companies.location}::geography, ${origin})` })
    .from(companies)
    .where(conditionsOf(query, 'companies'))
    .orderBy(sphere)
    .limit(walk);
  const ranked = walked
    .map((row) => ({ company: fromRecord(row), distanceM: Number(row.distanceM) }))
    .filter((hit) => hit.distanceM <= query.radiusM)
    .sort(byDistance)
    .slice(0, query.limit);
  if (walked.length < walk) return ranked;
  const farthestWalked = Math.max(...walked.map((row) => Number(row.sphereM)));
  const lastKept = ranked.length === query.limit ? ranked[ranked.length - 1]!.distanceM : query.radiusM;
  // Any firm not walked is at least `farthestWalked` away on the sphere, so at least that over the
  // margin on the ellipsoid: strictly beyond the last kept firm, it cannot displace it.
  return farthestWalked / SPHERE_MARGIN > lastKept ? ranked : null;
}

/** The exact path: everything within the reach of the `limit` nearest on the sphere, ranked. */
async function rankWithinReach(db: Database, query: NearbyQuery): Promise<NearbyHit[]> {
  const origin = originOf(query);
  const where = conditionsOf(query, 'c');
  // Sphere distances (`false`) are cheap and index-friendly; the radius is widened by the margin
  // so that no firm within the ellipsoidal radius is missed, then checked exactly at the end.
  const reach = query.radiusM * SPHERE_MARGIN;
  const rows = await db.rows<{ id: number; distance_m: number }>(sql`
    WITH knn AS (
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
  const found = await companiesByIds(db, rows.map((r) => r.id));
  return rows.flatMap((r) => {
    const company = found.get(r.id);
    return company ? [{ company, distanceM: Number(r.distance_m) }] : [];
  });
}
