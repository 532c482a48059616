import type { ExpressionSpecification, FilterSpecification, LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import { TERRITORY_FLOWS_UNTIL } from './flows.ts';
import { COLORS, FONTS } from './palette.ts';

/** The offline basemap: sources read from the app's own /geodata files, nothing from outside. */
export function basemapSources(origin: string): Record<string, SourceSpecification> {
  const geojson = (file: string, attribution: string): SourceSpecification => ({
    type: 'geojson',
    data: `${origin}/geodata/${file}.geojson`,
    attribution,
  });
  return {
    countries: geojson('countries', '© OpenStreetMap contributors (ODbL)'),
    regions: geojson('regions', 'Natural Earth'),
    lakes: geojson('lakes', '© OpenStreetMap contributors (ODbL)'),
    towns: geojson('towns', 'GeoNames (CC BY 4.0)'),
    peaks: geojson('peaks', 'Summits: public sources'),
    disputed: geojson('disputed', '© OpenStreetMap contributors (ODbL)'),
  };
}

/** A label in the chosen language when the feature has one (`name_fr`...), else its own name. */
export const localName = (lang: string): ExpressionSpecification => ['coalesce', ['get', `name_${lang}`], ['get', 'name']];

/** A summit's name in the chosen language, with its height when it has one. */
export const peakLabel = (lang: string): ExpressionSpecification => [
  'case',
  ['has', 'elevation_m'],
  ['concat', localName(lang), '\n', ['to-string', ['get', 'elevation_m']], ' m'],
  localName(lang),
];

/**
 * Which towns are named: the larger ones first as the map zooms in, but not a town whose name a
 * flow's end already writes there (the district of Martigny is labelled "Martigny" beside the
 * town of Martigny): `namedByFlows` are those labels, drawn below TERRITORY_FLOWS_UNTIL only.
 */
export function townLabelFilter(namedByFlows: readonly string[] = []): FilterSpecification {
  const ranked: ExpressionSpecification = ['<=', ['coalesce', ['get', 'rank'], 4], ['step', ['zoom'], 1, 8, 2, 9.5, 3, 11, 4]];
  if (namedByFlows.length === 0) return ranked;
  const unnamed: ExpressionSpecification = ['!', ['in', ['get', 'name'], ['literal', [...namedByFlows]]]];
  return ['all', ranked, ['step', ['zoom'], unnamed, TERRITORY_FLOWS_UNTIL, true]];
}

const halo = { 'text-halo-color': COLORS.halo, 'text-halo-width': 1.4, 'text-color': COLORS.town };

export function basemapLayers(lang: string): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': COLORS.background } },
    { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': COLORS.land } },
    // Each piece of a lake's outline only up to the zoom it supports (geodata/build/lakes.ts): a
    // coarse outline is left out rather than drawn wrong; the lake's name stays at its point.
    {
      id: 'lakes',
      type: 'fill',
      source: 'lakes',
      filter: ['all', ['==', ['geometry-type'], 'Polygon'], ['<', ['zoom'], ['get', 'maxzoom']]],
      paint: { 'fill-color': COLORS.water, 'fill-outline-color': COLORS.waterLine },
    },
    {
      id: 'regions-outline',
      type: 'line',
      source: 'regions',
      paint: { 'line-color': COLORS.region, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.6, 12, 1.6], 'line-dasharray': [3, 2] },
    },
    // The French and Italian claims overlap at the summit: the overlap is shown as such, not resolved.
    { id: 'disputed-fill', type: 'fill', source: 'disputed', paint: { 'fill-color': COLORS.disputed, 'fill-opacity': 0.25 } },
    {
      id: 'country-borders',
      type: 'line',
      source: 'countries',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.2, 12, 2.6] },
    },
    {
      id: 'region-labels',
      type: 'symbol',
      source: 'regions',
      maxzoom: 9,
      layout: {
        'text-field': localName(lang),
        'text-font': FONTS.bold,
        'text-size': 13,
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.15,
        'symbol-placement': 'point',
      },
      paint: { 'text-color': COLORS.region, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.5 },
    },
    {
      id: 'lake-labels',
      type: 'symbol',
      source: 'lakes',
      filter: ['all', ['==', ['geometry-type'], 'Point'], ['>=', ['get', 'area_km2'], ['step', ['zoom'], 20, 9, 5, 11, 0]]],
      layout: { 'text-field': localName(lang), 'text-font': FONTS.regular, 'text-size': 12, 'text-max-width': 7 },
      paint: { 'text-color': '#3c6e94', 'text-halo-color': COLORS.water, 'text-halo-width': 1 },
    },
    {
      id: 'peaks',
      type: 'circle',
      source: 'peaks',
      minzoom: 8,
      paint: {
        'circle-radius': 3,
        'circle-color': ['match', ['get', 'kind'], 'peak', COLORS.peak, '#ffffff'],
        'circle-stroke-color': COLORS.peak,
        'circle-stroke-width': 1.2,
      },
    },
    {
      id: 'peak-labels',
      type: 'symbol',
      source: 'peaks',
      minzoom: 8,
      layout: {
        'text-field': peakLabel(lang),
        'text-font': FONTS.regular,
        'text-size': 11,
        'text-offset': [0, 0.9],
        'text-anchor': 'top',
      },
      paint: { ...halo, 'text-color': COLORS.peak },
    },
    {
      id: 'town-labels',
      type: 'symbol',
      source: 'towns',
      filter: townLabelFilter(),
      layout: {
        'text-field': ['get', 'name'],
        'text-font': ['step', ['coalesce', ['get', 'rank'], 4], ['literal', FONTS.bold], 3, ['literal', FONTS.regular]],
        'text-size': ['match', ['coalesce', ['get', 'rank'], 4], 1, 14, 2, 12.5, 11],
        'symbol-sort-key': ['coalesce', ['get', 'rank'], 4],
      },
      paint: halo,
    },
  ];
}
