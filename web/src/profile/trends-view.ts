import { SECTOR_COLORS } from '../../../shared/style/palette.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { sparkline } from '../stats/sparkline.ts';
import { roundedComponents } from '../stats/shift-share-rounding.ts';
import type { SectorTrend, ShiftShareRow, TerritoryTrends } from './profile-trends.ts';
import { wrapped } from './table-wrap.ts';

/** A territory's firms over the period, per sector, and the shift-share of their change: two compact tables. */

const signed = (value: number, t: Translator) => `${value > 0 ? '+' : ''}${t.number(value)}`;
const num = (text: string, value: number | string, extra: Record<string, string> = {}) =>
  h('td', { class: `num${typeof value === 'number' && value < 0 ? ' negative' : ''}`, 'data-value': value, ...extra }, text);

function trendRow(s: SectorTrend, trends: TerritoryTrends, t: Translator): HTMLElement {
  const name = s.sector ? t.t(`sector.${s.sector}`) : t.t('allSectors');
  const description = `${name}: ${trends.years.map((year, i) => `${year} ${t.number(s.series[i]!)}`).join(', ')}`;
  return h('tr', { 'data-trend': s.sector ?? 'all', class: s.sector ? undefined : 'total' },
    h('th', { scope: 'row' }, s.sector && h('span', { class: 'swatch', style: `background:${SECTOR_COLORS[s.sector]}`, 'aria-hidden': 'true' }), s.sector ? t.t(`sectorShort.${s.sector}`) : t.t('allSectors')),
    h('td', { class: 'sparkline', style: s.sector ? `color:${SECTOR_COLORS[s.sector]}` : undefined }, sparkline(s.series, description)),
    num(t.number(s.firmsStart), s.firmsStart, { 'data-name': 'firmsStart' }),
    num(t.number(s.opened), s.opened, { 'data-name': 'opened' }),
    num(t.number(s.closed), s.closed, { 'data-name': 'closed' }),
    num(t.number(s.firmsEnd), s.firmsEnd, { 'data-name': 'firmsEnd' }),
    num(signed(s.net, t), s.net, { 'data-name': 'net' }),
    num(s.growth === null ? '–' : t.percent(s.growth), s.growth ?? '', { 'data-name': 'growth' }),
    num(t.number(s.openingUnknown), s.openingUnknown, { 'data-name': 'openingUnknown' }));
}

/** Components to one decimal, the local one taking what rounding leaves: each line adds up to its change, as in the panel. */
function shiftShareRow(r: ShiftShareRow, t: Translator): HTMLElement {
  const { area, mix, local } = roundedComponents(r, 1);
  const shown = (value: number) => t.decimal(value, 1);
  return h('tr', { 'data-sector': r.sector ?? '' },
    h('th', { scope: 'row' }, r.sector && h('span', { class: 'swatch', style: `background:${SECTOR_COLORS[r.sector]}`, 'aria-hidden': 'true' }), r.sector ? t.t(`sectorShort.${r.sector}`) : ''),
    num(t.number(r.firmsFrom), r.firmsFrom, { 'data-name': 'firmsFrom' }),
    num(t.number(r.firmsTo), r.firmsTo, { 'data-name': 'firmsTo' }),
    num(signed(r.change, t), r.change, { 'data-name': 'change' }),
    num(shown(area), r.areaGrowth, { 'data-name': 'areaGrowth' }),
    num(shown(mix), r.industryMix, { 'data-name': 'industryMix' }),
    num(shown(local), r.local, { 'data-name': 'local' }));
}

/** What the unknown openings do to these figures, said in words for this territory. */
function openingUnknownNote(trends: TerritoryTrends, t: Translator): string {
  const all = trends.sectors.find((s) => s.sector === null)!;
  if (all.openingUnknown === 0) return t.t('profile.openingsKnown', { to: String(trends.to) });
  return t.t('profile.openingUnknownNote', { count: all.openingUnknown, firms: all.firmsEnd, to: String(trends.to), start: String(trends.from - 1) });
}

export function renderTrends(trends: TerritoryTrends, t: Translator): HTMLElement {
  const { from, to } = trends;
  const col = (text: string) => h('th', { scope: 'col', class: 'num' }, text);
  return h('section', { class: 'profile-block trends', 'aria-label': t.t('profile.trends', { from: String(from), to: String(to) }) },
    h('h3', {}, t.t('profile.trends', { from: String(from), to: String(to) })),
    wrapped(h('table', { class: 'profile-table trends' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.t('sector')), h('th', { scope: 'col' }, `${t.t('trendLine')} ${from}–${to}`),
        col(t.t('firmsOn', { year: String(from - 1) })), col(t.t('openedCount')), col(t.t('closedCount')), col(t.t('firmsOn', { year: String(to) })),
        col(t.t('netChange')), col(t.t('growth')), col(t.t('openingUnknown')))),
      h('tbody', {}, trends.sectors.map((s) => trendRow(s, trends, t))))),
    h('p', { class: 'muted note' }, openingUnknownNote(trends, t)),
    trends.shiftShare.length > 0 && [
      h('h3', {}, t.t('shiftShareTitle', { from: String(from), to: String(to) })),
      wrapped(h('table', { class: 'profile-table shift-share' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.t('sector')), col(t.t('firmsOn', { year: String(from) })), col(t.t('firmsOn', { year: String(to) })),
          col(t.t('change')), col(t.t('areaGrowth')), col(t.t('industryMix')), col(t.t('localShift')))),
        h('tbody', {}, trends.shiftShare.map((r) => shiftShareRow(r, t))))),
      h('p', { class: 'muted note' }, t.t('profile.shiftShareHelp', { from: String(from), to: String(to) }))]);
}
