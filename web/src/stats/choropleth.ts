import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Sector } from '../../../shared/vocabulary.ts';
import { FONTS } from '../../../shared/style/palette.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import type { StatsData } from './data.ts';
import { type ColourClass, type Figure, NO_VALUE_COLOUR, colourClasses, colourOf, figureLabel, figureValue, formatFigure, rowsOf } from './figures.ts';

/**
 * The territories on the map by the chosen figure: outlines filled by class (a choropleth) where
 * a territory has an outline, and a circle at its communes' middle where it has none (partner
 * territories are lists of communes; no outline is drawn that the sources do not give).
 */

export const STATS_LAYERS = ['stats-fill', 'stats-outline', 'stats-circles', 'stats-labels'] as const;

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

function addLayers(map: MapLibreMap) {
  if (map.getSource('stats-areas')) return;
  map.addSource('stats-areas', { type: 'geojson', data: empty() });
  map.addSource('stats-points', { type: 'geojson', data: empty() });
  // Fills go under the firms and links, symbols on top of everything.
  const under = map.getLayer('density') ? 'density' : undefined;
  map.addLayer({ id: 'stats-fill', type: 'fill', source: 'stats-areas', paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.72 } }, under);
  map.addLayer({ id: 'stats-outline', type: 'line', source: 'stats-areas', paint: { 'line-color': '#4a4a4a', 'line-width': 1.2 } }, under);
  map.addLayer({
    id: 'stats-circles',
    type: 'circle',
    source: 'stats-points',
    filter: ['!', ['get', 'outlined']],
    paint: {
      'circle-color': ['get', 'colour'],
      'circle-radius': ['get', 'radius'],
      'circle-opacity': 0.9,
      'circle-stroke-color': '#333333',
      'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: 'stats-labels',
    type: 'symbol',
    source: 'stats-points',
    layout: { 'text-field': ['get', 'label'], 'text-font': FONTS.bold, 'text-size': 12, 'text-allow-overlap': true, 'text-line-height': 1.15 },
    paint: { 'text-color': '#1e2a32', 'text-halo-color': '#ffffff', 'text-halo-width': 1.8 },
  });
}

export function removeStatsLayers(map: MapLibreMap) {
  for (const id of [...STATS_LAYERS].reverse()) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of ['stats-areas', 'stats-points']) if (map.getSource(id)) map.removeSource(id);
}

export type MapFigure = { figure: Figure; sector: Sector | null };

/** Draws the figure on the map and returns its legend. */
export function showChoropleth(map: MapLibreMap, data: StatsData, view: MapFigure, t: Translator): HTMLElement {
  addLayers(map);
  const values = new Map(data.territories.map((x) => [x.id, figureValue(view.figure, rowsOf(data.firms.rows, x.id, view.sector))]));
  const firms = new Map(data.territories.map((x) => [x.id, figureValue('firms', rowsOf(data.firms.rows, x.id, view.sector)) ?? 0]));
  const classes = colourClasses(view.figure, [...values.values()]);
  const maxFirms = Math.max(1, ...firms.values());
  const outlined = new Set(data.outlines.features.map((f) => f.id));
  const properties = (id: string) => ({ id, colour: colourOf(classes, values.get(id) ?? null) });

  const areas: Feature<MultiPolygon>[] = data.outlines.features.map((f) => ({ ...f, properties: properties(String(f.id)) }));
  const points: Feature<Point>[] = data.territories.map((x) => ({
    type: 'Feature',
    id: x.id,
    geometry: { type: 'Point', coordinates: x.labelPoint },
    properties: {
      ...properties(x.id),
      outlined: outlined.has(x.id),
      // Area, not radius, in proportion to the firms counted.
      radius: 9 + 23 * Math.sqrt((firms.get(x.id) ?? 0) / maxFirms),
      label: `${x.shortNames[t.lang]}\n${formatFigure(view.figure, values.get(x.id) ?? null, t)}`,
      value: values.get(x.id) ?? null,
    },
  }));
  (map.getSource('stats-areas') as GeoJSONSource).setData({ type: 'FeatureCollection', features: areas });
  (map.getSource('stats-points') as GeoJSONSource).setData({ type: 'FeatureCollection', features: points });
  return legend(view, classes, points.some((p) => !p.properties!.outlined), t);
}

function legend(view: MapFigure, classes: ColourClass[], circles: boolean, t: Translator): HTMLElement {
  const range = (c: ColourClass) =>
    c.to === null ? `≥ ${formatFigure(view.figure, c.from, t)}` : `${formatFigure(view.figure, c.from, t)} – ${formatFigure(view.figure, c.to, t)}`;
  const swatch = (colour: string) => h('span', { class: 'legend-swatch', style: `background:${colour}`, 'aria-hidden': 'true' });
  return h('div', { class: 'stats-legend-body' },
    h('p', { class: 'legend-title' }, figureLabel(view.figure, t)),
    h('p', { class: 'legend-sub' }, view.sector ? t.t(`sector.${view.sector}`) : t.t('allSectors')),
    h('ul', {},
      classes.map((c) => h('li', {}, swatch(c.colour), range(c))),
      h('li', {}, swatch(NO_VALUE_COLOUR), t.t('noFirm'))),
    circles && h('p', { class: 'legend-note' }, t.t('circleSize')));
}
