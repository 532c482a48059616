import { LINK_KINDS, SECTORS } from '../../../shared/vocabulary.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { download, toCsv } from '../ui/csv.ts';
import type { LinkRow, StatsData, TerritoryInfo } from './data.ts';
import { rowsOf } from './figures.ts';

/**
 * The panel's tables, each built once as plain values and then shown as HTML and exported as
 * CSV from the same cells, so the file always says what the screen says.
 */

type CsvValue = string | number | null;
/** A table cell: what the screen shows, what the CSV gets, and how to mark it. */
export type Cell = { text: string; csv: CsvValue; className?: string; data?: Record<string, string>; graphic?: SVGElement };
export type Table = {
  id: string; title: string; note?: string; header: string[]; rows: { header: Cell; cells: Cell[]; className?: string }[]; filename: string;
  /** A second export of the same figures in more detail (year by year), with its button's label. */
  detail?: { label: string; table: Table };
};

export const cell = (text: string, csv: CsvValue = text, className?: string, data?: Record<string, string>): Cell => ({ text, csv, ...(className ? { className } : {}), ...(data ? { data } : {}) });
export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function territoryLabel(territories: TerritoryInfo[], id: string | null | undefined, t: Translator): string {
  if (id === null || id === undefined) return t.t('outsideTerritories');
  return territories.find((x) => x.id === id)?.shortNames[t.lang] ?? id;
}

/** Known headcounts as a figure, or as a range when some are bands: 120–180, 10,000+ for an open band. */
export function employeesText(row: { employeesMin: number; employeesMax: number | null }, t: Translator): string {
  if (row.employeesMax === row.employeesMin) return t.number(row.employeesMin);
  return row.employeesMax === null ? `${t.number(row.employeesMin)}+` : `${t.number(row.employeesMin)}–${t.number(row.employeesMax)}`;
}

/** Below this many firms in a territory, its shares and LQs move a lot with one firm more or less. */
export const FEW_FIRMS = 20;

/** Firms, employees, share and LQ per territory and sector (long format: one line per pair). */
export function firmTable(data: StatsData, t: Translator, fileStem: string): Table {
  const places = [...new Set(data.firms.rows.map((r) => r.territory ?? null))];
  const firmsIn = (place: string | null) => rowsOf(data.firms.rows, place, null).reduce((s, r) => s + r.firms, 0);
  const few = (place: string | null) => firmsIn(place) > 0 && firmsIn(place) < FEW_FIRMS;
  return {
    id: 'stats-firms',
    title: t.t('firmsTable'),
    note: `${t.t('countingRule')}${places.some(few) ? ` ${t.t('fewFirms', { count: FEW_FIRMS })}` : ''}`,
    header: [t.t('territory'), t.t('sector'), t.t('firms'), t.t('employeesKnown'), t.t('employeesUnknown'), t.t('share'), t.t('lq')],
    rows: places.flatMap((place) =>
      SECTORS.map((sector, i) => {
        const row = rowsOf(data.firms.rows, place, sector)[0]!;
        return {
          className: i === 0 ? 'group-start' : '',
          header: cell(territoryLabel(data.territories, place, t), territoryLabel(data.territories, place, t), 'repeat', { territory: String(place) }),
          cells: [
            cell(t.t(`sectorShort.${sector}`), t.t(`sector.${sector}`), 'text', { sector }),
            cell(t.number(row.firms), row.firms, 'firms'),
            // A range when some headcounts are bands (the CSV keeps the lower end, as the API's `employees`).
            cell(employeesText(row, t), row.employees),
            cell(t.number(row.employeesUnknown), row.employeesUnknown),
            cell(row.share === null ? '–' : t.percent(row.share), row.share === null ? null : round(row.share * 100, 2)),
            cell(row.lq === null ? '–' : `${t.decimal(row.lq, 2)}${few(place) ? '*' : ''}`, row.lq === null ? null : round(row.lq, 3), 'lq'),
          ],
        };
      })),
    filename: `${fileStem}-firms-by-territory-and-sector.csv`,
  };
}

const sumLinks = (rows: LinkRow[], keep: (r: LinkRow) => boolean) => rows.filter(keep).reduce((s, r) => s + r.links, 0);

/** Links from the territories of the rows to those of the columns; the diagonal is within a territory. */
export function matrixTable(data: StatsData, t: Translator, fileStem: string): Table {
  const rows = data.matrix.rows;
  const ids = [...data.territories.map((x) => x.id as string | null), ...(rows.some((r) => r.from === null || r.to === null) ? [null] : [])];
  const label = (id: string | null) => territoryLabel(data.territories, id, t);
  const count = (from: string | null, to: string | null) => {
    const pair = rows.filter((r) => r.from === from && r.to === to);
    const cross = pair.some((r) => r.crossBorder && r.links > 0);
    const n = sumLinks(pair, () => true);
    return cell(t.number(n), n, [from === to ? 'diagonal' : '', cross ? 'cross-border' : '', n === 0 ? 'zero' : ''].filter(Boolean).join(' '), { from: String(from), to: String(to) });
  };
  return {
    id: 'stats-matrix',
    title: t.t('linksMatrix'),
    note: t.t('matrixHelp'),
    header: [t.t('fromTo'), ...ids.map(label), t.t('total')],
    rows: [
      ...ids.map((from) => ({
        header: cell(label(from)),
        cells: [...ids.map((to) => count(from, to)), cell(t.number(sumLinks(rows, (r) => r.from === from)), sumLinks(rows, (r) => r.from === from), 'total')],
      })),
      {
        className: 'totals',
        header: cell(t.t('total')),
        cells: [...ids.map((to) => sumLinks(rows, (r) => r.to === to)), data.matrix.total].map((n) => cell(t.number(n), n, 'total')),
      },
    ],
    filename: `${fileStem}-links-between-territories.csv`,
  };
}

