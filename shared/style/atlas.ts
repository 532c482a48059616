import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { SECTORS, type Sector } from '../vocabulary.ts';
import { localName } from './basemap.ts';
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
  };
}

/** The sector that most firms of a cluster belong to, as a colour. */
const dominantColor: ExpressionSpecification = [
  'case',
  ['all', ['>=', ['get', 'outdoor'], ['get', 'phyto_wellbeing']], ['>=', ['get', 'outdoor'], ['get', 'building_renovation']]],
  SECTOR_COLORS.outdoor,
  ['>=', ['get', 'phyto_wellbeing'], ['get', 'building_renovation']],
  SECTOR_COLORS.phyto_wellbeing,
  SECTOR_COLORS.building_renovation,
];

const sectorColor = ['match', ['get', 'sector'], ...SECTORS.flatMap((s) => [s, SECTOR_COLORS[s]]), '#888'] as unknown as ExpressionSpecification;

function densityLayer(sector: Sector): LayerSpecification {
  const color = SECTOR_COLORS[sector];
  return {
    id: `density-${sector}`,
    type: 'heatmap',
    source: 'density',
    'source-layer': 'density',
    filter: ['>', ['get', sector], 0],
    maxzoom: 15,
    paint: {
      // Each point is a grid cell: it weighs as many firms of the sector as it holds.
      'heatmap-weight': ['get', sector],
      'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 6, 0.12, 9, 0.4, 13, 1.2],
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 6, 18, 13, 40],
      'heatmap-opacity': 0.7,
      'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'], 0, 'rgba(255,255,255,0)', 0.1, `${color}33`, 0.5, `${color}99`, 1, color],
    },
  };
}

/** Layer ids grouped by what the legend switches on and off. */
export const LAYER_GROUPS = {
  companies: ['clusters', 'cluster-counts', 'companies', 'company-selected'],
  density: SECTORS.map((s) => `density-${s}`),
  links: ['links-domestic', 'links-cross-border'],
  territories: ['territory-towns', 'territory-labels', 'regions-outline'],
  actors: ['actors', 'actor-labels'],
} as const;

export type LayerGroup = keyof typeof LAYER_GROUPS;

export function atlasLayers(lang: string): LayerSpecification[] {
  return [
    ...SECTORS.map(densityLayer),
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
      id: 'links-domestic',
      type: 'line',
      source: 'links',
      'source-layer': 'links',
      minzoom: 9.5,
      filter: ['!=', ['get', 'crossBorder'], true],
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': COLORS.domesticLinks, 'line-opacity': 0.35, 'line-width': ['interpolate', ['linear'], ['get', 'count'], 1, 0.8, 8, 3] },
    },
    {
      id: 'links-cross-border',
      type: 'line',
      source: 'links',
      'source-layer': 'links',
      filter: ['==', ['get', 'crossBorder'], true],
      layout: { 'line-cap': 'round' },
      paint: {
        'line-color': COLORS.links,
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 7, 0.22, 11, 0.45],
        'line-width': ['interpolate', ['linear'], ['get', 'count'], 1, 0.7, 8, 4],
      },
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
    {
      id: 'clusters',
      type: 'circle',
      source: 'companies',
      'source-layer': 'companies',
      filter: ['>', ['get', 'count'], 1],
      paint: {
        'circle-color': dominantColor,
        'circle-opacity': 0.88,
        'circle-radius': ['step', ['get', 'count'], 11, 10, 14, 50, 17, 200, 21, 800, 25, 5000, 29],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'cluster-counts',
      type: 'symbol',
      source: 'companies',
      'source-layer': 'companies',
      filter: ['>', ['get', 'count'], 1],
      layout: {
        'text-field': [
          'case',
          ['>=', ['get', 'count'], 10_000],
          ['concat', ['to-string', ['round', ['/', ['get', 'count'], 1000]]], 'k'],
          ['>=', ['get', 'count'], 1000],
          ['concat', ['to-string', ['/', ['round', ['/', ['get', 'count'], 100]], 10]], 'k'],
          ['to-string', ['get', 'count']],
        ],
        'text-font': FONTS.bold,
        'text-size': 12,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
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
      id: 'actors',
      type: 'symbol',
      source: 'actors',
      layout: { 'icon-image': 'actor', 'icon-allow-overlap': true, 'icon-size': 1 },
    },
    {
      id: 'actor-labels',
      type: 'symbol',
      source: 'actors',
      minzoom: 10,
      layout: { 'text-field': localName(lang), 'text-font': FONTS.bold, 'text-size': 11, 'text-offset': [0, 1.3], 'text-anchor': 'top', 'text-max-width': 12, 'text-optional': true },
      paint: { 'text-color': COLORS.actor, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.5 },
    },
  ];
}
