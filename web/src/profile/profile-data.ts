import type { ActivityStatsValue, FirmStatsValue, LinkStatsValue, ShiftShareValue, TrendsValue, TerritoryValue } from '../../../shared/api/wire.ts';
import { SECTORS, type Sector } from '../../../shared/vocabulary.ts';
import { type TerritoryTrends, type YearSpan, territoryTrends } from './profile-trends.ts';

/**
 * A territory's profile from the statistics API, the very answers the statistics panel reads:
 * `/api/stats?by=territory,sector&territory=<id>` (its firms by sector, LQs against the whole
 * filtered registry, and the firms elsewhere, whose sum with its own is the whole area),
 * `/api/stats/links?by=territory&territory=<id>,<partners>` (links out, in and within, by the
 * other territory) and `/api/stats/activities?within=<id>` (top NACE classes, and the extent of
 * the firms for the map), all as of the page's date (`asOf`) when it has one; and its trends
 * from `/api/stats/trends` and `/api/stats/shift-share` over the period.
 */

/** Known headcounts as the API gives them: a range, `max` null when a band is open. */
export type Employees = { employees: number; employeesMin: number; employeesMax: number | null };

export type SectorFigures = Employees & { sector: Sector; firms: number; share: number | null; lq: number | null };

export type LinkPartner = { id: string | null; out: number; in: number; crossBorder: boolean };

export type Profile = Employees & {
  territory: TerritoryValue;
  /** The date every figure is of (`YYYY-MM-DD`), or null for today. */
  asOf: string | null;
  firms: number;
  employeesUnknown: number;
  /** All firms matching the filters, in the territory or not. */
  areaFirms: number;
  sectors: SectorFigures[];
  /** Links within the territory, and with each other place (null: outside the partner territories), cross-border first. */
  within: number;
  partners: LinkPartner[];
  links: number;
  crossBorderLinks: number;
  activities: ActivityStatsValue;
  trends: TerritoryTrends;
  sampleFirms: number;
  dataVersion: number;
  lastChange: string | null;
};

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

const query = (base: [string, string][], filters: URLSearchParams) => new URLSearchParams([...base, ...filters]).toString();

export const loadTerritories = async (signal?: AbortSignal) =>
  (await getJson<{ territories: TerritoryValue[] }>('/api/territories', signal)).territories;

/** The firm figures of one territory, out of `/api/stats` rows. */
export function firmFigures(stats: FirmStatsValue, id: string) {
  const own = stats.rows.filter((r) => r.territory === id);
  const sectors = SECTORS.map((sector): SectorFigures => {
    const row = own.find((r) => r.sector === sector);
    return {
      sector, firms: row?.firms ?? 0, employees: row?.employees ?? 0, employeesMin: row?.employeesMin ?? 0, employeesMax: row ? row.employeesMax : 0,
      share: row?.share ?? null, lq: row?.lq ?? null,
    };
  });
  return {
    firms: own.reduce((s, r) => s + r.firms, 0),
    employees: own.reduce((s, r) => s + r.employees, 0),
    employeesMin: own.reduce((s, r) => s + r.employeesMin, 0),
    // An open band anywhere leaves the sum without an upper end.
    employeesMax: own.some((r) => r.employeesMax === null) ? null : own.reduce((s, r) => s + r.employeesMax!, 0),
    employeesUnknown: own.reduce((s, r) => s + r.employeesUnknown, 0),
    areaFirms: stats.total,
    sectors,
  };
}

/** Links out of, into and within one territory, per other place, out of `/api/stats/links` rows. */
export function linkFigures(stats: LinkStatsValue, id: string) {
  const partners = new Map<string | null, LinkPartner>();
  let within = 0;
  for (const row of stats.rows) {
    const from = row.from ?? null;
    const to = row.to ?? null;
    if (from === id && to === id) within += row.links;
    else if (from === id || to === id) {
      const other = from === id ? to : from;
      const partner = partners.get(other) ?? { id: other, out: 0, in: 0, crossBorder: false };
      if (from === id) partner.out += row.links;
      else partner.in += row.links;
      partner.crossBorder ||= row.crossBorder;
      partners.set(other, partner);
    }
  }
  const sorted = [...partners.values()].sort((a, b) =>
    Number(b.crossBorder) - Number(a.crossBorder) || Number(a.id === null) - Number(b.id === null) || b.out + b.in - (a.out + a.in));
  const mine = stats.rows.filter((r) => r.from === id || r.to === id);
  return {
    within,
    partners: sorted,
    links: mine.reduce((s, r) => s + r.links, 0),
    crossBorderLinks: mine.filter((r) => r.crossBorder).reduce((s, r) => s + r.links, 0),
  };
}

/** `filters` may hold `asOf`: the figures of that date; the period's tables take the years instead. */
export async function loadProfile(territory: TerritoryValue, all: TerritoryValue[], filters: URLSearchParams, period: YearSpan, signal?: AbortSignal): Promise<Profile> {
  const id = territory.id;
  // The territory first, so its firms count in it; then the partner territories its links reach.
  const set = [id, ...all.filter((x) => x.kind === 'partner' && x.id !== id).map((x) => x.id)];
  // Over time, the years decide which firms count: the page's date and the status are not theirs.
  const overTime = new URLSearchParams([...filters].filter(([name]) => name !== 'asOf' && name !== 'status'));
  const span: [string, string][] = [['by', 'territory,sector'], ['territory', id], ['from', String(period.from)], ['to', String(period.to)]];
  const [firms, links, activities, trends, shiftShare] = await Promise.all([
    getJson<FirmStatsValue>(`/api/stats?${query([['by', 'territory,sector'], ['territory', id]], filters)}`, signal),
    getJson<LinkStatsValue>(`/api/stats/links?${query([['by', 'territory'], ['territory', set.join(',')]], filters)}`, signal),
    getJson<ActivityStatsValue>(`/api/stats/activities?${query([['within', id], ['limit', '8']], filters)}`, signal),
    getJson<TrendsValue>(`/api/stats/trends?${query(span, overTime)}`, signal),
    getJson<ShiftShareValue>(`/api/stats/shift-share?${query(span, overTime)}`, signal),
  ]);
  return {
    territory,
    asOf: filters.get('asOf'),
    ...firmFigures(firms, id),
    ...linkFigures(links, id),
    activities,
    trends: territoryTrends(trends, shiftShare, id),
    sampleFirms: firms.sampleFirms,
    dataVersion: firms.dataVersion,
    lastChange: firms.lastChange,
  };
}
