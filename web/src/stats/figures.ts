import type { Sector } from '../../../shared/vocabulary.ts';
import type { Translator } from '../i18n.ts';
import type { FirmRow, StatLevel } from './data.ts';

export const FIGURES = ['firms', 'employees', 'share', 'lq'] as const;
export type Figure = (typeof FIGURES)[number];

/** The years of the trends and the shift-share: from 31 December of `from` to 31 December of `to`. */
export type YearSpan = { from: number; to: number };

/** What the statistics show: which territories, the figure the chart and the map draw, and the years of the trends. */
export type StatsView = { level: StatLevel; figure: Figure; sector: Sector | null; years?: YearSpan | undefined };

/** The last complete year and the twenty before it. */
export function defaultYears(today = new Date()): YearSpan {
  const to = today.getFullYear() - 1;
  return { from: to - 20, to };
}

/** Counts add up over sectors; ratios exist only for one sector. */
export const isCount = (figure: Figure) => figure === 'firms' || figure === 'employees';

/** A figure of a group of rows (one territory and sector, or a territory's every sector for counts). */
export function figureValue(figure: Figure, rows: FirmRow[]): number | null {
  if (rows.length === 0) return null;
  if (figure === 'firms') return rows.reduce((s, r) => s + r.firms, 0);
  if (figure === 'employees') return rows.reduce((s, r) => s + r.employees, 0);
  return rows.length === 1 ? rows[0]![figure] : null;
}

/** The figure's name, with its unit where the name does not say it. */
export function figureLabel(figure: Figure, t: Translator): string {
  return isCount(figure) ? t.t(`figure.${figure}`) : `${t.t(`figure.${figure}`)} (${t.t(`unit.${figure}`)})`;
}

export function formatFigure(figure: Figure, value: number | null, t: Translator): string {
  if (value === null) return '–';
  if (figure === 'share') return t.percent(value);
  if (figure === 'lq') return t.decimal(value, 2);
  return t.number(value);
}

/** The rows of one territory (null: the firms outside the set) and, for ratios, one sector. */
export function rowsOf(rows: FirmRow[], territory: string | null, sector: Sector | null): FirmRow[] {
  return rows.filter((r) => r.territory === territory && (sector === null || r.sector === sector));
}

/** Round steps (1, 2, 5 × 10^n) from 0 to at least `max`: chart ticks and map classes. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  if (ticks.at(-1)! < max) ticks.push(ticks.at(-1)! + step);
  return ticks;
}

export type ColourClass = { from: number; to: number | null; colour: string };

/** Location quotients: below, around and above the area average, symmetric on a log scale (BrBG). */
const LQ_CLASSES: ColourClass[] = [
  { from: 0, to: 0.5, colour: '#a6611a' },
  { from: 0.5, to: 0.8, colour: '#dfc27d' },
  { from: 0.8, to: 1.25, colour: '#f0efe9' },
  { from: 1.25, to: 2, colour: '#80cdc1' },
  { from: 2, to: null, colour: '#018571' },
];

// Sequential (YlGnBu), readable with the common colour-vision deficiencies.
const SEQUENTIAL = ['#edf8b1', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];

export const NO_VALUE_COLOUR = '#c8c8c8';

/** Classes for the map: fixed for LQs, equal round steps up to the largest value otherwise. */
export function colourClasses(figure: Figure, values: (number | null)[]): ColourClass[] {
  if (figure === 'lq') return LQ_CLASSES;
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  const ticks = niceTicks(figure === 'share' ? Math.min(1, max) : max, SEQUENTIAL.length);
  return ticks.slice(0, -1).map((from, i) => ({ from, to: ticks[i + 1]!, colour: SEQUENTIAL[Math.min(i, SEQUENTIAL.length - 1)]! }));
}

export function colourOf(classes: ColourClass[], value: number | null): string {
  if (value === null) return NO_VALUE_COLOUR;
  const found = classes.find((c) => value >= c.from && (c.to === null || value < c.to));
  return (found ?? classes.at(-1)!).colour;
}
