import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { type CompanyFilter, companyConditions } from '../filters.ts';
import { textArray } from '../sql-arrays.ts';
import { COUNTRIES, type Country, LINK_KINDS, type LinkKind, SECTORS, type Sector } from '../../shared/vocabulary.ts';
import { FROM_LINKS, type LinkFilter, linkConditions } from './links.ts';

/**
 * Statistics of the registry, grouped in the database. Counting rule: a firm counts once, in its
 * primary sector, and in at most one territory of the chosen set (the first in the set's order
 * that holds it), so that every table adds up to its total.
 */

export type FirmDimension = 'territory' | 'country' | 'sector';
export type LinkDimension = 'territory' | 'country' | 'sector' | 'kind';

/**
 * For every firm a territory of the set holds (see company_territories, kept by the database):
 * the first of them in the set's order, and how many of them hold it.
 */
export function placements(ids: string[]): SQL {
  const array = textArray(ids);
  return sql`(
    SELECT ct.company_id, (${array})[min(s.pos)] AS territory, count(*)::int AS holders
    FROM company_territories ct JOIN unnest(${array}) WITH ORDINALITY AS s(id, pos) ON s.id = ct.territory_id
    GROUP BY ct.company_id)`;
}

export type FirmCount = {
  territory: string | null;
  country: Country | null;
  sector: Sector | null;
  firms: number;
  /** The sum of the known headcounts, each band at its lower end: `employeesMin`, kept under its first name. */
  employees: number;
  /** The known headcounts as a range: the sums of the bands' lower and upper ends (an exact figure is both). */
  employeesMin: number;
  /** Null when a firm's band has no upper end (10,000 and more). */
  employeesMax: number | null;
  /** Firms whose headcount the registry does not know (counted in neither end). */
  employeesUnknown: number;
};

export type FirmCounts = {
  groups: FirmCount[];
  /** Firms held by more than one territory of the set (each counted once, in the first). */
  inSeveralTerritories: number;
  sampleFirms: number;
};

/** Firms matching `filter`, counted per group of `dims`; only groups that have firms. */
export async function countFirms(
  db: Database,
  filter: CompanyFilter,
  dims: FirmDimension[],
  territoryIds: string[],
): Promise<FirmCounts> {
  const has = (d: FirmDimension) => dims.includes(d);
  const rows = await db.rows<{
    territory: string | null;
    country: Country | null;
    sector: Sector | null;
    firms: number;
    employees_min: number | null;
    employees_max: number | null;
    open: number;
    unknown: number;
    several: number;
    sample: number;
  }>(sql`
    SELECT ${has('territory') ? sql`place.territory` : sql`NULL`} AS territory,
      ${has('country') ? sql`c.country::text` : sql`NULL`} AS country,
      ${has('sector') ? sql`c.primary_sector::text` : sql`NULL`} AS sector,
      count(*)::int AS firms,
      sum(c.employees_min)::float8 AS employees_min,
      sum(c.employees_max)::float8 AS employees_max,
      (count(*) FILTER (WHERE c.employees_min IS NOT NULL AND c.employees_max IS NULL))::int AS open,
      (count(*) FILTER (WHERE c.employees_min IS NULL))::int AS unknown,
      ${has('territory') ? sql`(count(*) FILTER (WHERE place.holders > 1))::int` : sql`0`} AS several,
      (count(*) FILTER (WHERE c.source = 'sample'))::int AS sample
    FROM companies c ${has('territory') ? sql`LEFT JOIN ${placements(territoryIds)} AS place ON place.company_id = c.id` : sql``}
    WHERE ${companyConditions(filter, 'c')}
    GROUP BY 1, 2, 3`);
  return {
    groups: rows.map((r) => ({
      territory: r.territory,
      country: r.country,
      sector: r.sector,
      firms: r.firms,
      employees: r.employees_min ?? 0,
      employeesMin: r.employees_min ?? 0,
      employeesMax: r.open > 0 ? null : (r.employees_max ?? 0),
      employeesUnknown: r.unknown,
    })),
    inSeveralTerritories: rows.reduce((sum, r) => sum + r.several, 0),
    sampleFirms: rows.reduce((sum, r) => sum + r.sample, 0),
  };
}

