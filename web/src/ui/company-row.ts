import { SECTOR_COLORS } from '../../../shared/style/palette.ts';
import type { Company } from '../api.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';

/** One firm in a list: a button (keyboard and screen-reader friendly) with its sector and town. */
export function companyRow(company: Company, t: Translator, onSelect: (id: number) => void, extra?: Node | string) {
  const p = company.properties;
  return h('li', {},
    h('button', { type: 'button', class: 'row', 'data-id': company.id, onclick: () => onSelect(company.id) },
      h('span', { class: 'dot', style: `background:${SECTOR_COLORS[p.primarySector as keyof typeof SECTOR_COLORS] ?? '#888'}`, 'aria-hidden': 'true' }),
      h('span', { class: 'row-main' },
        h('span', { class: 'row-name' }, p.name),
        h('span', { class: 'row-sub' }, `${p.commune.name} · ${t.t(`country.${p.country as 'FR'}`)} · ${t.t(`sector.${p.primarySector as 'outdoor'}`)}`)),
      extra ?? null));
}
