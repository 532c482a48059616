import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { type CompanyFilter, companyConditions } from '../filters.ts';
import type { Country } from '../../shared/vocabulary.ts';
import type { RelatednessLevel } from '../../shared/chains/nace.ts';
import { FROM_LINKS, type LinkFilter, linkConditions } from './links.ts';
import { placements } from './stats.ts';

/**
 * Network indicators per territory of a set, each firm placed as the statistics place it (in the
 * first territory of the set that holds it): links, cross-border links, the E–I index, brokers,
 * and what the missing chains are computed from.
 */

/** The links matching the filter, and how many of them cross a border. */
export async function linkTotals(db: Database, filter: LinkFilter): Promise<{ links: number; crossBorder: number }> {
  const [row] = await db.rows<{ links: number; crossBorder: number }>(sql`
    SELECT count(*)::int AS links, (count(*) FILTER (WHERE a.country <> b.country))::int AS "crossBorder"
    ${FROM_LINKS} WHERE ${linkConditions(filter)}`);
  return row ?? { links: 0, crossBorder: 0 };
}

export type TerritoryLinks = { territory: string; links: number; internal: number; external: number; crossBorder: number };

/** Per territory: the links with a firm in it, within it (both firms), to elsewhere (one), and across a border. */
export async function territoryLinks(db: Database, filter: LinkFilter, territoryIds: string[]): Promise<TerritoryLinks[]> {
  return db.rows<TerritoryLinks>(sql`
    WITH placed AS ${placements(territoryIds)}
    SELECT t.territory, count(*)::int AS links,
      (count(*) FILTER (WHERE pa.territory = pb.territory))::int AS internal,
      (count(*) FILTER (WHERE pa.territory IS DISTINCT FROM pb.territory))::int AS external,
      (count(*) FILTER (WHERE a.country <> b.country))::int AS "crossBorder"
    ${FROM_LINKS}
      LEFT JOIN placed pa ON pa.company_id = a.id LEFT JOIN placed pb ON pb.company_id = b.id
      CROSS JOIN LATERAL (SELECT DISTINCT x FROM (VALUES (pa.territory), (pb.territory)) v(x) WHERE x IS NOT NULL) t(territory)
    WHERE ${linkConditions(filter)}
    GROUP BY t.territory`);
}

export type Broker = { id: number; name: string; country: Country; territory: string; paths: number };

/**
 * Firms on two-step paths between firms of different countries that are not linked directly
 * (x – broker – y, x and y of two countries, no link x – y), counted per broker: each unordered
 * pair of its partners once. Only firms a territory of the set holds.
 */
export async function brokers(db: Database, filter: LinkFilter, territoryIds: string[]): Promise<Broker[]> {
  return db.rows<Broker>(sql`
    WITH placed AS ${placements(territoryIds)},
    kept AS (SELECT l.from_id, l.to_id ${FROM_LINKS} WHERE ${linkConditions(filter)}),
    adj AS (SELECT from_id AS z, to_id AS n FROM kept UNION SELECT to_id, from_id FROM kept),
    paths AS (
      SELECT x.z, count(*)::int AS paths
      FROM adj x JOIN adj y ON y.z = x.z AND x.n < y.n
        JOIN companies cx ON cx.id = x.n JOIN companies cy ON cy.id = y.n
      WHERE cx.country <> cy.country AND NOT EXISTS (SELECT 1 FROM adj d WHERE d.z = x.n AND d.n = y.n)
      GROUP BY x.z)
    SELECT c.id, c.name, c.country::text AS country, place.territory, p.paths
    FROM paths p JOIN companies c ON c.id = p.z JOIN placed place ON place.company_id = p.z
    ORDER BY p.paths DESC, c.id`);
}

function codeAt(level: RelatednessLevel, alias: string): SQL {
  const column = sql.raw(`${alias}.nace_code`);
  return level === 'class' ? column : level === 'group' ? sql`left(${column}, 4)` : sql`left(${column}, 2)`;
}

const VALID_CLASS = (alias: string) => sql`${sql.raw(alias)}.nace_code ~ '^[0-9]{2}[.][0-9]{2}$'`;

export type Presence = { territory: string; country: Country; code: string; firms: number };

/** Firms (of the filter) per territory of the set, country and activity at `level`. */
export async function activityPresence(db: Database, filter: CompanyFilter, territoryIds: string[], level: RelatednessLevel): Promise<Presence[]> {
  return db.rows<Presence>(sql`
    SELECT place.territory, c.country::text AS country, ${codeAt(level, 'c')} AS code, count(*)::int AS firms
    FROM companies c JOIN ${placements(territoryIds)} AS place ON place.company_id = c.id
    WHERE ${companyConditions(filter, 'c')} AND ${VALID_CLASS('c')}
    GROUP BY 1, 2, 3`);
}

export type CrossingLink = { territory: string; code: string; otherCountry: Country; otherCode: string; links: number };

/**
 * Cross-border links seen from each end a territory of the set holds: the end's territory and
 * activity, the other end's country and activity. Every link counts, whatever the filters: a
 * chain with a link is not missing.
 */
export async function crossingLinks(db: Database, territoryIds: string[], level: RelatednessLevel): Promise<CrossingLink[]> {
  return db.rows<CrossingLink>(sql`
    WITH placed AS ${placements(territoryIds)},
    ends AS (
      SELECT pa.territory, ${codeAt(level, 'a')} AS code, b.country AS other_country, ${codeAt(level, 'b')} AS other_code
      ${FROM_LINKS} JOIN placed pa ON pa.company_id = a.id
      WHERE a.country <> b.country AND ${VALID_CLASS('a')} AND ${VALID_CLASS('b')}
      UNION ALL
      SELECT pb.territory, ${codeAt(level, 'b')}, a.country, ${codeAt(level, 'a')}
      ${FROM_LINKS} JOIN placed pb ON pb.company_id = b.id
      WHERE a.country <> b.country AND ${VALID_CLASS('a')} AND ${VALID_CLASS('b')})
    SELECT territory, code, other_country::text AS "otherCountry", other_code AS "otherCode", count(*)::int AS links
    FROM ends GROUP BY 1, 2, 3, 4`);
}
