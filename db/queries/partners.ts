import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { type CompanyFilter, companyConditions } from '../filters.ts';
import { intArray, textArray } from '../sql-arrays.ts';
import { COUNTRIES, type Country } from '../../shared/vocabulary.ts';
import type { RelatednessEvidence } from '../../shared/chains/relatedness.ts';
import { type Reason, distancePoints, relatednessPoints, scoreCandidate } from '../../shared/chains/score.ts';
import { type Company, companiesByIds } from './companies.ts';

/**
 * Partner suggestions: the firms a firm (or a newcomer at a place, with an activity) should meet,
 * ranked by a score of activity relatedness, shared partners and distance (shared/chains/score.ts).
 *
 * The best k are found without scoring every firm. Firms that share partners with the origin are
 * few (two steps in the link graph) and are all scored. Every other firm scores its class's
 * relatedness points plus distance points that only fall with distance, so:
 *
 * 1. the nearest firms of each country, whatever their class, are walked and scored first (the
 *    (country, activity, location) GiST index, nearest first);
 * 2. a firm not walked is farther than the farthest walked in its country, so it can only beat the
 *    k-th best score so far if its class's points make up the gap: for those few classes only, the
 *    k nearest firms of the class in that country are walked and scored too.
 *
 * Within a class the score falls with distance, so the k best are among what was walked: the
 * answer is exact (the tests compare it with a brute-force scoring of every firm), and each walk
 * reads about as many firms as it keeps, whatever the size of the registry.
 */

export type PartnerOrigin = {
  point: [number, number];
  /** The origin's countries (two in the disputed summit area, none outside FR, IT, CH). */
  countries: Country[];
  /** The firm suggestions are for, when it is in the registry: it and its partners are left out. */
  companyId: number | null;
  naceClass: string | null;
};

export type PartnerQuery = {
  origin: PartnerOrigin;
  /** true: only firms of another country; false: only of the origin's; undefined: any. */
  crossBorder?: boolean | undefined;
  radiusM: number;
  limit: number;
  filter: Pick<CompanyFilter, 'sectors' | 'countries' | 'sizes'>;
  /** The relatedness of the origin's activity with a candidate's class (learned or loaded). */
  relatedness(toClass: string): RelatednessEvidence | null;
  /** Every NACE class of the registry's firms. */
  classes: string[];
};

export type PartnerHit = { company: Company; distanceM: number; crossBorder: boolean; score: number; reasons: Reason[] };

type GraphRow = { id: number; partner: boolean; shared: number; aa: number };

/** The origin's partners (either way, any kind) and the firms they share with it, with their Adamic–Adar index. */
async function linkGraph(db: Database, companyId: number): Promise<GraphRow[]> {
  return db.rows<GraphRow>(sql`
    WITH mine AS (
      SELECT to_id AS z FROM links WHERE from_id = ${companyId}
      UNION SELECT from_id FROM links WHERE to_id = ${companyId}),
    hop AS (
      SELECT m.z, l.to_id AS g FROM mine m JOIN links l ON l.from_id = m.z
      UNION SELECT m.z, l.from_id FROM mine m JOIN links l ON l.to_id = m.z),
    degree AS (SELECT z, count(*) AS d FROM hop GROUP BY z)
    SELECT z AS id, true AS partner, 0 AS shared, 0::float8 AS aa FROM mine
    UNION ALL
    SELECT h.g, false, count(*)::int, sum(1 / ln(d.d))::float8
    FROM hop h JOIN degree d ON d.z = h.z
    WHERE h.g <> ${companyId} AND h.g NOT IN (SELECT z FROM mine)
    GROUP BY h.g`);
}

const countryArray = (values: Country[]): SQL => sql`ARRAY[${sql.join(values.map((v) => sql`${v}::country`), sql`, `)}]`;

/** The countries candidates may be in: across the border, at home, or any; within the `country` filter. */
export function targetCountries(origin: Pick<PartnerOrigin, 'countries'>, crossBorder: boolean | undefined, filter: Country[] | undefined): Country[] {
  return COUNTRIES.filter((country) => {
    const home = origin.countries.includes(country);
    const side = crossBorder === undefined || crossBorder === !home;
    return side && (!filter?.length || filter.includes(country));
  });
}

