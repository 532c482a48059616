import { SECTORS, type Sector } from '../../../shared/vocabulary.ts';
import { SECTOR_COLORS } from '../../../shared/style/palette.ts';
import { h } from '../dom.ts';
import { introductionsSection } from './introductions-table.ts';
import { activeFilters } from '../ui/filter-summary.ts';
import { profileLinks } from '../profile/profile-links.ts';
import type { Translator } from '../i18n.ts';
import { barChart } from './bar-chart.ts';
import { STAT_LEVELS, type StatsData } from './data.ts';
import { FIGURES, type StatsView, figureLabel, figureValue, formatFigure, isCount, rowsOf, defaultYears } from './figures.ts';
import { networkTables } from './network.ts';
import { employeesText, firmTable, kindTable, matrixTable, renderTable, sectorTable, territoryLabel } from './tables.ts';
import { shiftShareTable, trendTable } from './time-tables.ts';
import { FIRST_YEAR } from '../ui/time-slider.ts';

export type StatsPanelActions = { change(view: StatsView): void; close(): void };

const select = <T extends string>(name: string, label: string, values: readonly T[], selected: T, text: (v: T) => string, onChange: (v: T) => void) =>
  h('label', { class: 'field' },
    h('span', {}, label),
    h('select', { name, onchange: (e) => onChange((e.target as HTMLSelectElement).value as T) },
      values.map((v) => h('option', { value: v, selected: v === selected }, text(v)))));

/** Chart of the figure: a group of bars per territory, a bar per sector. */
function chart(data: StatsData, view: StatsView, t: Translator): SVGElement {
  const places = [...new Set(data.firms.rows.map((r) => r.territory ?? null))];
  const groups = places.map((place) => ({
    label: territoryLabel(data.territories, place, t),
    title: place === null ? t.t('outsideTerritories') : (data.territories.find((x) => x.id === place)?.names[t.lang] ?? place),
    bars: SECTORS.map((sector) => {
      const value = figureValue(view.figure, rowsOf(data.firms.rows, place, sector));
      return { series: sector, value, title: `${territoryLabel(data.territories, place, t)} · ${t.t(`sector.${sector}`)}: ${formatFigure(view.figure, value, t)}` };
    }),
  }));
  const ranked = groups.flatMap((g) => g.bars.filter((b) => b.value !== null)).sort((a, b) => b.value! - a.value!);
  const figureName = t.t(`figure.${view.figure}`);
  return barChart(groups, {
    title: t.t('chartTitle', { figure: figureName }),
    description: ranked.slice(0, 3).map((b) => b.title).join('; '),
    axisLabel: figureLabel(view.figure, t),
    colours: SECTOR_COLORS,
    format: (value) => formatFigure(view.figure, value, t),
    reference: view.figure === 'lq' ? 1 : undefined,
  });
}

/** The period of the trends and the shift-share: two years, the first before the second. */
function yearControls(view: StatsView, t: Translator, actions: StatsPanelActions): HTMLElement {
  const years = view.years ?? defaultYears();
  const last = new Date().getFullYear();
  const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  return h('div', { class: 'stats-controls' },
    select('stats-from', t.t('periodFrom'), span(FIRST_YEAR, years.to - 1), String(years.from), String, (v) => actions.change({ ...view, years: { ...years, from: Number(v) } })),
    select('stats-to', t.t('periodTo'), span(years.from + 1, last), String(years.to), String, (v) => actions.change({ ...view, years: { ...years, to: Number(v) } })));
}

/**
 * The statistics panel: data date and sample label, the territory level and figure, the chart,
 * and the tables (firms, link matrix, links by kind and by sector), each exportable as CSV.
 */
