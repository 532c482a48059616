import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { COLORS, FONTS } from './palette.ts';

/**
 * How links are drawn, by zoom: below TERRITORY_FLOWS_UNTIL one arc per pair of partner
 * territories (a GeoJSON source the app fills from /api/stats/links), then one arc per pair of
 * communes (the links tiles' flows) until SINGLE_LINKS_FROM, where every link is its own curve.
 * Arcs are as wide and as opaque as the app makes them for the flows in view (`width` and
 * `opacity` of territory flows; the paint of commune flows), the heaviest drawn on top.
 */
export const TERRITORY_FLOWS_UNTIL = 10;
export const SINGLE_LINKS_FROM = 12;
/**
 * Until this zoom the single links are drawn by the app (the `link-stubs` source,
 * web/src/map/flows/link-stubs.ts): a link with an end off screen as a short stub toward it.
 */
export const WHOLE_LINKS_FROM = 15;

const crossBorder: ExpressionSpecification = ['==', ['get', 'crossBorder'], true];
const domestic: ExpressionSpecification = ['!=', ['get', 'crossBorder'], true];
const isFlow: ExpressionSpecification = ['!', ['has', 'kind']];

/** Domestic flows are grey and dashed, cross-border ones magenta and solid: told apart without colour too. */
const flowLine = (id: string, cross: boolean, extra: Partial<LayerSpecification>): LayerSpecification => ({
  id,
  type: 'line',
  layout: { 'line-cap': cross ? 'round' : 'butt', 'line-sort-key': ['get', 'count'] },
  paint: {
    'line-color': cross ? COLORS.links : COLORS.domesticLinks,
    ...(cross ? {} : { 'line-dasharray': [2.2, 1.2] }),
  },
  ...extra,
} as LayerSpecification);

