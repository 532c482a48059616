import { SECTORS, type Sector } from '../../../shared/vocabulary.ts';
import type { Translator } from '../i18n.ts';
import type { StatsData, TrendRow } from './data.ts';
import type { StatsView } from './figures.ts';
import { roundedComponents } from './shift-share-rounding.ts';
import { sparkline } from './sparkline.ts';
import { type Cell, type Table, cell, round, territoryLabel } from './tables.ts';

/**
 * The tables over time: firms per territory year by year (a sparkline and the period's figures,
 * with a year-by-year export) and the shift-share between the period's two ends. With a sector
 * chosen in the panel, that sector's rows; otherwise each territory's sectors together.
 */

type Figures = Pick<TrendRow, 'firmsStart' | 'opened' | 'closed' | 'firmsEnd' | 'openingUnknown'>;

const places = (data: StatsData) => [...new Set(data.trends.rows.map((r) => r.territory ?? null))];
const sectorsOf = (view: StatsView): (Sector | null)[] => (view.sector ? [view.sector] : [null]);

/** A territory's figures of a year, for one sector or all of them added up (every figure is a count, so they add). */
function yearOf(data: StatsData, place: string | null, sector: Sector | null, year: number): Figures {
  const rows = data.trends.rows.filter((r) => (r.territory ?? null) === place && r.year === year && (sector === null || r.sector === sector));
  const sum = (pick: (r: TrendRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  return { firmsStart: sum((r) => r.firmsStart), opened: sum((r) => r.opened), closed: sum((r) => r.closed), firmsEnd: sum((r) => r.firmsEnd), openingUnknown: sum((r) => r.openingUnknown) };
}

const growthCell = (value: number | null, t: Translator, data?: Record<string, string>): Cell =>
  cell(value === null ? '–' : t.percent(value), value === null ? null : round(value * 100, 2), value === null ? '' : value < 0 ? 'negative' : '', data);
const sectorCell = (sector: Sector | null, t: Translator) =>
  cell(sector ? t.t(`sectorShort.${sector}`) : t.t('allSectors'), sector ? t.t(`sector.${sector}`) : t.t('allSectors'), 'text');

/** The period's firms per territory (and sector), with a sparkline of each year's 31 December. */
export function trendTable(data: StatsData, view: StatsView, t: Translator, fileStem: string): Table {
  const { from, to } = data.trends;
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const rows = places(data).flatMap((place) => sectorsOf(view).map((sector) => {
    const series = years.map((year) => yearOf(data, place, sector, year));
    const first = series[0]!;
    const last = series.at(-1)!;
    const opened = series.reduce((s, y) => s + y.opened, 0);
    const closed = series.reduce((s, y) => s + y.closed, 0);
    const net = last.firmsEnd - first.firmsStart;
    const label = territoryLabel(data.territories, place, t);
    const description = `${label}: ${years.map((year, i) => `${year} ${t.number(series[i]!.firmsEnd)}`).join(', ')}`;
    const line = cell('', null, 'sparkline');
    line.graphic = sparkline(series.map((y) => y.firmsEnd), description);
    return {
      header: cell(label, label, '', { territory: String(place) }),
      cells: [
        sectorCell(sector, t),
        line,
        cell(t.number(first.firmsStart), first.firmsStart),
        cell(t.number(opened), opened),
        cell(t.number(closed), closed),
        cell(t.number(last.firmsEnd), last.firmsEnd, 'firms', { year: String(to) }),
        cell(`${net > 0 ? '+' : ''}${t.number(net)}`, net, net < 0 ? 'negative' : ''),
        growthCell(first.firmsStart === 0 ? null : net / first.firmsStart, t),
        cell(t.number(last.openingUnknown), last.openingUnknown),
      ],
    };
  }));
  const unknown = data.trends.rows.filter((r) => r.year === to).reduce((s, r) => s + r.openingUnknown, 0);
  return {
    id: 'stats-trends',
    title: t.t('trendsTitle', { from: String(from), to: String(to) }),
    note: `${t.t('trendsNote', { count: unknown, to: String(to) })}${data.trends.closingUnknown > 0 ? ` ${t.t('closingUnknownNote', { count: data.trends.closingUnknown })}` : ''}`,
    header: [t.t('territory'), t.t('sector'), t.t('trendLine'), t.t('firmsOn', { year: String(from - 1) }), t.t('openedCount'), t.t('closedCount'),
      t.t('firmsOn', { year: String(to) }), t.t('netChange'), t.t('growth'), t.t('openingUnknown')],
    rows,
    filename: `${fileStem}-trends-${from}-${to}.csv`,
    detail: { label: t.t('exportYears'), table: yearTable(data, view, t, fileStem, years) },
  };
}

/** The same, one line per territory, sector and year: for a spreadsheet's own charts. */
function yearTable(data: StatsData, view: StatsView, t: Translator, fileStem: string, years: number[]): Table {
  return {
    id: 'stats-trends-years',
    title: t.t('trendsTitle', { from: String(years[0]), to: String(years.at(-1)) }),
    header: [t.t('territory'), t.t('sector'), t.t('year'), t.t('firmsStart'), t.t('openedCount'), t.t('closedCount'), t.t('firmsEnd'), t.t('netChange'), t.t('growth'), t.t('openingUnknown')],
    rows: places(data).flatMap((place) => sectorsOf(view).flatMap((sector) => years.map((year) => {
      const y = yearOf(data, place, sector, year);
      const net = y.firmsEnd - y.firmsStart;
      return {
        header: cell(territoryLabel(data.territories, place, t)),
        cells: [sectorCell(sector, t), cell(String(year), year), cell(String(y.firmsStart), y.firmsStart), cell(String(y.opened), y.opened), cell(String(y.closed), y.closed),
          cell(String(y.firmsEnd), y.firmsEnd), cell(String(net), net), growthCell(y.firmsStart === 0 ? null : net / y.firmsStart, t), cell(String(y.openingUnknown), y.openingUnknown)],
      };
    }))),
    filename: `${fileStem}-trends-${years[0]}-${years.at(-1)}-by-year.csv`,
  };
}

/**
 * The shift-share rows of the panel's sector (or of every sector), components rounded to one
 * decimal on screen and three in the file, the local one taking what rounding leaves so that each
 * line still adds up exactly to its change.
 */
export function shiftShareTable(data: StatsData, view: StatsView, t: Translator, fileStem: string): Table {
  const { from, to } = data.shiftShare;
  const sectors = view.sector ? [view.sector] : SECTORS;
  const rows = data.shiftShare.rows.filter((r) => sectors.includes(r.sector!)).map((r, i) => {
    const { area, mix, local } = roundedComponents(r, 3);
    const onScreen = roundedComponents({ change: r.change, areaGrowth: area, industryMix: mix }, 1);
    const shown = (value: number) => t.decimal(value, 1);
    const label = territoryLabel(data.territories, r.territory, t);
    return {
      className: !view.sector && i % SECTORS.length === 0 ? 'group-start' : '',
      header: cell(label, label, view.sector ? '' : 'repeat', { territory: String(r.territory ?? null) }),
      cells: [
        cell(t.t(`sectorShort.${r.sector!}`), t.t(`sector.${r.sector!}`), 'text', { sector: r.sector! }),
        cell(t.number(r.firmsFrom), r.firmsFrom),
        cell(t.number(r.firmsTo), r.firmsTo),
        cell(`${r.change > 0 ? '+' : ''}${t.number(r.change)}`, r.change, r.change < 0 ? 'negative' : '', { change: String(r.change) }),
        cell(shown(onScreen.area), area),
        cell(shown(onScreen.mix), mix),
        cell(shown(onScreen.local), local, local < 0 ? 'negative' : ''),
      ],
    };
  });
  return {
    id: 'stats-shift-share',
    title: t.t('shiftShareTitle', { from: String(from), to: String(to) }),
    note: t.t('shiftShareNote', { from: String(from), to: String(to) }),
    header: [t.t('territory'), t.t('sector'), t.t('firmsOn', { year: String(from) }), t.t('firmsOn', { year: String(to) }), t.t('change'), t.t('areaGrowth'), t.t('industryMix'), t.t('localShift')],
    rows,
    filename: `${fileStem}-shift-share-${from}-${to}.csv`,
  };
}
