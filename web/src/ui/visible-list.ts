import type { Company } from '../api.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { companyRow } from './company-row.ts';

/** The firms in the current view as a list: what the canvas shows, readable without it. */
export function renderVisibleList(companies: Company[], total: number, t: Translator, onSelect: (id: number) => void): HTMLElement {
  const shown = [...companies].sort((a, b) => a.properties.name.localeCompare(b.properties.name, t.lang));
  return h('section', { class: 'visible', 'aria-labelledby': 'visible-title' },
    h('h2', { id: 'visible-title' }, t.t('visibleFirms'), ' ', h('span', { class: 'count', 'data-count': total }, `(${t.number(total)})`)),
    h('ul', { class: 'rows visible-rows' }, shown.map((c) => companyRow(c, t, onSelect))),
    total > shown.length && h('p', { class: 'muted' }, t.t('moreFirms', { count: total - shown.length })));
}
