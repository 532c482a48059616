import { api, type Company } from '../api.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { companyRow } from './company-row.ts';

/**
 * The search box: its text filters the map (as `q`) and lists the first matches to jump to.
 * Typing is debounced so that the API is not asked at every key.
 */
export function renderSearch(
  q: string,
  filters: () => URLSearchParams,
  t: Translator,
  actions: { setQ(q: string): void; select(id: number): void },
): HTMLElement {
  const results = h('ul', { class: 'rows search-results', id: 'search-results', 'aria-live': 'polite' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  async function show(text: string) {
    controller?.abort();
    if (!text.trim()) return clear(results);
    controller = new AbortController();
    const query = filters();
    query.set('q', text);
    try {
      const page = await api.search(query, 8, controller.signal);
      clear(results, page.features.length
        ? page.features.map((company: Company) => companyRow(company, t, actions.select))
        : h('li', { class: 'muted' }, t.t('noResults')));
    } catch (error) {
      if ((error as Error).name !== 'AbortError') clear(results, h('li', { class: 'muted' }, t.t('error')));
    }
  }

  const input = h('input', {
    type: 'search',
    name: 'q',
    value: q,
    placeholder: t.t('search'),
    'aria-label': t.t('searchLabel'),
    'aria-controls': 'search-results',
    autocomplete: 'off',
    oninput: (e) => {
      const text = (e.target as HTMLInputElement).value;
      clearTimeout(timer);
      timer = setTimeout(() => {
        actions.setQ(text);
        void show(text);
      }, 250);
    },
  });
  if (q) void show(q);
  return h('section', { class: 'search', role: 'search' }, input, results);
}
