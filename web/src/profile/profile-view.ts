import { SECTOR_COLORS } from '../../../shared/style/palette.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { introductionsSection } from '../stats/introductions-table.ts';
import { employeesText } from '../stats/tables.ts';
import type { Profile } from './profile-data.ts';
import { wrapped } from './table-wrap.ts';
import { renderTrends } from './trends-view.ts';

/** One territory's profile as a printable section; numbers carry their raw values in `data-value`. */

const figure = (name: string, label: string, value: number, text: string, note?: string | false) =>
  h('div', { class: 'key-figure', 'data-figure': name, 'data-value': value },
    h('dt', {}, label),
    h('dd', {}, h('span', { class: 'value' }, text), note && h('span', { class: 'note' }, note)));


const bar = (fraction: number, colour: string) =>
  h('span', { class: 'share-bar', 'aria-hidden': 'true' }, h('span', { style: `width:${Math.round(Math.min(1, fraction) * 100)}%;background:${colour}` }));

/** A location quotient on a log scale around 1, so 0.5 and 2 are as far from the middle. */
function lqMarker(lq: number | null): HTMLElement {
  if (lq === null) return h('span', { class: 'lq-scale none' });
  const at = 50 + 25 * Math.max(-2, Math.min(2, Math.log2(Math.max(lq, 0.01))));
  return h('span', { class: 'lq-scale', 'aria-hidden': 'true' }, h('span', { class: 'lq-mark', style: `left:${at}%` }));
}

/** Known headcounts as a range where some are bands, as the statistics panel shows them; its ends in `data-min`/`data-max`. */
function employeesFigure(p: Profile, t: Translator): HTMLElement {
  const element = figure('employees', t.t('profile.employees'), p.employees, employeesText(p, t), p.employeesUnknown > 0 && t.t('statsUnknown', { count: p.employeesUnknown }));
  element.dataset['min'] = String(p.employeesMin);
  element.dataset['max'] = String(p.employeesMax ?? '');
  return element;
}

export function placeName(profiles: Profile[], all: Map<string, { shortNames: Record<string, string> }>, id: string | null, t: Translator): string {
  if (id === null) return t.t('profile.elsewhere');
  return all.get(id)?.shortNames[t.lang] ?? profiles.find((p) => p.territory.id === id)?.territory.shortNames[t.lang] ?? id;
}

