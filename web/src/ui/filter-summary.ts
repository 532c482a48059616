import type { Sector } from '../../../shared/vocabulary.ts';
import type { Translator } from '../i18n.ts';

/** The filters of a query in words ("Outdoor, France"), or that there is none. */
export function activeFilters(filters: URLSearchParams, t: Translator): string {
  const parts: string[] = [];
  for (const s of filters.get('sector')?.split(',') ?? []) parts.push(t.t(`sector.${s as Sector}`));
  for (const c of filters.get('country')?.split(',') ?? []) parts.push(t.t(`country.${c as 'FR'}`));
  for (const b of filters.get('size')?.split(',') ?? []) parts.push(t.t(`size.${b as 'micro'}`));
  if (filters.get('q')) parts.push(`« ${filters.get('q')} »`);
  return parts.length ? parts.join(', ') : t.t('noFilter');
}
