import { SECTOR_COLORS } from '../../shared/style/palette.ts';
import type { Company } from '../src/api.ts';
import { h } from '../src/dom.ts';
import type { Translator } from '../src/i18n.ts';

/** A firm in the widget's popup: what it is, where, and a way to read more in the full Atlas. */
export function firmPopup(company: Company, t: Translator, fullMapHref: string): HTMLElement {
  const p = company.properties;
  const sector = p.primarySector as keyof typeof SECTOR_COLORS;
  return h('div', { class: 'popup', 'data-id': company.id },
    h('strong', { class: 'popup-name' }, p.name),
    h('span', { class: 'row-sub' }, `${p.commune.name} · ${t.t(`country.${p.country as 'FR'}`)}`),
    h('span', { class: 'popup-sector' },
      h('span', { class: 'dot', style: `background:${SECTOR_COLORS[sector] ?? '#888'}`, 'aria-hidden': 'true' }),
      t.t(`sector.${sector}`)),
    p.source === 'sample' && h('span', { class: 'sample-tag' }, t.t('source.sample')),
    h('a', { class: 'open', href: fullMapHref, target: '_blank', rel: 'noopener' }, t.t('openFirm'), h('span', { 'aria-hidden': 'true' }, ' ↗')));
}