/**
 * The one place that says which firms may be suggested: those the request's filters keep. A rule
 * on the firm's own state (e.g. leaving out closed firms) belongs here.
 */
function candidateConditions(filter: PartnerQuery['filter'], alias: string): SQL {
  return companyConditions({ sectors: filter.sectors, sizes: filter.sizes }, alias);
}

type CandidateRow = { id: number; nace_code: string | null; country: Country; distance_m: number; sphere_m: number; first: boolean };

/** How many of each country's nearest firms the first walk scores, whatever their class (at least the limit). */
const FIRST_WALK = 50;

/**
 * Sphere distances (the index's order) and ellipsoidal ones differ by at most 0.6 % (see
 * nearby.ts): a firm beyond the farthest walked on the sphere is at least that over this on the ellipsoid.
 */
const SPHERE_MARGIN = 1.006;

/** A second walk: the nearest firms of one class (`code`), or of every class but `related` (`code` null), in one country. */
type ClassWalk = { code: string | null; country: Country };

type Walks = { first: number; limit: number; classWalks: ClassWalk[]; related: string[]; countries: Country[]; excluded: number[]; graphIds: number[] };

/**
 * The candidates with their ellipsoidal distances: when `first` > 0, the `first` nearest firms of
 * each country (`first` true) and the firms sharing partners with the origin; then the `limit`
 * nearest of each walk of `classWalks`.
 */
async function walkCandidates(db: Database, query: PartnerQuery, w: Walks): Promise<CandidateRow[]> {
  const [lon, lat] = query.origin.point;
  const origin = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;
  const keep = candidateConditions(query.filter, 'c');
  const walk = (country: SQL, activity: SQL, limit: number) => sql`(
    SELECT c.id FROM companies c
    WHERE c.country = ${country} AND ${activity} AND ${keep} AND c.id <> ALL(${intArray(w.excluded)})
    ORDER BY c.location::geography <-> ${origin}
    LIMIT ${limit})`;
  const parts: SQL[] = [];
  if (w.first > 0) {
    parts.push(sql`SELECT w.id, true AS first FROM unnest(${countryArray(w.countries)}) AS k(country) CROSS JOIN LATERAL ${walk(sql`k.country`, sql`TRUE`, w.first)} AS w`);
    parts.push(sql`SELECT unnest(${intArray(w.graphIds)}) AS id, false AS first`);
  }
  const classWalks = w.classWalks.filter((x) => x.code !== null);
  if (classWalks.length) {
    parts.push(sql`SELECT w.id, false AS first FROM unnest(${textArray(classWalks.map((x) => x.code!))}, ${textArray(classWalks.map((x) => x.country))}) AS k(code, country)
      CROSS JOIN LATERAL ${walk(sql`k.country::country`, sql`c.nace_code = k.code`, w.limit)} AS w`);
  }
  const rest = w.classWalks.filter((x) => x.code === null).map((x) => x.country);
  if (rest.length) {
    parts.push(sql`SELECT w.id, false AS first FROM unnest(${countryArray(rest)}) AS k(country)
      CROSS JOIN LATERAL ${walk(sql`k.country`, sql`(c.nace_code IS NULL OR c.nace_code <> ALL(${textArray(w.related)}))`, w.limit)} AS w`);
  }
  if (parts.length === 0) return [];
  return db.rows<CandidateRow>(sql`
    WITH walked AS (${sql.join(parts, sql` UNION ALL `)})
    SELECT c.id, c.nace_code, c.country::text AS country, w.first,
      ST_Distance(c.location::geography, ${origin}) AS distance_m, c.location::geography <-> ${origin} AS sphere_m
    FROM companies c JOIN (SELECT id, bool_or(first) AS first FROM walked GROUP BY id) w ON w.id = c.id
    WHERE c.country = ANY(${countryArray(w.countries)}) AND ${keep}`);
}

type Scored = { id: number; crossBorder: boolean; distanceM: number; score: number; reasons: Reason[] };

