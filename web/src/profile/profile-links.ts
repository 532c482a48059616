import type { TerritoryValue } from '../../../shared/api/wire.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';

/** What a profile follows of the map: its filters, the time slider's date (`asOf`) and the panel's period (`years`). */
export const PROFILE_PARAMS = ['sector', 'country', 'size', 'q', 'asOf', 'years'];

/** The URL of one territory's profile, or of a comparison (2 to 4), with the language and the map's filters. */
export function profileUrl(ids: string[], lang: string, filters: URLSearchParams): string {
  const query = new URLSearchParams([['lang', lang], ...[...filters].filter(([name]) => PROFILE_PARAMS.includes(name))]);
  if (ids.length === 1) return `/profile/${encodeURIComponent(ids[0]!)}?${query}`;
  // Commas left as they are: the address stays readable (and means the same).
  return `/profile?${query}&compare=${ids.slice(0, 4).map(encodeURIComponent).join(',')}`;
}

/** The statistics panel's way to the profiles: one link per territory, and one to compare the first four. */
export function profileLinks(territories: TerritoryValue[], mapFilters: URLSearchParams, t: Translator, years?: { from: number; to: number }): HTMLElement | null {
  if (territories.length === 0) return null;
  const filters = new URLSearchParams([...mapFilters, ...(years ? [['years', `${years.from}-${years.to}`]] : [])]);
  return h('p', { class: 'profile-links-list' },
    h('span', { class: 'muted' }, `${t.t('stats.profile')}: `),
    territories.flatMap((x, i) => [i > 0 && ' · ', h('a', { href: profileUrl([x.id], t.lang, filters), 'data-territory': x.id }, x.shortNames[t.lang])]),
    territories.length > 1 && [' — ', h('a', { href: profileUrl(territories.slice(0, 4).map((x) => x.id), t.lang, filters), class: 'compare-link' }, t.t('stats.compare'))]);
}
