import 'maplibre-gl/dist/maplibre-gl.css';
import '../styles.css';
import './profile.css';
import { clear, h } from '../dom.ts';
import { type Lang, LANGUAGES, browserLanguage, translator } from '../i18n.ts';
import { readDate } from '../state.ts';
import { activeFilters } from '../ui/filter-summary.ts';
import { renderComparison } from './compare-view.ts';
import { setPageFooter } from './page-footer.ts';
import { type Profile, loadProfile, loadTerritories } from './profile-data.ts';
import { profilePeriod, readYears } from './profile-trends.ts';
import { profileMap } from './profile-map.ts';
import { renderProfile } from './profile-view.ts';

declare global {
  interface Window {
    /** For automation: resolves when every profile and its map are drawn. */
    profile: { ready: Promise<Profile[]> };
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const FILTERS = ['sector', 'country', 'size', 'q'];

/** `/profile/<id>` or `/profile?compare=a,b[,c,d]`: the territories asked for, in order. */
export function requestedIds(path: string, params: URLSearchParams): string[] {
  const one = /^\/profile\/([^/]+)\/?$/.exec(path)?.[1];
  if (one) return [decodeURIComponent(one)];
  return [...new Set((params.get('compare') ?? '').split(',').map((id) => id.trim()).filter(Boolean))];
}

const params = new URLSearchParams(location.search);
const lang: Lang = (LANGUAGES as readonly string[]).includes(params.get('lang') ?? '') ? (params.get('lang') as Lang) : browserLanguage();
const t = translator(lang);
const filters = new URLSearchParams([...params].filter(([name]) => FILTERS.includes(name)));
// The map's time slider: every figure as of that date (a year alone is its 31 December, as on the map).
const asOf = readDate(params.get('asOf'));
if (asOf) filters.set('asOf', asOf);
const period = profilePeriod(asOf, readYears(params.get('years')));
const ids = requestedIds(location.pathname, params);

function chrome(profiles: Profile[]) {
  document.documentElement.lang = lang;
  const compare = ids.length > 1;
  const title = compare ? t.t('profile.compareTitle') : `${t.t('profile.title')}: ${profiles[0]?.territory.shortNames[lang] ?? ids[0] ?? ''}`;
  document.title = `${title} · ${t.t('title')}`;
  $('title').textContent = title;
  ($('brand-title').firstElementChild as HTMLAnchorElement).textContent = t.t('title');
  ($('brand-title').firstElementChild as HTMLAnchorElement).href = `/?lang=${lang}`;
  $('print').textContent = t.t('profile.print');
  $('print').onclick = () => print();
  const select = $<HTMLSelectElement>('language');
  select.setAttribute('aria-label', t.t('language'));
  clear(select, LANGUAGES.map((l) => h('option', { value: l, selected: l === lang }, l.toUpperCase())));
  select.onchange = () => {
    params.set('lang', select.value);
    location.search = params.toString();
  };
}

/** The date, version, filters and sample notice: on screen at the top, in print at the foot of every page. */
function dataLine(profiles: Profile[]) {
  const first = profiles[0];
  if (!first) return;
  const sample = profiles.some((p) => p.sampleFirms > 0);
  $('sample-notice').hidden = !sample;
  $('sample-notice').textContent = t.t('statsSample');
  const date = first.lastChange ? t.dateTime(first.lastChange) : '–';
  setPageFooter([
    sample && t.t('png.sample'),
    asOf && t.t('profile.asOfShort', { date: t.date(asOf) }),
    t.t('profile.footer', { date, version: String(first.dataVersion) }),
    t.t('statsFilters', { filters: activeFilters(filters, t) }),
  ].filter(Boolean).join(' · '));
}

async function start(): Promise<Profile[]> {
  chrome([]);
  const main = $('profiles');
  if (ids.length === 0 || ids.length > 4) {
    clear(main, h('p', { class: 'profile-error' }, t.t('profile.tooMany')));
    return [];
  }
  // A date the page cannot read would silently give today's figures: say so instead.
  if (params.has('asOf') && !asOf) {
    clear(main, h('p', { class: 'profile-error', role: 'alert' }, t.t('profile.badDate', { value: params.get('asOf')! })));
    main.removeAttribute('aria-busy');
    return [];
  }
  const all = await loadTerritories();
  const byId = new Map(all.map((x) => [x.id, x]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) {
    clear(main, h('p', { class: 'profile-error', role: 'alert' }, t.t('profile.unknown', { id: unknown.join(', ') })));
    main.removeAttribute('aria-busy');
    return [];
  }
  const profiles = await Promise.all(ids.map((id) => loadProfile(byId.get(id)!, all, filters, period)));
  chrome(profiles);
  dataLine(profiles);
  const rendered = profiles.map((p) => renderProfile(p, byId, t));
  clear(main,
    h('p', { class: 'muted profile-meta' },
      `${t.t('dataAsOf', { date: profiles[0]!.lastChange ? t.dateTime(profiles[0]!.lastChange) : '–', version: String(profiles[0]!.dataVersion) })} · ${t.t('statsFilters', { filters: activeFilters(filters, t) })}`),
    asOf && h('p', { class: 'profile-as-of', 'data-as-of': asOf }, t.t('profile.asOf', { date: t.date(asOf), year: String(period.to) })),
    profiles.length > 1 && renderComparison(profiles, t),
    rendered.map((r) => r.section),
    h('p', { class: 'muted profile-source' }, t.t('profile.source')));
  await Promise.all(profiles.map(async (p, i) => {
    if (!p.activities.extent) return;
    const attribution = await profileMap(rendered[i]!.map, p.territory.id, p.activities.extent, filters, t);
    rendered[i]!.map.parentElement!.querySelector('.map-attribution')!.textContent = attribution;
  }));
  main.removeAttribute('aria-busy');
  return profiles;
}

window.profile = { ready: start() };
