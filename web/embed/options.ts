import { type BBox, parseBBox } from '../../shared/bbox.ts';
import type { Lang } from '../src/i18n.ts';
import { type AtlasState, readDate, readState, writeState } from '../src/state.ts';
import { DEFAULT_HEIGHT, type EmbedAttribute, isOn, parseHeight, themeOf } from '../../shared/embed/attributes.ts';

/** The part of a view the widget shares with the full app (same names, same URL encoding). */
export type EmbedView = Pick<AtlasState, 'lang' | 'sectors' | 'countries' | 'sizes' | 'q' | 'layers' | 'asOf'>;

export type Camera = { bbox: BBox } | { center: [number, number]; zoom: number };

export type EmbedOptions = {
  view: EmbedView;
  /** null: the partner territories whole. */
  camera: Camera | null;
  /** CSS height of the map (see `parseHeight`). */
  height: string;
  theme: 'light' | 'dark';
  /** A CSS colour for links, buttons and focus rings; checked by the browser when applied. */
  accent: string | null;
  interactive: boolean;
  list: boolean;
};

const DEFAULT_ZOOM = 9;
const VIEW_ATTRIBUTES = ['sector', 'country', 'size', 'q', 'layers'] as const;

function parseCenter(value: string | null): [number, number] | null {
  const parts = (value ?? '').split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  if (parts.length !== 2 || !parts.every(Number.isFinite)) return null;
  const [lon, lat] = parts as [number, number];
  return Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? [lon, lat] : null;
}

function parseCamera(get: (name: EmbedAttribute) => string | null): Camera | null {
  const bbox = parseBBox(get('bbox') ?? '');
  if (bbox) return { bbox };
  const center = parseCenter(get('center'));
  const zoom = Number(get('zoom') ?? Number.NaN);
  if (!center) return null;
  return { center, zoom: Number.isFinite(zoom) ? Math.min(Math.max(zoom, 0), 22) : DEFAULT_ZOOM };
}

/**
 * Reads a widget's options from its attributes (or the iframe's query). Like the app's URL, anything
 * unknown or malformed falls back to the default instead of breaking the host page.
 */
export function readOptions(get: (name: EmbedAttribute) => string | null, lang: Lang): EmbedOptions {
  const params = new URLSearchParams();
  for (const name of VIEW_ATTRIBUTES) {
    const value = get(name);
    if (value === null) continue;
    // Lists are forgiving of spaces and case (`FR, it`); the search text keeps its own.
    const cleaned = name === 'q' ? value.trim() : value.replace(/\s+/g, '');
    params.set(name, name === 'country' ? cleaned.toUpperCase() : name === 'q' ? cleaned : cleaned.toLowerCase());
  }
  const { sectors, countries, sizes, q, layers } = readState(params.toString(), lang);
  const accent = (get('accent') ?? '').trim();
  return {
    // `as-of`: a date (YYYY-MM-DD) or a year (its 31 December), as the map's time slider gives.
    view: { lang, sectors, countries, sizes, q, layers, asOf: readDate((get('as-of') ?? '').trim()) },
    camera: parseCamera(get),
    height: parseHeight(get('height')),
    theme: themeOf(get('theme')),
    accent: accent && accent.length <= 64 ? accent : null,
    interactive: isOn(get('interactive'), true),
    list: isOn(get('list'), false),
  };
}

const round = (n: number, digits: number) => String(Number(n.toFixed(digits)));

/** The attributes that reproduce these options, defaults left out, in a readable order. */
export function embedAttributes(options: EmbedOptions): [EmbedAttribute, string][] {
  // The embed shows active firms, as every default read does.
  const view = new URLSearchParams(writeState({ ...options.view, status: 'active', firm: null, nearby: null, stats: null, density: null }));
  // The URL's `asOf` is the element's `as-of` (attribute names are lower case).
  const attributes = [...view].map(([name, value]) => [name === 'asOf' ? 'as-of' : name, value]) as [EmbedAttribute, string][];
  const { camera } = options;
  if (camera && 'bbox' in camera) attributes.push(['bbox', camera.bbox.map((n) => round(n, 5)).join(',')]);
  if (camera && 'center' in camera) {
    attributes.push(['center', camera.center.map((n) => round(n, 4)).join(',')], ['zoom', round(camera.zoom, 2)]);
  }
  if (options.height !== DEFAULT_HEIGHT) attributes.push(['height', options.height.replace(/px$/, '')]);
  if (options.list) attributes.push(['list', '']);
  if (!options.interactive) attributes.push(['interactive', 'false']);
  if (options.theme !== 'light') attributes.push(['theme', options.theme]);
  if (options.accent) attributes.push(['accent', options.accent]);
  return attributes;
}

/** The full app's URL for this view, camera and selected firm (its `#map=` is MapLibre's hash). */
export function fullMapUrl(origin: string, view: EmbedView, camera: { center: [number, number]; zoom: number }, firm: number | null): string {
  const [lon, lat] = camera.center;
  return `${origin}/?${writeState({ ...view, status: 'active', firm, nearby: null, stats: null, density: null })}#map=${round(camera.zoom, 2)}/${round(lat, 4)}/${round(lon, 4)}`;
}