export function renderProfile(p: Profile, names: Map<string, { shortNames: Record<string, string> }>, t: Translator): { section: HTMLElement; map: HTMLElement } {
  const x = p.territory;
  const map = h('div', { class: 'profile-map', role: 'img' });
  const share = p.areaFirms === 0 ? 0 : p.firms / p.areaFirms;
  // Back to the map on the same date, its time slider set.
  const asOf = p.asOf ? `&asOf=${p.asOf}` : '';
  const section = h('section', { class: 'profile', 'data-territory': x.id, 'aria-labelledby': `title-${x.id}` },
    h('header', { class: 'profile-head' },
      h('p', { class: 'kicker' }, [t.t(`kindName.${x.kind}`), x.country && t.t(`country.${x.country}`)].filter(Boolean).join(' · ')),
      h('h2', { id: `title-${x.id}` }, x.names[t.lang]),
      h('p', { class: 'muted' }, [x.name, x.officialCode].filter(Boolean).join(' · '))),
    h('div', { class: 'profile-top' },
      h('dl', { class: 'key-figures' },
        figure('firms', t.t('profile.firms'), p.firms, t.number(p.firms)),
        employeesFigure(p, t),
        figure('share', t.t('profile.shareOfArea'), share, t.percent(share), `${t.number(p.firms)} / ${t.number(p.areaFirms)}`),
        figure('cross-border', t.t('profile.crossBorderShare'), p.crossBorderLinks, p.links === 0 ? '–' : t.percent(p.crossBorderLinks / p.links), t.t('profile.crossBorderOf', { count: p.crossBorderLinks, total: p.links }))),
      h('figure', { class: 'profile-figure' }, map,
        h('figcaption', { class: 'muted' }, t.t('profile.mapNote'), ' ', h('span', { class: 'map-attribution' })))),
    h('section', { class: 'profile-block', 'aria-label': t.t('profile.sectorMix') },
      h('h3', {}, t.t('profile.sectorMix')),
      wrapped(h('table', { class: 'profile-table sectors' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.t('sector')), h('th', { scope: 'col', class: 'num' }, t.t('firms')),
          h('th', { scope: 'col' }, t.t('share')), h('th', { scope: 'col', class: 'num' }, t.t('lq')), h('th', { scope: 'col', class: 'lq-col' }, '0.25 · 1 · 4'),
          h('th', { scope: 'col', class: 'num' }, t.t('employeesKnown')))),
        h('tbody', {}, p.sectors.map((s) =>
          h('tr', { 'data-sector': s.sector },
            h('th', { scope: 'row' }, h('span', { class: 'swatch', style: `background:${SECTOR_COLORS[s.sector]}`, 'aria-hidden': 'true' }), t.t(`sector.${s.sector}`)),
            h('td', { class: 'num', 'data-value': s.firms }, t.number(s.firms)),
            h('td', { class: 'share-cell' }, bar(s.share ?? 0, SECTOR_COLORS[s.sector]), s.share === null ? '–' : t.percent(s.share)),
            h('td', { class: 'num lq', 'data-value': s.lq ?? '' }, s.lq === null ? '–' : t.decimal(s.lq, 2)),
            h('td', { class: 'lq-col' }, lqMarker(s.lq)),
            h('td', { class: 'num', 'data-min': s.employeesMin, 'data-max': s.employeesMax ?? '' }, employeesText(s, t))))))),
      h('p', { class: 'muted note' }, t.t('profile.sectorHelp'))),
    renderTrends(p.trends, t),
    h('section', { class: 'profile-block', 'aria-label': t.t('profile.links') },
      h('h3', {}, t.t('profile.links')),
      p.links === 0
        ? h('p', { class: 'muted' }, t.t('profile.noLinks'))
        : wrapped(h('table', { class: 'profile-table links' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.t('profile.partner')), h('th', { scope: 'col', class: 'num' }, t.t('profile.out')),
            h('th', { scope: 'col', class: 'num' }, t.t('profile.in')), h('th', { scope: 'col', class: 'num' }, t.t('total')))),
          h('tbody', {},
            p.partners.map((partner) =>
              h('tr', { class: partner.crossBorder ? 'cross-border' : undefined, 'data-partner': partner.id ?? '' },
                h('th', { scope: 'row' }, placeName([p], names, partner.id, t), partner.crossBorder && h('span', { class: 'badge' }, t.t('crossBorder'))),
                h('td', { class: 'num' }, t.number(partner.out)),
                h('td', { class: 'num' }, t.number(partner.in)),
                h('td', { class: 'num', 'data-value': partner.out + partner.in }, t.number(partner.out + partner.in)))),
            h('tr', { class: 'within' },
              h('th', { scope: 'row' }, t.t('profile.within')), h('td', {}), h('td', {}), h('td', { class: 'num', 'data-value': p.within }, t.number(p.within)))))),
      p.links > 0 && h('p', { class: 'muted note' }, t.t('profile.linksHelp'))),
    introductionsSection((id) => placeName([p], names, id ?? null, t), t, `atlas-profile-${x.id}`, (g) => (g.from === x.id && (g.to == null || names.has(g.to))) || (g.to === x.id && (g.from == null || names.has(g.from)))),
    h('section', { class: 'profile-block', 'aria-label': t.t('profile.activities') },
      h('h3', {}, t.t('profile.activities')),
      wrapped(h('table', { class: 'profile-table activities' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'NACE'), h('th', { scope: 'col' }, t.t('profile.activity')),
          h('th', { scope: 'col', class: 'num' }, t.t('firms')), h('th', { scope: 'col', class: 'num' }, t.t('share')))),
        h('tbody', {}, p.activities.rows.map((a) =>
          h('tr', { 'data-nace': a.nace },
            h('td', {}, a.nace),
            h('td', {}, a.title?.[t.lang] ?? '–'),
            h('td', { class: 'num' }, t.number(a.firms)),
            h('td', { class: 'num' }, t.percent(a.share))))))),
      p.activities.withoutActivity > 0 && h('p', { class: 'muted note' }, t.t('profile.noActivity', { count: p.activities.withoutActivity }))),
    h('nav', { class: 'profile-links no-print' },
      h('a', { href: `/?lang=${t.lang}&stats=${x.kind}${asOf}` }, t.t('profile.openStats')),
      ' · ',
      h('a', { href: `/?lang=${t.lang}${asOf}#map=10/${x.labelPoint[1].toFixed(4)}/${x.labelPoint[0].toFixed(4)}` }, t.t('profile.openMap'))));
  return { section, map };
}
