import type { ShiftShareValue, TrendsValue } from '../../../shared/api/wire.ts';
import { SECTORS, type Sector } from '../../../shared/vocabulary.ts';

/**
 * A territory's firms over a period, out of `/api/stats/trends` and `/api/stats/shift-share`
 * (the answers the statistics panel reads): per sector and for all of them, the firms on each
 * 31 December, the period's openings and closings, and the shift-share of its change.
 */

export type YearSpan = { from: number; to: number };

/**
 * A sector's period, with the API's year figures read over the whole period: `firmsStart` on
 * 31 December of the year before it, openings and closings summed, `firmsEnd` and
 * `openingUnknown` (of `firmsEnd`: present since the first year, never an opening) at its end.
 */
export type SectorTrend = Omit<TrendsValue['totals'][number], 'year'> & {
  /** null: every sector together. */
  sector: Sector | null;
  /** Firms on 31 December of each year of the period. */
  series: number[];
};

export type ShiftShareRow = ShiftShareValue['rows'][number];

export type TerritoryTrends = YearSpan & { years: number[]; sectors: SectorTrend[]; shiftShare: ShiftShareRow[] };

/**
 * The period a profile shows: the one asked for (`years=2005-2025`), else twenty years; never past
 * the last 31 December on or before the profile's date, so that a profile as of a date has no
 * figure from after it.
 */
export function profilePeriod(asOf: string | null, asked: YearSpan | null, today = new Date()): YearSpan {
  const last = asOf ? Number(asOf.slice(0, 4)) - (asOf.endsWith('-12-31') ? 0 : 1) : today.getFullYear() - 1;
  const to = Math.min(asked?.to ?? last, last);
  return { from: asked && asked.from < to ? asked.from : to - 20, to };
}

/** `years=2005-2025` of a URL, or null when absent or malformed. */
export function readYears(value: string | null): YearSpan | null {
  const [from, to] = (value ?? '').split('-').map(Number);
  return from && to && from >= 1900 && from < to && to <= 2200 ? { from, to } : null;
}

type TrendRow = TrendsValue['rows'][number];

function sectorTrend(rows: TrendRow[], sector: Sector | null, years: number[]): SectorTrend {
  const mine = rows.filter((r) => sector === null || r.sector === sector);
  const ofYear = (year: number, pick: (r: TrendRow) => number) => mine.filter((r) => r.year === year).reduce((s, r) => s + pick(r), 0);
  const series = years.map((year) => ofYear(year, (r) => r.firmsEnd));
  const firmsStart = ofYear(years[0]!, (r) => r.firmsStart);
  const firmsEnd = series.at(-1) ?? 0;
  const net = firmsEnd - firmsStart;
  return {
    sector,
    series,
    firmsStart,
    opened: mine.reduce((s, r) => s + r.opened, 0),
    closed: mine.reduce((s, r) => s + r.closed, 0),
    firmsEnd,
    net,
    growth: firmsStart === 0 ? null : net / firmsStart,
    openingUnknown: ofYear(years.at(-1)!, (r) => r.openingUnknown),
  };
}

/** One territory's trends: each sector, then all of them; and its shift-share rows, by sector. */
export function territoryTrends(trends: TrendsValue, shiftShare: ShiftShareValue, id: string): TerritoryTrends {
  const years = Array.from({ length: trends.to - trends.from + 1 }, (_, i) => trends.from + i);
  const rows = trends.rows.filter((r) => r.territory === id);
  return {
    from: trends.from,
    to: trends.to,
    years,
    sectors: [...SECTORS.map((sector) => sectorTrend(rows, sector, years)), sectorTrend(rows, null, years)],
    shiftShare: SECTORS.map((sector) => shiftShare.rows.find((r) => r.territory === id && r.sector === sector)).filter((r): r is ShiftShareRow => r !== undefined),
  };
}
