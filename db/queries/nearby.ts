import { type SQL, sql } from 'drizzle-orm';
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

type Ranked = { id: number; distance_m: number };

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
  const rows = (await walkNearest(db, query)) ?? (await rankWithinReach(db, query));
  const companies = await companiesByIds(db, rows.map((r) => r.id));
  return rows.flatMap((r) => {
    const company = companies.get(r.id);
    // Millimetres: finer digits are floating-point noise that differs between PostGIS builds.
    return company ? [{ company, distanceM: Math.round(Number(r.distance_m) * 1000) / 1000 }] : [];
  });
}

function originOf(query: NearbyQuery): SQL {
  const [lon, lat] = query.origin;
  return sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;
}

function conditionsOf(query: NearbyQuery): SQL {
  return sql`${companyConditions(query.filter, 'c')}
    ${query.excludeId === undefined ? sql`` : sql`AND c.id <> ${query.excludeId}`}`;
}

function byDistance(a: Ranked, b: Ranked): number {
  return a.distance_m - b.distance_m || a.id - b.id;
}

/** The fast path: the ranked answer, or null when the walk cannot prove it complete. */
async function walkNearest(db: Database, query: NearbyQuery): Promise<Ranked[] | null> {
  const origin = originOf(query);
  const walk = query.limit * 2;
  // No radius here: with one, the planner trades the ordered index walk (which stops after
  // `walk` rows) for a scan of everything in the radius.
  const walked = await db.rows<Ranked & { sphere_m: number }>(sql`
    SELECT id, sphere_m, ST_Distance(location::geography, ${origin}) AS distance_m
    FROM (
      SELECT c.id, c.location, c.location::geography <-> ${origin} AS sphere_m
      FROM companies c
      WHERE ${conditionsOf(query)}
      ORDER BY c.location::geography <-> ${origin}
      LIMIT ${walk}
    ) knn`);
  const ranked = walked
    .map((r) => ({ id: r.id, distance_m: Number(r.distance_m) }))
    .filter((r) => r.distance_m <= query.radiusM)
    .sort(byDistance)
    .slice(0, query.limit);
  if (walked.length < walk) return ranked;
  const farthestWalked = Math.max(...walked.map((r) => Number(r.sphere_m)));
  const lastKept = ranked.length === query.limit ? ranked[ranked.length - 1]!.distance_m : query.radiusM;
  // Any firm not walked is at least `farthestWalked` away on the sphere, so at least that over the
  // margin on the ellipsoid: strictly beyond the last kept firm, it cannot displace it.
  return farthestWalked / SPHERE_MARGIN > lastKept ? ranked : null;
}

/** The exact path: everything within the reach of the `limit` nearest on the sphere, ranked. */
async function rankWithinReach(db: Database, query: NearbyQuery): Promise<Ranked[]> {
  const origin = originOf(query);
  const where = conditionsOf(query);
  // Sphere distances (`false`) are cheap and index-friendly; the radius is widened by the margin
  // so that no firm within the ellipsoidal radius is missed, then checked exactly at the end.
  const reach = query.radiusM * SPHERE_MARGIN;
  const rows = await db.rows<Ranked>(sql`
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
  return rows.map((r) => ({ id: r.id, distance_m: Number(r.distance_m) }));
}