/** Links of each kind within a territory, between territories of one country, and across a border. */
export function kindTable(data: StatsData, t: Translator, fileStem: string): Table {
  const rows = data.kinds.rows;
  const columns: [string, (r: LinkRow) => boolean][] = [
    [t.t('withinTerritory'), (r) => !r.crossBorder && r.from === r.to && r.from !== null],
    [t.t('betweenTerritories'), (r) => !r.crossBorder && !(r.from === r.to && r.from !== null)],
    [t.t('crossBorderLinks'), (r) => r.crossBorder],
  ];
  const line = (label: string, keep: (r: LinkRow) => boolean, className = '') => {
    const counts = [...columns.map(([, inColumn]) => sumLinks(rows, (r) => keep(r) && inColumn(r))), sumLinks(rows, keep)];
    return { className, header: cell(label), cells: counts.map((n, i) => cell(t.number(n), n, i === counts.length - 1 ? 'total' : '')) };
  };
  return {
    id: 'stats-kinds',
    title: t.t('linksByKind'),
    header: [t.t('kind'), ...columns.map(([label]) => label), t.t('total')],
    rows: [...LINK_KINDS.map((kind) => line(t.t(`kind.${kind}`), (r) => r.kind === kind)), line(t.t('total'), () => true, 'totals')],
    filename: `${fileStem}-links-by-kind.csv`,
  };
}

/** Links per pair of primary sectors (of the link's first firm, then its second), and how many cross a border. */
export function sectorTable(data: StatsData, t: Translator, fileStem: string): Table {
  const rows = data.sectors.rows;
  return {
    id: 'stats-sectors',
    title: t.t('linksBySector'),
    header: [t.t('fromSector'), t.t('toSector'), t.t('links'), t.t('crossBorderLinks')],
    rows: SECTORS.flatMap((from) =>
      SECTORS.map((to, i) => {
        const pair = rows.filter((r) => r.fromSector === from && r.toSector === to);
        const all = sumLinks(pair, () => true);
        const cross = sumLinks(pair, (r) => r.crossBorder);
        return {
          className: i === 0 ? 'group-start' : '',
          header: cell(t.t(`sectorShort.${from}`), t.t(`sector.${from}`), 'repeat'),
          cells: [cell(t.t(`sectorShort.${to}`), t.t(`sector.${to}`), 'text'), cell(t.number(all), all, from === to ? 'diagonal' : ''), cell(t.number(cross), cross, cross > 0 ? 'cross-border' : 'zero')],
        };
      })),
    filename: `${fileStem}-links-by-sector.csv`,
  };
}

/** The table as a spreadsheet expects it in the reader's language: `;` and a decimal comma in French and Italian. */
export function tableCsv(table: Table, lang: Translator['lang']): string {
  const separator = lang === 'en' ? ',' : ';';
  const value = (v: CsvValue) => (typeof v === 'number' && separator === ';' ? String(v).replace('.', ',') : v);
  return toCsv(table.header, table.rows.map((row) => [row.header, ...row.cells].map((c) => value(c.csv))), separator);
}

const dataAttributes = (c: Cell) => Object.fromEntries(Object.entries(c.data ?? {}).map(([k, v]) => [`data-${k}`, v]));

export function renderTable(table: Table, t: Translator): HTMLElement {
  return h('section', { class: 'stats-table', id: table.id, 'aria-labelledby': `${table.id}-title` },
    h('div', { class: 'stats-table-head' },
      h('h3', { id: `${table.id}-title` }, table.title),
      h('span', { class: 'exports' },
        h('button', { type: 'button', class: 'secondary export', onclick: () => download(table.filename, tableCsv(table, t.lang)) }, t.t('exportCsv')),
        table.detail && h('button', { type: 'button', class: 'secondary export', onclick: () => download(table.detail!.table.filename, tableCsv(table.detail!.table, t.lang)) }, table.detail.label))),
    table.note && h('p', { class: 'muted note' }, table.note),
    h('div', { class: 'table-scroll' },
      h('table', {},
        h('thead', {}, h('tr', {}, table.header.map((label, i) => h('th', { scope: 'col', class: i === 0 ? '' : 'num' }, label)))),
        h('tbody', {}, table.rows.map((row) =>
          h('tr', { class: row.className || undefined },
            h('th', { scope: 'row', class: row.header.className, ...dataAttributes(row.header) }, row.header.text),
            row.cells.map((c) => h('td', { class: ['num', c.className].filter(Boolean).join(' '), ...dataAttributes(c) }, c.graphic ?? c.text))))))));
}