export type FirmStatsRow = FirmCount & {
  /** See `firmStats`. */
  share: number | null;
  lq: number | null;
};

export type FirmStats = {
  rows: FirmStatsRow[];
  total: number;
  employees: number;
  employeesMin: number;
  employeesMax: number | null;
  employeesUnknown: number;
  inSeveralTerritories: number;
  sampleFirms: number;
};

const orderOf = <T>(values: readonly (T | null)[]) => (value: T | null) => {
  const i = values.indexOf(value);
  return i === -1 ? values.length : i;
};

/**
 * The rows of a firm table: counts from `countFirms`, with zero rows for every sector of every
 * territory of the set (and every country) that has none, so that a table shows its zeros; and:
 * - `share`: with a place and `sector`, the sector's share of the place's firms; otherwise the
 *   group's share of all firms; null when there is nothing to divide by;
 * - `lq` (location quotient, with a place and `sector` only): the sector's share in the place
 *   over its share in the whole filtered registry; null when either share is undefined.
 */
export function firmTable(counts: FirmCounts, dims: FirmDimension[], territoryIds: string[]): FirmStats {
  const has = (d: FirmDimension) => dims.includes(d);
  const key = (r: Pick<FirmCount, 'territory' | 'country' | 'sector'>) => `${r.territory}|${r.country}|${r.sector}`;
  const byKey = new Map(counts.groups.map((g) => [key(g), g]));
  const places = new Map<string, Pick<FirmCount, 'territory' | 'country'>>();
  const placeKey = (r: Pick<FirmCount, 'territory' | 'country'>) => `${r.territory}|${r.country}`;
  if (has('territory') && !has('country')) for (const territory of territoryIds) places.set(placeKey({ territory, country: null }), { territory, country: null });
  if (has('country') && !has('territory')) for (const country of COUNTRIES) places.set(placeKey({ territory: null, country }), { territory: null, country });
  if (!has('territory') && !has('country')) places.set(placeKey({ territory: null, country: null }), { territory: null, country: null });
  for (const g of counts.groups) places.set(placeKey(g), { territory: g.territory, country: g.country });
  const sectors: (Sector | null)[] = has('sector') ? [...SECTORS] : [null];
  const territoryOrder = orderOf(territoryIds);
  const countryOrder = orderOf(COUNTRIES);
  const ordered = [...places.values()].sort((a, b) => territoryOrder(a.territory) - territoryOrder(b.territory) || countryOrder(a.country) - countryOrder(b.country));

  const cells = ordered.flatMap((place) =>
    sectors.map((sector) => byKey.get(key({ ...place, sector })) ?? { ...place, sector, firms: 0, employees: 0, employeesMin: 0, employeesMax: 0, employeesUnknown: 0 }));
  const sum = (rows: FirmCount[], pick: (r: FirmCount) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const total = sum(cells, (r) => r.firms);
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const placeTotal = new Map<string, number>();
  const sectorTotal = new Map<Sector | null, number>();
  for (const r of cells) {
    placeTotal.set(placeKey(r), (placeTotal.get(placeKey(r)) ?? 0) + r.firms);
    sectorTotal.set(r.sector, (sectorTotal.get(r.sector) ?? 0) + r.firms);
  }
  const placed = has('territory') || has('country');
  const rows = cells.map((r): FirmStatsRow => {
    if (!(placed && has('sector'))) return { ...r, share: ratio(r.firms, total), lq: null };
    const share = ratio(r.firms, placeTotal.get(placeKey(r))!);
    const areaShare = ratio(sectorTotal.get(r.sector)!, total);
    return { ...r, share, lq: share === null || !areaShare ? null : share / areaShare };
  });
  return {
    rows,
    total,
    employees: sum(cells, (r) => r.employees),
    employeesMin: sum(cells, (r) => r.employeesMin),
    employeesMax: cells.some((r) => r.employeesMax === null) ? null : sum(cells, (r) => r.employeesMax ?? 0),
    employeesUnknown: sum(cells, (r) => r.employeesUnknown),
    inSeveralTerritories: counts.inSeveralTerritories,
    sampleFirms: counts.sampleFirms,
  };
}

export type LinkStatsRow = {
  /** The places of the link's two firms (territory ids or countries), when grouped by place. */
  from: string | null;
  to: string | null;
  fromSector: Sector | null;
  toSector: Sector | null;
  kind: LinkKind | null;
  crossBorder: boolean;
  links: number;
};

export type LinkStats = { rows: LinkStatsRow[]; total: number; crossBorder: number };

/**
 * Links matching `filter`, counted per pair of places (direction kept: from the link's first firm
 * to its second), pair of primary sectors and kind, always split by whether they cross a border.
 * Only groups that have links.
 */
export async function linkStats(db: Database, filter: LinkFilter, dims: LinkDimension[], territoryIds: string[]): Promise<LinkStats> {
  const has = (d: LinkDimension) => dims.includes(d);
  const place = (end: 'a' | 'b') =>
    has('territory') ? sql.raw(`${end}_place.territory`) : has('country') ? sql.raw(`${end}.country::text`) : sql`NULL`;
  const placed = (end: 'a' | 'b') =>
    has('territory') ? sql.raw(`LEFT JOIN placed ${end}_place ON ${end}_place.company_id = ${end}.id`) : sql``;
  const rows = await db.rows<{ from: string | null; to: string | null; from_sector: Sector | null; to_sector: Sector | null; kind: LinkKind | null; cross_border: boolean; links: number }>(sql`
    ${has('territory') ? sql`WITH placed AS ${placements(territoryIds)}` : sql``}
    SELECT ${place('a')} AS "from", ${place('b')} AS "to",
      ${has('sector') ? sql`a.primary_sector::text` : sql`NULL`} AS from_sector,
      ${has('sector') ? sql`b.primary_sector::text` : sql`NULL`} AS to_sector,
      ${has('kind') ? sql`l.kind::text` : sql`NULL`} AS kind,
      a.country <> b.country AS cross_border,
      count(*)::int AS links
    ${FROM_LINKS} ${placed('a')} ${placed('b')}
    WHERE ${linkConditions(filter)}
    GROUP BY 1, 2, 3, 4, 5, 6`);
  const placeOrder = orderOf<string>(has('territory') ? territoryIds : COUNTRIES);
  const sectorOrder = orderOf<Sector>(SECTORS);
  const kindOrder = orderOf<LinkKind>(LINK_KINDS);
  const mapped = rows.map((r): LinkStatsRow => ({
    from: r.from,
    to: r.to,
    fromSector: r.from_sector,
    toSector: r.to_sector,
    kind: r.kind,
    crossBorder: r.cross_border,
    links: r.links,
  }));
  mapped.sort((x, y) =>
    placeOrder(x.from) - placeOrder(y.from) || placeOrder(x.to) - placeOrder(y.to) ||
    sectorOrder(x.fromSector) - sectorOrder(y.fromSector) || sectorOrder(x.toSector) - sectorOrder(y.toSector) ||
    kindOrder(x.kind) - kindOrder(y.kind) || Number(x.crossBorder) - Number(y.crossBorder));
  return {
    rows: mapped,
    total: mapped.reduce((s, r) => s + r.links, 0),
    crossBorder: mapped.reduce((s, r) => s + (r.crossBorder ? r.links : 0), 0),
  };
}

/** When a firm, link or territory still in the registry last changed (deletions leave no date). */
export async function lastChange(db: Database): Promise<string | null> {
  const [row] = await db.rows<{ at: Date | string | null }>(sql`
    SELECT greatest((SELECT max(updated_at) FROM companies), (SELECT max(updated_at) FROM links), (SELECT max(updated_at) FROM territories)) AS at`);
  return row?.at ? new Date(row.at).toISOString() : null;
}
