import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { atlasLayers, atlasSources } from './atlas.ts';
import { basemapLayers, basemapSources } from './basemap.ts';

/** The whole map style: the offline basemap with the Atlas layers above it, for these filters. */
export function atlasStyle(origin: string, lang: string, filters = ''): StyleSpecification {
  return {
    version: 8,
    name: 'Mont-Blanc Sector Atlas',
    center: [6.95, 45.95],
    zoom: 8.6,
    glyphs: `${origin}/fonts/{fontstack}/{range}.pbf`,
    sources: { ...basemapSources(origin), ...atlasSources(origin, filters) },
    layers: [...basemapLayers(lang), ...atlasLayers(lang)],
  };
}