/** The territories' names at the flows' ends: above the firms, so that the pairs can be named, but clear of the clusters' numbers. */
export function flowLabelLayers(): LayerSpecification[] {
  return [
    {
      id: 'flow-node-labels',
      type: 'symbol',
      source: 'flow-nodes',
      maxzoom: TERRITORY_FLOWS_UNTIL,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': FONTS.bold,
        'text-size': 13,
        // Beside the node, on whichever side leaves the clusters' numbers readable.
        // Close to the node first; further out where clusters crowd it (offsets in ems).
        'text-variable-anchor-offset': [
          'top', [0, 0.6], 'bottom', [0, -0.6], 'left', [0.6, 0], 'right', [-0.6, 0],
          'top', [0, 1.8], 'bottom', [0, -1.8], 'left', [1.8, 0], 'right', [-1.8, 0],
        ],
        'text-padding': 0,
        'text-max-width': 9,
      },
      paint: { 'text-color': '#12344a', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
  ];
}

export function flowLayers(): LayerSpecification[] {
  return [
    // The flow in focus (hovered, or focused in the legend's list), under its own arc.
    {
      id: 'flows-highlight',
      type: 'line',
      source: 'flows',
      maxzoom: TERRITORY_FLOWS_UNTIL,
      filter: ['==', ['get', 'key'], ''],
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': '#12344a', 'line-opacity': 0.45, 'line-width': ['+', ['get', 'width'], 7] },
    },
    flowLine('flows-domestic', false, {
      source: 'flows', maxzoom: TERRITORY_FLOWS_UNTIL, filter: domestic,
      paint: { 'line-color': COLORS.domesticLinks, 'line-dasharray': [2.2, 1.2], 'line-width': ['get', 'width'], 'line-opacity': ['get', 'opacity'] },
    }),
    flowLine('flows-cross-border', true, {
      source: 'flows', maxzoom: TERRITORY_FLOWS_UNTIL, filter: crossBorder,
      paint: { 'line-color': COLORS.links, 'line-width': ['get', 'width'], 'line-opacity': ['get', 'opacity'] },
    }),
    // Where most of a pair's links go one way, an arrowhead in the middle of the arc says which.
    {
      id: 'flow-arrows',
      type: 'symbol',
      source: 'flows',
      maxzoom: TERRITORY_FLOWS_UNTIL,
      filter: ['==', ['get', 'arrow'], true],
      layout: {
        'symbol-placement': 'line-center',
        'icon-image': ['case', crossBorder, 'flow-arrow-cross-border', 'flow-arrow-domestic'],
        'icon-size': ['interpolate', ['linear'], ['get', 'width'], 2, 0.8, 14, 1.5],
        'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
    {
      id: 'flow-nodes',
      type: 'circle',
      source: 'flow-nodes',
      maxzoom: TERRITORY_FLOWS_UNTIL,
      paint: { 'circle-radius': 4.5, 'circle-color': '#ffffff', 'circle-stroke-color': '#12344a', 'circle-stroke-width': 2 },
    },
    flowLine('links-flows-domestic', false, {
      source: 'links', 'source-layer': 'links', minzoom: TERRITORY_FLOWS_UNTIL, maxzoom: SINGLE_LINKS_FROM,
      filter: ['all', isFlow, domestic],
      paint: { 'line-color': COLORS.domesticLinks, 'line-dasharray': [2.2, 1.2], 'line-width': 1.5, 'line-opacity': 0.6 },
    }),
    flowLine('links-flows-cross-border', true, {
      source: 'links', 'source-layer': 'links', minzoom: TERRITORY_FLOWS_UNTIL, maxzoom: SINGLE_LINKS_FROM,
      filter: ['all', isFlow, crossBorder],
      paint: { 'line-color': COLORS.links, 'line-width': 1.5, 'line-opacity': 0.7 },
    }),
    ...stubLayers(),
    // From WHOLE_LINKS_FROM, a link is its own curve, between two firms one can tell apart.
    {
      id: 'links-domestic',
      type: 'line',
      source: 'links',
      'source-layer': 'links',
      minzoom: WHOLE_LINKS_FROM,
      filter: ['all', ['has', 'kind'], domestic],
      paint: { 'line-color': COLORS.domesticLinks, 'line-opacity': 0.55, 'line-width': 1.3, 'line-dasharray': [2.2, 1.2] },
    },
    {
      id: 'links-cross-border',
      type: 'line',
      source: 'links',
      'source-layer': 'links',
      minzoom: WHOLE_LINKS_FROM,
      filter: ['all', ['has', 'kind'], crossBorder],
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': COLORS.links, 'line-opacity': 0.7, 'line-width': 1.6 },
    },
  ];
}

const isLine: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];
const dimmed: ExpressionSpecification = ['==', ['get', 'dim'], true];

/** The links of zoom 12–14 as the app draws them: whole links and stubs, the selected firm's on a dark halo. */
function stubLayers(): LayerSpecification[] {
  const zooms = { source: 'link-stubs', minzoom: SINGLE_LINKS_FROM, maxzoom: WHOLE_LINKS_FROM };
  return [
    {
      id: 'link-stubs-selected', type: 'line', ...zooms,
      filter: ['all', isLine, ['==', ['get', 'selected'], true]],
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': '#12344a', 'line-opacity': 0.5, 'line-width': 6 },
    },
    {
      id: 'link-stubs-domestic', type: 'line', ...zooms,
      filter: ['all', isLine, domestic],
      paint: {
        'line-color': COLORS.domesticLinks, 'line-dasharray': [2.2, 1.2],
        'line-opacity': ['case', dimmed, 0.2, 0.75], 'line-width': ['case', ['get', 'stub'], 3, 1.5],
      },
    },
    {
      id: 'link-stubs-cross-border', type: 'line', ...zooms,
      filter: ['all', isLine, crossBorder],
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': COLORS.links, 'line-opacity': ['case', dimmed, 0.2, 0.85], 'line-width': ['case', ['get', 'stub'], 3.5, 1.8] },
    },
    // A wider invisible line, so that a stub is easy to click.
    {
      id: 'link-stubs-hit', type: 'line', ...zooms,
      filter: ['all', isLine, ['==', ['get', 'stub'], true]],
      paint: { 'line-color': '#000000', 'line-opacity': 0, 'line-width': 14 },
    },
    {
      id: 'link-stub-labels', type: 'symbol', ...zooms,
      filter: ['==', ['geometry-type'], 'Point'],
      layout: {
        'text-field': ['get', 'label'], 'text-font': FONTS.bold, 'text-size': 11,
        'text-anchor': 'left', 'text-offset': [0.4, 0], 'text-allow-overlap': false, 'text-padding': 1,
      },
      paint: {
        'text-color': ['case', crossBorder, COLORS.links, '#4a5560'], 'text-halo-color': '#ffffff', 'text-halo-width': 2,
        'text-opacity': ['case', dimmed, 0.35, 1],
      },
    },
  ] as LayerSpecification[];
}

/** The line layers of zoom 12–14 links (what the map counts as link features there). */
export const STUB_LINE_LAYERS = ['link-stubs-domestic', 'link-stubs-cross-border'] as const;

/** The layers whose features are flows (the app sizes them, names them on hover, and counts them). */
export const FLOW_LAYERS = ['flows-domestic', 'flows-cross-border', 'links-flows-domestic', 'links-flows-cross-border'] as const;
