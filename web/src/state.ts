import { COUNTRIES, type Country, SECTORS, SIZE_BANDS, STATUS_FILTERS, type Sector, type SizeBand, type StatusFilter } from '../../shared/vocabulary.ts';
import { LAYER_GROUPS, type LayerGroup } from '../../shared/style/atlas.ts';
import { LANGUAGES, type Lang } from './i18n.ts';
import { STAT_LEVELS } from './stats/data.ts';
import { FIGURES, type StatsView, isCount } from './stats/figures.ts';

const DEFAULT_LAYERS: LayerGroup[] = ['companies', 'links', 'actors', 'territories'];

export type Nearby = { lon: number; lat: number; company: number | null; radius: number };

/** Everything that defines a view except the camera (which MapLibre keeps in `#map=`). */
export type AtlasState = {
  lang: Lang;
  sectors: Sector[];
  countries: Country[];
  sizes: SizeBand[];
  /** Active firms (the default), closed ones, or all. */
  status: StatusFilter;
  /** The registry as it stood on this date (YYYY-MM-DD; the time slider gives a year's 31 December); null for today. */
  asOf: string | null;
  q: string;
  firm: number | null;
  layers: LayerGroup[];
  nearby: Nearby | null;
  /** The statistics panel, when open. */
  stats: StatsView | null;
  /** The sector the density surface shows; null: all firms. */
  density: Sector | null;
};

const list = <T extends string>(value: string | null, allowed: readonly T[]): T[] =>
  (value ?? '').split(',').filter((item): item is T => (allowed as readonly string[]).includes(item));

const positive = (value: string | null) => {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
};

/** A date as the API takes it (a bare year is its 31 December, as the time slider gives); null otherwise. */
export function readDate(value: string | null): string | null {
  const date = /^\d{4}$/.test(value ?? '') ? `${value}-12-31` : value ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) && date >= '1800-01-01' ? date : null;
}

/** Opening the statistics shows where each sector is strong: its location quotients. */
export const DEFAULT_STATS: StatsView = { level: 'partner', figure: 'lq', sector: 'outdoor' };

/** The statistics as they open: of the map's sector when the map shows only one, else of the outdoor industry. */
export function openingStats(mapSectors: readonly Sector[]): StatsView {
  return { ...DEFAULT_STATS, sector: mapSectors.length === 1 ? mapSectors[0]! : DEFAULT_STATS.sector };
}

function readStats(params: URLSearchParams): StatsView | null {
  const [level] = list(params.get('stats'), STAT_LEVELS);
  if (!level) return null;
  const [figure = DEFAULT_STATS.figure] = list(params.get('figure'), FIGURES);
  const [sector = null] = list(params.get('figureSector'), SECTORS);
  const [from, to] = (params.get('years') ?? '').split('-').map(Number);
  const years = from && to && from >= 1900 && from < to && to <= 2200 ? { from, to } : undefined;
  return { level, figure, sector: sector ?? (isCount(figure) ? null : openingStats(list(params.get('sector'), SECTORS)).sector), years };
}

/** Reads a view from the URL's query string; anything unknown is ignored, not an error. */
export function readState(search: string, defaultLang: Lang): AtlasState {
  const params = new URLSearchParams(search);
  const lang = (LANGUAGES as readonly string[]).includes(params.get('lang') ?? '') ? (params.get('lang') as Lang) : defaultLang;
  const [lon, lat] = (params.get('near') ?? '').split(',').map(Number);
  const radius = Number(params.get('radius') ?? 10000);
  const nearCompany = positive(params.get('nearFirm'));
  const hasPoint = Number.isFinite(lon) && Number.isFinite(lat) && params.has('near');
  return {
    lang,
    sectors: list(params.get('sector'), SECTORS),
    countries: list(params.get('country'), COUNTRIES),
    sizes: list(params.get('size'), SIZE_BANDS),
    status: list(params.get('status'), STATUS_FILTERS)[0] ?? 'active',
    asOf: readDate(params.get('asOf')),
    q: params.get('q') ?? '',
    firm: positive(params.get('firm')),
    layers: params.has('layers') ? list(params.get('layers'), Object.keys(LAYER_GROUPS) as LayerGroup[]) : DEFAULT_LAYERS,
    nearby: hasPoint
      ? { lon: lon!, lat: lat!, company: nearCompany, radius: Math.min(Math.max(radius || 10000, 500), 100_000) }
      : null,
    // The statistics share their place with a firm's and the nearby panel: a URL naming both shows the firm.
    stats: positive(params.get('firm')) || hasPoint ? null : readStats(params),
    density: list(params.get('density'), SECTORS)[0] ?? null,
  };
}

/** Writes a view into a query string (defaults left out, so shared URLs stay short). */
export function writeState(state: AtlasState): string {
  const params = new URLSearchParams();
  params.set('lang', state.lang);
  if (state.sectors.length) params.set('sector', state.sectors.join(','));
  if (state.countries.length) params.set('country', state.countries.join(','));
  if (state.sizes.length) params.set('size', state.sizes.join(','));
  if (state.status !== 'active') params.set('status', state.status);
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.q) params.set('q', state.q);
  if (state.firm) params.set('firm', String(state.firm));
  if (state.layers.join(',') !== DEFAULT_LAYERS.join(',')) params.set('layers', state.layers.join(','));
  if (state.nearby) {
    params.set('near', `${state.nearby.lon.toFixed(5)},${state.nearby.lat.toFixed(5)}`);
    params.set('radius', String(state.nearby.radius));
    if (state.nearby.company) params.set('nearFirm', String(state.nearby.company));
  }
  if (state.density) params.set('density', state.density);
  if (state.stats) {
    params.set('stats', state.stats.level);
    params.set('figure', state.stats.figure);
    if (state.stats.sector) params.set('figureSector', state.stats.sector);
    if (state.stats.years) params.set('years', `${state.stats.years.from}-${state.stats.years.to}`);
  }
  return params.toString();
}

/** The API query for the current filters (the same parameters every endpoint understands). */
export function filterQuery(state: Pick<AtlasState, 'sectors' | 'countries' | 'sizes' | 'q'> & Partial<Pick<AtlasState, 'status' | 'asOf'>>): URLSearchParams {
  const params = new URLSearchParams();
  if (state.sectors.length) params.set('sector', state.sectors.join(','));
  if (state.countries.length) params.set('country', state.countries.join(','));
  if (state.sizes.length) params.set('size', state.sizes.join(','));
  if (state.status && state.status !== 'active') params.set('status', state.status);
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.q.trim()) params.set('q', state.q.trim());
  return params;
}
