import { type SQL, sql } from 'drizzle-orm';
import type { BBox } from '../shared/bbox.ts';
import { type Country, type Sector, type SizeBand, type StatusFilter, sectorsMask, sizeBandNumber } from '../shared/vocabulary.ts';

/** The filters every read of companies understands (list, nearby, links, and later tiles). */
export type CompanyFilter = {
  bbox?: BBox | undefined;
  sectors?: Sector[] | undefined;
  countries?: Country[] | undefined;
  q?: string | undefined;
  commune?: string | undefined;
  /** Any of these bands; firms of unknown size, or whose band straddles two, are left out when it is set. */
  sizes?: SizeBand[] | undefined;
  /** Active firms (the default), closed ones, or all; with `asOf`, on that date. */
  status?: StatusFilter | undefined;
  /** Only the firms of this territory (company_territories, kept by the database). */
  within?: string | undefined;
  /** The registry as it stood on this date (YYYY-MM-DD): see `lifeCondition`. */
  asOf?: string | undefined;
};

export function envelope([minLon, minLat, maxLon, maxLat]: BBox): SQL {
  return sql`ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326)`;
}

/** Splits a search into words so that each must appear, in any order, folded like the data. */
export function searchWords(q: string): string[] {
  return q
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
}

export function countryCondition(countries: Country[], c: SQL): SQL {
  return sql`${c}.country IN (${sql.join(countries.map((x) => sql`${x}::country`), sql`, `)})`;
}

export function sizeCondition(sizes: SizeBand[], c: SQL): SQL {
  return sql`${c}.size_band IN (${sql.join(sizes.map((band) => sql`${sizeBandNumber(band)}`), sql`, `)})`;
}

/** The status condition of a filter (`active` unless told otherwise); null for all firms. */
export function statusCondition(status: StatusFilter | undefined, c: SQL): SQL | null {
  const wanted = status ?? 'active';
  return wanted === 'all' ? null : sql`${c}.status = ${wanted}::company_status`;
}

/** Opened on or before the date, or on a date the register does not give. */
export function openedBy(asOf: string, c: SQL): SQL {
  return sql`(${c}.opened_on IS NULL OR ${c}.opened_on <= ${asOf}::date)`;
}

/** Closed on or before the date; a firm closed on a date the register does not give counts as closed on any date. */
export function closedBy(asOf: string, c: SQL): SQL {
  return sql`coalesce(${c}.closed_on <= ${asOf}::date, ${c}.status = 'closed')`;
}

/**
 * Which firms a filter's status and date keep: today's status, or with `asOf` the firms open on
 * that date (opened by then, or on an unknown date, and not closed by then), closed by then, or
 * opened by then (`all`). Null for all firms of today.
 */
export function lifeCondition(filter: Pick<CompanyFilter, 'status' | 'asOf'>, c: SQL): SQL | null {
  if (filter.asOf === undefined) return statusCondition(filter.status, c);
  const wanted = filter.status ?? 'active';
  const opened = openedBy(filter.asOf, c);
  if (wanted === 'all') return opened;
  return sql`${opened} AND ${wanted === 'active' ? sql`NOT ${closedBy(filter.asOf, c)}` : closedBy(filter.asOf, c)}`;
}

/**
 * True when the filter asks only for what the precomputed tables are keyed on (sector, country,
 * size; status and date are each table's own matter): no search, commune, box or territory.
 */
export function keyedFilter(filter: CompanyFilter): boolean {
  return (filter.q ?? '').trim() === '' && filter.commune === undefined && filter.bbox === undefined && filter.within === undefined;
}

/** The sector, country and size of a filter as conditions on a precomputed table's keys (sectors_mask, country, size_band). */
export function keyConditions(filter: CompanyFilter, table: SQL): SQL[] {
  const conditions: SQL[] = [];
  if (filter.sectors?.length) conditions.push(sql`${table}.sectors_mask & ${sectorsMask(filter.sectors)} <> 0`);
  if (filter.countries?.length) conditions.push(countryCondition(filter.countries, table));
  if (filter.sizes?.length) conditions.push(sizeCondition(filter.sizes, table));
  return conditions;
}

/**
 * SQL conditions for a filter over the companies table seen under `alias`
 * (e.g. `c`), AND-ed together; by default active firms only.
 */
export function companyConditions(filter: CompanyFilter, alias: string): SQL {
  const c = sql.raw(alias);
  const conditions: SQL[] = [];
  if (filter.bbox) conditions.push(sql`${c}.location && ${envelope(filter.bbox)}`);
  if (filter.sectors?.length) {
    conditions.push(sql`${c}.sectors && ARRAY[${sql.join(filter.sectors.map((s) => sql`${s}`), sql`, `)}]::sector[]`);
  }
  if (filter.countries?.length) conditions.push(countryCondition(filter.countries, c));
  if (filter.commune) {
    conditions.push(
      sql`(${c}.commune_code = ${filter.commune} OR atlas_fold(${c}.commune_name) = atlas_fold(${filter.commune}))`,
    );
  }
  if (filter.sizes?.length) conditions.push(sizeCondition(filter.sizes, c));
  const life = lifeCondition(filter, c);
  if (life) conditions.push(life);
  if (filter.within) {
    conditions.push(sql`EXISTS (SELECT 1 FROM company_territories ct WHERE ct.company_id = ${c}.id AND ct.territory_id = ${filter.within})`);
  }
  const words = searchWords(filter.q ?? '');
  // A search made only of symbols ('%', '😀') has nothing to look for: it finds nothing, rather
  // than being dropped and finding everything. A blank one is no search at all.
  if (words.length === 0 && filter.q?.trim()) conditions.push(sql`FALSE`);
  for (const word of words) {
    // atlas_fold leaves only [a-z0-9 ], so no LIKE wildcard survives; a word it folds to nothing
    // (a script it does not know) becomes NULL and matches nothing rather than everything.
    conditions.push(sql`${c}.search LIKE '%' || nullif(atlas_fold(${word}), '') || '%'`);
  }
  return conditions.length ? sql.join(conditions, sql` AND `) : sql`TRUE`;
}
