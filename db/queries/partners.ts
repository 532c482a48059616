import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { type CompanyFilter, companyConditions } from '../filters.ts';
import { COUNTRIES, type Country } from '../../shared/vocabulary.ts';
import type { RelatednessEvidence } from '../../shared/chains/relatedness.ts';
import { type Reason, scoreCandidate } from '../../shared/chains/score.ts';
import { type Company, companiesByIds } from './companies.ts';

/**
 * Partner suggestions: the firms a firm (or a newcomer at a place, with an activity) should meet,
 * ranked by a score of activity relatedness, shared partners and distance (shared/chains/score.ts).
 *
 * The best k are found without scoring every firm. A candidate's score is its class's relatedness
 * points + its shared-partner points + its distance points. Firms that share partners with the
 * origin are few (two steps in the link graph) and are all scored. Every other firm's score is its
 * class's points plus a term that only falls with distance, so the best k of them are among the k
 * nearest of each related class in each country, and the k nearest of all unrelated classes
 * together in each country: a walk of the (country, activity, location) GiST index for each, which
 * reads about k firms, whatever the size of the registry.
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

const textArray = (values: string[]): SQL =>
  values.length ? sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`;
const intArray = (values: number[]): SQL =>
  values.length ? sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::int[]` : sql`'{}'::int[]`;
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

type CandidateRow = { id: number; nace_code: string | null; country: Country; distance_m: number };

/** The candidates worth scoring (see the module's comment), with their ellipsoidal distances. */
async function candidates(db: Database, query: PartnerQuery, countries: Country[], related: string[], excluded: number[], graphIds: number[]): Promise<CandidateRow[]> {
  const [lon, lat] = query.origin.point;
  const origin = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;
  const keep = candidateConditions(query.filter, 'c');
  const walk = (activity: SQL) => sql`(
    SELECT c.id FROM companies c
    WHERE c.country = k.country AND ${activity} AND ${keep} AND c.id <> ALL(${intArray(excluded)})
    ORDER BY c.location::geography <-> ${origin}
    LIMIT ${query.limit})`;
  return db.rows<CandidateRow>(sql`
    WITH walked AS (
      SELECT w.id FROM unnest(${textArray(related)}) AS r(code)
        CROSS JOIN unnest(${countryArray(countries)}) AS k(country)
        CROSS JOIN LATERAL ${walk(sql`c.nace_code = r.code`)} AS w
      UNION ALL
      SELECT w.id FROM unnest(${countryArray(countries)}) AS k(country)
        CROSS JOIN LATERAL ${walk(sql`(c.nace_code IS NULL OR c.nace_code <> ALL(${textArray(related)}))`)} AS w
      UNION ALL
      SELECT unnest(${intArray(graphIds)}))
    SELECT c.id, c.nace_code, c.country::text AS country, ST_Distance(c.location::geography, ${origin}) AS distance_m
    FROM companies c JOIN (SELECT DISTINCT id FROM walked) w ON w.id = c.id
    WHERE c.country = ANY(${countryArray(countries)}) AND ${keep}`);
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
  const related = query.classes.filter((code) => (evidenceOf(code)?.ratio ?? 0) > 1);
  const excluded = [...(query.origin.companyId === null ? [] : [query.origin.companyId]), ...partners, ...shared.keys()];
  const rows = await candidates(db, query, countries, related, excluded, [...shared.keys()]);
  const scored = rows
    .filter((row) => row.distance_m <= query.radiusM)
    .map((row) => {
      const link = shared.get(row.id);
      // Millimetres, as nearby search gives them: finer digits differ between PostGIS builds.
      const distanceM = Math.round(row.distance_m * 1000) / 1000;
      const { score, reasons } = scoreCandidate({
        fromClass: query.origin.naceClass,
        toClass: row.nace_code,
        evidence: evidenceOf(row.nace_code),
        sharedPartners: link?.shared ?? 0,
        adamicAdar: link?.aa ?? 0,
        distanceM,
      });
      return { id: row.id, crossBorder: !query.origin.countries.includes(row.country), distanceM, score, reasons };
    })
    .sort((a, b) => b.score - a.score || a.distanceM - b.distanceM || a.id - b.id)
    .slice(0, query.limit);
  const found = await companiesByIds(db, scored.map((s) => s.id));
  return scored.flatMap(({ id, ...hit }) => {
    const company = found.get(id);
    return company ? [{ company, ...hit }] : [];
  });
}
