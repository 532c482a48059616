import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { SECTORS } from '../vocabulary.ts';
import { localName } from './basemap.ts';
import { clusterCountLayer, clusterLayers } from './clusters.ts';
import { densityLayer } from './density.ts';
import { flowLabelLayers, flowLayers } from './flows.ts';
import { COLORS, FONTS, SECTOR_COLORS } from './palette.ts';

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/** TileJSON of a tile layer for the current filters (a query string such as `sector=outdoor`). */
export const tileJsonUrl = (origin: string, layer: 'companies' | 'density' | 'links', filters = '') =>
  `${origin}/api/tiles/${layer}.json${filters ? `?${filters}` : ''}`;

/**
 * Sources of the Atlas's own data. Firms and densities are vector tiles clustered by the server
 * for the current filters (so cluster counts always follow them, and the browser never downloads
 * the whole registry); the app swaps their URLs when the filters change.
 */
export function atlasSources(origin: string, filters = ''): Record<string, SourceSpecification> {
  return {
    companies: { type: 'vector', url: tileJsonUrl(origin, 'companies', filters), attribution: 'Mont-Blanc Sector Atlas' },
    density: { type: 'vector', url: tileJsonUrl(origin, 'density', filters) },
    links: { type: 'vector', url: tileJsonUrl(origin, 'links', filters) },
    actors: { type: 'geojson', data: `${origin}/api/actors` },
    territories: { type: 'geojson', data: `${origin}/geodata/communes.geojson` },
    nearby: { type: 'geojson', data: empty() },
    // Filled by the app from /api/stats/links and /api/territories (see TERRITORY_FLOWS_UNTIL).
    flows: { type: 'geojson', data: empty() },
    'flow-nodes': { type: 'geojson', data: empty() },
    // Filled by the app from /api/links over the view (see WHOLE_LINKS_FROM).
    'link-stubs': { type: 'geojson', data: empty() },
  };
}

const sectorColor = ['match', ['get', 'sector'], ...SECTORS.flatMap((s) => [s, SECTOR_COLORS[s]]), '#888'] as unknown as ExpressionSpecification;

/** Layer ids grouped by what the legend switches on and off. */
export const LAYER_GROUPS = {
  companies: ['clusters', 'cluster-rings', 'companies', 'company-selected', 'cluster-counts'],
  density: ['density'],
  links: [...flowLayers(), ...flowLabelLayers()].map((layer) => layer.id),
  territories: ['territory-towns', 'territory-labels', 'regions-outline'],
  actors: ['actors', 'actor-labels'],
} as const;

export type LayerGroup = keyof typeof LAYER_GROUPS;

/** The Atlas layers drawn under the basemap's labels: the density surface and the flows. */
export function atlasUnderLabels(): LayerSpecification[] {
  return [densityLayer(), ...flowLayers()];
}

/** The Atlas layers drawn over everything. */
export function atlasLayers(lang: string): LayerSpecification[] {
  return [
    {
      id: 'territory-towns',
      type: 'circle',
      source: 'territories',
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 2.5, 12, 6],
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': COLORS.territory,
        'circle-stroke-width': 1.2,
      },
    },
    {
      id: 'territory-labels',
      type: 'symbol',
      source: 'territories',
      minzoom: 10.5,
      layout: { 'text-field': ['get', 'name'], 'text-font': FONTS.regular, 'text-size': 10, 'text-offset': [0, 1], 'text-anchor': 'top', 'text-optional': true },
      paint: { 'text-color': COLORS.territory, 'text-halo-color': COLORS.halo, 'text-halo-width': 1 },
    },
    {
      id: 'nearby-circle',
      type: 'fill',
      source: 'nearby',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#1b4965', 'fill-opacity': 0.08, 'fill-outline-color': '#1b4965' },
    },
    {
      id: 'nearby-origin',
      type: 'circle',
      source: 'nearby',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 6, 'circle-color': '#1b4965', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
    },
    // Support organisations under the firms' rings (a diamond on a cluster would hide its count);
    // their names over the rings, but never over a cluster's number.
    {
      id: 'actors',
      type: 'symbol',
      source: 'actors',
      layout: { 'icon-image': 'actor', 'icon-allow-overlap': true, 'icon-size': 1 },
    },
    ...clusterLayers(),
    {
      id: 'companies',
      type: 'circle',
      source: 'companies',
      'source-layer': 'companies',
      filter: ['==', ['get', 'count'], 1],
      paint: {
        'circle-color': sectorColor,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 14, 7],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'company-selected',
      type: 'circle',
      source: 'companies',
      'source-layer': 'companies',
      filter: ['==', ['id'], -1],
      paint: { 'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111', 'circle-stroke-width': 3 },
    },
    {
      id: 'actor-labels',
      type: 'symbol',
      source: 'actors',
      minzoom: 10,
      layout: { 'text-field': localName(lang), 'text-font': FONTS.bold, 'text-size': 11, 'text-offset': [0, 1.3], 'text-anchor': 'top', 'text-max-width': 12, 'text-optional': true },
      paint: { 'text-color': COLORS.actor, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.5 },
    },
    ...flowLabelLayers(),
    clusterCountLayer(),
  ];
}
