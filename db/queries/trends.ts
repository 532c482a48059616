import type { Lifetime, Lifetimes } from './lifetimes.ts';
import { type GroupKey, groupBy, groupKey, tableGroups } from './table-groups.ts';
import type { FirmDimension } from './stats.ts';

/**
 * Firms year by year, from lifetimes (see lifetimes.ts). A year starts with the firms open at the
 * end of the day before 1 January (those of 31 December of the year before) and ends with those
 * open on 31 December; in between, the firms that opened and closed during it, so that
 * `firmsEnd = firmsStart + opened − closed` exactly. A firm of unknown opening counts as present
 * from the first year, never as an opening, and `openingUnknown` says how many of `firmsEnd` are such.
 */
export type YearFigures = {
  year: number;
  firmsStart: number;
  opened: number;
  closed: number;
  firmsEnd: number;
  net: number;
  /** net / firmsStart; null when the year starts with no firm. */
  growth: number | null;
  openingUnknown: number;
};

export type TrendRow = Partial<GroupKey> & YearFigures;

/** Firms of these lifetimes open on 31 December of `year`: opened by then (or on an unknown date), not closed by then. */
export function firmsAtYearEnd(lifetimes: Lifetime[], year: number): number {
  return lifetimes.reduce((n, l) => n + ((l.opened === null || l.opened <= year) && (l.closed === null || l.closed > year) ? l.firms : 0), 0);
}

export function yearFigures(lifetimes: Lifetime[], year: number): YearFigures {
  const firmsStart = firmsAtYearEnd(lifetimes, year - 1);
  const firmsEnd = firmsAtYearEnd(lifetimes, year);
  const sum = (keep: (l: Lifetime) => boolean) => lifetimes.reduce((n, l) => n + (keep(l) ? l.firms : 0), 0);
  const opened = sum((l) => l.opened === year);
  const closed = sum((l) => l.closed === year);
  const openingUnknown = sum((l) => l.opened === null && (l.closed === null || l.closed > year));
  const net = firmsEnd - firmsStart;
  return { year, firmsStart, opened, closed, firmsEnd, net, growth: firmsStart === 0 ? null : net / firmsStart, openingUnknown };
}

export type Trends = {
  rows: TrendRow[];
  /** The whole filtered registry, year by year. */
  totals: YearFigures[];
};

/** Rows for every group of the table (zeros included) and every year from `from` to `to`. */
export function trendTable(data: Lifetimes, dims: FirmDimension[], territoryIds: string[], from: number, to: number): Trends {
  const byGroup = groupBy(data.lifetimes, groupKey);
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const rows = tableGroups(data.lifetimes, dims, territoryIds).flatMap((g) =>
    years.map((year) => ({ ...g, ...yearFigures(byGroup.get(groupKey(g)) ?? [], year) })));
  return { rows, totals: years.map((year) => yearFigures(data.lifetimes, year)) };
}