const byScore = (a: Scored, b: Scored) => b.score - a.score || a.distanceM - b.distanceM || a.id - b.id;

/**
 * The second walks the first leaves necessary: in each country whose nearest firms the first walk
 * did not exhaust and that may still hold a firm within the radius, every class (or the rest of
 * the classes, at 0 points) whose points, added to the distance points of the farthest firm walked
 * there, reach the k-th best score so far.
 */
function secondWalks(first: CandidateRow[], best: Scored[], w: Pick<Walks, 'first' | 'countries' | 'limit' | 'related'>, radiusM: number, pointsOf: (code: string | null) => number): ClassWalk[] {
  const kth = best.length >= w.limit ? best[w.limit - 1]!.score : Number.NEGATIVE_INFINITY;
  const walks: ClassWalk[] = [];
  for (const country of w.countries) {
    const walked = first.filter((r) => r.first && r.country === country);
    if (walked.length < w.first) continue;
    const beyond = Math.max(...walked.map((r) => Number(r.sphere_m))) / SPHERE_MARGIN;
    if (beyond > radiusM) continue;
    const reach = distancePoints(beyond);
    for (const code of w.related) if (pointsOf(code) + reach >= kth) walks.push({ code, country });
    if (reach >= kth) walks.push({ code: null, country });
  }
  return walks;
}

/** The best `limit` partners for the origin within the radius, best first, each with its score's reasons. */
export async function suggestPartners(db: Database, query: PartnerQuery): Promise<PartnerHit[]> {
  const countries = targetCountries(query.origin, query.crossBorder, query.filter.countries);
  if (countries.length === 0) return [];
  const graph = query.origin.companyId === null ? [] : await linkGraph(db, query.origin.companyId);
  const partners = graph.filter((g) => g.partner).map((g) => g.id);
  const shared = new Map(graph.filter((g) => !g.partner).map((g) => [g.id, g]));
  const evidence = new Map<string, RelatednessEvidence | null>();
  const evidenceOf = (toClass: string | null) => {
    if (!query.origin.naceClass || !toClass) return null;
    if (!evidence.has(toClass)) evidence.set(toClass, query.relatedness(toClass));
    return evidence.get(toClass)!;
  };
  const pointsOf = (code: string | null) => relatednessPoints(evidenceOf(code)?.ratio ?? null);
  const walks: Walks = {
    first: Math.max(FIRST_WALK, query.limit),
    limit: query.limit,
    classWalks: [],
    related: query.classes.filter((code) => pointsOf(code) > 0),
    countries,
    excluded: [...(query.origin.companyId === null ? [] : [query.origin.companyId]), ...partners, ...shared.keys()],
    graphIds: [...shared.keys()],
  };
  const score = (row: CandidateRow): Scored => {
    const link = shared.get(row.id);
    // Millimetres, as nearby search gives them: finer digits differ between PostGIS builds.
    const distanceM = Math.round(row.distance_m * 1000) / 1000;
    const { score: points, reasons } = scoreCandidate({
      fromClass: query.origin.naceClass,
      toClass: row.nace_code,
      evidence: evidenceOf(row.nace_code),
      sharedPartners: link?.shared ?? 0,
      adamicAdar: link?.aa ?? 0,
      distanceM,
    });
    return { id: row.id, crossBorder: !query.origin.countries.includes(row.country), distanceM, score: points, reasons };
  };
  const inRadius = (rows: CandidateRow[]) => rows.filter((row) => row.distance_m <= query.radiusM).map(score);
  const first = await walkCandidates(db, query, walks);
  const best = inRadius(first).sort(byScore);
  const classWalks = secondWalks(first, best, walks, query.radiusM, pointsOf);
  const seen = new Set(first.map((r) => r.id));
  const second = classWalks.length ? (await walkCandidates(db, query, { ...walks, first: 0, classWalks })).filter((r) => !seen.has(r.id)) : [];
  const top = [...best, ...inRadius(second)].sort(byScore).slice(0, query.limit);
  const found = await companiesByIds(db, top.map((s) => s.id));
  return top.flatMap(({ id, ...hit }) => {
    const company = found.get(id);
    return company ? [{ company, ...hit }] : [];
  });
}