export function renderStatsPanel(
  view: StatsView,
  data: StatsData | null,
  filters: URLSearchParams,
  t: Translator,
  actions: StatsPanelActions,
): HTMLElement {
  const controls = h('div', { class: 'stats-controls' },
    select('stats-level', t.t('territories'), STAT_LEVELS, view.level, (l) => t.t(`level.${l}`), (level) => actions.change({ ...view, level })),
    select('stats-figure', t.t('figure'), FIGURES, view.figure, (f) => t.t(`figure.${f}`), (figure) =>
      actions.change({ ...view, figure, sector: isCount(figure) ? view.sector : (view.sector ?? 'outdoor') })),
    select('stats-sector', t.t('sector'), isCount(view.figure) ? ['all', ...SECTORS] as const : SECTORS, view.sector ?? 'all',
      (s) => (s === 'all' ? t.t('allSectors') : t.t(`sector.${s}`)), (s) => actions.change({ ...view, sector: s === 'all' ? null : s })));

  const header = h('header', {},
    h('h2', { id: 'stats-title' }, t.t('statistics')),
    h('button', { type: 'button', class: 'close', 'aria-label': t.t('close'), onclick: actions.close }, '×'));

  if (data === null) return h('article', { class: 'stats', 'aria-labelledby': 'stats-title', 'aria-busy': 'true' }, header, controls, h('p', { class: 'muted' }, t.t('loading')));

  const f = data.firms;
  const fileStem = `atlas-${data.level}-v${f.dataVersion}${f.sampleFirms > 0 ? '-sample-data' : ''}`;
  const sources = [...new Map(data.territories.map((x) => [`${x.source} (${x.licence})`, x])).keys()];
  return h('article', { class: 'stats', 'aria-labelledby': 'stats-title', 'data-version': f.dataVersion },
    header,
    f.sampleFirms > 0 && h('p', { class: 'sample-tag stats-sample' }, t.t('statsSample')),
    h('p', { class: 'muted stats-date' },
      t.t('dataAsOf', { date: f.lastChange ? t.dateTime(f.lastChange) : '–', version: String(f.dataVersion) })),
    h('p', { class: 'muted' }, t.t('statsFilters', { filters: activeFilters(filters, t) })),
    filters.get('asOf') && h('p', { class: 'stats-as-of' }, t.t('statsAsOf', { date: t.date(filters.get('asOf')!) })),
    controls,
    h('p', { class: 'muted note' },
      data.territories.some((x) => !x.hasGeometry) && `${t.t('noOutline')} `,
      t.t('statsHidesFirms')),
    h('p', { class: 'stats-summary', 'data-total': f.total }, t.t('statsSummary', { firms: f.total, employees: employeesText(f, t) })),
    profileLinks(data.territories, filters, t, view.years),
    f.employeesUnknown > 0 && h('p', { class: 'muted' }, t.t('statsUnknown', { count: f.employeesUnknown })),
    f.inSeveralTerritories > 0 && h('p', { class: 'muted' }, t.t('inSeveral', { count: f.inSeveralTerritories })),
    data.level === 'custom' && data.territories.length === 0 && h('p', { class: 'muted' }, t.t('noCustomTerritories')),
    h('section', { class: 'stats-chart', 'aria-labelledby': 'stats-chart-title' },
      h('h3', { id: 'stats-chart-title' }, t.t('chartTitle', { figure: t.t(`figure.${view.figure}`) })),
      h('ul', { class: 'chart-legend' }, SECTORS.map((s) => h('li', {}, h('span', { class: 'swatch', style: `background:${SECTOR_COLORS[s]}`, 'aria-hidden': 'true' }), t.t(`sector.${s}`)))),
      chart(data, view, t),
      view.figure === 'lq' && h('p', { class: 'muted note' }, t.t('lqHelp'))),
    renderTable(firmTable(data, t, fileStem), t),
    yearControls(view, t, actions),
    renderTable(trendTable(data, view, t, fileStem), t),
    renderTable(shiftShareTable(data, view, t, fileStem), t),
    renderTable(matrixTable(data, t, fileStem), t),
    renderTable(kindTable(data, t, fileStem), t),
    renderTable(sectorTable(data, t, fileStem), t),
    introductionsSection((id) => (id ? data.territories.find((x) => x.id === id)?.shortNames[t.lang] ?? null : t.t('outsideTerritories')), t, fileStem),
    networkTables(data.network, t, fileStem).map((table) => renderTable(table, t)),
    h('details', { class: 'stats-sources' },
      h('summary', {}, t.t('territorySources')),
      h('ul', {}, sources.map((source) => h('li', {}, source)))));
}
