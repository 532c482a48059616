import { SECTORS } from '../../../shared/vocabulary.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import type { Profile } from './profile-data.ts';
import { employeesText } from '../stats/tables.ts';
import { wrapped } from './table-wrap.ts';

/** Two to four territories side by side: the key figures and each sector's share and LQ. */
export function renderComparison(profiles: Profile[], t: Translator): HTMLElement {
  const row = (label: string, cells: (p: Profile) => string, name: string) =>
    h('tr', { 'data-row': name }, h('th', { scope: 'row' }, label), profiles.map((p) => h('td', { class: 'num' }, cells(p))));
  const period = profiles[0]!.trends;
  const share = (p: Profile) => (p.areaFirms === 0 ? 0 : p.firms / p.areaFirms);
  return h('section', { class: 'profile-block comparison', 'aria-labelledby': 'comparison-title' },
    h('h2', { id: 'comparison-title' }, t.t('profile.compareTitle')),
    wrapped(h('table', { class: 'profile-table compare' },
      h('thead', {}, h('tr', {}, h('th', {}), profiles.map((p) => h('th', { scope: 'col', class: 'num' }, h('a', { href: `#title-${p.territory.id}` }, p.territory.shortNames[t.lang]))))),
      h('tbody', {},
        row(t.t('profile.firms'), (p) => t.number(p.firms), 'firms'),
        row(t.t('profile.employees'), (p) => employeesText(p, t), 'employees'),
        row(t.t('profile.shareOfArea'), (p) => t.percent(share(p)), 'share'),
        row(t.t('profile.crossBorderShare'), (p) => (p.links === 0 ? '–' : `${t.percent(p.crossBorderLinks / p.links)} (${t.number(p.crossBorderLinks)})`), 'cross-border'),
        row(t.t('profile.firmsChange', { from: String(period.from - 1), to: String(period.to) }), (p) => {
          const all = p.trends.sectors.find((s) => s.sector === null)!;
          return `${t.number(all.firmsStart)} → ${t.number(all.firmsEnd)} (${all.growth === null ? '–' : `${all.net > 0 ? '+' : ''}${t.percent(all.growth)}`})`;
        }, 'trend'),
        SECTORS.map((sector) =>
          row(`${t.t(`sectorShort.${sector}`)}: ${t.t('share')} · ${t.t('lq')}`, (p) => {
            const s = p.sectors.find((x) => x.sector === sector)!;
            return `${s.share === null ? '–' : t.percent(s.share)} · ${s.lq === null ? '–' : t.decimal(s.lq, 2)}`;
          }, `sector-${sector}`))))));
}
