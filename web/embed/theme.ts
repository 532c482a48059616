import type { Map as MapLibreMap } from 'maplibre-gl';

type PaintProperty = Parameters<MapLibreMap['setPaintProperty']>[1];

/**
 * The dark theme's basemap: the same map, night colours. Only the offline basemap's layers are
 * listed; an external basemap (ATLAS_BASEMAP_STYLE) lacks them and keeps its own colours.
 */
const NIGHT = '#1c242a';
const DARK_PAINT: [layer: string, property: PaintProperty, value: string][] = [
  ['background', 'background-color', NIGHT],
  ['land', 'fill-color', '#222b31'],
  ['lakes', 'fill-color', '#2b4a63'],
  ['lakes', 'fill-outline-color', '#3d6585'],
  ['country-borders', 'line-color', '#b4a6c9'],
  ['regions-outline', 'line-color', '#8a8072'],
  ['region-labels', 'text-color', '#b9ae9e'],
  ['region-labels', 'text-halo-color', NIGHT],
  ['town-labels', 'text-color', '#e8eaec'],
  ['town-labels', 'text-halo-color', NIGHT],
  ['lake-labels', 'text-color', '#9cc3e4'],
  ['lake-labels', 'text-halo-color', '#222b31'],
  ['peaks', 'circle-stroke-color', '#d9b994'],
  ['peak-labels', 'text-color', '#d9b994'],
  ['peak-labels', 'text-halo-color', NIGHT],
  ['territory-labels', 'text-halo-color', NIGHT],
  ['actor-labels', 'text-halo-color', NIGHT],
];

/** The light values, read from the style the first time, to go back to. */
const lightPaint = new WeakMap<MapLibreMap, Map<string, ReturnType<MapLibreMap['getPaintProperty']>>>();

export function applyTheme(map: MapLibreMap, theme: 'light' | 'dark'): void {
  if (!lightPaint.has(map)) {
    if (theme === 'light') return;
    lightPaint.set(map, new Map(DARK_PAINT.filter(([layer]) => map.getLayer(layer)).map(([layer, property]) => [`${layer}|${property}`, map.getPaintProperty(layer, property)])));
  }
  const light = lightPaint.get(map)!;
  for (const [layer, property, dark] of DARK_PAINT) {
    const key = `${layer}|${property}`;
    if (light.has(key)) map.setPaintProperty(layer, property, theme === 'dark' ? dark : light.get(key));
  }
}
