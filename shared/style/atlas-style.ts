import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { atlasLayers, atlasSources, atlasUnderLabels } from './atlas.ts';
import { basemapLayers, basemapSources } from './basemap.ts';

/**
 * The whole map style: the offline basemap with the Atlas layers, for these filters. The density
 * surface and the flows go under the basemap's labels, so town names stay readable over them;
 * firms, territories and support organisations go on top.
 */
export function atlasStyle(origin: string, lang: string, filters = ''): StyleSpecification {
  const basemap = basemapLayers(lang);
  return {
    version: 8,
    name: 'Mont-Blanc Sector Atlas',
    center: [6.95, 45.95],
    zoom: 8.6,
    glyphs: `${origin}/fonts/{fontstack}/{range}.pbf`,
    sources: { ...basemapSources(origin), ...atlasSources(origin, filters) },
    layers: [
      ...basemap.filter((layer) => layer.type !== 'symbol'),
      ...atlasUnderLabels(),
      ...basemap.filter((layer) => layer.type === 'symbol'),
      ...atlasLayers(lang),
    ],
  };
}
